import Foundation

/// A PostgreSQL connection URL split the way libpq splits it (`postgresql://[user[:password]@][host[:port][,…]][/db][?k=v&…]`),
/// hosts and options percent-decoded. Used to decide policy before anything connects; it never connects itself.
///
/// libpq's rules kept on purpose: the user info ends at the first `@` before any `/`; hosts are comma-separated, an
/// IPv6 address is bracketed; a percent-encoded host may be a socket directory (`%2Fvar%2Frun`); the query starts
/// at the first `?` after the hosts.
public struct ConnectionURLParts: Equatable, Sendable {
    public struct Host: Equatable, Sendable {
        /// Decoded; empty means "libpq's default" (a unix socket, or `PGHOST`).
        public var name: String
        public var port: String?
    }

    public var hosts: [Host]
    /// Query options in order, decoded; a key may repeat (libpq keeps the last).
    public var options: [(key: String, value: String)]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.hosts == rhs.hosts && lhs.options.map(\.key) == rhs.options.map(\.key) && lhs.options.map(\.value) == rhs.options.map(\.value)
    }

    /// Nil when the text is not a URL libpq would read (no scheme, bad percent-encoding, an unclosed `[`).
    public init?(_ url: String) {
        let schemes = ["postgresql://", "postgres://"]
        guard let scheme = schemes.first(where: { url.hasPrefix($0) }) else { return nil }
        var rest = url.dropFirst(scheme.count)
        // libpq first looks for the user info: up to the first "@" before any "/" ("?" and "#" may be in a password).
        if let end = rest.firstIndex(where: { $0 == "@" || $0 == "/" }), rest[end] == "@" {
            rest = rest[rest.index(after: end)...]
        }
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        guard let hosts = Self.hosts(rest[..<hostEnd]) else { return nil }
        self.hosts = hosts
        var options: [(key: String, value: String)] = []
        if let queryStart = rest[hostEnd...].firstIndex(of: "?") {
            let query = rest[rest.index(after: queryStart)...]
            for pair in query.split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard keyValue.count == 2, let key = String(keyValue[0]).removingPercentEncoding,
                      let value = String(keyValue[1]).removingPercentEncoding else { return nil }
                options.append((key, value))
            }
        }
        self.options = options
    }

    private static func hosts(_ spec: Substring) -> [Host]? {
        var result: [Host] = []
        for item in spec.split(separator: ",", omittingEmptySubsequences: false) {
            var name = item
            var port: Substring?
            if item.hasPrefix("[") {
                guard let close = item.firstIndex(of: "]") else { return nil }
                name = item[item.index(after: item.startIndex)..<close]
                let after = item[item.index(after: close)...]
                if after.hasPrefix(":") { port = after.dropFirst() } else if !after.isEmpty { return nil }
            } else if let colon = item.firstIndex(of: ":") {
                name = item[..<colon]
                port = item[item.index(after: colon)...]
            }
            guard let decoded = String(name).removingPercentEncoding else { return nil }
            result.append(Host(name: decoded, port: port.map(String.init)))
        }
        return result
    }
}
