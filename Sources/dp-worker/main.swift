import Foundation
import PipelineCore
import PipelineProviders
import PipelineSteps
import PipelineStore
import PipelineWording

// First thing: undo what a detached child inherits (blocked signals, ignored dispositions, descriptors ≥ 3).
ProcessHygiene.resetSignals()
ProcessHygiene.closeInheritedDescriptors()

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("dp-worker: \(message)\n".utf8))
    exit(code)
}

let arguments: WorkerArguments
let configuration: WorkerConfiguration
let environment: [String: String]
/// Opens the task's sealed connection string (the key file comes through the environment, never argv).
let secrets: ConnectionSecretBox
do {
    arguments = try WorkerArguments(Array(CommandLine.arguments.dropFirst()))
    environment = try EnvironmentFile.mergedEnvironment(ProcessInfo.processInfo.environment)
    configuration = try WorkerConfiguration.load(from: environment)
    secrets = try ConnectionSecretBox.load(environment: environment)
} catch {
    fail("\(error)\n\(WorkerArguments.usage)", code: 2)
}

let cancellation = CancellationToken()
let progress = ProgressBoard()
// Block termination signals before any other thread exists; a sigwait thread turns them into a cancellation.
ProcessHygiene.onTerminationSignal { _ in cancellation.cancel() }

let recorder = PostgresExecutionRecorder(url: configuration.stateDatabaseURL, taskID: arguments.taskID,
                                         executionID: arguments.executionID)
let task: PipelineTask
do {
    guard try recorder.register(pid: getpid(), host: HostIdentity.resolve(environment), now: Date()) else {
        fail("execution \(arguments.executionID) is no longer the running execution of \(arguments.taskID)", code: 3)
    }
    let store = StateDatabase.taskStore(url: configuration.stateDatabaseURL, applicationName: "dp-worker", secrets: secrets)
    guard let loaded = try store.task(arguments.taskID) else { fail("task \(arguments.taskID) not found", code: 3) }
    task = loaded
} catch {
    fail("cannot reach the state database: \(error)", code: 4)
}

let directory = TaskDirectory(root: configuration.tasksDirectory, taskID: arguments.taskID)
let logSecrets = [DatabaseURL.password(task.parameters.dbConnection), DatabaseURL.password(configuration.stateDatabaseURL)]
    .compactMap { $0 }
let log: TaskLog
do {
    try directory.create()
    log = try TaskLog(url: directory.fileURL(TaskLog.fileName), secrets: logSecrets)
} catch {
    fail("cannot open the task log: \(error)", code: 4)
}
log.info("pipeline", "执行开始: execution_id=\(arguments.executionID) mode=\(arguments.mode.rawValue) step=\(arguments.step?.rawValue ?? "-") pid=\(getpid())")

// The responder checked the connection string at create and execute; the policy may have narrowed since.
do {
    try configuration.businessConnectionPolicy.check(task.parameters.dbConnection)
} catch {
    let message = ReasonWording.workerConnectionRefusal(error)
    log.error("pipeline", message)
    _ = try? recorder.finish(status: .failed, errorMessage: message, result: nil, now: Date())
    exit(1)
}

let heartbeat = Heartbeat(
    recorder: PostgresExecutionRecorder(url: configuration.stateDatabaseURL, taskID: arguments.taskID,
                                        executionID: arguments.executionID, applicationName: "dp-worker-heartbeat"),
    progress: progress, cancellation: cancellation, interval: configuration.heartbeatSeconds)
heartbeat.start { log.warning("pipeline", "收到取消请求，将在当前处理单元结束后停止") }

let context = StepContext(taskID: arguments.taskID, directory: directory, parameters: task.parameters,
                          vectorFlags: arguments.vectorFlags, log: log, progress: progress, cancellation: cancellation)
let status: TaskStatus
do {
    let steps = try StepCatalog.steps(configuration, environment: environment, directory: directory, log: log, secrets: logSecrets)
    let orchestrator = PipelineOrchestrator(steps: steps, recorder: HeartbeatStoppingRecorder(recorder, heartbeat: heartbeat),
                                            context: context)
    status = try orchestrator.run(mode: arguments.mode, step: arguments.step, resumeAttempt: arguments.resumeAttempt)
} catch {
    log.error("pipeline", "执行异常结束: \(error)")
    heartbeat.stop()
    _ = try? recorder.finish(status: .failed, errorMessage: "执行异常结束", result: nil, now: Date())
    exit(1)
}
heartbeat.stop()
log.info("pipeline", "执行结束: 任务状态 \(status.rawValue)")
exit(status == .failed ? 1 : 0)
