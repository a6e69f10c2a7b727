import FakeOpenAI
import Foundation
import XCTest

/// A second responder of the same service, configured for real model endpoints: `dp-fcgi` with
/// `DP_LLM_PROVIDER=openai` and `DP_EMBEDDING_PROVIDER=openai` pointed at a fake OpenAI-compatible server process
/// (`dp-fake-openai`), behind its own nginx. It has its own state database and tasks directory, because the
/// training-data store refuses to mix vectors of two embedding models (the main stack uses the built-in one).
final class ModelStack {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sent as the bearer token; the tests grep every file, log and answer for it.
    static let apiKey = "sk-e2e-Model-Key-7f3c9a"

    let fake: FakeOpenAIProcess
    let baseURL: String
    let tasksDirectory: URL
    let stateDatabase: String
    let directory: URL
    private let admin: PostgresAdmin
    private let responder: Process
    /// nginx in the foreground (`daemon off`): a daemonised master would keep Foundation's termination socket of the
    /// launching `Process` open, and waiting for it would never end.
    private let nginx: Process

    init(admin: PostgresAdmin, httpPort: Int, environment extra: [String: String] = [:]) throws {
        self.admin = admin
        fake = try FakeOpenAIProcess()
        directory = URL(fileURLWithPath: "/tmp/dp-model-\(UUID().uuidString.prefix(8).lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o711])
        tasksDirectory = directory.appendingPathComponent("tasks", isDirectory: true)
        try FileManager.default.createDirectory(at: tasksDirectory, withIntermediateDirectories: true)
        stateDatabase = "e2e_model_state_\(UUID().uuidString.prefix(8).lowercased())"
        try admin.run(["CREATE DATABASE \(stateDatabase)"])

        let socket = directory.appendingPathComponent("dp-fcgi.sock").path
        let fcgiBinary = ProcessInfo.processInfo.environment["DP_FCGI_BIN"] ?? ""
        guard FileManager.default.isExecutableFile(atPath: fcgiBinary) else { throw Failure(description: "DP_FCGI_BIN not set") }
        let keyFile = directory.appendingPathComponent("secret.key")
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        guard FileManager.default.createFile(atPath: keyFile.path, contents: Data(key.utf8), attributes: [.posixPermissions: 0o600])
        else { throw Failure(description: "cannot write \(keyFile.path)") }
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "DP_SECRET_KEY_FILE": keyFile.path,
            "DP_STATE_DATABASE_URL": admin.url(of: stateDatabase),
            "DP_TASKS_DIR": tasksDirectory.path,
            "DP_FCGI_SOCKET": socket,
            "DP_FCGI_THREADS": "4",
            "DP_WORKER_BIN": URL(fileURLWithPath: fcgiBinary).deletingLastPathComponent().appendingPathComponent("dp-worker").path,
            "DP_WORKER_HEARTBEAT_S": "1",
            "DP_LLM_PROVIDER": "openai",
            "DP_LLM_BASE_URL": fake.baseURL,
            "DP_LLM_API_KEY": Self.apiKey,
            "DP_LLM_MODEL": "fake-chat",
            "DP_LLM_TIMEOUT_S": "2",
            "DP_LLM_MAX_RETRIES": "2",
            "DP_EMBEDDING_PROVIDER": "openai",
            "DP_EMBEDDING_BASE_URL": fake.baseURL,
            "DP_EMBEDDING_API_KEY": Self.apiKey,
            "DP_EMBEDDING_MODEL": "fake-embedding",
        ]
        environment.merge(extra) { _, new in new }
        responder = Process()
        responder.executableURL = URL(fileURLWithPath: fcgiBinary)
        responder.environment = environment
        let log = directory.appendingPathComponent("dp-fcgi.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        responder.standardOutput = handle
        responder.standardError = handle
        responder.standardInput = FileHandle.nullDevice
        try responder.run()
        try handle.close()
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: socket) {
            guard responder.isRunning, Date() < deadline else {
                throw Failure(description: "model responder did not start: \(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(2000))")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }

        let nginxDirectory = directory.appendingPathComponent("nginx", isDirectory: true)
        try FileManager.default.createDirectory(at: nginxDirectory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        let root = EndToEndTestCase.repositoryRoot
        let rendered = try ProcessRunner.run("/bin/bash", [
            root.appendingPathComponent("scripts/render-nginx.sh").path, "local", nginxDirectory.path,
            "127.0.0.1:\(httpPort)", socket, tasksDirectory.path + "/", root.appendingPathComponent("nginx/www").path,
            getuid() == 0 ? "1" : "0",
        ])
        guard rendered.status == 0 else { throw Failure(description: "render-nginx failed: \(rendered.standardError)") }
        let configuration = nginxDirectory.appendingPathComponent("nginx.conf")
        try rendered.standardOutput.write(to: configuration, atomically: true, encoding: .utf8)
        nginx = Process()
        nginx.executableURL = URL(fileURLWithPath: Self.nginxPath)
        nginx.arguments = ["-c", configuration.path, "-p", nginxDirectory.path + "/", "-e",
                           nginxDirectory.appendingPathComponent("error.log").path, "-g", "daemon off;"]
        nginx.standardInput = FileHandle.nullDevice
        nginx.standardOutput = FileHandle.nullDevice
        nginx.standardError = FileHandle.nullDevice
        try nginx.run()
        baseURL = "http://127.0.0.1:\(httpPort)"
        let ready = Date().addingTimeInterval(10)
        while (try? HTTPTestClient(baseURL: baseURL).get(EndToEndTestCase.api + "/health").status) != 200 {
            guard nginx.isRunning, Date() < ready else { throw Failure(description: "the model stack's nginx did not start") }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Stops nginx, the responder and the fake; drops the state database; removes the directory.
    func stop() {
        if nginx.isRunning {
            kill(nginx.processIdentifier, SIGQUIT)
            nginx.waitUntilExit()
        }
        if responder.isRunning {
            responder.terminate()
            responder.waitUntilExit()
        }
        _ = fake.stop()
        try? admin.run(["DROP DATABASE IF EXISTS \(stateDatabase) WITH (FORCE)"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Everything a run may write a secret into: the responder's log and every file below the tasks directory.
    func writtenFiles() -> [URL] {
        var files = [directory.appendingPathComponent("dp-fcgi.log"), directory.appendingPathComponent("nginx/error.log")]
        if let enumerator = FileManager.default.enumerator(at: tasksDirectory, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator where !url.hasDirectoryPath { files.append(url) }
        }
        return files
    }

    static var nginxPath: String {
        ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/nginx"
    }
}
