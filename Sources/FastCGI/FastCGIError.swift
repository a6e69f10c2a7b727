import Glibc

/// Why a FastCGI server could not start.
public struct FastCGIError: Error, CustomStringConvertible, Sendable {
    /// A stable identifier for the kind of failure.
    public enum Code: String, Sendable {
        case invalidConfiguration = "invalid_configuration"
        case libraryInitializationFailed = "library_initialization_failed"
        case socketUnavailable = "socket_unavailable"
        case alreadyStarted = "already_started"
        case threadStartFailed = "thread_start_failed"
    }

    /// The kind of failure.
    public let code: Code
    /// One line for the operator, naming the path or setting at fault and the system's reason.
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// `errno` as a readable reason, e.g. "Permission denied".
    static func reason(_ errorNumber: Int32) -> String {
        String(cString: strerror(errorNumber))
    }
}
