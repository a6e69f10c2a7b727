import PipelineCore

/// `dp-worker --task-id T --execution-id E --execution-mode complete|step [--step-name S] [vector flags]`.
struct WorkerArguments {
    var taskID: TaskID
    var executionID: String
    var mode: ExecutionMode
    var step: StepName?
    var vectorFlags: VectorFlags
    /// n > 0: the n-th retry of an execution whose worker was lost (`DP_RETRY_LOST_EXECUTIONS`).
    var resumeAttempt: Int

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static let usage = "usage: dp-worker --task-id ID --execution-id ID [--execution-mode complete|step] [--step-name STEP] [--backup-vector-tables] [--truncate-vector-tables] [--skip-training] [--resume-attempt N]"

    init(_ arguments: [String]) throws {
        var values: [String: String] = [:]
        var flags = Set<String>()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--task-id", "--execution-id", "--execution-mode", "--step-name", "--resume-attempt":
                guard index + 1 < arguments.count else { throw Invalid(description: "\(argument) needs a value") }
                values[argument] = arguments[index + 1]
                index += 2
            case "--backup-vector-tables", "--truncate-vector-tables", "--skip-training":
                flags.insert(argument)
                index += 1
            default:
                throw Invalid(description: "unknown argument \(argument)")
            }
        }
        guard let taskID = values["--task-id"].flatMap(TaskID.init) else { throw Invalid(description: "--task-id is missing or invalid") }
        guard let executionID = values["--execution-id"], !executionID.isEmpty else { throw Invalid(description: "--execution-id is missing") }
        guard let mode = ExecutionMode(rawValue: values["--execution-mode"] ?? "complete") else {
            throw Invalid(description: "--execution-mode must be complete or step")
        }
        let step = try values["--step-name"].map { text -> StepName in
            guard let step = StepName(rawValue: text) else { throw Invalid(description: "unknown step \(text)") }
            return step
        }
        if mode == .step, step == nil { throw Invalid(description: "step mode needs --step-name") }
        let resumeAttempt = try values["--resume-attempt"].map { text -> Int in
            guard let attempt = Int(text), attempt > 0 else { throw Invalid(description: "--resume-attempt must be a positive integer") }
            return attempt
        } ?? 0
        self.taskID = taskID
        self.executionID = executionID
        self.mode = mode
        self.step = mode == .step ? step : nil
        self.resumeAttempt = resumeAttempt
        vectorFlags = VectorFlags(backupVectorTables: flags.contains("--backup-vector-tables"),
                                  truncateVectorTables: flags.contains("--truncate-vector-tables"),
                                  skipTraining: flags.contains("--skip-training"))
    }
}
