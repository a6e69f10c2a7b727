import XCTest
@testable import PipelineCore

final class TaskFileInfoTests: XCTestCase {
    func testFileTypeByLastExtension() {
        let names = ["a.ddl", "a.sql", "a_detail.md", "a.markdown", "a.json", "table_list.txt", "data_pipeline.log",
                     "a.csv", "x.txt_bak1", "Makefile"]
        XCTAssertEqual(names.map(TaskFileInfo.fileType(forName:)),
                       ["ddl", "sql", "markdown", "markdown", "json", "text", "log", "other", "other", "other"])
    }

    func testFileTypeIgnoresCase() {
        XCTAssertEqual(TaskFileInfo.fileType(forName: "A.DDL"), "ddl")
    }

    func testFileTypeOfPairBackupIsOther() {
        XCTAssertEqual(TaskFileInfo.fileType(forName: "qs_db_20260105_100001_pair.json.backup"), "other")
    }
}
