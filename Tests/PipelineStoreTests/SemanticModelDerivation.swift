import PipelineCore
import PipelineProviders
import XCTest

/// Derives a semantic model the way step 1 does: catalog, sampling with facts, built-in comments, relationship
/// candidates confirmed on the data, then the builder.
struct SemanticModelDerivation {
    let introspector: PostgresSchemaIntrospector
    var options = IntrospectionOptions()

    func model(_ names: [TableName]) throws -> (model: SemanticModel, tables: [TableDescription]) {
        let snapshot = try introspector.catalog(names)
        let llm = BuiltinLLM()
        var tables: [TableDescription] = []
        var facts: [TableReference: SampledFacts] = [:]
        for table in snapshot.tables {
            let (sampled, found) = try introspector.sampleWithFacts(table, options: options)
            tables.append(sampled.filling(try llm.generateComments(TableCommentRequest(table: sampled, businessContext: "高速公路服务区管理系统"))))
            facts[table.reference] = found
        }
        let candidates = RelationshipCandidates.propose(tables, statistics: snapshot.statistics)
        let checks = try introspector.confirm(candidates, options: options)
        let model = SemanticModelBuilder(tables: tables, statistics: snapshot.statistics, facts: facts, checks: checks,
                                         minimumMatch: options.relationshipMinimumMatch).build()
        return (model, tables)
    }
}

extension SemanticModel {
    /// `child.column->parent.column` of the relationships from the given source.
    func links(_ source: SemanticRelationship.Source) -> Set<String> {
        Set(relationships.filter { $0.source == source }.map { relationship in
            "\(relationship.from.table).\(relationship.from.columns.joined(separator: ","))->\(relationship.to.table).\(relationship.to.columns.joined(separator: ","))"
        })
    }

    func requireTable(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> SemanticTable {
        try XCTUnwrap(tables.first { $0.name == name }, "no table \(name) in the model", file: file, line: line)
    }
}

extension SemanticTable {
    func requireColumn(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> SemanticColumn {
        try XCTUnwrap(column(name), "no column \(name) in \(self.name)", file: file, line: line)
    }
}
