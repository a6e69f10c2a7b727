/// Helpers for connection strings: URLs (`postgresql://…`) and key=value conninfo strings.
public enum PostgresURL {
    /// The string with every password masked as `***`: URL user info (`postgresql://user:***@host/db`), query
    /// parameters (`?password=***`, `sslpassword`), and key=value conninfo (`password=***`, quoted or not).
    /// Works on free text too (e.g. an error message quoting a URL), and over-masks rather than under-masks.
    public static func redacted(_ url: String) -> String {
        var bytes = Array(url.utf8)
        bytes = maskUserInfo(bytes)
        bytes = maskPasswordKeys(bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every password the string carries, decoded and raw: the ones `PostgresError` must never show.
    static func passwords(in url: String) -> [String] {
        var found: [String] = []
        let bytes = Array(url.utf8)
        for range in userInfoPasswordRanges(bytes) + passwordValueRanges(bytes) {
            let raw = String(decoding: bytes[range], as: UTF8.self)
            found.append(raw)
            if let decoded = percentDecoded(raw), decoded != raw { found.append(decoded) }
            // A quoted conninfo value: also the unquoted, unescaped form.
            if raw.hasPrefix("'") {
                let inner = raw.dropFirst().dropLast(raw.hasSuffix("'") && raw.count > 1 ? 1 : 0)
                found.append(String(inner).replacingAll("\\'", with: "'").replacingAll("\\\\", with: "\\"))
            }
        }
        return found.filter { !$0.isEmpty }
    }

    // MARK: - Scanning (on UTF-8 bytes; every delimiter is ASCII)

    private static func maskUserInfo(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for range in userInfoPasswordRanges(bytes).reversed() {
            out.replaceSubrange(range, with: Array("***".utf8))
        }
        return out
    }

    private static func maskPasswordKeys(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for range in passwordValueRanges(bytes).reversed() {
            out.replaceSubrange(range, with: Array("***".utf8))
        }
        return out
    }

    /// For each `scheme://user:password@`, the password's range. The user info ends at the last `@` before the
    /// query (libpq stops at the first, but a raw `@` or `/` in a password must still be masked).
    private static func userInfoPasswordRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        let marker = Array("://".utf8)
        while index + marker.count <= bytes.count {
            guard bytes[index..<(index + marker.count)].elementsEqual(marker) else { index += 1; continue }
            let start = index + marker.count
            var end = start
            while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
                end += 1
            }
            if let at = bytes[start..<end].lastIndex(of: UInt8(ascii: "@")),
               let colon = bytes[start..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at {
                ranges.append((colon + 1)..<at)
            }
            index = end
        }
        return ranges
    }

    /// For each `password=value` / `sslpassword = 'value'` (start, whitespace, `?` or `&` before the key), the
    /// value's range. After `?`/`&` the value ends at `&`, `#` or whitespace; otherwise conninfo rules apply.
    private static func passwordValueRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        let keys = [Array("sslpassword".utf8), Array("password".utf8)]
        var index = 0
        while index < bytes.count {
            let before: UInt8? = index == 0 ? nil : bytes[index - 1]
            guard before == nil || isSpace(before!) || before == UInt8(ascii: "?") || before == UInt8(ascii: "&"),
                  let key = keys.first(where: { hasPrefixIgnoringCase(bytes, at: index, $0) })
            else { index += 1; continue }
            var cursor = index + key.count
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { index += 1; continue }
            cursor += 1
            let inURL = before == UInt8(ascii: "?") || before == UInt8(ascii: "&")
            if !inURL { while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 } }
            let start = cursor
            if !inURL, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "'") {
                cursor += 1
                while cursor < bytes.count {
                    if bytes[cursor] == UInt8(ascii: "\\") { cursor += 2; continue }
                    guard bytes[cursor] == UInt8(ascii: "'") else { cursor += 1; continue }
                    // libpq has no `''` escape, but someone writing SQL habits would: mask through it.
                    guard cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "'") else { break }
                    cursor += 2
                }
                cursor = min(cursor + 1, bytes.count)
                // Malformed quoting (`'it''s'`) would otherwise leave a tail of the secret visible.
                while cursor < bytes.count, !isSpace(bytes[cursor]) { cursor += 1 }
            } else {
                while cursor < bytes.count, !isSpace(bytes[cursor]),
                      !(inURL && (bytes[cursor] == UInt8(ascii: "&") || bytes[cursor] == UInt8(ascii: "#"))) {
                    cursor += 1
                }
            }
            if cursor > start { ranges.append(start..<cursor) }
            index = max(cursor, index + 1)
        }
        return ranges
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func hasPrefixIgnoringCase(_ bytes: [UInt8], at index: Int, _ key: [UInt8]) -> Bool {
        guard index + key.count <= bytes.count else { return false }
        return zip(bytes[index..<(index + key.count)], key).allSatisfy { a, b in
            (a >= 65 && a <= 90 ? a + 32 : a) == b
        }
    }

    // MARK: - Percent encoding

    static func percentDecoded(_ text: String) -> String? {
        var out: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
                else { return nil }
                out.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (what belongs in URL user info).
    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            if unreserved {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
