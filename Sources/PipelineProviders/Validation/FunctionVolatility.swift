import Foundation
import PipelineCore
import Postgres

/// Which functions a query calls are volatile in the business database's own catalog (`pg_proc.provolatile`),
/// resolved as the server would: a qualified name in its schema, an unqualified one on the connection's
/// `search_path` (`pg_catalog` included). A name with several overloads counts as volatile when any of them is:
/// the gate does not resolve argument types, and erring towards refusing is its rule.
///
/// Answers are remembered for the validator's lifetime (one step, one database): step 3 asks about the same few
/// functions (`sum`, `date_trunc`, …) for every pair.
final class FunctionVolatility: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [SQLFunctionName: Bool] = [:]

    /// The calls that are volatile and not on the allow-list of harmless ones, in the order given, without repeats.
    func refused(_ calls: [SQLFunctionName], lookUp: ([SQLFunctionName]) throws -> Set<SQLFunctionName>) rethrows
        -> [SQLFunctionName] {
        var unique: [SQLFunctionName] = []
        for call in calls where !ReadOnlySQL.harmlessVolatileFunctions.contains(call.name) && !unique.contains(call) {
            unique.append(call)
        }
        let missing = lock.withLock { unique.filter { known[$0] == nil } }
        if !missing.isEmpty {
            let volatile = try lookUp(missing)
            lock.withLock {
                for call in missing { known[call] = volatile.contains(call) }
            }
        }
        return lock.withLock { unique.filter { known[$0] == true } }
    }

    /// The volatile ones among `calls`, by one catalog query on `connection`.
    static func lookUp(_ calls: [SQLFunctionName], on connection: CountedConnection) throws(PostgresError)
        -> Set<SQLFunctionName> {
        let rows = try connection.query(PostgresQuery("""
            SELECT DISTINCT f.schema, f.name
            FROM unnest($1::text[], $2::text[]) AS f(schema, name)
            JOIN pg_catalog.pg_proc p ON p.proname = f.name
            JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE p.provolatile = 'v'
              AND CASE WHEN f.schema = '' THEN n.nspname = ANY (pg_catalog.current_schemas(true))
                       ELSE n.nspname = f.schema END
            """, [calls.map { $0.schema ?? "" }, calls.map(\.name)]))
        var volatile = Set<SQLFunctionName>()
        for row in rows {
            let schema = try row.string("schema")
            volatile.insert(SQLFunctionName(schema: schema.isEmpty ? nil : schema, name: try row.string("name")))
        }
        return volatile
    }
}
