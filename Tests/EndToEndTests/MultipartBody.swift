import Foundation

/// A `multipart/form-data` body built byte by byte, so tests control every header byte (NUL, non-UTF-8 names,
/// missing closing delimiter).
struct MultipartBody {
    struct Part {
        /// Header lines without their CRLF.
        var headers: [Data]
        var content: Data
    }

    var boundary = "----e2eBoundary" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
    var parts: [Part] = []
    /// Leave out the closing `--boundary--` (a truncated upload).
    var omitClosingDelimiter = false

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// A file part named `file` with a plain `filename="…"` parameter taken byte for byte.
    static func file(_ fileNameBytes: Data, content: Data, field: String = "file") -> Part {
        var disposition = Data("Content-Disposition: form-data; name=\"\(field)\"; filename=\"".utf8)
        disposition += fileNameBytes
        disposition += Data("\"".utf8)
        return Part(headers: [disposition, Data("Content-Type: application/octet-stream".utf8)], content: content)
    }

    static func file(_ fileName: String, content: Data, field: String = "file") -> Part {
        file(Data(fileName.utf8), content: content, field: field)
    }

    static func file(_ fileName: String, text: String, field: String = "file") -> Part {
        file(Data(fileName.utf8), content: Data(text.utf8), field: field)
    }

    /// A file part whose name is given only as RFC 5987 `filename*=UTF-8''<encoded>`, `encoded` sent as written.
    static func file(extendedFileName encoded: String, content: Data) -> Part {
        Part(headers: [Data("Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''\(encoded)".utf8),
                       Data("Content-Type: application/octet-stream".utf8)],
             content: content)
    }

    static func field(_ name: String, _ value: String) -> Part {
        Part(headers: [Data("Content-Disposition: form-data; name=\"\(name)\"".utf8)], content: Data(value.utf8))
    }

    init(_ parts: [Part] = []) {
        self.parts = parts
    }

    var data: Data {
        var body = Data()
        for part in parts {
            body += Data("--\(boundary)\r\n".utf8)
            for header in part.headers { body += header + Data("\r\n".utf8) }
            body += Data("\r\n".utf8) + part.content + Data("\r\n".utf8)
        }
        if !omitClosingDelimiter { body += Data("--\(boundary)--\r\n".utf8) }
        return body
    }
}
