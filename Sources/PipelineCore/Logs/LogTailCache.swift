import Foundation

/// The newest entries of task log files, shared by the threads of a responder and brought up to date by parsing
/// only what was appended since the last look.
///
/// A polling page asks for the same log tail over and over while the file only grows; parsing its end anew for
/// every poll cost most of the request. Each file is kept under its identity (device and inode) and the byte offset
/// parsed so far, which always ends after a newline: a line still being written is picked up once it is complete.
/// A file that was truncated or replaced (another inode) is read afresh. Memory is bounded: at most
/// `entriesPerFile` entries for each of at most `maxFiles` files, the least recently used file dropped first.
public final class LogTailCache: @unchecked Sendable {
    public static let entriesPerFile = 1_000

    private let maxFiles: Int
    private let lock = NSLock()
    private var files: [String: LogFileTail] = [:]
    private var clock: UInt64 = 0

    public init(maxFiles: Int = 64) {
        self.maxFiles = max(1, maxFiles)
    }

    /// What `LogFileReader.tail(limit:level:)` answers for the file, plus the version of the file it was read
    /// from (nil when the file does not exist): equal versions give equal answers.
    public func tail(of url: URL, limit: Int, level: String? = nil) throws -> LogTail {
        guard limit > 0, let identity = LogFileIdentity(path: url.path) else {
            forget(url.path)
            return LogTail(entries: [], hasMore: false, version: nil)
        }
        let file = entry(for: url.path)
        return try file.lock.withLock {
            try file.refresh(url: url, identity: identity)
            let version = LogTail.Version(identity: identity, parsedBytes: file.parsedBytes)
            var matching = level == nil ? file.entries[...] : file.entries.filter { $0.level == level }[...]
            if matching.count < limit, file.olderEntriesDropped, level != nil {
                // The kept window has too few entries of this level: read the file itself, as without a cache.
                let (entries, hasMore) = try LogFileReader(url: url).tail(limit: limit, level: level, end: file.parsedBytes)
                return LogTail(entries: entries, hasMore: hasMore, version: version)
            }
            let hasMore = matching.count > limit || file.olderEntriesDropped
            matching = matching.suffix(limit)
            return LogTail(entries: Array(matching), hasMore: hasMore, version: version)
        }
    }

    /// How many files are cached and how many entries they hold (for the operator's numbers).
    public var footprint: (files: Int, entries: Int) {
        let tails = lock.withLock { Array(files.values) }
        return (tails.count, tails.reduce(0) { total, tail in total + tail.lock.withLock { tail.entries.count } })
    }

    private func entry(for path: String) -> LogFileTail {
        lock.withLock {
            clock += 1
            if let file = files[path] {
                file.lastUsed = clock
                return file
            }
            if files.count >= maxFiles, let oldest = files.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
                files[oldest] = nil
            }
            let file = LogFileTail()
            file.lastUsed = clock
            files[path] = file
            return file
        }
    }

    private func forget(_ path: String) {
        lock.withLock { files[path] = nil }
    }
}

/// The answer of `LogTailCache.tail`.
public struct LogTail: Sendable {
    /// The file's identity and the bytes parsed: the same version means the same entries.
    public struct Version: Hashable, Sendable {
        public let identity: LogFileIdentity
        public let parsedBytes: UInt64
    }

    public let entries: [LogEntry]
    public let hasMore: Bool
    public let version: Version?
}

/// Which file a path names right now and how long it is.
public struct LogFileIdentity: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64
    public let size: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = UInt64(info.st_size)
    }

    func isSameFile(as other: LogFileIdentity) -> Bool {
        device == other.device && inode == other.inode
    }
}
