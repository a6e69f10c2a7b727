import Foundation
import PipelineCore

/// A temporary file receiving one uploaded part, created exclusively with mode 0600 and written with `write(2)`.
/// Failures of the storage (unwritable, read-only, full) are thrown as `StorageError`.
final class UploadTemporaryFile {
    /// Where the file lives.
    let url: URL
    /// Bytes written so far.
    private(set) var size = 0
    private var descriptor: Int32

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit { closeDescriptor() }

    /// Creates `.upload-<random>.part` in `directory`. The name never derives from client input, so a hostile file
    /// name cannot place a file elsewhere; `O_EXCL` refuses to follow a planted symlink or reuse an existing file.
    static func create(in directory: URL) throws -> UploadTemporaryFile {
        for _ in 0..<8 {
            let random = String(UInt64.random(in: .min ... .max), radix: 16)
            let url = directory.appendingPathComponent(".dp-upload-\(random).part", isDirectory: false)
            let fd = url.withUnsafeFileSystemRepresentation { path in
                open(path!, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            }
            if fd >= 0 { return UploadTemporaryFile(url: url, descriptor: fd) }
            if errno != EEXIST { throw Self.failure("create upload file in \(directory.path)") }
        }
        throw POSIXError(.EEXIST)
    }

    /// Appends `bytes`, retrying partial and interrupted writes.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure("write \(url.path)")
            }
            offset += written
        }
        size += bytes.count
    }

    /// Closes the file; `close(2)` can report a deferred write error, which then fails the upload.
    func finish() throws {
        let fd = descriptor
        descriptor = -1
        if close(fd) != 0 { throw Self.failure("close \(url.path)") }
    }

    /// Closes and deletes the file, ignoring errors: this runs on the failure path.
    func discard() {
        closeDescriptor()
        _ = url.withUnsafeFileSystemRepresentation { unlink($0!) }
    }

    private func closeDescriptor() {
        if descriptor >= 0 {
            _ = close(descriptor)
            descriptor = -1
        }
    }

    /// The current `errno` as a `StorageError` when it is one, else as a `POSIXError`.
    private static func failure(_ operation: String) -> Error {
        let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        return StorageError(classifying: error, operation: operation) ?? error
    }
}
