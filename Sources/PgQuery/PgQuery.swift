import CPgQuery

/// PostgreSQL's own parser (libpg_query, the PostgreSQL 15 grammar) for one SQL text: its statements as a parse
/// tree, its tokens, a fingerprint of its structure and its normalised form.
///
/// The only place that calls the C library: every result is copied into Swift values and freed right here, in the
/// function that asked for it. Thread-safe (the library keeps its memory per thread). Text is handed over as a C
/// string, so a NUL ends it: callers refuse such text first.
public enum PgQuery {
    /// The statements of `sql`, or the parser's error (what the server would say, with the position).
    public static func parse(_ sql: String) throws(PgQueryError) -> [PgStatement] {
        let result = sql.withCString { pg_query_parse($0) }
        defer { pg_query_free_parse_result(result) }
        if let error = result.error { throw PgQueryError(error.pointee) }
        guard let tree = result.parse_tree else { return [] }
        let root: PgNode
        do {
            root = try PgTreeJSON.parse(tree)
        } catch {
            throw PgQueryError(message: "statement nested too deeply", cursorPosition: 0)
        }
        return (root["stmts"]?.array ?? []).map(PgStatement.init(raw:))
    }

    /// The tokens of `sql` as the server's scanner reads them, comments included.
    public static func scan(_ sql: String) throws(PgQueryError) -> [PgToken] {
        let result = sql.withCString { pg_query_scan($0) }
        defer { pg_query_free_scan_result(result) }
        if let error = result.error { throw PgQueryError(error.pointee) }
        guard let data = result.pbuf.data, result.pbuf.len > 0 else { return [] }
        let bytes = UnsafeRawBufferPointer(start: data, count: result.pbuf.len)
        return PgScanProtobuf.tokens(bytes)
    }

    /// A hash of the statement's structure (16 hex digits): equal for queries that differ only in constants,
    /// aliases of output columns, whitespace, comments and case — the "shape" of a query.
    public static func fingerprint(_ sql: String) throws(PgQueryError) -> String {
        let result = sql.withCString { pg_query_fingerprint($0) }
        defer { pg_query_free_fingerprint_result(result) }
        if let error = result.error { throw PgQueryError(error.pointee) }
        return result.fingerprint_str.map { String(cString: $0) } ?? ""
    }

    /// The text with every constant replaced by `$1`, `$2`, … (comments and spacing kept).
    public static func normalize(_ sql: String) throws(PgQueryError) -> String {
        let result = sql.withCString { pg_query_normalize($0) }
        defer { pg_query_free_normalize_result(result) }
        if let error = result.error { throw PgQueryError(error.pointee) }
        return result.normalized_query.map { String(cString: $0) } ?? sql
    }
}
