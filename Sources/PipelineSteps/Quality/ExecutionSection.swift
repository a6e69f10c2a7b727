import PipelineCore

/// Step 3's execution check as the report shows it: classes over every pair it ran, the pairs it filtered and what
/// replaced them, the pairs the model repaired, and the classes of the pairs now in the pair file.
struct ExecutionSection: Encodable {
    struct FilteredPair: Encodable {
        var index: Int
        var question: String
        var executionClass: String
        var reason: String?
        /// The question of the pair that took its place; null when none did.
        var replacedBy: String?

        enum CodingKeys: String, CodingKey {
            case index, question, reason
            case executionClass = "class", replacedBy = "replaced_by"
        }
    }

    var reportFile: String
    var mode: String
    var checked: Int
    var classes: [String: Int]
    var filtered: [FilteredPair]
    var replaced: Int
    var notReplaced: Int
    var repairedByModel: Int
    /// Classes of the pairs in the current pair file (`unchecked`: pairs the report does not know).
    var pairFileClasses: [String: Int]

    enum CodingKeys: String, CodingKey {
        case mode, checked, classes, filtered, replaced
        case reportFile = "report_file", notReplaced = "not_replaced", repairedByModel = "repaired_by_model"
        case pairFileClasses = "pair_file_classes"
    }

    init(_ report: ValidationReportFile, pairClasses: [String?]) {
        reportFile = report.name
        mode = report.mode
        var classes = Dictionary(uniqueKeysWithValues: SQLExecutionClass.allCases.map { ($0.rawValue, 0) })
        for detail in report.details { if let kind = detail.executionClass { classes[kind, default: 0] += 1 } }
        self.classes = classes
        checked = report.details.filter { $0.executionClass != nil }.count
        filtered = report.details.filter(\.filtered).map {
            FilteredPair(index: $0.index, question: $0.question, executionClass: $0.executionClass ?? "",
                         reason: $0.reason, replacedBy: $0.replacement?.question)
        }
        replaced = filtered.filter { $0.replacedBy != nil }.count
        notReplaced = filtered.count - replaced
        repairedByModel = report.details.filter(\.repairSuccessful).count
        var inFile: [String: Int] = [:]
        for kind in pairClasses { inFile[kind ?? "unchecked", default: 0] += 1 }
        pairFileClasses = inFile
    }
}
