import Foundation
import PipelineCore

/// The run's recorder, which stops the heartbeat (waiting for a beat in flight) before the run's final write:
/// a beat after `finish` finds the task no longer running and would be taken for a cancel request.
final class HeartbeatStoppingRecorder: ExecutionRecorder {
    private let inner: ExecutionRecorder
    private let heartbeat: Heartbeat

    init(_ inner: ExecutionRecorder, heartbeat: Heartbeat) {
        self.inner = inner
        self.heartbeat = heartbeat
    }

    func register(pid: Int32, host: String, now: Date) throws -> Bool { try inner.register(pid: pid, host: host, now: now) }
    func prepareSteps(_ statuses: [StepName: StepStatus], now: Date) throws { try inner.prepareSteps(statuses, now: now) }
    func stepStarted(_ step: StepName, stepExecutionID: String, now: Date) throws {
        try inner.stepStarted(step, stepExecutionID: stepExecutionID, now: now)
    }
    func stepFinished(_ step: StepName, status: StepStatus, errorMessage: String?, now: Date) throws {
        try inner.stepFinished(step, status: status, errorMessage: errorMessage, now: now)
    }
    func stepStatuses() throws -> [StepName: StepStatus] { try inner.stepStatuses() }
    func storedResult() throws -> JSONValue? { try inner.storedResult() }
    func heartbeat(progress: StepProgress?, now: Date) throws -> Bool { try inner.heartbeat(progress: progress, now: now) }

    func finish(status: TaskStatus, errorMessage: String?, result: JSONValue?, now: Date) throws {
        heartbeat.stop()
        try inner.finish(status: status, errorMessage: errorMessage, result: result, now: now)
    }
}
