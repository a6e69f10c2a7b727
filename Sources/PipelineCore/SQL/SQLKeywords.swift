/// Word lists of the reference scan (lower case).
enum SQLKeywords {
    /// Words that are never taken for a bare column reference: key words of queries, type names and date parts.
    /// Deliberately generous: a real column that shares a word here (`year`, `date`) simply goes unchecked by the
    /// light pass and is left to `EXPLAIN`. Common column names that are only non-reserved key words elsewhere
    /// (`name`, `type`, `value`, `status`, `level`) are not listed, so they are checked.
    static let notColumns: Set<String> = syntax.union(typeNames).union(dateParts)

    /// Key words after which a word is an alias without `AS` (`CASE … END 状态`, `SUM(x)::numeric 总额`).
    static let endExpression: Set<String> = typeNames.union([
        "end", "null", "true", "false", "unknown", "current_date", "current_time", "current_timestamp", "localtime",
        "localtimestamp", "current_user", "session_user", "user", "current_role", "current_catalog",
        "current_schema", "system_user",
    ])

    private static let syntax: Set<String> = [
        "all", "and", "any", "array", "as", "asc", "asymmetric", "at", "between", "both", "by", "case", "cast",
        "collate", "cross", "cube", "current", "current_catalog", "current_date", "current_role", "current_schema",
        "current_time", "current_timestamp", "current_user", "default", "desc", "distinct", "else", "end", "escape",
        "except", "exclude", "exists", "extract", "false", "fetch", "filter", "first", "following", "for", "from",
        "full", "group", "grouping", "groups", "having", "ilike", "in", "inner", "intersect", "interval", "is",
        "isnull", "join", "last", "lateral", "leading", "left", "like", "limit", "local", "localtime",
        "localtimestamp", "materialized", "natural", "next", "no", "not", "notnull", "null", "nulls", "of", "offset",
        "on", "only", "or", "order", "ordinality", "others", "outer", "over", "overlaps", "overlay", "partition",
        "placing", "position", "preceding", "range", "recursive", "right", "rollup", "row", "rows", "select",
        "session_user", "sets", "similar", "some", "substring", "symmetric", "system_user", "table", "tablesample",
        "then", "ties", "to", "trailing", "trim", "true", "unbounded", "union", "unknown", "user", "using", "values",
        "when", "where", "window", "with", "within", "without", "zone", "system", "bernoulli", "repeatable",
        "uescape", "normalize", "nfc", "nfd", "nfkc", "nfkd", "verbose", "analyze", "explain",
    ]

    private static let typeNames: Set<String> = [
        "bigint", "bigserial", "bit", "bool", "boolean", "bytea", "char", "character", "cidr", "date", "dec",
        "decimal", "double", "float", "float4", "float8", "inet", "int", "int2", "int4", "int8", "integer", "json",
        "jsonb", "macaddr", "money", "numeric", "oid", "precision", "real", "regclass", "serial", "smallint", "text",
        "time", "timestamp", "timestamptz", "timetz", "tsquery", "tsvector", "uuid", "varchar", "varying", "xml",
    ]

    private static let dateParts: Set<String> = [
        "century", "day", "days", "decade", "dow", "doy", "epoch", "hour", "hours", "isodow", "isoyear", "julian",
        "microseconds", "millennium", "milliseconds", "minute", "minutes", "mon", "mons", "month", "months", "quarter",
        "second", "seconds", "timezone", "timezone_hour", "timezone_minute", "week", "weeks", "year", "years",
    ]
}
