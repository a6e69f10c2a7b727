import Foundation

/// A header value of the form `value; name=token; name="quoted"`, as used by `Content-Type` and
/// `Content-Disposition`, parsed on bytes because file names may arrive in any encoding.
struct HeaderParameters {
    /// The part before the first `;`, trimmed and ASCII-lowercased (`multipart/form-data`, `form-data`).
    let value: String
    /// Parameters in the order sent; names ASCII-lowercased, values unquoted.
    let parameters: [(name: String, value: [UInt8])]

    /// The first parameter called `name` (lowercase).
    func parameter(_ name: String) -> [UInt8]? {
        parameters.first { $0.name == name }?.value
    }

    /// Parses `bytes`; throws `.malformed` on an unterminated quoted string, a parameter without `=`, or text after
    /// a closing quote.
    init(parsing bytes: [UInt8]) throws(MultipartError) {
        var index = 0
        let valueEnd = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
        value = String(decoding: Self.trimmed(bytes[0..<valueEnd]), as: UTF8.self).lowercased()
        index = valueEnd
        var parameters: [(name: String, value: [UInt8])] = []
        while index < bytes.count {
            index += 1 // the ';'
            Self.skipWhitespace(bytes, &index)
            if index == bytes.count || bytes[index] == UInt8(ascii: ";") { continue } // empty parameter
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ";") {
                index += 1
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw .malformed("header parameter without '='")
            }
            let name = String(decoding: Self.trimmed(bytes[nameStart..<index]), as: UTF8.self).lowercased()
            index += 1
            Self.skipWhitespace(bytes, &index)
            let parameterValue: [UInt8]
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                parameterValue = try Self.quotedString(bytes, &index)
                Self.skipWhitespace(bytes, &index)
                guard index == bytes.count || bytes[index] == UInt8(ascii: ";") else {
                    throw .malformed("text after quoted parameter '\(name)'")
                }
            } else {
                // Lenient token: anything up to the next ';' (clients send unquoted names with spaces).
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
                parameterValue = Array(Self.trimmed(bytes[start..<index]))
            }
            parameters.append((name, parameterValue))
        }
        self.parameters = parameters
    }

    /// Reads a quoted string starting at the opening quote and leaves `index` after the closing one.
    ///
    /// Only `\"` and `\\` are unescaped: browsers send backslashes literally (Windows paths from old clients,
    /// names containing `\`), so any other backslash is kept as sent.
    private static func quotedString(_ bytes: [UInt8], _ index: inout Int) throws(MultipartError) -> [UInt8] {
        var result: [UInt8] = []
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return result
            }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\") {
                result.append(bytes[index + 1])
                index += 2
            } else {
                result.append(byte)
                index += 1
            }
        }
        throw .malformed("unterminated quoted string in header")
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func skipWhitespace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, isWhitespace(bytes[index]) { index += 1 }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, isWhitespace(first) { slice.removeFirst() }
        while let last = slice.last, isWhitespace(last) { slice.removeLast() }
        return slice
    }
}
