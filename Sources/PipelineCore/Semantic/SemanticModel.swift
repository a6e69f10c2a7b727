/// What step 1 learned about the meaning of the listed tables: table kinds and grains, column roles, how measures
/// aggregate, dimension values, time ranges, and the relationships between tables (declared and inferred).
///
/// Written to the task directory as `semantic_model.json` (docs/semantic-model.md); the user may edit and upload
/// it, and step 2 reads it back, so an edited model wins.
public struct SemanticModel: Codable, Sendable, Equatable {
    /// The format version this code writes and reads.
    public static let currentVersion = 1

    public var version: Int
    public var tables: [SemanticTable]
    public var relationships: [SemanticRelationship]
    public var joinPaths: [JoinPath]

    public init(version: Int = SemanticModel.currentVersion, tables: [SemanticTable],
                relationships: [SemanticRelationship], joinPaths: [JoinPath]) {
        self.version = version
        self.tables = tables
        self.relationships = relationships
        self.joinPaths = joinPaths
    }

    enum CodingKeys: String, CodingKey {
        case version, tables, relationships
        case joinPaths = "join_paths"
    }

    /// The table's entry, if the model has one.
    public func table(_ reference: TableReference) -> SemanticTable? {
        tables.first { $0.schema == reference.schema && $0.name == reference.name }
    }
}

/// How a table is used in analysis.
public enum TableKind: String, Codable, Sendable, CaseIterable {
    /// Events or periodic measurements: measures, a time column, references to dimensions.
    case fact
    /// Things facts refer to (service areas, companies): names and attributes.
    case dimension
    /// A link between two tables (many-to-many), little else.
    case bridge
    /// Timestamped records without measures that nothing refers to.
    case log
    case other
}

/// One table of the model.
public struct SemanticTable: Codable, Sendable, Equatable {
    public var schema: String
    public var name: String
    /// The Chinese business name (`服务区`, `营业日数据`).
    public var chineseName: String
    public var kind: TableKind
    /// What one row is, in Chinese (`服务区 × 车辆类别 × 日`).
    public var grain: String
    /// From the planner's statistics (`pg_class.reltuples`), exact for small tables; nil when unknown.
    public var estimatedRows: Int64?
    public var primaryKey: [String]
    /// `delete_ts`-style column whose non-null (or true) value marks a row deleted; nil when none.
    public var softDeleteColumn: String?
    public var columns: [SemanticColumn]

    public init(schema: String, name: String, chineseName: String, kind: TableKind, grain: String,
                estimatedRows: Int64?, primaryKey: [String], softDeleteColumn: String?, columns: [SemanticColumn]) {
        self.schema = schema
        self.name = name
        self.chineseName = chineseName
        self.kind = kind
        self.grain = grain
        self.estimatedRows = estimatedRows
        self.primaryKey = primaryKey
        self.softDeleteColumn = softDeleteColumn
        self.columns = columns
    }

    enum CodingKeys: String, CodingKey {
        case schema, name, kind, grain, columns
        case chineseName = "chinese_name"
        case estimatedRows = "estimated_rows"
        case primaryKey = "primary_key"
        case softDeleteColumn = "soft_delete_column"
    }

    public var reference: TableReference { TableReference(schema: schema, name: name) }

    public func column(_ name: String) -> SemanticColumn? { columns.first { $0.name == name } }
}

/// What a column is for.
public enum ColumnRole: String, Codable, Sendable, CaseIterable {
    case time, dimension, label, measure, identifier
    case foreignKey = "foreign_key"
    /// Audit and technical columns (`version`, `created_by`, soft-delete markers, binary data).
    case audit
    case sensitive
    case freeText = "free_text"
}

/// One column of a table in the model.
public struct SemanticColumn: Codable, Sendable, Equatable {
    public var name: String
    public var dataType: String
    /// The Chinese label (the comment's first clause).
    public var label: String
    public var role: ColumnRole
    public var measure: MeasureSemantics?
    public var dimension: DimensionSemantics?
    public var time: TimeSemantics?

    public init(name: String, dataType: String, label: String, role: ColumnRole, measure: MeasureSemantics? = nil,
                dimension: DimensionSemantics? = nil, time: TimeSemantics? = nil) {
        self.name = name
        self.dataType = dataType
        self.label = label
        self.role = role
        self.measure = measure
        self.dimension = dimension
        self.time = time
    }

    enum CodingKeys: String, CodingKey {
        case name, label, role, measure, dimension, time
        case dataType = "data_type"
    }
}

/// How a measure's values combine.
public enum Aggregation: String, Codable, Sendable, CaseIterable {
    case sum = "SUM", avg = "AVG", min = "MIN", max = "MAX"
}

public struct MeasureSemantics: Codable, Sendable, Equatable {
    /// Whether values add up across rows (amounts, counts); prices, rates, areas and scores do not.
    public var additive: Bool
    /// The aggregate questions use: `SUM` for additive measures, `AVG` (or `MIN`/`MAX`) otherwise.
    public var aggregation: Aggregation
    /// 元, 个, 辆, 笔, 平方米, %; nil when unknown.
    public var unit: String?
    /// Words a business user says for it (营收, 营业额, 收入).
    public var synonyms: [String]

    public init(additive: Bool, aggregation: Aggregation, unit: String?, synonyms: [String]) {
        self.additive = additive
        self.aggregation = aggregation
        self.unit = unit
        self.synonyms = synonyms
    }
}

public struct DimensionSemantics: Codable, Sendable, Equatable {
    /// Distinct values, from statistics (`pg_stats.n_distinct`) or the values found; nil when unknown.
    public var cardinality: Int64?
    /// The values (enum labels, most common values or a probe), most frequent first.
    public var values: [String]
    /// Code → meaning where a comment or check constraint gives it (`"1": "在售"`).
    public var meanings: [String: String]

    public init(cardinality: Int64?, values: [String], meanings: [String: String]) {
        self.cardinality = cardinality
        self.values = values
        self.meanings = meanings
    }
}

/// The finest unit a time column records.
public enum TimeGranularity: String, Codable, Sendable, CaseIterable {
    case year, month, day, second
}

public struct TimeSemantics: Codable, Sendable, Equatable {
    public var granularity: TimeGranularity
    /// The data's earliest and latest value as text (ISO), nil when unknown.
    public var min: String?
    public var max: String?
    /// Where the range comes from: `index` (a bounded min/max through an index) or `statistics` (`pg_stats`).
    public var rangeSource: String?

    public init(granularity: TimeGranularity, min: String?, max: String?, rangeSource: String?) {
        self.granularity = granularity
        self.min = min
        self.max = max
        self.rangeSource = rangeSource
    }

    enum CodingKeys: String, CodingKey {
        case granularity, min, max
        case rangeSource = "range_source"
    }
}
