import Foundation
import XCTest
@testable import PipelineCore

/// `TableDocumentReader.readAll`: every table of a task directory, problems named by file.
final class SchemaTableDocumentDirectoryTests: XCTestCase {
    private typealias R = SchemaReaderFixtures
    private var root: TemporaryRoot!
    private var directory: TaskDirectory!

    override func setUpWithError() throws {
        root = try TemporaryRoot()
        directory = try root.taskDirectory()
    }

    override func tearDown() {
        root.remove()
    }

    private func write(_ text: String, _ name: String) throws {
        try write(Data(text.utf8), name)
    }

    private func write(_ data: Data, _ name: String) throws {
        let url = directory.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    private func writeTable(_ table: TableDescription, base: String, withDocument: Bool = true) throws {
        try write(DDLFormatter.format(table), TableFileNames.ddlFileName(base))
        if withDocument { try write(TableDocFormatter.format(table), TableFileNames.docFileName(base)) }
    }

    func testReadsEveryTableByFileNameAndReportsTheBrokenFile() throws {
        try writeTable(R.orderLine, base: "order_line")
        try writeTable(R.orderItems, base: "ods__Order_Items", withDocument: false)
        try write("-- 中文名: 坏文件\n  id bigint\n", "broken.ddl")
        try write(DDLFormatter.format(R.view), "file_bak_20260105_100001/v_company.ddl")
        try write(DDLFormatter.format(R.view), ".dp-upload.ddl")

        let result = TableDocumentReader.readAll(in: directory)

        XCTAssertEqual(result.tables.map(\.reference), [R.orderItems.reference, R.orderLine.reference])
        XCTAssertEqual(result.problems, ["broken.ddl: DDL文件中没有找到 create table 语句，已跳过"])
    }

    func testPairsEachDDLWithItsOwnDocument() throws {
        try writeTable(R.orderLine, base: "order_line")
        try writeTable(R.orderItems, base: "ods__Order_Items", withDocument: false)

        let tables = TableDocumentReader.readAll(in: directory).tables

        XCTAssertEqual(tables[1].columns.first { $0.name == "status" }?.enumValues, ["new", "paid", "done", "void"])
        XCTAssertEqual(tables[1].foreignKeys.count, 2)
        XCTAssertTrue(tables[0].columns.allSatisfy(\.samples.isEmpty))
    }

    func testSecondFileForTheSameTableIsReportedAndSkipped() throws {
        try writeTable(R.orderLine, base: "order_line")
        try write(DDLFormatter.format(R.orderLine), "order_line_copy.ddl")

        let result = TableDocumentReader.readAll(in: directory)

        XCTAssertEqual(result.tables.count, 1)
        XCTAssertEqual(result.problems, ["order_line_copy.ddl: 与 order_line.ddl 描述的是同一张表 public.order_line，已跳过"])
    }

    func testFileSavedAsGBKIsRead() throws {
        // "-- 描述: 中文" in GBK (描述 C3E8 CAF6, 中文 D6D0 CEC4), as a Windows editor saves it.
        var bytes = Array("-- ".utf8) + [0xC3, 0xE8, 0xCA, 0xF6] + Array(": ".utf8) + [0xD6, 0xD0, 0xCE, 0xC4]
        bytes += Array("\ncreate table t (\n  a text\n);\n".utf8)
        try write(Data(bytes), "t.ddl")

        let result = TableDocumentReader.readAll(in: directory)

        XCTAssertEqual(result.tables.first?.comment, "中文")
        XCTAssertEqual(result.problems, [])
    }

    func testForeignKeyTargetWithADotInItsNameResolvesToTheTableRead() throws {
        let dotted = SchemaFixtures.table("v1.2", columns: [SchemaFixtures.column("id", "bigint", .integer)])
        let referring = SchemaFixtures.table("r", columns: [SchemaFixtures.column("v_id", "bigint", .integer)],
                                             foreignKeys: [ForeignKeyReference(columns: ["v_id"], target: dotted.reference,
                                                                               targetColumns: ["id"])])
        try writeTable(dotted, base: "v1_2")
        try writeTable(referring, base: "r")

        let tables = TableDocumentReader.readAll(in: directory).tables

        XCTAssertEqual(tables.first { $0.reference.name == "r" }?.foreignKeys.first?.target, dotted.reference)
    }

    func testEmptyDirectoryGivesNothing() {
        let result = TableDocumentReader.readAll(in: directory)
        XCTAssertEqual(result.tables, [])
        XCTAssertEqual(result.problems, [])
    }
}
