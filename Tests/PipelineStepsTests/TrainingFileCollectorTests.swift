import PipelineCore
import XCTest
@testable import PipelineSteps

/// What step 4 loads from a task directory: DDL per table, documentation chunks tagged with their table, pairs,
/// and the mistakes the last validation left; backups and sub-directories are not read.
final class TrainingFileCollectorTests: TaskDirectoryTestCase {
    let ddl = "-- 中文名: 订单表\ncreate table ods.orders (\n  id integer not null     -- 订单编号，主键,\n  total numeric(10,2)     -- 金额\n  primary key (id)\n);\n"

    func testEachFileKindBecomesItsItems_taggedWithTheirTables() throws {
        try write(ddl, to: "ods__orders.ddl")
        try write("## ods.orders（订单表）\n字段列表：\n- id (integer) - 订单编号\n", to: "ods__orders_detail.md")
        try write("## metadata（存储分析主题元数据）\n说明\n", to: "metadata_detail.md")
        let pairs = [PairFileEntry(QuestionSQLPair(question: "订单总额？", sql: "SELECT SUM(total) FROM ods.orders;", tables: ["ods.orders"]))]
        try directory.writeAtomically(PairFile.render(pairs), to: SafeFileName("qs_db_20250101_000000_pair.json")!)
        try write("[]", to: "qs_db_20250101_000000_pair.json.backup")
        try write("create table old (id int);", to: "old.ddl_bak1")

        let collection = TrainingFileCollector(directory: directory, taskID: "task_1").collect()
        let byType = Dictionary(grouping: collection.items, by: \.type)
        XCTAssertEqual(byType[.ddl]?.count, 1)
        XCTAssertEqual(byType[.ddl]?.first?.tables, ["ods.orders"])
        XCTAssertEqual(byType[.documentation]?.count, 2)
        XCTAssertEqual(byType[.documentation]?.first { $0.content.hasPrefix("## ods.orders") }?.tables, ["ods.orders"])
        XCTAssertEqual(byType[.documentation]?.first { $0.content.hasPrefix("## metadata") }?.tables, [], "a task-level document")
        XCTAssertEqual(byType[.sql]?.map(\.question), ["订单总额？"])
        XCTAssertEqual(byType[.sql]?.first?.tables, ["ods.orders"])
        XCTAssertTrue(collection.items.allSatisfy { $0.taskID == "task_1" })
        XCTAssertEqual(collection.files["pairs"], 1, "the .backup copy is not loaded")
    }

    func testPairsLeftInvalidByTheNewestReportBecomeMistakes_unlessStillInThePairFile() throws {
        let entries = [PairFileEntry(QuestionSQLPair(question: "保留的", sql: "SELECT 1;"))]
        try directory.writeAtomically(PairFile.render(entries), to: SafeFileName("qs_db_20250101_000000_pair.json")!)
        let report = #"{"detailed_results": [{"question": "坏的", "sql": "SELECT nope;", "valid": false, "repair_successful": false}, {"question": "保留的", "sql": "SELECT 1;", "valid": false, "repair_successful": false}, {"question": "修好的", "sql": "SELECT x;", "valid": false, "repair_successful": true}]}"#
        try write(report, to: "sql_validation_20250101_000000_report.json")
        let items = TrainingFileCollector(directory: directory, taskID: "task_1").collect().items
        XCTAssertEqual(items.filter { $0.type == .errorSQL }.map(\.question), ["坏的"])
    }

    func testTheSameContentTwiceIsOneItem() throws {
        try write(ddl, to: "a.ddl")
        try write(ddl, to: "b.ddl")
        XCTAssertEqual(TrainingFileCollector(directory: directory, taskID: "t").collect().items.count, 1)
    }
}
