/// The four pipeline steps, in execution order. The raw values are the wire and database spellings.
public enum StepName: String, CaseIterable, Sendable, Codable {
    case ddlGeneration = "ddl_generation"
    case qaGeneration = "qa_generation"
    case sqlValidation = "sql_validation"
    case trainingLoad = "training_load"

    /// Position in the pipeline, 1-based.
    public var order: Int { StepName.allCases.firstIndex(of: self)! + 1 }
}
