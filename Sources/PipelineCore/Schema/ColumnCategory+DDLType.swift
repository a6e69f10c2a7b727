import Foundation

extension ColumnCategory {
    /// The type family of a type as a DDL file spells it (`varchar(32)`, `numeric(10,2)`, `double precision`,
    /// `timestamp with time zone`, `text[]`, …), for tables read back from files rather than from the catalog.
    ///
    /// Case and modifiers do not matter; anything ending in `[]` is an array. Types the text alone cannot place —
    /// enum and other user types, domains (quoted or not), `interval` — are `.other`: unlike the catalog, a file
    /// does not say what a user type is built on.
    public init(ddlType: String) {
        let type = ddlType.trimmingCharacters(in: .whitespaces)
        // Each `.regularExpression` call compiles its pattern (ICU, tens of microseconds on Linux): the plain
        // checks in front let only the types that could match pay for it (thousands of columns per read-back).
        let lowered = type.lowercased()
        if (type.hasSuffix("]") && type.range(of: #"\[\s*\d*\s*\]$"#, options: .regularExpression) != nil)
            || (lowered.hasSuffix("array") && type.range(of: #"\sarray$"#, options: [.regularExpression, .caseInsensitive]) != nil) {
            self = .array
            return
        }
        guard !type.hasPrefix("\"") else {
            self = .other
            return
        }
        var base = lowered
        if base.hasPrefix("pg_catalog.") { base.removeFirst("pg_catalog.".count) }
        if base.contains("(") { base = base.replacingOccurrences(of: #"\([^)]*\)"#, with: " ", options: .regularExpression) }
        base = base.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        self = ColumnCategory.byTypeName[base] ?? (base.hasPrefix("timestamp") ? .timestamp : .other)
    }

    /// Type names (modifiers removed, lower case, single spaces) and their family; `timestamp…` is matched by prefix.
    private static let byTypeName: [String: ColumnCategory] = {
        var table: [String: ColumnCategory] = [:]
        let families: [(ColumnCategory, [String])] = [
            (.text, ["varchar", "character varying", "char", "character", "bpchar", "text", "citext", "name"]),
            (.integer, ["smallint", "integer", "bigint", "int", "int2", "int4", "int8", "serial", "smallserial",
                        "bigserial", "serial2", "serial4", "serial8", "oid"]),
            (.decimal, ["numeric", "decimal", "real", "double precision", "float", "float4", "float8", "money"]),
            (.boolean, ["boolean", "bool"]),
            (.date, ["date"]),
            (.time, ["time", "timetz", "time with time zone", "time without time zone"]),
            (.json, ["json", "jsonb"]),
            (.uuid, ["uuid"]),
            (.binary, ["bytea"]),
            (.network, ["inet", "cidr", "macaddr", "macaddr8"]),
        ]
        for (category, names) in families {
            for name in names { table[name] = category }
        }
        return table
    }()
}
