/// One editable prompt template: its file name (in `templates/` and in an operator's `DP_PROMPTS_DIR`) and the
/// placeholders it must and may contain.
public enum PromptFile: String, CaseIterable, Sendable {
    case tableComments = "table_comments"
    case themes
    case questionPairs = "question_pairs"
    case sqlRepair = "sql_repair"
    case databaseSummary = "database_summary"
    /// The extra user message of the one retry after an unusable answer.
    case retryFeedback = "retry_feedback"

    public var fileName: String { rawValue + ".txt" }

    /// The template a kind of call is built from.
    public init(_ kind: PromptKind) {
        switch kind {
        case .tableComments: self = .tableComments
        case .themes: self = .themes
        case .questionPairs: self = .questionPairs
        case .sqlRepair: self = .sqlRepair
        case .databaseSummary: self = .databaseSummary
        }
    }

    /// Placeholders without which the model would not see its input: an override lacking one is refused at start.
    public var requiredPlaceholders: Set<String> {
        switch self {
        case .tableComments: return ["business_context", "table_name", "table_document", "columns_to_comment"]
        case .themes: return ["business_context", "theme_count", "table_names", "table_documents"]
        case .questionPairs:
            return ["business_context", "theme_name", "theme_description", "table_names", "table_documents",
                    "soft_delete_rules", "pair_count"]
        case .sqlRepair: return ["item_count", "items", "table_ddls"]
        case .databaseSummary: return ["table_documents"]
        case .retryFeedback: return ["error"]
        }
    }

    /// Placeholders a template may leave out.
    public var optionalPlaceholders: Set<String> {
        switch self {
        case .questionPairs: return ["theme_entities", "theme_metrics"]
        case .databaseSummary: return ["business_context", "themes"]
        case .tableComments, .themes, .sqlRepair, .retryFeedback: return []
        }
    }
}
