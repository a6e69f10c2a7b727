import Foundation

/// How a worker records its execution in the state database. Every write is guarded by the execution id, so a
/// worker whose claim was taken over (lost, then re-executed) can no longer change the task.
/// Instances are confined to one thread (the heartbeat uses its own).
public protocol ExecutionRecorder: AnyObject {
    /// Records this process as the execution's worker; false when the execution is no longer the task's current one.
    func register(pid: Int32, host: String, now: Date) throws -> Bool
    /// Sets the step rows a run starts from (complete mode: all pending, disabled ones skipped).
    func prepareSteps(_ statuses: [StepName: StepStatus], now: Date) throws
    func stepStarted(_ step: StepName, stepExecutionID: String, now: Date) throws
    func stepFinished(_ step: StepName, status: StepStatus, errorMessage: String?, now: Date) throws
    /// Every step's current status.
    func stepStatuses() throws -> [StepName: StepStatus]
    /// The task's stored `result` (per-step summaries of earlier runs), if any.
    func storedResult() throws -> JSONValue?
    /// Ends the execution: task status, error, result; clears progress.
    func finish(status: TaskStatus, errorMessage: String?, result: JSONValue?, now: Date) throws
    /// Beats the heartbeat with the current progress; false when the run must stop (cancel requested, claim lost).
    func heartbeat(progress: StepProgress?, now: Date) throws -> Bool
}
