import Foundation
import PipelineCore

/// What every step works with: the task, its directory and log, and the run's progress and cancellation.
public struct StepContext: Sendable {
    public var taskID: TaskID
    public var directory: TaskDirectory
    public var parameters: TaskParameters
    public var vectorFlags: VectorFlags
    public var log: TaskLog
    public var progress: ProgressBoard
    public var cancellation: CancellationToken
    public var clock: @Sendable () -> Date

    public init(taskID: TaskID, directory: TaskDirectory, parameters: TaskParameters, vectorFlags: VectorFlags,
                log: TaskLog, progress: ProgressBoard, cancellation: CancellationToken,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.taskID = taskID
        self.directory = directory
        self.parameters = parameters
        self.vectorFlags = vectorFlags
        self.log = log
        self.progress = progress
        self.cancellation = cancellation
        self.clock = clock
    }
}

/// One of the four pipeline steps.
public protocol PipelineStep: Sendable {
    /// The step's own summary type.
    associatedtype Summary: StepResultSummary
    var name: StepName { get }
    /// Runs the step and returns its summary (written to `<step>_result.json` and the task's `result`).
    /// Throws `StepFailure` with a user-facing Chinese message, or `ExecutionCancelled`.
    func run(_ context: StepContext) throws -> Summary
}

/// A step that could not do its job; the message becomes the step's and the task's `error_message`.
public struct StepFailure: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Steps whose implementation is not part of this build yet: they fail clearly instead of pretending.
public struct UnavailableStep: PipelineStep {
    public let name: StepName

    public init(_ name: StepName) {
        self.name = name
    }

    public func run(_ context: StepContext) throws -> Never {
        throw StepFailure("该步骤尚未实现: \(name.rawValue)")
    }
}
