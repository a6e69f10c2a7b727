import Foundation

/// Helpers for PostgreSQL connection URLs as users type them (`postgresql://user:pass@host:port/db?opts`).
public enum DatabaseURL {
    /// The URL with its password replaced by `***` (userinfo password, and any `password=` query option).
    /// Text that is not URL-shaped is returned with `password=` conninfo values masked.
    public static func masked(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.range(of: "://") {
            let authorityStart = schemeEnd.upperBound
            // The last "@" ends the userinfo: a password may contain unencoded "@", "/" or "?". Masking too much
            // (an "@" in the query) is the safe mistake.
            if let at = text[authorityStart...].lastIndex(of: "@"),
               let colon = text[authorityStart..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        return maskPasswordOptions(text)
    }

    /// The database name from the URL's path, without the query; nil when the URL names none.
    public static func databaseName(_ url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let pathAndQuery = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let slash = pathAndQuery.firstIndex(of: "/") else { return nil }
        let name = pathAndQuery[pathAndQuery.index(after: slash)...]
        guard !name.isEmpty else { return nil }
        return String(name).removingPercentEncoding ?? String(name)
    }

    /// Whether the text looks like a PostgreSQL URL we can hand to libpq.
    public static func isPostgresURL(_ url: String) -> Bool {
        url.hasPrefix("postgresql://") || url.hasPrefix("postgres://")
    }

    private static func maskPasswordOptions(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let match = rest.range(of: "password=", options: .caseInsensitive) {
            result += rest[..<match.upperBound]
            result += "***"
            rest = rest[match.upperBound...]
            if rest.first == "'" {
                // A quoted conninfo value runs to the closing quote; \' inside is an escaped quote.
                var index = rest.index(after: rest.startIndex)
                while index < rest.endIndex, rest[index] != "'" {
                    if rest[index] == "\\" { index = rest.index(after: index) }
                    if index < rest.endIndex { index = rest.index(after: index) }
                }
                rest = index < rest.endIndex ? rest[rest.index(after: index)...] : rest[rest.endIndex...]
            } else {
                let end = rest.firstIndex(where: { $0 == "&" || $0 == " " }) ?? rest.endIndex
                rest = rest[end...]
            }
        }
        return result + rest
    }
}

extension DatabaseURL {
    /// The URL with its path (database name) replaced; the query string is kept.
    public static func replacingDatabase(in url: String, with database: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let queryStart = afterScheme.firstIndex(of: "?") ?? url.endIndex
        let authorityEnd = afterScheme[..<queryStart].firstIndex(of: "/") ?? queryStart
        let encoded = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? database
        return String(url[..<authorityEnd]) + "/" + encoded + String(url[queryStart...])
    }
}

extension DatabaseURL {
    /// The password of a URL's userinfo, percent-decoded; nil when there is none. For redacting logs.
    public static func password(_ url: String) -> String? {
        guard let schemeEnd = url.range(of: "://"), let at = url[schemeEnd.upperBound...].lastIndex(of: "@"),
              let colon = url[schemeEnd.upperBound..<at].firstIndex(of: ":") else { return nil }
        let raw = String(url[url.index(after: colon)..<at])
        return raw.removingPercentEncoding ?? raw
    }
}
