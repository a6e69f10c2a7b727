/// A table (or view) of a business database resolved to its real schema and name.
public struct TableReference: Hashable, Sendable, Codable, CustomStringConvertible {
    public var schema: String
    public var name: String

    public init(schema: String, name: String) {
        self.schema = schema
        self.name = name
    }

    /// `schema.name` as a user would type it in a table list (parts quoted only when PostgreSQL needs it).
    public var description: String { "\(SQLIdentifier.display(schema)).\(SQLIdentifier.display(name))" }
    /// `schema.name` quoted for SQL.
    public var quoted: String { "\(SQLIdentifier.quote(schema)).\(SQLIdentifier.quote(name))" }
    /// How the documents, themes and prompts name the table: `name` in the public schema, `schema.name` otherwise,
    /// unquoted (prose, not SQL).
    public var documentName: String { schema == "public" ? name : "\(schema).\(name)" }
}

/// What kind of relation a listed name is.
public enum RelationKind: String, Sendable, Codable {
    case table
    case partitionedTable = "partitioned_table"
    case view
    case materializedView = "materialized_view"
    case foreignTable = "foreign_table"
}

/// A foreign key of a table.
public struct ForeignKeyReference: Sendable, Codable, Equatable {
    public var columns: [String]
    public var target: TableReference
    public var targetColumns: [String]

    public init(columns: [String], target: TableReference, targetColumns: [String]) {
        self.columns = columns
        self.target = target
        self.targetColumns = targetColumns
    }
}

/// Broad type families, for comments, sampling and question templates.
public enum ColumnCategory: String, Sendable, Codable {
    case text, integer, decimal, boolean, date, timestamp, time, json, uuid, binary, array, network, other
}

/// One column as step 1 documents it.
public struct ColumnDescription: Sendable, Codable, Equatable {
    public var name: String
    /// 1-based position among the table's live columns.
    public var position: Int
    /// The type as the DDL file spells it (FORMATS.md §1): `varchar(32)`, `numeric(19,4)`, `timestamp`, `text[]`, …
    public var dataType: String
    public var category: ColumnCategory
    public var notNull: Bool
    /// The default as the DDL shows it (sequences dropped, casts stripped, `now()` → `current_timestamp`); nil if none.
    public var defaultValue: String?
    /// The comment the database already has; kept as the final comment when present.
    public var existingComment: String?
    /// The final comment (existing, else generated).
    public var comment: String?
    public var isPrimaryKey: Bool
    public var isForeignKey: Bool
    /// Up to a few distinct non-null sample values, each cut to 50 characters; empty for binary or sensitive columns.
    public var samples: [String]
    /// All values of an enum-like column (≤ 20), most frequent first; nil when the column is not enum-like.
    public var enumValues: [String]?
    /// Looks like personal data (phone, e-mail, ID card, bank card): never sampled, never sent to an LLM.
    public var isSensitive: Bool

    public init(
        name: String, position: Int, dataType: String, category: ColumnCategory, notNull: Bool = false,
        defaultValue: String? = nil, existingComment: String? = nil, comment: String? = nil,
        isPrimaryKey: Bool = false, isForeignKey: Bool = false, samples: [String] = [], enumValues: [String]? = nil,
        isSensitive: Bool = false
    ) {
        self.name = name
        self.position = position
        self.dataType = dataType
        self.category = category
        self.notNull = notNull
        self.defaultValue = defaultValue
        self.existingComment = existingComment
        self.comment = comment ?? existingComment
        self.isPrimaryKey = isPrimaryKey
        self.isForeignKey = isForeignKey
        self.samples = samples
        self.enumValues = enumValues
        self.isSensitive = isSensitive
    }
}

/// One table as step 1 documents it: catalog facts, samples and (final) comments.
public struct TableDescription: Sendable, Codable, Equatable {
    public var reference: TableReference
    public var kind: RelationKind
    public var existingComment: String?
    /// The final table comment (existing, else generated).
    public var comment: String?
    /// From statistics (`reltuples`), exact only for small tables; nil when unknown.
    public var estimatedRows: Int64?
    public var columns: [ColumnDescription]
    public var primaryKey: [String]
    public var foreignKeys: [ForeignKeyReference]

    public init(
        reference: TableReference, kind: RelationKind, existingComment: String? = nil, comment: String? = nil,
        estimatedRows: Int64? = nil, columns: [ColumnDescription], primaryKey: [String] = [],
        foreignKeys: [ForeignKeyReference] = []
    ) {
        self.reference = reference
        self.kind = kind
        self.existingComment = existingComment
        self.comment = comment ?? existingComment
        self.estimatedRows = estimatedRows
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
    }
}
