import Foundation

extension MultipartReader {
    /// Parses `Content-Type` (case-insensitive, quoted or unquoted boundary, extra parameters, whitespace).
    public static func boundary(fromContentType contentType: String?) throws(MultipartError) -> String {
        guard let contentType else { throw .notMultipart }
        let bytes = Array(contentType.utf8)
        let mediaTypeEnd = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
        let mediaType = String(decoding: HeaderParameters.trimmed(bytes[..<mediaTypeEnd]), as: UTF8.self)
        guard mediaType.lowercased() == "multipart/form-data" else { throw .notMultipart }
        // A syntax error in the parameters leaves no trustworthy boundary.
        guard let parsed = try? HeaderParameters(parsing: bytes),
              let value = parsed.parameter("boundary"),
              let boundary = String(strictUTF8: value),
              isValidBoundary(boundary) else {
            throw .missingBoundary
        }
        return boundary
    }

    /// RFC 2046 §5.1.1: 1 to 70 characters from `bchars`, not ending in a space.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.last != UInt8(ascii: " ") else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "A")...UInt8(ascii: "Z"):
                true
            default:
                Array("'()+_,-./:=? ".utf8).contains(byte)
            }
        }
    }
}
