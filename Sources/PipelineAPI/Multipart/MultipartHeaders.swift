import Foundation

/// The headers of one part that the reader acts on: its field name, optional file name and content type.
struct MultipartHeaders {
    /// A file name as sent and, when it is valid text, decoded.
    struct FileName {
        let raw: [UInt8]
        let decoded: String?
    }

    /// The `name` parameter of `Content-Disposition`.
    let name: String
    /// Present when `Content-Disposition` has a `filename` or `filename*` parameter, which makes the part a file.
    let fileName: FileName?
    /// The `Content-Type` header, trimmed.
    let contentType: String?

    /// Parses a header block: lines ending in CRLF or bare LF, without the blank line that ends the block.
    /// Obsolete line folding (a line starting with space or tab) is joined to the previous header.
    init(block: ArraySlice<UInt8>) throws(MultipartError) {
        var headers: [(name: String, value: [UInt8])] = []
        for var line in block.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.isEmpty { continue } // only the final newline produces one
            if HeaderParameters.isWhitespace(line[line.startIndex]) {
                guard !headers.isEmpty else { throw .malformed("header block starts with a continuation line") }
                headers[headers.count - 1].value += [UInt8(ascii: " ")] + HeaderParameters.trimmed(line)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                throw .malformed("header line without ':'")
            }
            let name = String(decoding: HeaderParameters.trimmed(line[line.startIndex..<colon]), as: UTF8.self)
            guard !name.isEmpty else { throw .malformed("header line with empty name") }
            headers.append((name.lowercased(), Array(HeaderParameters.trimmed(line[(colon + 1)...]))))
        }

        guard let disposition = headers.first(where: { $0.name == "content-disposition" }) else {
            throw .malformed("part without Content-Disposition")
        }
        let parsed = try HeaderParameters(parsing: disposition.value)
        guard parsed.value == "form-data" else {
            throw .malformed("Content-Disposition is \(parsed.value.debugDescription), expected \"form-data\"")
        }
        guard let nameBytes = parsed.parameter("name"), let name = String(strictUTF8: nameBytes) else {
            throw .malformed("Content-Disposition without a UTF-8 name")
        }
        self.name = name
        // RFC 6266 §4.3: filename* wins over filename when both are present.
        if let extended = parsed.parameter("filename*") {
            fileName = try Self.decodeExtendedValue(extended)
        } else if let plain = parsed.parameter("filename") {
            fileName = FileName(raw: plain, decoded: String(strictUTF8: plain))
        } else {
            fileName = nil
        }
        contentType = headers.first { $0.name == "content-type" }
            .flatMap { String(strictUTF8: $0.value) }
    }

    /// Decodes an RFC 5987 `charset'language'percent-encoded` value. UTF-8 and ISO-8859-1 are decoded; another
    /// charset keeps its bytes with no decoded name, like a non-UTF-8 `filename`.
    static func decodeExtendedValue(_ value: [UInt8]) throws(MultipartError) -> FileName {
        let pieces = value.split(separator: UInt8(ascii: "'"), maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { throw .malformed("filename* is not charset'language'value") }
        let charset = String(decoding: pieces[0], as: UTF8.self).lowercased()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces[2].count)
        var index = pieces[2].startIndex
        while index < pieces[2].endIndex {
            let byte = pieces[2][index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < pieces[2].endIndex,
                      let high = hexValue(pieces[2][index + 1]), let low = hexValue(pieces[2][index + 2]) else {
                    throw .malformed("bad percent-encoding in filename*")
                }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        switch charset {
        case "utf-8":
            return FileName(raw: bytes, decoded: String(strictUTF8: bytes))
        case "iso-8859-1":
            // Latin-1 bytes are exactly the first 256 Unicode scalars.
            return FileName(raw: bytes, decoded: String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })))
        default:
            return FileName(raw: bytes, decoded: nil)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
