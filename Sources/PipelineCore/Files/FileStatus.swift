import Foundation

/// `stat(2)` facts about a path, without following Foundation's slower attribute dictionaries.
struct FileStatus {
    var size: Int64
    var changedAt: Date
    var modifiedAt: Date
    var isReadable: Bool

    /// The status of a regular file (symbolic links are not followed, so a link planted in a task directory
    /// is never served); nil for anything else or a missing path.
    static func regularFile(at path: String) -> FileStatus? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStatus(
            size: Int64(info.st_size),
            changedAt: date(info.st_ctim),
            modifiedAt: date(info.st_mtim),
            isReadable: access(path, R_OK) == 0
        )
    }

    static func exists(at path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func date(_ time: timespec) -> Date {
        Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000)
    }
}

/// `rename(2)`: atomic replacement within one file system.
enum FileRename {
    static func rename(_ source: URL, to target: URL) throws {
        guard Foundation.rename(source.path, target.path) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }
}

/// An exclusive `flock(2)` on a lock file; works between threads too, since each holds its own open file.
final class DirectoryLock {
    private var descriptor: Int32

    init(_ url: URL) throws {
        descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
