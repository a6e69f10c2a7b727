import Foundation

/// The service's own storage (task directories, uploads, backups) refused an operation: a server-side fault the
/// client cannot fix by changing its request. The API answers it with its own status and says whether a retry can help.
public struct StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// `EACCES`, `EPERM`: permissions or an immutable attribute; an operator has to act.
        case permissionDenied
        /// `EROFS`: the file system is mounted read-only; an operator has to act.
        case readOnlyFileSystem
        /// `ENOSPC`, `EDQUOT`: full. Space can come back (deleting old tasks through the API frees it), so a retry
        /// later can succeed.
        case noSpace
        /// Anything else the storage reported (`EIO`, a file where a directory should be, …), with its errno.
        case unusable(Int32)
    }

    public var reason: Reason
    /// What was attempted and where: for the log only, never for the client (it names server paths).
    public var detail: String

    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// Whether the same request can succeed later without an operator: only when space ran out.
    public var canRetry: Bool { reason == .noSpace }

    public var description: String { "storage failure (\(reason)): \(detail)" }

    /// The storage error `error` stands for, when it is a file-system failure of one of the kinds above (POSIX errors,
    /// and Foundation's file errors with or without an underlying POSIX error); nil for anything else, such as a
    /// missing file (`ENOENT`), which callers treat in their own way.
    public init?(classifying error: Error, operation: String) {
        if let storage = error as? StorageError {
            self = storage
            return
        }
        guard let code = StorageError.errno(of: error as NSError), let reason = StorageError.reason(for: code) else {
            return nil
        }
        self.init(reason, detail: "\(operation): \(String(cString: strerror(code)))")
    }

    /// Runs `body`, turning file-system failures into `StorageError`; other errors pass unchanged.
    public static func translating<T>(_ operation: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw StorageError(classifying: error, operation: operation()) ?? error
        }
    }

    static func reason(for code: Int32) -> Reason? {
        switch code {
        case EACCES, EPERM: return .permissionDenied
        case EROFS: return .readOnlyFileSystem
        case ENOSPC, EDQUOT: return .noSpace
        case EIO, ENOTDIR, EISDIR, ELOOP, EMLINK, EFBIG, ENAMETOOLONG: return .unusable(code)
        default: return nil
        }
    }

    /// The errno behind an error: the code of a POSIX-domain error, the underlying error of a Foundation file error,
    /// or the errno equivalent of Foundation's own file-error codes.
    private static func errno(of error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        guard error.domain == NSCocoaErrorDomain else { return nil }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, let code = errno(of: underlying) {
            return code
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteOutOfSpace: return ENOSPC
        default: return nil
        }
    }
}
