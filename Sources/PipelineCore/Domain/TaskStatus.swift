/// Status of a task as stored and as the API reports it.
public enum TaskStatus: String, CaseIterable, Sendable, Codable {
    case pending
    case inProgress = "in_progress"
    case partialCompleted = "partial_completed"
    case completed
    case failed
}

/// Status of one step row.
public enum StepStatus: String, CaseIterable, Sendable, Codable {
    case pending
    case running
    case completed
    case failed
    /// Disabled by the task's flags in a complete run.
    case skipped
}

/// The list routes' one-word summary of a task's steps (predecessor §3.4), first matching rule wins:
/// failed > running > all_completed > partial_completed > pending.
public enum StepSummary: String, Sendable, Codable {
    case failed
    case running
    case allCompleted = "all_completed"
    case partialCompleted = "partial_completed"
    case pending

    public init(_ statuses: [StepStatus]) {
        if statuses.contains(.failed) {
            self = .failed
        } else if statuses.contains(.running) {
            self = .running
        } else if statuses.contains(.completed), statuses.allSatisfy({ $0 == .completed || $0 == .skipped }) {
            self = .allCompleted
        } else if statuses.contains(.completed) {
            self = .partialCompleted
        } else {
            self = .pending
        }
    }
}

extension TaskStatus {
    /// A finished run's task status from all step rows (API.md §2.4): any failed → failed; every step that is not
    /// skipped completed → completed; some completed → partial_completed; otherwise pending.
    public static func derived(from statuses: [StepStatus]) -> TaskStatus {
        if statuses.contains(.failed) { return .failed }
        let enabled = statuses.filter { $0 != .skipped }
        if !enabled.isEmpty, enabled.allSatisfy({ $0 == .completed }) { return .completed }
        if enabled.contains(.completed) { return .partialCompleted }
        return .pending
    }
}
