import PipelineCore

/// What a step needs in the task directory before it can run alone: exactly what the step itself reads, no more,
/// so a precheck never refuses a run the step would have done.
enum StepInputs {
    static func missingInput(for step: StepName, in directory: TaskDirectory) -> String? {
        let names = Set(directory.listFiles().map(\.name))
        switch step {
        case .ddlGeneration:
            return nil
        case .qaGeneration:
            // The step reads the `.ddl` files (`TableDocumentReader.readAll`); a `_detail.md` only adds samples and
            // comments when it is there.
            return names.contains(where: TableDocumentReader.isDDLFileName)
                ? nil : "缺少表结构文件（*.ddl），请先执行 ddl_generation 步骤"
        case .sqlValidation:
            return names.contains { $0.hasSuffix("_pair.json") }
                ? nil : "缺少Question-SQL文件（*_pair.json），请先执行 qa_generation 步骤"
        case .trainingLoad:
            return names.contains { $0.hasSuffix(".ddl") || $0.hasSuffix("_detail.md") || $0.hasSuffix("_pair.json") }
                ? nil : "缺少可加载的训练数据文件，请先执行 ddl_generation 或 qa_generation 步骤"
        }
    }
}
