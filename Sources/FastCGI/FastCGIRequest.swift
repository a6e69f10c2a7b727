import CFastCGI

/// One request, confined to the thread that accepted it.
///
/// Not `Sendable` on purpose: it borrows the thread's `FCGX_Request`. It is valid only while the handler runs;
/// after the handler returns every method is a no-op (a request kept by mistake cannot touch the next one).
public final class FastCGIRequest {
    private var raw: UnsafeMutablePointer<FCGX_Request>?
    /// Set after the first failed write (typically the client hung up); later writes are skipped.
    private var writeFailed = false

    init(borrowing raw: UnsafeMutablePointer<FCGX_Request>) {
        self.raw = raw
    }

    /// Ends the borrow; called by the accept loop when the handler returns.
    func invalidate() {
        raw = nil
    }

    /// The value of one FastCGI parameter (CGI variable), e.g. `REQUEST_METHOD`; nil when absent.
    public func param(_ name: String) -> String? {
        guard let envp = raw?.pointee.envp, let value = FCGX_GetParam(name, envp) else { return nil }
        return String(cString: value)
    }

    /// All parameters; when a name repeats, the first occurrence wins (as in `param`). For debugging and tests.
    public var allParams: [String: String] {
        guard var entry = raw?.pointee.envp else { return [:] }
        var params: [String: String] = [:]
        while let pair = entry.pointee {
            let text = String(cString: pair)
            if let equals = text.firstIndex(of: "=") {
                let name = String(text[..<equals])
                if params[name] == nil {
                    params[name] = String(text[text.index(after: equals)...])
                }
            }
            entry += 1
        }
        return params
    }

    /// Reads up to `buffer.count` body bytes; returns how many were read, 0 at the end of the body.
    ///
    /// Read until 0 rather than trusting `CONTENT_LENGTH`, which is empty for chunked bodies. Body bytes left
    /// unread are discarded by the server loop when the request finishes.
    public func readBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let stream = raw?.pointee.in, let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        let count = FCGX_GetStr(base.assumingMemoryBound(to: CChar.self), Int32(clamping: buffer.count), stream)
        return max(0, Int(count))
    }

    /// Writes response bytes (head first, see `writeHead`). Errors are ignored: a client that left cannot hurt us.
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard !writeFailed, let stream = raw?.pointee.out, let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let chunk = Int32(clamping: bytes.count - offset)
            let written = FCGX_PutStr((base + offset).assumingMemoryBound(to: CChar.self), chunk, stream)
            guard written > 0 else {
                writeFailed = true
                return
            }
            offset += Int(written)
        }
    }

    /// Writes response bytes.
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Writes response text as UTF-8.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }
}
