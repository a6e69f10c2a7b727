import Foundation
import PipelineCore

/// Starts `dp-worker` with Foundation `Process`, detached as ARCHITECTURE.md §1 asks:
/// * through util-linux `setsid`, which forks because Foundation makes its child a process-group leader, so the
///   worker leads a new session: signals to the responder's group or a restart of the responder do not reach it;
/// * stdin from `/dev/null`, stdout and stderr appended to the task's log (never a pipe nobody reads);
/// * only `DP_*` settings and a minimal environment; secrets travel in the environment, never in argv.
/// Foundation reaps the short-lived `setsid` parent; the worker itself is re-parented away from the responder.
/// The worker closes inherited descriptors ≥ 3 and resets its signal mask first thing.
struct ProcessWorkerLauncher: WorkerLauncher {
    let workerBinary: String
    let environment: [String: String]
    static let setsid = "/usr/bin/setsid"

    init(workerBinary: String, pipelineEnvironment: [String: String]) {
        self.workerBinary = workerBinary
        var environment = pipelineEnvironment
        let inherited = ProcessInfo.processInfo.environment
        for name in ["PATH", "LANG", "LC_ALL", "TZ", "HOME"] { environment[name] = inherited[name] }
        environment["PATH"] = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        self.environment = environment
    }

    func launch(_ launch: WorkerLaunch) throws {
        let logDescriptor = open(launch.logFile.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard logDescriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let log = FileHandle(fileDescriptor: logDescriptor, closeOnDealloc: true)
        guard let devNull = FileHandle(forReadingAtPath: "/dev/null") else { throw POSIXError(.ENOENT) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessWorkerLauncher.setsid)
        process.arguments = [workerBinary] + launch.arguments
        process.environment = environment
        process.currentDirectoryURL = launch.logFile.deletingLastPathComponent()
        process.standardInput = devNull
        process.standardOutput = log
        process.standardError = log
        defer {
            // Foundation keeps these open while the Process object lives; the child has its copies already.
            try? log.close()
            try? devNull.close()
        }
        try process.run()
    }

    /// `dp-worker` next to the running executable.
    static func siblingWorker() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("dp-worker").path
    }
}
