import Foundation

/// Reads a `multipart/form-data` request body as a stream: file parts go straight to temporary files, fields are
/// collected in memory under `MultipartLimits`, and the body is never held whole.
public struct MultipartReader: Sendable {
    /// The boundary, without the leading `--`.
    public let boundary: String
    /// The limits applied to every body read.
    public let limits: MultipartLimits

    /// Chunk read from the body per window refill (plus room for a header block and a partial delimiter).
    static let chunkSize = 65_536
    /// Upper bound on `MultipartLimits.maxHeaderBytes`, since the whole header block is held in memory.
    static let headerBytesCap = 1 << 20

    /// Creates a reader; an invalid `boundary` is reported by `read` as `.missingBoundary`.
    public init(boundary: String, limits: MultipartLimits) {
        self.boundary = boundary
        self.limits = limits
    }

    /// Streams the body: file parts (parts with a filename attribute) go straight to a new temporary file created in
    /// `temporaryDirectory` (name like ".dp-upload-<random>.part", hidden from file listings, mode 0600, O_EXCL); never the whole body in memory
    /// (memory bounded by a 64 KiB chunk + boundary length + header limit). On ANY error, every temporary file created
    /// so far is deleted before throwing. The caller owns (and deletes/renames) the temp files of a successful parse.
    ///
    /// Reading stops at the closing delimiter; an epilogue after it is left unread. Errors of `body.read` and of the
    /// file system (`StorageError`, or `POSIXError` for the rest) are rethrown unchanged; everything else is a
    /// `MultipartError`.
    public func read(from body: any RequestBodyStream, temporaryDirectory: URL) throws -> MultipartForm {
        guard Self.isValidBoundary(boundary) else { throw MultipartError.missingBoundary }
        let parser = MultipartStreamParser(boundary: boundary, limits: limits, body: body,
                                           temporaryDirectory: temporaryDirectory)
        do {
            return try parser.parse()
        } catch {
            parser.discardTemporaryFiles()
            throw error
        }
    }
}
