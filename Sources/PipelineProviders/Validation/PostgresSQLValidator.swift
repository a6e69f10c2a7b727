import Foundation
import PipelineCore
import Postgres

/// `SQLValidator` for a PostgreSQL business database (step 3), over a small pool of libpq connections.
///
/// Each SQL must first pass `ReadOnlySQL` (rejected texts never reach the database), then every function it calls is
/// resolved in the database's catalog and a volatile one refused (`FunctionVolatility`). It is then planned with
/// `EXPLAIN <sql>` — planned, not executed — sent alone through `PQexecParams` (which refuses a second statement)
/// inside `BEGIN READ ONLY` with a transaction-local `statement_timeout`; the transaction must still be open
/// afterwards and is always rolled back. A lost connection is retried on a new one up to `maxRetries` times;
/// only a database that cannot be reached at all throws. Safe to call from several threads.
public final class PostgresSQLValidator: SQLValidator, Sendable {
    private let pool: PostgresConnectionPool
    private let counter = StatementCounter()
    private let timeoutMilliseconds: Int
    private let maxRetries: Int
    private let volatility = FunctionVolatility()

    /// Stores the URL; nothing connects until the first call. `statementTimeoutMilliseconds` is at least 1
    /// (PostgreSQL reads 0 as "no timeout").
    public init(
        connectionURL: String, maxConnections: Int = 4, statementTimeoutMilliseconds: Int = 10_000, maxRetries: Int = 2,
        connectionGuard: BusinessConnectionGuard? = nil
    ) {
        pool = PostgresConnectionPool(url: connectionURL, capacity: maxConnections, applicationName: "dp-sql-validation",
                                      verify: { try connectionGuard?.verify($0) })
        timeoutMilliseconds = max(1, statementTimeoutMilliseconds)
        self.maxRetries = max(0, maxRetries)
    }

