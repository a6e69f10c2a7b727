import Foundation

/// Makes an existing directory refuse new entries for the user running the tests, root included, until `restore()`.
/// Root ignores permission bits, so as root the directory is made immutable (`chattr +i`, ext4/xfs/btrfs/tmpfs with
/// CAP_LINUX_IMMUTABLE); as anyone else it loses its write bits. Call `restore()` before deleting the tree.
public final class UnwritableDirectory {
    public let url: URL
    private let immutable: Bool
    private var restored = false

    /// Nil when neither way makes the directory refuse a new file here (the caller skips its test then).
    public init?(_ url: URL) {
        self.url = url
        immutable = getuid() == 0
        if immutable {
            guard UnwritableDirectory.chattr("+i", url) else { return nil }
        } else {
            guard chmod(url.path, 0o555) == 0 else { return nil }
        }
        guard !UnwritableDirectory.acceptsNewFile(url) else {
            restore()
            return nil
        }
    }

    deinit { restore() }

    public func restore() {
        guard !restored else { return }
        restored = true
        if immutable { _ = UnwritableDirectory.chattr("-i", url) } else { _ = chmod(url.path, 0o755) }
    }

    private static func acceptsNewFile(_ directory: URL) -> Bool {
        let probe = directory.appendingPathComponent(".probe-\(UUID().uuidString)").path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        unlink(probe)
        return true
    }

    private static func chattr(_ flag: String, _ url: URL) -> Bool {
        guard let tool = ["/usr/bin/chattr", "/bin/chattr"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return false
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [flag, url.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
