import Foundation
import XCTest
@testable import PipelineCore

final class TaskParametersTests: XCTestCase {
    private let parameters = TaskParameters(
        dbConnection: "postgresql://postgres:secret@host:5432/db", businessContext: "高速公路服务区管理系统",
        tableListFile: TaskParameters.uploadModeTableListFile, fileUploadMode: true,
        enableSQLValidation: true, enableLLMRepair: false, modifyOriginalFile: true, enableTrainingDataLoad: false
    )

    func testMaskedHidesConnectionPassword() {
        XCTAssertEqual(parameters.masked.dbConnection, "postgresql://postgres:***@host:5432/db")
    }

    func testMaskedKeepsEveryOtherField() {
        var expected = parameters
        expected.dbConnection = "postgresql://postgres:***@host:5432/db"
        XCTAssertEqual(parameters.masked, expected)
    }

    func testMaskedLeavesOriginalUntouched() {
        _ = parameters.masked
        XCTAssertEqual(parameters.dbConnection, "postgresql://postgres:secret@host:5432/db")
    }

    func testEncodesExactlyThePredecessorsWireNames() throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(parameters)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), [
            "db_connection", "business_context", "table_list_file", "file_upload_mode",
            "enable_sql_validation", "enable_llm_repair", "modify_original_file", "enable_training_data_load",
        ])
    }

    func testEncodesValuesUnderTheirWireNames() throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(parameters)) as? [String: Any])
        XCTAssertEqual(object["db_connection"] as? String, "postgresql://postgres:secret@host:5432/db")
        XCTAssertEqual(object["business_context"] as? String, "高速公路服务区管理系统")
        XCTAssertEqual(object["table_list_file"] as? String, "{task_directory}/table_list.txt")
        XCTAssertEqual(object["file_upload_mode"] as? Bool, true)
        XCTAssertEqual(object["enable_sql_validation"] as? Bool, true)
        XCTAssertEqual(object["enable_llm_repair"] as? Bool, false)
        XCTAssertEqual(object["modify_original_file"] as? Bool, true)
        XCTAssertEqual(object["enable_training_data_load"] as? Bool, false)
    }

    func testDecodesPredecessorJSON() throws {
        let json = """
        {"db_connection": "postgresql://u:p@h/db", "business_context": "数据库管理系统",
         "table_list_file": "/srv/lists/a.txt", "file_upload_mode": false, "enable_sql_validation": false,
         "enable_llm_repair": true, "modify_original_file": false, "enable_training_data_load": true}
        """
        let decoded = try JSONDecoder().decode(TaskParameters.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, TaskParameters(
            dbConnection: "postgresql://u:p@h/db", businessContext: "数据库管理系统", tableListFile: "/srv/lists/a.txt",
            fileUploadMode: false, enableSQLValidation: false, enableLLMRepair: true, modifyOriginalFile: false,
            enableTrainingDataLoad: true
        ))
    }

    func testFlagsDefaultToTrue() {
        let defaults = TaskParameters(dbConnection: "postgresql://h/db", businessContext: "x", tableListFile: "y",
                                      fileUploadMode: false)
        XCTAssertEqual([defaults.enableSQLValidation, defaults.enableLLMRepair, defaults.modifyOriginalFile,
                        defaults.enableTrainingDataLoad], [true, true, true, true])
    }

    func testUploadModePlaceholderIsPredecessorsValue() {
        XCTAssertEqual(TaskParameters.uploadModeTableListFile, "{task_directory}/table_list.txt")
    }

    func testDefaultBusinessContext() {
        XCTAssertEqual(TaskParameters.defaultBusinessContext, "数据库管理系统")
    }
}
