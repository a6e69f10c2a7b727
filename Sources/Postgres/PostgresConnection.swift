import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection, confined to the thread that created it (not `Sendable`); closed in `deinit`.
public final class PostgresConnection {
    /// The `PGconn*`; never nil after a successful init.
    let handle: OpaquePointer
    private let notices = PostgresNoticeBuffer()
    /// Passwords from the URL and from libpq, masked in every error this connection produces.
    let secrets: [String]

    /// Connects with `PQconnectdbParams` (the URL or conninfo string is expanded). Defaults that the URL may
    /// override: `connect_timeout=5`, `client_encoding=UTF8`, `application_name`. Then sets the session's
    /// `TimeZone` to `UTC` and `DateStyle` to `ISO, MDY`, which the date decoding relies on.
    /// `startupOptions` (libpq `options`, e.g. `-c default_transaction_read_only=on`) are session settings sent
    /// with the connection request itself: no statement of their own. `options` are further libpq keywords with
    /// defaults the URL may override (e.g. TCP keepalives).
    public init(url: String, applicationName: String = "dp", startupOptions: String? = nil,
                options: [(String, String)] = []) throws(PostgresError) {
        // Defaults come before `dbname`: with expand_dbname the expanded URL overrides earlier entries.
        var keywords = ["connect_timeout", "client_encoding", "application_name"]
        var values = ["5", "UTF8", applicationName]
        if let startupOptions {
            keywords.append("options")
            values.append(startupOptions)
        }
        keywords += options.map(\.0) + ["dbname"]
        values += options.map(\.1) + [url]
        let urlSecrets = PostgresURL.passwords(in: url)
        let connection = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        var secrets = urlSecrets
        if let password = PQpass(connection).map({ String(cString: $0) }), !password.isEmpty {
            secrets.append(password)
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PQerrorMessage(connection).map { String(cString: $0) }
            PQfinish(connection)
            throw PostgresError(kind: .connection, message: message, connectionWasBad: true, secrets: secrets)
        }
        self.handle = connection
        self.secrets = secrets
        notices.install(on: connection)
        try applySessionSettings()
    }

    deinit {
        PQfinish(handle)
    }

    /// Where the connection stands with respect to transactions.
    public var transactionStatus: PostgresTransactionStatus {
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_ACTIVE: return .active
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .inError
        default: return .unknown
        }
    }

    /// True when libpq knows the connection is broken (`PQstatus == CONNECTION_BAD`). A connection whose server
    /// restarted looks fine until it is used.
    public var isBad: Bool { PQstatus(handle) == CONNECTION_BAD }

    /// The server version as an integer, e.g. `150018` for 15.18.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// The last NOTICE/WARNING messages the server sent (at most 32), oldest first.
    public var lastNotices: [String] { notices.notices }

    /// Forgets the kept notices.
    public func clearNotices() {
        notices.removeAll()
    }

    /// Closes and reopens the connection with the same parameters (`PQreset`), then re-applies session settings.
    public func reset() throws(PostgresError) {
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = PQerrorMessage(handle).map { String(cString: $0) }
            throw PostgresError(kind: .connection, message: message, connectionWasBad: true, secrets: secrets)
        }
        try applySessionSettings()
    }

    /// Quotes an identifier (schema, table, column name) for SQL: always double-quoted, embedded `"` doubled,
    /// NUL removed (PostgreSQL cannot store it). The one identifier-quoting function of the project.
    /// Note PostgreSQL truncates identifiers longer than 63 bytes.
    public static func quoteIdentifier(_ name: String) -> String {
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        // Unicode scalars, not Characters: `"` followed by a combining mark is one Character but still a quote.
        for scalar in name.unicodeScalars where scalar != "\0" {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    private func applySessionSettings() throws(PostgresError) {
        try execute(PostgresQuery(
            "SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO, MDY', false)"
        ))
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the duration of the call.
func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let duplicates = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    return body(duplicates.map { UnsafePointer($0) } + [nil])
}
