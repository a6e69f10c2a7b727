import PipelineCore

/// What `execution_mode: "refresh"` needs before a worker starts: documents to compare with the database. A task
/// that never ran (and has no uploaded `.ddl`) has nothing to refresh: 409, as `GET …/drift` answers.
enum RefreshInputs {
    static let neverRunMessage = "任务尚未执行或没有表结构文档（*.ddl），无法增量刷新；请先以 complete 模式完整执行一次，或上传表结构文档"

    static func check(_ directory: TaskDirectory) throws {
        guard directory.listFiles().contains(where: { TableDocumentReader.isDDLFileName($0.name) }) else {
            throw APIError(.conflict, neverRunMessage)
        }
    }
}
