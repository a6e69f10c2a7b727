import Foundation
import PipelineCore

/// `<step>_result.json`, `task_result.json` and `task_config.json` (FORMATS.md): pretty JSON, non-ASCII unescaped.
enum ResultFiles {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func writeStepResult(_ result: JSONValue, step: StepName, to directory: TaskDirectory) throws {
        try directory.writeAtomically(encoder.encode(result), to: SafeFileName("\(step.rawValue)_result.json")!)
    }

    static func writeTaskResult(_ results: [String: JSONValue], to directory: TaskDirectory) throws {
        let document: JSONValue = .object(["success": .bool(true), "steps": .object(results)])
        try directory.writeAtomically(encoder.encode(document), to: SafeFileName("task_result.json")!)
    }
}

/// `task_config.json`, rewritten by every execution; the password in `db_connection` is masked.
enum TaskConfigFile {
    struct Document: Encodable {
        var taskId: String
        var createdAt: String
        var parameters: TaskParameters
        var outputDirectory: String

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id", createdAt = "created_at", parameters, outputDirectory = "output_directory"
        }
    }

    static func write(_ context: StepContext) throws {
        let document = Document(taskId: context.taskID.rawValue, createdAt: LocalTimestamp.iso(context.clock()),
                                parameters: context.parameters.masked, outputDirectory: context.taskID.rawValue)
        try context.directory.writeAtomically(ResultFiles.encoder.encode(document), to: SafeFileName("task_config.json")!)
    }
}

/// Before a complete re-run, the previous run's generated files move to `file_bak_<ts>/` with `backup_info.json`
/// (FORMATS.md). Uploaded files, the table list and the log stay (the predecessor moved everything).
enum GeneratedFileBackup {
    static func isGenerated(_ name: String) -> Bool {
        if ["filename_mapping.txt", "metadata.txt", "metadata_detail.md", "db_query_decision_prompt.txt",
            "task_result.json", "quality_report.json"].contains(name) { return true }
        if name.hasSuffix(".ddl") || name.hasSuffix("_detail.md") || name.hasSuffix("_result.json") { return true }
        if name.hasPrefix("qs_"), name.hasSuffix("_pair.json") || name.hasSuffix("_pair.json.backup") { return true }
        return name.hasPrefix("sql_validation_") && (name.hasSuffix("_summary.log") || name.hasSuffix("_report.json"))
    }

    /// Moves the files `matching` selects (by default everything a run generates) into a new `file_bak_<ts>/`.
    static func moveGeneratedFiles(of directory: TaskDirectory, now: Date, log: TaskLog,
                                   matching: (String) -> Bool = isGenerated) throws {
        let generated = directory.listFiles().map(\.name).filter(matching)
        guard !generated.isEmpty else { return }
        var name = "file_bak_\(LocalTimestamp.compact(now))"
        var suffix = 1
        while FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(name).path) {
            name = "file_bak_\(LocalTimestamp.compact(now))_\(suffix)"
            suffix += 1
        }
        let backup = directory.url.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: backup, withIntermediateDirectories: false)
        for file in generated {
            try FileManager.default.moveItem(at: directory.url.appendingPathComponent(file), to: backup.appendingPathComponent(file))
        }
        let info: JSONValue = .object([
            "backup_time": .string(LocalTimestamp.iso(now)), "backup_directory": .string(name),
            "moved_files": .array(generated.map(JSONValue.string)), "task_id": .string(directory.taskID.rawValue),
        ])
        try ResultFiles.encoder.encode(info).write(to: backup.appendingPathComponent("backup_info.json"))
        log.info("pipeline", "已备份上一次运行生成的 \(generated.count) 个文件到 \(name)/")
    }
}
