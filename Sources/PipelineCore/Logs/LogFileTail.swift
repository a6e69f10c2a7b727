import Foundation

/// One file's state in `LogTailCache`: its newest entries and how far it was parsed. Used under its own lock.
final class LogFileTail: @unchecked Sendable {
    let lock = NSLock()
    var lastUsed: UInt64 = 0
    private(set) var entries: [LogEntry] = []
    /// Bytes of the file parsed so far; always just after a newline (or 0).
    private(set) var parsedBytes: UInt64 = 0
    /// Whether the file holds entries older than `entries`.
    private(set) var olderEntriesDropped = false
    private var identity: LogFileIdentity?

    /// Brings the entries up to the file's complete lines: the first time (or after truncation or replacement) from
    /// its end backwards, afterwards by parsing only the appended bytes.
    func refresh(url: URL, identity current: LogFileIdentity) throws {
        if let known = identity, !known.isSameFile(as: current) || current.size < parsedBytes {
            identity = nil
        }
        if identity == nil || parsedBytes == 0 {
            try load(url: url, size: current.size)
        } else if current.size > parsedBytes {
            try append(url: url, size: current.size)
        }
        identity = current
    }

    private func load(url: URL, size: UInt64) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            entries = []
            parsedBytes = 0
            olderEntriesDropped = false
            return
        }
        defer { try? handle.close() }
        let end = try Self.endOfLastLine(handle, size: size)
        let (tail, hasMore) = try LogFileReader(url: url).tail(limit: LogTailCache.entriesPerFile, end: end)
        entries = tail
        olderEntriesDropped = hasMore
        parsedBytes = end
    }

    private func append(url: URL, size: UInt64) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return }
        defer { try? handle.close() }
        // The byte before the appended part must still be the newline parsed last: a file truncated and written
        // again past the old length (same inode, larger size) is read afresh.
        try handle.seek(toOffset: parsedBytes - 1)
        var bytes = [UInt8](try handle.read(upToCount: Int(size - parsedBytes + 1)) ?? Data())
        guard bytes.first == 0x0A else {
            try load(url: url, size: size)
            return
        }
        bytes.removeFirst()
        guard let lastNewline = bytes.lastIndex(of: 0x0A) else { return }
        for text in LogFileReader.lines(Array(bytes[..<lastNewline])) {
            if let entry = LogLineParser.parseHeader(text) {
                entries.append(entry)
            } else if !text.isEmpty, !entries.isEmpty {
                entries[entries.count - 1].message += "\n" + text
            }
        }
        if entries.count > LogTailCache.entriesPerFile {
            entries.removeFirst(entries.count - LogTailCache.entriesPerFile)
            olderEntriesDropped = true
        }
        parsedBytes += UInt64(lastNewline + 1)
    }

    /// The offset just after the file's last newline within `size` bytes (0 when there is none in its last 64 KiB
    /// and the file is longer: such a line is taken whole once it ends).
    private static func endOfLastLine(_ handle: FileHandle, size: UInt64) throws -> UInt64 {
        guard size > 0 else { return 0 }
        let start = size > UInt64(LogFileReader.chunkSize) ? size - UInt64(LogFileReader.chunkSize) : 0
        try handle.seek(toOffset: start)
        let chunk = [UInt8](try handle.read(upToCount: Int(size - start)) ?? Data())
        guard let newline = chunk.lastIndex(of: 0x0A) else { return start }
        return start + UInt64(newline + 1)
    }
}
