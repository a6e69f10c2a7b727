import Foundation
import PipelineCore

/// Beats every `interval` seconds on its own connection with the current progress, and sooner — at most every
/// `progressTick` seconds — when the progress moved (a table, theme or pair batch done), so that a step shorter than
/// the interval still shows a moving bar; when the run must stop (cancel requested, claim lost) it cancels the
/// token. A database outage only delays beats: the run goes on.
final class Heartbeat: @unchecked Sendable {
    private let recorder: ExecutionRecorder
    private let progress: ProgressBoard
    private let cancellation: CancellationToken
    private let interval: Double
    /// How often the progress is looked at between beats (one `UPDATE` per tick at most, only when it moved).
    private let progressTick = 0.25
    private var lastWritten: StepProgress?
    private var lastBeat = Date.distantPast
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
                let current = progress.value
                guard current != lastWritten || Date().timeIntervalSince(lastBeat) >= interval else { continue }
                beating.lock()
                // Stopped while waiting for the lock: the run has written its end, a beat now would find it over.
                let keepGoing = stoppedNow ? true : (try? recorder.heartbeat(progress: current, now: Date()))
                beating.unlock()
                // A failed beat counts too: during an outage the next try waits for new progress or the interval.
                lastBeat = Date()
                lastWritten = current
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

    /// Waits one progress tick (never past the next due beat); true when stopped.
    private func waitOrStop() -> Bool {
        stopped.lock()
        defer { stopped.unlock() }
        let due = lastBeat.addingTimeInterval(interval)
        if !isStopped { _ = stopped.wait(until: min(due, Date().addingTimeInterval(progressTick))) }
        return isStopped
    }
}
