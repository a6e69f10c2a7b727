import Foundation
import PipelineCore
#if canImport(Glibc)
import Glibc
#endif

/// Appends `LLMCallRecord`s as JSON lines to a file (the worker's `<task dir>/llm_calls.jsonl`). Thread-safe.
///
/// Every record is redacted first: the given secrets (API keys, database passwords) and the password of any
/// `postgresql://user:pass@…` URL become `***`. The client never puts a key into a record; this is defence in depth
/// against a model or an endpoint echoing one.
public final class LLMCallAuditFile: @unchecked Sendable {
    /// The JSON-lines file.
    public let url: URL
    private let redactor: SecretRedactor
    // Guards `descriptor` and the writes: one line is one write(2) under the lock, so lines never interleave.
    private let lock = NSLock()
    private var descriptor: Int32 = -1
    private var failure: String?

    /// An audit file at `url` (created on the first record, mode 0640) masking `secrets`.
    public init(url: URL, secrets: [String] = []) {
        self.url = url
        self.redactor = SecretRedactor(secrets: secrets)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The hook to hand to `OpenAIChatClient`; a record that cannot be written is counted in `lastError`, never
    /// thrown into the call it describes.
    public var hook: @Sendable (LLMCallRecord) -> Void {
        { [self] record in
            do { try append(record) } catch {
                lock.lock()
                failure = String(describing: error)
                lock.unlock()
            }
        }
    }

    /// Why the last write through `hook` failed; nil when none did.
    public var lastError: String? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Appends one redacted record as one line.
    public func append(_ record: LLMCallRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var line = try encoder.encode(record.redacted(redactor.redact))
        line.append(UInt8(ascii: "\n"))
        lock.lock()
        defer { lock.unlock() }
        if descriptor < 0 {
            descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
            guard descriptor >= 0 else {
                throw AuditWriteError(path: url.lastPathComponent, reason: String(cString: strerror(errno)))
            }
        }
        try line.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AuditWriteError(path: url.lastPathComponent, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }
}

/// An audit line could not be written.
struct AuditWriteError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "无法写入 \(path)：\(reason)" }
}
