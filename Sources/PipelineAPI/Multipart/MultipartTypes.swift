import Foundation

/// Bounds applied while reading one `multipart/form-data` body.
public struct MultipartLimits: Sendable {
    /// Largest accepted file part, in bytes; one byte more fails with `.fileTooLarge`.
    public var maxFileBytes: Int
    /// Largest accepted value of a non-file field, in bytes.
    public var maxFieldBytes: Int
    /// Largest accepted number of parts (files and fields together).
    public var maxParts: Int
    /// Largest accepted part header block, in bytes, counted from the end of the boundary through the blank line
    /// (values above 1 MiB are treated as 1 MiB).
    public var maxHeaderBytes: Int

    /// Creates limits; only the file size has no sensible default.
    public init(maxFileBytes: Int, maxFieldBytes: Int = 65_536, maxParts: Int = 16, maxHeaderBytes: Int = 16_384) {
        self.maxFileBytes = maxFileBytes
        self.maxFieldBytes = maxFieldBytes
        self.maxParts = maxParts
        self.maxHeaderBytes = maxHeaderBytes
    }
}

/// A file part, already streamed to a temporary file that the caller now owns.
public struct MultipartFile: Sendable {
    /// The `name` parameter of the part's `Content-Disposition`.
    public let fieldName: String
    /// The client's file name, unsanitized; `nil` when its bytes are not valid UTF-8 (see `rawFileName`).
    public let fileName: String?
    /// The file name bytes exactly as sent, after unquoting (`\"` and `\\`) or RFC 5987 percent-decoding;
    /// empty when the part has no file name attribute.
    public let rawFileName: [UInt8]
    /// The part's `Content-Type` header, if any.
    public let contentType: String?
    /// Where the part's bytes were written (inside the directory passed to `MultipartReader.read`).
    public let temporaryFile: URL
    /// Number of bytes in `temporaryFile`.
    public let size: Int
}

/// The result of reading a `multipart/form-data` body.
public struct MultipartForm: Sendable {
    /// Non-file fields by name; for a repeated name the first value wins.
    public var fields: [String: String]
    /// File parts in the order they were sent.
    public var files: [MultipartFile]
    /// The `name` of every part (fields and files) in the order they were sent.
    public var partNames: [String] = []

    /// The first name sent by more than one part, if any (uploads refuse such a form rather than pick one).
    public var repeatedName: String? {
        var seen = Set<String>()
        return partNames.first { !seen.insert($0).inserted }
    }

    /// Creates a form from already-read parts.
    public init(fields: [String: String] = [:], files: [MultipartFile] = []) {
        self.fields = fields
        self.files = files
    }

    /// The first file sent under the field name `field`.
    public func file(named field: String) -> MultipartFile? {
        files.first { $0.fieldName == field }
    }
}

/// Why a `multipart/form-data` body was rejected. Errors of the body stream and of the file system are not wrapped.
public enum MultipartError: Error, Equatable, Sendable {
    /// The content type is not `multipart/form-data`.
    case notMultipart
    /// The `boundary` parameter is absent, empty or not a valid RFC 2046 boundary.
    case missingBoundary
    /// The body is not well-formed; the detail is English text for logs, never for clients.
    case malformed(String)
    /// The body ended before the closing delimiter.
    case truncated
    /// A file part exceeded `MultipartLimits.maxFileBytes`.
    case fileTooLarge(limit: Int)
    /// A field value exceeded `MultipartLimits.maxFieldBytes`.
    case fieldTooLarge(limit: Int)
    /// The body had more than `MultipartLimits.maxParts` parts.
    case tooManyParts(limit: Int)
}
