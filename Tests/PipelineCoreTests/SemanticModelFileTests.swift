import Foundation
import PipelineCore
import XCTest

/// `semantic_model.json`: deterministic bytes, and refusals that name the JSON path.
final class SemanticModelFileTests: XCTestCase {
    private let area = TableDescription(
        reference: TableReference(schema: "public", name: "area"), kind: .table, comment: "服务区表", estimatedRows: 10,
        columns: [ColumnDescription(name: "id", position: 1, dataType: "integer", category: .integer, isPrimaryKey: true),
                  ColumnDescription(name: "area_name", position: 2, dataType: "text", category: .text)],
        primaryKey: ["id"])
    private let sales = TableDescription(
        reference: TableReference(schema: "public", name: "sales"), kind: .table, estimatedRows: 5000,
        columns: [ColumnDescription(name: "id", position: 1, dataType: "integer", category: .integer, isPrimaryKey: true),
                  ColumnDescription(name: "area_id", position: 2, dataType: "integer", category: .integer),
                  ColumnDescription(name: "sale_date", position: 3, dataType: "date", category: .date),
                  ColumnDescription(name: "unit_price", position: 4, dataType: "numeric(10,2)", category: .decimal),
                  ColumnDescription(name: "amount", position: 5, dataType: "numeric(12,2)", category: .decimal)],
        primaryKey: ["id"])

    private func model() -> SemanticModel {
        let candidate = RelationshipCandidate(child: sales.reference, childColumn: "area_id", parent: area.reference,
                                              parentColumn: "id", rule: "entity_key", weight: 0.9, childIsLarge: false)
        return SemanticModelBuilder(tables: [area, sales], checks: [RelationshipCheck(candidate: candidate, sampledValues: 10, foundValues: 10)]).build()
    }

    private func text(_ model: SemanticModel) throws -> String {
        String(decoding: try SemanticModelFile.encode(model), as: UTF8.self)
    }

    private func problem(_ json: String, documents: [TableDescription]? = nil) -> SemanticModelProblem? {
        do {
            _ = try SemanticModelFile.decode(Data(json.utf8), documents: documents)
            return nil
        } catch {
            return error
        }
    }

    func testTheModelDescribesKindsRolesAndTheConfirmedRelationship() throws {
        let model = model()
        XCTAssertEqual(model.version, 1)
        let sales = try XCTUnwrap(model.table(self.sales.reference))
        XCTAssertEqual(sales.kind, .fact)
        XCTAssertEqual(model.table(area.reference)?.kind, .dimension)
        XCTAssertEqual(sales.column("unit_price")?.measure?.aggregation, .avg)
        XCTAssertEqual(sales.column("amount")?.measure?.aggregation, .sum)
        XCTAssertEqual(sales.column("area_id")?.role, .foreignKey)
        XCTAssertEqual(sales.grain, "每行 = 服务区 × 日")
        XCTAssertEqual(model.relationships.map(\.id), ["sales(area_id)->area(id)"])
        XCTAssertEqual(model.relationships.first?.evidence, RelationshipEvidence(rule: "entity_key", sampledValues: 10, foundValues: 10))
        XCTAssertEqual(model.joinPaths.map(\.description), ["sales → 服务区"])
    }

    func testTheSameInputGivesTheSameBytesWithSortedKeys() throws {
        let first = try text(model())
        XCTAssertEqual(first, try text(model()))
        XCTAssertTrue(first.contains("\"chinese_name\" : \"服务区\""))
        let keys = first.split(separator: "\n").prefix(4).joined()
        XCTAssertTrue(keys.contains("\"join_paths\""), "keys sorted: join_paths before relationships, tables, version")
        XCTAssertEqual(try SemanticModelFile.decode(Data(first.utf8), documents: [area, sales]), model())
    }

    func testAnUnsampledOrMostlyMissingRelationshipIsNotKept() {
        let candidate = RelationshipCandidate(child: sales.reference, childColumn: "area_id", parent: area.reference,
                                              parentColumn: "id", rule: "entity_key", weight: 0.9, childIsLarge: false)
        for (sampled, found) in [(0, 0), (20, 15)] {
            let built = SemanticModelBuilder(tables: [area, sales],
                                             checks: [RelationshipCheck(candidate: candidate, sampledValues: sampled, foundValues: found)]).build()
            XCTAssertEqual(built.relationships, [], "\(found) of \(sampled)")
        }
    }

    func testMalformedJSONIsRefusedAtTheRoot() {
        XCTAssertEqual(problem("{\"version\": 1, \"tables\": [")?.path, "$")
    }

    func testAWrongColumnIsRefusedWithItsPath() throws {
        let json = try text(model()).replacingOccurrences(of: "\"name\" : \"unit_price\"", with: "\"name\" : \"unit_prise\"")
        let refused = try XCTUnwrap(problem(json, documents: [area, sales]))
        XCTAssertEqual(refused.path, "$.tables[1].columns[3].name")
        XCTAssertTrue(refused.problem.contains("unit_prise"))
    }

    func testARelationshipToAMissingTableIsRefused() throws {
        let json = try text(model()).replacingOccurrences(of: "\"table\" : \"area\"", with: "\"table\" : \"areas\"")
        let refused = try XCTUnwrap(problem(json))
        XCTAssertEqual(refused.path, "$.relationships[0].to.table")
        XCTAssertTrue(refused.problem.contains("areas"))
    }

    func testAnUnknownAggregationIsRefusedWithItsPath() throws {
        let json = try text(model()).replacingOccurrences(of: "\"aggregation\" : \"AVG\"", with: "\"aggregation\" : \"MEDIAN\"")
        XCTAssertEqual(problem(json)?.path, "$.tables[1].columns[3].measure.aggregation")
    }

    func testATableWithoutDocumentsIsRefused() throws {
        XCTAssertEqual(problem(try text(model()), documents: [sales])?.path, "$.tables[0].name")
    }
}

extension SemanticModelFileTests {
    func testAmongEquallyGoodParentsTheOneInTheChildsSchemaWins() {
        func table(_ schema: String, _ name: String, _ columns: [String]) -> TableDescription {
            TableDescription(reference: TableReference(schema: schema, name: name), kind: .table,
                             columns: columns.enumerated().map { ColumnDescription(name: $1, position: $0 + 1, dataType: "bigint", category: .integer) },
                             primaryKey: ["id"])
        }
        let child = table("ops", "t_2", ["id", "t_1_id"])
        let parents = [table("hr", "t_1", ["id"]), table("ops", "t_1", ["id"]), table("sales", "t_1", ["id"])]
        let checks = parents.map { parent in
            RelationshipCheck(candidate: RelationshipCandidate(child: child.reference, childColumn: "t_1_id", parent: parent.reference,
                                                               parentColumn: "id", rule: "entity_key", weight: 0.9, childIsLarge: false),
                              sampledValues: 20, foundValues: 20)
        }
        let model = SemanticModelBuilder(tables: [child] + parents, checks: checks).build()
        XCTAssertEqual(model.relationships.map(\.id), ["ops.t_2(t_1_id)->ops.t_1(id)"])
    }
}
