import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import TestSupport
import XCTest

/// The sample `highway_db` with its foreign keys and comments removed: the relationships it declared are all
/// inferred from names and confirmed on the data, with no false one, and its fact tables are understood.
final class SemanticModelHighwayTests: XCTestCase {
    nonisolated(unsafe) private static var database: TestDatabase?
    nonisolated(unsafe) private static var derived: (model: SemanticModel, tables: [TableDescription])?
    nonisolated(unsafe) private static var statementsPerTable = 0.0

    static let tableNames = [
        "bss_company", "bss_service_area", "bss_branch", "bss_section_route", "bss_section_route_area_link",
        "bss_service_area_mapper", "bss_business_day_data", "bss_car_day_count", "highway_metadata", "qa_feedback",
    ]

    /// What the original declared, as `child.column->parent.column`.
    static let declared: Set<String> = [
        "bss_service_area.company_id->bss_company.id",
        "bss_branch.service_area_id->bss_service_area.id",
        "bss_branch.company_id->bss_company.id",
        "bss_section_route_area_link.section_route_id->bss_section_route.id",
        "bss_section_route_area_link.service_area_id->bss_service_area.id",
        "bss_service_area_mapper.service_area_id->bss_service_area.id",
        "bss_business_day_data.service_no->bss_service_area.service_area_no",
        "bss_business_day_data.branch_no->bss_branch.branch_no",
        "bss_car_day_count.service_area_id->bss_service_area.id",
    ]

    override class func tearDown() {
        database?.drop()
        database = nil
        derived = nil
    }

    /// Loads the sample once, drops every foreign key and comment, analyzes, and derives the model.
    private func model() throws -> (model: SemanticModel, tables: [TableDescription]) {
        if let derived = Self.derived { return derived }
        let database = try TestDatabase(prefix: "dp_sem_highway")
        Self.database = database
        try SampleDatabases.loadHighway(into: database)
        let connection = try database.connect()
        try connection.execute(PostgresQuery("""
            DO $$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT conrelid::regclass AS rel, conname FROM pg_constraint WHERE contype = 'f' LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.rel, r.conname);
              END LOOP;
              FOR r IN SELECT c.oid::regclass AS rel, c.oid FROM pg_class c
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' LOOP
                EXECUTE format('COMMENT ON TABLE %s IS NULL', r.rel);
              END LOOP;
              FOR r IN SELECT a.attrelid::regclass AS rel, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped LOOP
                EXECUTE format('COMMENT ON COLUMN %s.%I IS NULL', r.rel, r.attname);
              END LOOP;
            END $$
            """))
        try connection.execute(PostgresQuery("ANALYZE"))
        let left = try connection.query(PostgresQuery(
            "SELECT (SELECT count(*) FROM pg_constraint WHERE contype = 'f') + (SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid WHERE c.relnamespace = 'public'::regnamespace) AS n"
        )).first?.int("n")
        XCTAssertEqual(left, 0, "no foreign key and no comment left")

        let introspector = PostgresSchemaIntrospector(connectionURL: database.url, maxConnections: 2)
        let derived = try SemanticModelDerivation(introspector: introspector).model(Self.tableNames.map { TableName($0)! })
        Self.statementsPerTable = Double(introspector.statementsSent) / Double(Self.tableNames.count)
        print("highway_db without keys: \(introspector.statementsSent) statements for \(Self.tableNames.count) tables")
        Self.derived = derived
        return derived
    }

    func testEveryDeclaredRelationshipIsInferredAndNoOther() throws {
        let model = try model().model
        XCTAssertEqual(model.links(.declared), [], "nothing is declared any more")
        XCTAssertEqual(model.links(.inferred), Self.declared)
        for relationship in model.relationships {
            let evidence = try XCTUnwrap(relationship.evidence)
            XCTAssertGreaterThan(evidence.sampledValues, 0)
            XCTAssertLessThanOrEqual(evidence.sampledValues, IntrospectionOptions().relationshipSampleValues)
            XCTAssertGreaterThanOrEqual(relationship.confidence, 0.6, relationship.id)
        }
    }

    func testTheMapperNumbersThatAreNotAllServiceAreaNumbersAreNoRelationship() throws {
        let model = try model().model
        XCTAssertFalse(model.relationships.contains { $0.from.table == "bss_service_area_mapper" && $0.from.columns == ["service_no"] })
    }

