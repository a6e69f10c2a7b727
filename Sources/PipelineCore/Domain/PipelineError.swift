/// Domain errors as typed reasons: what went wrong and with what (table, file, field), never wording or HTTP status.
/// The Chinese texts live in `PipelineWording` (one catalogue for the API's answers and the worker's
/// `error_message`); the HTTP status lives in the API's `ErrorMapping`.
public enum PipelineError: Error, Equatable, Sendable {
    case taskNotFound(TaskID)
    /// A file of a task is missing; the associated value is the file name as requested.
    case fileNotFound(String)
    /// A table list (request body, uploaded or server-side file) breaks the contract's rules.
    case tableList(TableListProblem)
    /// An upload's name differs from an existing file's only in Unicode normalization (NFC/NFD).
    case fileNameUnicodeTwin(existing: String, requested: String)
    /// Every backup version number of an uploaded file is taken.
    case uploadBackupVersionsExhausted
    /// Drift needs the task's table documents (`*.ddl`) and there are none: the task never ran step 1.
    case driftWithoutTableDocuments
    /// A vector backup's timestamp cannot name a file.
    case invalidBackupTimestamp(String)
    /// The business connection URL is refused by `BusinessConnectionPolicy` (before any connection).
    case connectionRefused(ConnectionRefusal)
    /// A business session, once opened, is refused by the connection guard (the server's own identity).
    case sessionRefused(SessionRefusal)
    /// The SQL of a request may not run or the server rejected it; the reason is the SQL gate's or the server's
    /// one-line text (the gate's refusals are not typed yet).
    case sqlRejected(String)
    /// The state database cannot be reached; the request may be retried.
    case stateStoreUnavailable
    /// The business database named by the request cannot be queried; the server's one-line reason, no password.
    case businessDatabaseFailure(String)
    /// The business database cannot be reached at all (connection refused or lost); the request may be retried.
    case businessDatabaseUnavailable(String)
    /// Anything else; the associated text is for the log only, never for the client.
    case internalFailure(String)
}

/// Where a table list came from; the wording names the file for the file routes.
public enum TableListSource: Equatable, Sendable, CaseIterable {
    /// `tables` of a JSON body.
    case request
    /// An uploaded `.txt` file.
    case uploadedFile
    /// A list file in the server's configured directory (task creation).
    case serverFile
}

/// Why a table list is refused.
public enum TableListProblem: Equatable, Sendable {
    /// Names that are no valid table name, as shown back (at most five, each cut to 80 characters).
    case invalidNames([String], source: TableListSource)
    case empty(TableListSource)
    case tooMany(limit: Int)
}

/// Why `BusinessConnectionPolicy` refuses a URL. No case carries a value from the URL (a malformed URL can put part
/// of a password where libpq reads a host or port), except a known libpq keyword.
public enum ConnectionRefusal: Equatable, Sendable {
    case notAPostgresURL
    case hostOption
    case invalidPort
    case invalidSSLMode
    case invalidTargetSessionAttrs
    case invalidConnectTimeout
    case invalidApplicationName
    /// An option outside `BusinessConnectionPolicy.allowedOptions`; `keyword` is nil when it is no libpq keyword
    /// (an unknown "key" may be part of a mangled password, so it is not named back).
    case optionNotAllowed(keyword: String?)
    case missingHost
    case unixSocket
    case hostNotAllowed
}

/// Why the connection guard refuses an opened business session.
public enum SessionRefusal: Equatable, Sendable, CaseIterable {
    case viaUnixSocket
    case stateDatabase
    case superuserOnStateCluster
}
