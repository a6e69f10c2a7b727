import Foundation
import PipelineCore

/// Beats every `interval` seconds on its own connection with the current progress; when the run must stop (cancel
/// requested, claim lost) it cancels the token. A database outage only delays beats: the run goes on.
final class Heartbeat: @unchecked Sendable {
    private let recorder: ExecutionRecorder
    private let progress: ProgressBoard
    private let cancellation: CancellationToken
    private let interval: Double
    private let stopped = NSCondition()
    private var isStopped = false
    /// Held for one beat: `stop()` takes it to wait for a beat in flight.
    private let beating = NSLock()

    init(recorder: ExecutionRecorder, progress: ProgressBoard, cancellation: CancellationToken, interval: Double) {
        self.recorder = recorder
        self.progress = progress
        self.cancellation = cancellation
        self.interval = interval
    }

    func start(onStopRequested: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while !waitOrStop() {
                beating.lock()
                // Stopped while waiting for the lock: the run has written its end, a beat now would find it over.
                let keepGoing = stoppedNow ? true : (try? recorder.heartbeat(progress: progress.value, now: Date()))
                beating.unlock()
                if keepGoing == false, !cancellation.isCancelled {
                    cancellation.cancel()
                    onStopRequested()
                }
            }
        }
        thread.start()
    }

    /// Stops beating; returns after a beat in flight has ended, so no beat follows the run's final write.
    func stop() {
        stopped.lock()
        isStopped = true
        stopped.broadcast()
        stopped.unlock()
        beating.lock()
        beating.unlock()
    }

    private var stoppedNow: Bool {
        stopped.lock()
        defer { stopped.unlock() }
        return isStopped
    }

    /// Waits one interval; true when stopped.
    private func waitOrStop() -> Bool {
        stopped.lock()
        defer { stopped.unlock() }
        if !isStopped { _ = stopped.wait(until: Date().addingTimeInterval(interval)) }
        return isStopped
    }
}