    func testTableKindsFollowTheStructure() throws {
        let model = try model().model
        XCTAssertEqual(try model.requireTable("bss_business_day_data").kind, .fact)
        XCTAssertEqual(try model.requireTable("bss_car_day_count").kind, .fact)
        XCTAssertEqual(try model.requireTable("bss_service_area").kind, .dimension)
        XCTAssertEqual(try model.requireTable("bss_company").kind, .dimension)
        XCTAssertEqual(try model.requireTable("bss_section_route_area_link").kind, .bridge)
        XCTAssertEqual(try model.requireTable("bss_service_area").softDeleteColumn, "delete_ts")
        XCTAssertEqual(try model.requireTable("bss_service_area").primaryKey, ["id"])
        XCTAssertEqual(try model.requireTable("bss_car_day_count").estimatedRows.map { $0 > 50_000 }, true)
    }

    func testTheDailyRevenueFactHasItsMeasuresDimensionsAndDateRange() throws {
        let table = try model().model.requireTable("bss_business_day_data")
        let measures = Set(table.columns.filter { $0.role == .measure }.map(\.name))
        XCTAssertEqual(measures, ["wx", "wx_order", "zfb", "zf_order", "rmb", "rmb_order", "xs", "xs_order", "jd", "jd_order",
                                  "order_sum", "pay_sum"])
        for name in measures { XCTAssertEqual(try table.requireColumn(name).measure?.aggregation, .sum, name) }
        let revenue = try XCTUnwrap(try table.requireColumn("pay_sum").measure)
        XCTAssertEqual(revenue.unit, "元")
        XCTAssertTrue(revenue.synonyms.contains("营收") && revenue.synonyms.contains("营业额") && revenue.synonyms.contains("收入"))
        for name in ["wx_order", "zf_order", "rmb_order", "xs_order", "jd_order", "order_sum"] {
            XCTAssertEqual(try table.requireColumn(name).measure?.unit, "笔", name)
        }
        XCTAssertEqual(try table.requireColumn("source_type").role, .dimension)
        XCTAssertEqual(try table.requireColumn("service_name").role, .label)
        XCTAssertEqual(try table.requireColumn("branch_name").role, .label)
        XCTAssertEqual(try table.requireColumn("service_no").role, .foreignKey)
        XCTAssertEqual(try table.requireColumn("version").role, .audit)
        XCTAssertEqual(try table.requireColumn("created_by").role, .audit)
        let date = try XCTUnwrap(try table.requireColumn("oper_date").time)
        XCTAssertEqual(date.granularity, .day)
        XCTAssertEqual(date.min, "2024-01-01")
        XCTAssertEqual(date.max, "2025-06-30")
        XCTAssertEqual(date.rangeSource, "index")
        XCTAssertEqual(table.columns.filter { $0.role == .time }.map(\.name), ["oper_date"])
    }

    func testTheDailyVehicleFactHasItsMeasureDimensionAndDateRange() throws {
        let table = try model().model.requireTable("bss_car_day_count")
        XCTAssertEqual(table.columns.filter { $0.role == .measure }.map(\.name), ["car_count"])
        let cars = try XCTUnwrap(try table.requireColumn("car_count").measure)
        XCTAssertEqual(cars.aggregation, .sum)
        XCTAssertEqual(cars.unit, "辆")
        XCTAssertTrue(cars.synonyms.contains("车流量"))
        let type = try XCTUnwrap(try table.requireColumn("car_type").dimension)
        XCTAssertEqual(Set(type.values), ["过境", "城际", "其他", "危化品"])
        XCTAssertEqual(type.cardinality, 4)
        XCTAssertEqual(try table.requireColumn("service_area_id").role, .foreignKey)
        let date = try XCTUnwrap(try table.requireColumn("count_date").time)
        XCTAssertEqual(date.granularity, .day)
        XCTAssertEqual(date.min, "2024-01-01")
        XCTAssertEqual(date.max, "2025-06-30")
        XCTAssertEqual(table.grain, "每行 = \(try model().model.requireTable("bss_service_area").chineseName) × \(try table.requireColumn("car_type").label) × 日")
    }

