/// A request body read sequentially, chunk by chunk, so large uploads never sit in memory whole.
///
/// The FastCGI transport adapts `FCGX_GetStr`; tests use `BufferedRequestBody`. Implementations are confined to
/// the thread serving the request (hence a class and not `Sendable`).
public protocol RequestBodyStream: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many were read; 0 means the body has ended.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An in-memory body, for tests and for bodies the transport already holds.
public final class BufferedRequestBody: RequestBodyStream {
    private let bytes: [UInt8]
    private var offset = 0
    /// The largest chunk one `read` returns, so tests can exercise chunk boundaries.
    private let maxChunk: Int

    public init(_ bytes: [UInt8], maxChunk: Int = .max) {
        self.bytes = bytes
        self.maxChunk = max(1, maxChunk)
    }

    public convenience init(_ text: String, maxChunk: Int = .max) {
        self.init(Array(text.utf8), maxChunk: maxChunk)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset, maxChunk)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
