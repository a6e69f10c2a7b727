import Foundation
import PipelineCore
import PipelineProviders
import TestSupport
import XCTest

/// The sample `highway_db` as shipped (keys and comments declared): its keys are the model's relationships,
/// nothing is inferred on top of them, and existing comments name the tables.
final class SemanticModelHighwayDeclaredTests: XCTestCase {
    private var database: TestDatabase!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_sem_declared")
        try SampleDatabases.loadHighway(into: database)
    }

    override func tearDown() {
        database?.drop()
    }

    func testDeclaredKeysAreTheRelationshipsAndNothingIsInferredBesideThem() throws {
        let introspector = PostgresSchemaIntrospector(connectionURL: database.url, maxConnections: 2)
        let (model, _) = try SemanticModelDerivation(introspector: introspector)
            .model(SemanticModelHighwayTests.tableNames.map { TableName($0)! })
        XCTAssertEqual(model.links(.declared), SemanticModelHighwayTests.declared)
        XCTAssertEqual(model.links(.inferred), [])
        XCTAssertTrue(model.relationships.allSatisfy { $0.confidence == 1 && $0.evidence == nil })
        XCTAssertEqual(try model.requireTable("bss_service_area").chineseName, "服务区")
        XCTAssertEqual(try model.requireTable("bss_car_day_count").chineseName, "服务区车辆日统计")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dp-highway-semantic_model.json")
        try SemanticModelFile.encode(model).write(to: path)
        print("highway_db semantic model: \(path.path)")
    }
}
