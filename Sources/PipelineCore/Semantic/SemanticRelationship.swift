/// A many-to-one reference from columns of one table to a key of another.
public struct SemanticRelationship: Codable, Sendable, Equatable {
    /// Where a relationship comes from.
    public enum Source: String, Codable, Sendable {
        /// A foreign key in the database.
        case declared
        /// Found by name rules and confirmed on the data.
        case inferred
    }

    /// Stable id (`public.bss_branch(service_area_id)->public.bss_service_area(id)`), used by join paths.
    public var id: String
    public var from: RelationshipEnd
    public var to: RelationshipEnd
    public var source: Source
    /// 1 for declared keys; for inferred ones the name rule's weight times the share of sampled values found.
    public var confidence: Double
    public var evidence: RelationshipEvidence?

    public init(from: RelationshipEnd, to: RelationshipEnd, source: Source, confidence: Double,
                evidence: RelationshipEvidence?) {
        self.id = Self.id(from: from, to: to)
        self.from = from
        self.to = to
        self.source = source
        self.confidence = confidence
        self.evidence = evidence
    }

    public static func id(from: RelationshipEnd, to: RelationshipEnd) -> String {
        "\(from.reference.documentName)(\(from.columns.joined(separator: ",")))->\(to.reference.documentName)(\(to.columns.joined(separator: ",")))"
    }
}

/// One side of a relationship.
public struct RelationshipEnd: Codable, Sendable, Equatable, Hashable {
    public var schema: String
    public var table: String
    public var columns: [String]

    public init(schema: String, table: String, columns: [String]) {
        self.schema = schema
        self.table = table
        self.columns = columns
    }

    public init(_ reference: TableReference, columns: [String]) {
        self.init(schema: reference.schema, table: reference.name, columns: columns)
    }

    public var reference: TableReference { TableReference(schema: schema, name: table) }
}

/// How an inferred relationship was found and confirmed.
public struct RelationshipEvidence: Codable, Sendable, Equatable {
    /// The name rule that proposed it (`entity_key`, `same_key_name`, `role_prefixed_key`, `entity_prefix_key`).
    public var rule: String
    /// Distinct non-null child values sampled (a fixed maximum).
    public var sampledValues: Int
    /// How many of them the parent's key has (looked up through its unique index).
    public var foundValues: Int

    public init(rule: String, sampledValues: Int, foundValues: Int) {
        self.rule = rule
        self.sampledValues = sampledValues
        self.foundValues = foundValues
    }

    enum CodingKeys: String, CodingKey {
        case rule
        case sampledValues = "sampled_values"
        case foundValues = "found_values"
    }
}

/// A way to join up to three tables (fact → dimension → dimension, or through a bridge).
public struct JoinPath: Codable, Sendable, Equatable {
    /// Tables in join order, as documents name them (`bss_business_day_data`, `ods.orders`).
    public var tables: [String]
    /// Ids of the relationships joined, in order.
    public var relationships: [String]
    /// Chinese, e.g. `营业日数据 → 档口 → 服务区`.
    public var description: String

    public init(tables: [String], relationships: [String], description: String) {
        self.tables = tables
        self.relationships = relationships
        self.description = description
    }
}

extension SemanticModel {
    /// The model's inferred relationships from `table`, as foreign keys (the declared ones are in the documents).
    public func inferredKeys(of table: TableReference) -> [ForeignKeyReference] {
        relationships.filter { $0.source == .inferred && $0.from.reference == table }.map { relationship in
            ForeignKeyReference(columns: relationship.from.columns, target: relationship.to.reference,
                                targetColumns: relationship.to.columns)
        }
    }
}
