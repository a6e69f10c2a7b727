import Foundation

/// `dp-fake-openai` run as a child process, for tests whose client is another process (the worker).
///
/// The executable is `DP_FAKE_OPENAI_BIN` (exported by scripts/test.sh), else `dp-fake-openai` next to the running
/// test bundle. Call `stop()` when done.
public final class FakeOpenAIProcess: @unchecked Sendable {
    /// The process could not be started or did not come up.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The port the process reported.
    public let port: UInt16
    /// `http://127.0.0.1:<port>/v1`.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }
    /// The control API of this process.
    public var control: FakeOpenAIControl { FakeOpenAIControl(port: port) }

    private let process: Process
    private let scratch: URL

    /// The default executable path.
    public static var defaultExecutable: String {
        if let path = ProcessInfo.processInfo.environment["DP_FAKE_OPENAI_BIN"], !path.isEmpty { return path }
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").standardizedFileURL
        return runner.deletingLastPathComponent().appendingPathComponent("dp-fake-openai").path
    }

    /// Starts the executable and waits (at most `startTimeout` seconds) for its `listening on <port>` line.
    public init(executable: String = FakeOpenAIProcess.defaultExecutable, arguments: [String] = [],
                startTimeout: Double = 10) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fake-openai-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let outURL = scratch.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // A file, not a pipe: nobody would read a pipe after the first line, and a full pipe blocks the child.
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: outURL)
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start \(executable): \(error)")
        }
        let deadline = Date().addingTimeInterval(startTimeout)
        var found: UInt16?
        while found == nil, Date() < deadline, process.isRunning {
            let text = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                found = UInt16(line.dropFirst("listening on ".count))
            } else {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            throw Failure(description: "\(executable) did not report its port within \(startTimeout) s")
        }
        port = found
    }

    /// Everything the process wrote to stdout and stderr so far.
    public var output: String {
        String(decoding: (try? Data(contentsOf: scratch.appendingPathComponent("stdout"))) ?? Data(), as: UTF8.self)
    }

    /// Sends SIGTERM and waits up to `timeout` seconds; the exit status, nil when it did not exit (then killed).
    @discardableResult
    public func stop(timeout: Double = 10) -> Int32? {
        defer { try? FileManager.default.removeItem(at: scratch) }
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }
}
