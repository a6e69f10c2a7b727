/// Domain errors with stable meanings; the API maps them to HTTP in one place (`ErrorMapping`).
/// The associated texts are user-facing Chinese messages unless said otherwise.
public enum PipelineError: Error, Equatable, Sendable {
    case taskNotFound(TaskID)
    /// A file of a task is missing; the associated value is the file name as requested.
    case fileNotFound(String)
    /// Input that is present but wrong.
    case invalidInput(String)
    /// Required input is absent; `parameters` are the wire names.
    case missingParameters(String, parameters: [String])
    /// The task is running, or another state forbids the operation.
    case conflict(String)
    case payloadTooLarge(String)
    /// The state database cannot be reached; the request may be retried.
    case stateStoreUnavailable
    /// The business database named by the request cannot be reached or queried; the reason has no password.
    case businessDatabaseFailure(String)
    /// The business database cannot be reached at all (connection refused or lost); the request may be retried.
    case businessDatabaseUnavailable(String)
    /// Anything else; the associated text is for the log only, never for the client.
    case internalFailure(String)
}
