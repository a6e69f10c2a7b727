/// One difference between a task's documents (and semantic model) and the business database as it is now.
public struct SchemaChange: Sendable, Equatable, Encodable {
    /// What changed; the raw values are the wire spellings.
    public enum Kind: String, Sendable, Encodable, CaseIterable {
        case tableAdded = "table_added"
        case tableGone = "table_gone"
        case columnAdded = "column_added"
        case columnGone = "column_gone"
        case columnRetyped = "column_retyped"
        case nullabilityChanged = "nullability_changed"
        case commentChanged = "comment_changed"
        case valueAdded = "value_added"
        case valueGone = "value_gone"
        case relationshipAdded = "relationship_added"
        case relationshipGone = "relationship_gone"
    }

    public var kind: Kind
    /// `schema.table` as a table list writes it.
    public var table: String
    /// The column, for column, comment (nil: the table's comment) and value changes.
    public var column: String?
    /// The relationship (`child(columns)->parent(columns)`) for relationship changes.
    public var relationship: String?
    /// What the documents say (type, `not null`/`null`, comment, value); nil for an addition.
    public var documented: String?
    /// What the database says now; nil for a removal.
    public var current: String?
    /// One Chinese sentence saying what changed.
    public var message: String

    public init(kind: Kind, table: String, column: String? = nil, relationship: String? = nil,
                documented: String? = nil, current: String? = nil, message: String) {
        self.kind = kind
        self.table = table
        self.column = column
        self.relationship = relationship
        self.documented = documented
        self.current = current
        self.message = message
    }
}

/// A loaded training item checked again on the business database as it is now.
public struct TrainingItemCheck: Sendable, Equatable, Encodable {
    public var id: String
    /// `sql` or `error_sql`.
    public var type: String
    public var question: String?
    public var sql: String
    /// The tables the item was loaded for (may be empty: pairs are task-level items).
    public var tables: [String]
    /// Why the gate or `EXPLAIN` refuses it now; nil when it passes.
    public var reason: String?

    public init(id: String, type: String, question: String?, sql: String, tables: [String], reason: String?) {
        self.id = id
        self.type = type
        self.question = question
        self.sql = sql
        self.tables = tables
        self.reason = reason
    }
}