    public func validate(_ sql: String) throws -> SQLVerdict {
        let started = ContinuousClock.now
        func elapsed() -> Double {
            let duration = ContinuousClock.now - started
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        var retries = 0
        let statement: String
        switch try admit(sql, retries: &retries) {
        case .refused(let reason): return SQLVerdict(isValid: false, error: reason, duration: elapsed(), retries: retries)
        case .accepted(let text, _): statement = text
        }
        // The checked text only, after a fixed prefix: nothing else is built from it.
        let explain = PostgresQuery(unsafeSQL: "EXPLAIN " + statement)
        let outcome = try run(explain, retries: &retries)
        switch outcome {
        case .completed:
            return SQLVerdict(isValid: true, duration: elapsed(), retries: retries)
        case .rejected, .leftTransaction:
            return SQLVerdict(isValid: false, error: reason(for: outcome), duration: elapsed(), retries: retries)
        }
    }

    /// Runs `sql` for real, read-only, and returns how many rows it produced, counting at most `rowLimit`.
    ///
    /// Meant for proving that generated pairs execute (tests, checks); the same gate and transaction as
    /// `validate`, with the query as a subquery: `SELECT count(*) FROM (SELECT 1 FROM (<sql>) AS q LIMIT $1)`.
    /// Throws `PipelineError.sqlRejected` with the reason when `ReadOnlySQL` or the server rejects the SQL, and
    /// `PipelineError.businessDatabaseFailure` when the database cannot be reached.
    public func executeReadOnly(_ sql: String, rowLimit: Int) throws -> Int {
        var retries = 0
        let statement: String
        switch try admit(sql, retries: &retries) {
        case .refused(let reason): throw PipelineError.sqlRejected(reason)
        case .accepted(let text, _): statement = text
        }
        // `ReadOnlySQL` accepted exactly one statement as PostgreSQL parses it, so the text cannot close the
        // subquery early; the line breaks keep a comment inside it from reaching the closing part.
        let counting = PostgresQuery(
            unsafeSQL: "SELECT count(*) AS n FROM (SELECT 1 FROM (\n\(statement)\n) AS q LIMIT $1) AS limited",
            [max(0, rowLimit)]
        )
        let outcome = try run(counting, retries: &retries)
        guard case .completed(let rows) = outcome else {
            throw PipelineError.sqlRejected(reason(for: outcome))
        }
        do {
            return try rows.first?.int("n") ?? 0
        } catch {
            throw PipelineError.internalFailure("count of a read-only query could not be read: \(error)")
        }
    }

    /// Runs `sql` for real, read-only, and returns its first `rowLimit` rows (step 3's execution check).
    ///
    /// The same gate and rolled-back `READ ONLY` transaction with the statement timeout as `validate`; the query is
    /// a subquery under an outer `LIMIT $1` (one more row than asked, to tell a capped result), which changes
    /// neither its meaning nor its plan beyond stopping early. A refusal or timeout is a result, not an error.
    public func execute(_ sql: String, rowLimit: Int) throws -> SQLExecution {
        var retries = 0
        let statement: String
        switch try admit(sql, retries: &retries) {
        case .refused(let reason): return .failed(reason)
        case .accepted(let text, _): statement = text
        }
        let limit = max(0, rowLimit)
        let sampling = PostgresQuery(unsafeSQL: "SELECT * FROM (\n\(statement)\n) AS q LIMIT $1", [limit + 1])
        let outcome = try run(sampling, retries: &retries)
        switch outcome {
        case .completed(let rows):
            let values = rows.prefix(limit).map(\.texts)
            return .rows(SQLResultSample(columns: rows.columns, rows: values, capped: rows.count > limit))
        case .rejected(let error) where error.sqlState == "57014":
            return .timeout(reason(for: outcome))
        case .rejected, .leftTransaction:
            return .failed(reason(for: outcome))
        }
    }

    /// The two gates before the database runs anything, from one parse: `ReadOnlySQL`, then the volatility of every
    /// function the query calls.
    private func admit(_ sql: String, retries: inout Int) throws -> ReadOnlySQL.Check {
        let check = ReadOnlySQL.check(sql)
        guard case .accepted(_, let functions) = check else { return check }
        if let reason = try volatileCallReason(functions, retries: &retries) { return .refused(reason) }
        return check
    }

    /// Why the query may not run because of a volatile function it calls (nil when none), asking the database
    /// about functions not seen before.
    private func volatileCallReason(_ calls: [SQLFunctionName], retries: inout Int) throws -> String? {
        guard !calls.isEmpty else { return nil }
        let refused: [SQLFunctionName]
        var repeated = 0
        defer { retries += repeated }
        do {
            refused = try volatility.refused(calls) { missing in
                try pool.withConnection(counting: counter, retries: maxRetries, onRetry: { repeated += 1 }) { connection in
                    try FunctionVolatility.lookUp(missing, on: connection)
                }
            }
        } catch let error as PostgresError {
            throw PipelineError.businessDatabaseFailure(BusinessDatabaseError.reason(error))
        }
        guard !refused.isEmpty else { return nil }
        return "不允许调用易变(VOLATILE)函数（发现: \(refused.map(\.description).joined(separator: ", "))）"
    }

    public func close() {
        pool.close()
    }

    /// One statement on a pooled connection, with retries after connection failures; a database that cannot be
    /// reached becomes the step's error, with a one-line reason that has no password.
    private func run(_ query: PostgresQuery, retries: inout Int) throws -> ReadOnlyStatement.Outcome {
        var repeated = 0
        defer { retries += repeated }
        do {
            return try pool.withConnection(counting: counter, retries: maxRetries, onRetry: { repeated += 1 }) { connection in
                try ReadOnlyStatement.run(query, on: connection, timeoutMilliseconds: timeoutMilliseconds)
            }
        } catch let error as PostgresError {
            throw PipelineError.businessDatabaseFailure(BusinessDatabaseError.reason(error))
        }
    }

    /// The verdict's reason: the server's primary message (already free of passwords), or the timeout.
    private func reason(for outcome: ReadOnlyStatement.Outcome) -> String {
        switch outcome {
        case .completed:
            return ""
        case .rejected(let error) where error.sqlState == "57014":
            return "验证超时(\(timeoutMilliseconds)ms)"
        case .rejected(let error):
            return error.serverMessage ?? error.description
        case .leftTransaction:
            return "SQL结束了只读事务"
        }
    }
}
