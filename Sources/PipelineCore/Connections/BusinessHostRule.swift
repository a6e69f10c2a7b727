import Foundation

/// One entry of `DP_BUSINESS_HOSTS`: a host name (matched exactly, case-insensitively, never resolved), an IP
/// address, or a network in CIDR notation (`10.20.0.0/16`, `fd00::/8`).
public enum BusinessHostRule: Equatable, Sendable {
    case name(String)
    case network(address: [UInt8], prefixLength: Int)

    /// Nil for an entry that is none of the three (e.g. `10.0.0.0/33`, an empty name).
    public init?(_ text: String) {
        let entry = text.trimmingCharacters(in: .whitespaces)
        guard !entry.isEmpty else { return nil }
        let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if let address = Self.ipAddress(String(parts[0])) {
            let bits = address.count * 8
            guard let prefix = parts.count == 2 ? Int(parts[1]) : bits, (0...bits).contains(prefix) else { return nil }
            self = .network(address: address, prefixLength: prefix)
            return
        }
        guard parts.count == 1, entry.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" })
        else { return nil }
        self = .name(Self.normalizedName(entry))
    }

    /// Whether a host as written in a connection URL (decoded, without brackets) falls under this rule.
    public func matches(_ host: String) -> Bool {
        switch self {
        case .name(let name):
            return Self.ipAddress(host) == nil && Self.normalizedName(host) == name
        case .network(let network, let prefixLength):
            guard let address = Self.ipAddress(host), address.count == network.count else { return false }
            var remaining = prefixLength
            for (a, b) in zip(address, network) where remaining > 0 {
                let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
                if a & mask != b & mask { return false }
                remaining -= 8
            }
            return true
        }
    }

    /// The 4 or 16 bytes of an IPv4/IPv6 literal (`inet_pton`, so `010.1.1.1` or `1.1` are not addresses).
    static func ipAddress(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func normalizedName(_ name: String) -> String {
        var lowered = name.lowercased()
        while lowered.hasSuffix(".") { lowered.removeLast() }
        return lowered
    }
}
