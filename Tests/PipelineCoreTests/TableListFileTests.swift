import Foundation
import XCTest
@testable import PipelineCore

final class TableListFileTests: XCTestCase {
    private var root: TemporaryRoot!

    override func setUpWithError() throws {
        root = try TemporaryRoot()
    }

    override func tearDown() {
        root.remove()
    }

    private func result(_ text: String) -> TableListParser.Result {
        TableListParser().parse(text: text)
    }

    func testEmptyListIsATypedReason() {
        XCTAssertThrowsError(try TableListFile.validated(result("# only a comment\n"))) { error in
            XCTAssertEqual(error as? PipelineError, .tableList(.empty(.request)))
        }
    }

    func testEmptyListNamesTheCallersSource() {
        XCTAssertThrowsError(try TableListFile.validated(result(""), source: .uploadedFile)) { error in
            XCTAssertEqual(error as? PipelineError, .tableList(.empty(.uploadedFile)))
        }
    }

    func testInvalidNamesMessageListsThem() {
        XCTAssertThrowsError(try TableListFile.validated(result("ok\na b\n1abc\n"))) { error in
            XCTAssertEqual(error as? PipelineError, .tableList(.invalidNames(["a b", "1abc"], source: .request)))
        }
    }

    func testInvalidNamesMessageListsAtMostFive() {
        XCTAssertThrowsError(try TableListFile.validated(result("1a,2a,3a,4a,5a,6a,7a"))) { error in
            XCTAssertEqual(error as? PipelineError, .tableList(.invalidNames(["1a", "2a", "3a", "4a", "5a"], source: .request)))
        }
    }

    func testMoreThan1000NamesIsRefused() {
        let text = (1...1001).map { "t\($0)" }.joined(separator: "\n")
        XCTAssertThrowsError(try TableListFile.validated(result(text))) { error in
            XCTAssertEqual(error as? PipelineError, .tableList(.tooMany(limit: 1000)))
        }
    }

    func testExactly1000NamesIsAccepted() throws {
        let text = (1...1000).map { "t\($0)" }.joined(separator: "\n")
        XCTAssertEqual(try TableListFile.validated(result(text)).tables.count, 1000)
    }

    func testValidListIsReturnedUnchanged() throws {
        let parsed = result("a\nods.b\n")
        XCTAssertEqual(try TableListFile.validated(parsed), parsed)
    }

    func testWriteProducesPredecessorHeaderThenNames() throws {
        let directory = try root.taskDirectory()
        let now = localDate(2026, 1, 5, 10, 0, 1)
        let written = try TableListFile.write(result("a\nods.b\npublic.\"门店评价\""), to: directory, now: now)
        let data = try Data(contentsOf: directory.fileURL(TableListFile.fileName))
        XCTAssertEqual(String(decoding: data, as: UTF8.self),
                       "# 表清单文件\n# 生成时间: 2026-01-05 10:00:01\n# 表数量: 3\n\na\nods.b\npublic.\"门店评价\"\n")
        XCTAssertEqual(written, data.count)
    }

    func testWriteThenReadGivesTheNamesBack() throws {
        let directory = try root.taskDirectory()
        let original = result("a\nods.b\npublic.\"门店评价\"\n\"a\"\"b\"")
        try TableListFile.write(original, to: directory, now: Date())
        let read = try XCTUnwrap(TableListFile.read(from: directory))
        XCTAssertEqual(read.tables, original.tables)
        XCTAssertEqual(read.invalidNames, [])
    }

    func testWriteTextStoresTextAsSent() throws {
        let directory = try root.taskDirectory()
        let text = "# 我的表\r\na,b\r\n"
        XCTAssertEqual(try TableListFile.write(text: text, to: directory), Data(text.utf8).count)
        XCTAssertEqual(try String(contentsOf: directory.fileURL(TableListFile.fileName), encoding: .utf8), text)
    }

    func testReadWithoutFileIsNil() throws {
        XCTAssertNil(TableListFile.read(from: try root.taskDirectory()))
    }

    func testFileNameIsTableListTxt() {
        XCTAssertEqual(TableListFile.fileName.rawValue, "table_list.txt")
    }
}