    func testJoinPathsGoFromFactsThroughDimensionsAndAcrossTheBridge() throws {
        let paths = Set(try model().model.joinPaths.map { $0.tables.joined(separator: ">") })
        XCTAssertTrue(paths.contains("bss_business_day_data>bss_branch>bss_service_area"))
        XCTAssertTrue(paths.contains("bss_car_day_count>bss_service_area>bss_company"))
        XCTAssertTrue(paths.contains("bss_section_route>bss_section_route_area_link>bss_service_area"))
        XCTAssertTrue(try model().model.joinPaths.allSatisfy { $0.tables.count <= 3 })
    }

    func testAtMostFourStatementsPerTableRelationshipInferenceIncluded() throws {
        _ = try model()
        XCTAssertLessThanOrEqual(Self.statementsPerTable, 4)
    }

    /// What `_detail.md` gains from the model (issue 12 item 3): the inferred relationship with its evidence and the
    /// data range, on the sample without keys and comments.
    func testTheVehicleFactsDocumentNotesItsInferredRelationshipAndDateRange() throws {
        let (model, _) = try model()
        let notes = SemanticNotes.lines(for: TableReference(schema: "public", name: "bss_car_day_count"), in: model)
        XCTAssertTrue(notes.first?.hasPrefix("- 表类型：事实表") == true, notes.joined(separator: "\n"))
        XCTAssertTrue(notes.contains { $0.hasPrefix("- 关系（推断，置信度") && $0.hasSuffix("bss_car_day_count.service_area_id → bss_service_area.id") },
                      notes.joined(separator: "\n"))
        XCTAssertTrue(notes.contains { $0.hasPrefix("- 时间 count_date") && $0.hasSuffix("数据范围 2024-01-01 至 2025-06-30") },
                      notes.joined(separator: "\n"))
        XCTAssertTrue(notes.contains { $0.hasPrefix("- 度量 car_count") && $0.contains("汇总用 SUM") && $0.contains("车流量") },
                      notes.joined(separator: "\n"))
    }

    func testTheModelIsValidAgainstTheDocumentsAndDeterministic() throws {
        let (model, tables) = try model()
        let data = try SemanticModelFile.encode(model)
        XCTAssertEqual(try SemanticModelFile.decode(data, documents: tables), model)
        XCTAssertEqual(data, try SemanticModelFile.encode(try SemanticModelFile.decode(data)))
    }
}

/// Step 2's built-in writer follows the model: an edited aggregation changes the SQL it writes.
extension SemanticModelHighwayTests {
    private func revenuePairs(_ model: SemanticModel, tables: [TableDescription]) throws -> [String] {
        let llm = BuiltinLLM()
        let themes = try llm.extractThemes(ThemeRequest(tables: tables, businessContext: "", themeCount: 5, semanticModel: model))
        var sqls: [String] = []
        for theme in themes where theme.relatedTables.first == "bss_business_day_data" {
            let related = theme.relatedTables.compactMap { name in tables.first { $0.reference.documentName == name } }
            sqls += try llm.generatePairs(PairRequest(theme: theme, tables: related, businessContext: "", pairCount: 40,
                                                      semanticModel: model)).map(\.sql)
        }
        return sqls
    }

    func testAMeasureEditedToNonAdditiveIsAveragedInsteadOfSummed() throws {
        let (model, tables) = try model()
        let before = try revenuePairs(model, tables: tables)
        XCTAssertTrue(before.contains { $0.contains("SUM(pay_sum)") }, before.joined(separator: "\n"))

        var edited = model
        let tableIndex = try XCTUnwrap(edited.tables.firstIndex { $0.name == "bss_business_day_data" })
        let columnIndex = try XCTUnwrap(edited.tables[tableIndex].columns.firstIndex { $0.name == "pay_sum" })
        edited.tables[tableIndex].columns[columnIndex].measure?.additive = false
        edited.tables[tableIndex].columns[columnIndex].measure?.aggregation = .avg
        let after = try revenuePairs(edited, tables: tables)
        XCTAssertFalse(after.contains { $0.contains("SUM(pay_sum)") }, after.joined(separator: "\n"))
        XCTAssertTrue(after.contains { $0.range(of: #"AVG\((\w+\.)?pay_sum\)"#, options: .regularExpression) != nil }, after.joined(separator: "\n"))
    }

    func testJoinQuestionsFollowInferredRelationships() throws {
        let (model, tables) = try model()
        let sqls = try revenuePairs(model, tables: tables)
        XCTAssertTrue(sqls.contains { $0.contains(" JOIN ") }, sqls.joined(separator: "\n"))
    }
}
