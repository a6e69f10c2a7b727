import PipelineCore

/// Column types as the DDL file spells them (FORMATS.md §1), from PostgreSQL's `format_type` output.
enum ColumnTypeSpelling {
    /// `character varying(32)` → `varchar(32)`, `numeric(10,0)` → `numeric(10)`, `timestamp with time zone` →
    /// `timestamptz`, `character varying(20)[]` → `varchar(20)[]`; anything else (user types, `interval`, …) as is.
    static func dataType(formatted: String) -> String {
        var element = Substring(formatted)
        var dimensions = ""
        while element.hasSuffix("[]") {
            element = element.dropLast(2)
            dimensions += "[]"
        }
        return scalar(String(element)) + dimensions
    }

    private static func scalar(_ type: String) -> String {
        if let rest = type.dropPrefix("character varying") { return "varchar" + rest }
        if let rest = type.dropPrefix("character"), rest.isEmpty || rest.hasPrefix("(") { return "char" + rest }
        if let rest = type.dropPrefix("bit varying") { return "varbit" + rest }
        if type.hasPrefix("numeric("), type.hasSuffix(",0)") { return String(type.dropLast(3)) + ")" }
        for base in ["timestamp", "time"] {
            guard let rest = type.dropPrefix(base) else { continue }
            // Optional precision between the name and the zone words: `timestamp(3) with time zone`.
            var precision = ""
            var zone = Substring(rest)
            if zone.hasPrefix("("), let close = zone.firstIndex(of: ")") {
                precision = String(zone[...close])
                zone = zone[zone.index(after: close)...]
            }
            switch zone {
            case " without time zone", "": return base + precision
            case " with time zone": return base + "tz" + precision
            default: continue
            }
        }
        return type
    }

    /// The type family. `baseType` is the type's name in `pg_type` (a domain's base type, an array's element type),
    /// `typeCategory` PostgreSQL's `typcategory` of the column's own type (`A` for arrays).
    static func category(baseType: String, typeCategory: String) -> ColumnCategory {
        if typeCategory == "A" { return .array }
        switch baseType {
        case "int2", "int4", "int8", "oid": return .integer
        case "numeric", "float4", "float8", "money": return .decimal
        case "bool": return .boolean
        case "date": return .date
        case "timestamp", "timestamptz": return .timestamp
        case "time", "timetz": return .time
        case "json", "jsonb": return .json
        case "uuid": return .uuid
        case "bytea": return .binary
        case "inet", "cidr", "macaddr", "macaddr8": return .network
        default: break
        }
        switch typeCategory {
        // String types and enums (whose values are labels) read as text.
        case "S", "E": return .text
        case "N": return .decimal
        default: return .other
        }
    }
}

extension String {
    /// The rest after `prefix`, or nil when the string does not start with it.
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
