import PipelineCore

/// The listed tables as their documents in the task directory describe them (steps 2 and 3 read these, not the
/// database, so a user's edited and uploaded documents are what count).
enum DocumentedTables {
    static func load(_ context: StepContext, step: StepName) throws -> [TableDescription] {
        let log = context.log
        let (documents, problems) = TableDocumentReader.readAll(in: context.directory)
        for problem in problems { log.warning(step.rawValue, problem) }
        guard let list = TableListFile.read(from: context.directory), !list.tables.isEmpty else {
            // Without a table list every documented table counts (the files are the input).
            guard !documents.isEmpty else { throw StepFailure("没有找到表结构文档（*.ddl），请先执行 ddl_generation 步骤") }
            return documents
        }
        var byReference: [TableReference: TableDescription] = [:]
        for document in documents where byReference[document.reference] == nil { byReference[document.reference] = document }
        var tables: [TableDescription] = []
        var undocumented: [String] = []
        for name in list.tables {
            if let table = byReference[TableReference(schema: name.schema, name: name.table)] {
                tables.append(table)
            } else {
                undocumented.append(name.description)
            }
        }
        if !undocumented.isEmpty {
            log.warning(step.rawValue, "以下表没有文档，已跳过: \(undocumented.joined(separator: ", "))")
        }
        guard !tables.isEmpty else { throw StepFailure("表清单中的表都没有结构文档（*.ddl），请先执行 ddl_generation 步骤") }
        return tables
    }
}
