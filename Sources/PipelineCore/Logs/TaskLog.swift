import Foundation

/// Writes `data_pipeline.log` entries (FORMATS.md §5) from any thread: one `write(2)` per entry on an `O_APPEND`
/// descriptor, so entries of concurrent threads and processes never interleave.
public final class TaskLog: @unchecked Sendable {
    public enum Level: String, Sendable {
        case debug = "DEBUG", info = "INFO", warning = "WARNING", error = "ERROR"
    }

    /// The task log's name in the task directory; the worker writes it, the API reads it.
    public static let fileName = SafeFileName("data_pipeline.log")!

    private let descriptor: Int32
    private let lock = NSLock()
    /// Secrets that must never reach the file (e.g. a database password), replaced by `***`.
    private let secrets: [String]

    public init(url: URL, secrets: [String] = []) throws {
        descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.secrets = secrets.filter { $0.count >= 3 }
    }

    deinit { close(descriptor) }

    /// One entry; continuation lines of a multi-line message are indented so parsers keep them in this entry.
    public func write(_ level: Level, _ logger: String, _ message: String, now: Date = Date()) {
        var text = message
        for secret in secrets { text = text.replacingOccurrences(of: secret, with: "***") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var entry = "\(LocalTimestamp.logTime(now)) [\(level.rawValue)] [\(logger)] \(lines.first ?? "")\n"
        for line in lines.dropFirst() { entry += "  \(line)\n" }
        let bytes = Array(entry.utf8)
        lock.lock()
        defer { lock.unlock() }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { if errno == EINTR { continue } else { return } }
                offset += written
            }
        }
    }

    public func info(_ logger: String, _ message: String) { write(.info, logger, message) }
    public func warning(_ logger: String, _ message: String) { write(.warning, logger, message) }
    public func error(_ logger: String, _ message: String) { write(.error, logger, message) }
}
