import Foundation
import PipelineCore
import TestSupport
import XCTest
@testable import PipelineAPI

/// An uploaded `semantic_model.json` is validated: a bad one is a 400 naming the JSON path, and the file stays.
final class RouterSemanticModelUploadTests: RouterTestCase {
    private let area = SemanticFixtureTables.area
    private let sales = SemanticFixtureTables.sales

    /// A task whose directory holds the two tables' documents and their model; returns the id and the model's text.
    private func taskWithModel() throws -> (String, String) {
        let id = try createTask()
        let directory = tasksRoot.appendingPathComponent(id)
        for table in [area, sales] {
            try Data(DDLFormatter.format(table).utf8).write(to: directory.appendingPathComponent("\(table.reference.name).ddl"))
            try Data(TableDocFormatter.format(table).utf8).write(to: directory.appendingPathComponent("\(table.reference.name)_detail.md"))
        }
        let text = String(decoding: try SemanticModelFile.encode(SemanticModelBuilder(tables: [area, sales]).build()), as: UTF8.self)
        try Data(text.utf8).write(to: directory.appendingPathComponent(SemanticModelFile.fileName))
        return (id, text)
    }

    private func upload(_ id: String, _ content: String) -> HTTPResponse {
        sendMultipart("/api/v0/data_pipeline/tasks/\(id)/files",
                      body: multipartBody(fileName: Array(SemanticModelFile.fileName.utf8), content: Array(content.utf8),
                                          fields: ["overwrite_mode": "replace"]))
    }

    private func stored(_ id: String) -> String? {
        try? String(contentsOf: tasksRoot.appendingPathComponent(id).appendingPathComponent(SemanticModelFile.fileName), encoding: .utf8)
    }

    private func assertRefused(_ id: String, _ content: String, mentioning parts: [String], original: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        let response = upload(id, content)
        assertError(response, 400, "invalid_params", file: file, line: line)
        let text = data(response)["response"] as? String ?? ""
        for part in parts { XCTAssertTrue(text.contains(part), "\(text) lacks \(part)", file: file, line: line) }
        XCTAssertEqual(stored(id), original, "the model is unchanged", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tasksRoot.appendingPathComponent(id)
            .appendingPathComponent(SemanticModelFile.fileName + "_bak1").path), file: file, line: line)
    }

    func testAnEditedValidModelReplacesTheFile() throws {
        let (id, text) = try taskWithModel()
        let edited = text.replacingOccurrences(of: "\"aggregation\" : \"SUM\"", with: "\"aggregation\" : \"AVG\"")
        XCTAssertNotEqual(edited, text)
        XCTAssertEqual(upload(id, edited).status, 200)
        XCTAssertEqual(stored(id), edited)
    }

    func testAModelWithAWrongColumnIsRefusedAndTheFileIsUnchanged() throws {
        let (id, text) = try taskWithModel()
        let bad = text.replacingOccurrences(of: "\"name\" : \"amount\"", with: "\"name\" : \"amout\"")
        assertRefused(id, bad, mentioning: ["$.tables[1].columns[4].name", "amout"], original: text)
    }

    func testARelationshipToAMissingTableIsRefusedAndTheFileIsUnchanged() throws {
        let (id, text) = try taskWithModel()
        let bad = text.replacingOccurrences(of: "\"table\" : \"area\"", with: "\"table\" : \"region\"")
        assertRefused(id, bad, mentioning: ["$.relationships[0].to.table", "region"], original: text)
    }

    func testMalformedJSONIsRefusedAndTheFileIsUnchanged() throws {
        let (id, text) = try taskWithModel()
        assertRefused(id, String(text.dropLast(10)), mentioning: ["$", "JSON"], original: text)
    }

    func testTheModelIsListedLikeTheOtherTaskFiles() throws {
        let (id, _) = try taskWithModel()
        let response = send("GET", "/api/v0/data_pipeline/tasks/\(id)/files")
        let files = (data(response)["files"] as? [[String: Any]] ?? []).compactMap { $0["file_name"] as? String }
        XCTAssertTrue(files.contains(SemanticModelFile.fileName), "\(files)")
    }
}
