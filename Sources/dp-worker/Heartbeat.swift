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

    init(recorder: ExecutionRecorder, progress: ProgressBoard, cancellation: CancellationToken, interval: Double) {
        self.recorder = recorder
        self.progress = progress
        self.cancellation = cancellation
        self.interval = interval
    }

    func start(onStopRequested: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while !waitOrStop() {
                if (try? recorder.heartbeat(progress: progress.value, now: Date())) == false, !cancellation.isCancelled {
                    cancellation.cancel()
                    onStopRequested()
                }
            }
        }
        thread.start()
    }

    func stop() {
        stopped.lock()
        isStopped = true
        stopped.broadcast()
        stopped.unlock()
    }

    /// Waits one interval; true when stopped.
    private func waitOrStop() -> Bool {
        stopped.lock()
        defer { stopped.unlock() }
        if !isStopped { _ = stopped.wait(until: Date().addingTimeInterval(interval)) }
        return isStopped
    }
}
