import Foundation
import PipelineCore
import XCTest

/// A task directory in a fresh temporary root, removed by `tearDown`.
class TaskDirectoryTestCase: XCTestCase {
    var root: URL!
    var directory: TaskDirectory!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dp-steps-\(UUID().uuidString)")
        directory = TaskDirectory(root: root, taskID: TaskID("task_20250101_000000")!)
        try directory.create()
    }

    override func tearDown() {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    func write(_ text: String, to name: String) throws {
        try directory.writeAtomically(Data(text.utf8), to: SafeFileName(name)!)
    }

    func read(_ name: String) -> String? {
        (try? Data(contentsOf: directory.fileURL(SafeFileName(name)!))).map { String(decoding: $0, as: UTF8.self) }
    }

    func log() throws -> TaskLog {
        try TaskLog(url: directory.fileURL(SafeFileName("data_pipeline.log")!))
    }
}

/// A table with the given columns (name, category) and foreign keys, for grouping and collection tests.
func table(_ schema: String, _ name: String, columns: [(String, ColumnCategory)] = [("id", .integer)],
           references: [String] = []) -> TableDescription {
    TableDescription(
        reference: TableReference(schema: schema, name: name), kind: .table,
        columns: columns.enumerated().map { ColumnDescription(name: $0.element.0, position: $0.offset + 1, dataType: "integer", category: $0.element.1) },
        primaryKey: ["id"],
        foreignKeys: references.map { ForeignKeyReference(columns: ["\($0)_id"], target: TableReference(schema: schema, name: $0), targetColumns: ["id"]) })
}
