import Foundation
import PipelineCore
import XCTest
@testable import PipelineAPI

/// The step-mode precheck asks for what the step reads, no more (issue 17, item 7).
final class StepInputsTests: XCTestCase {
    private var root: URL!
    private var directory: TaskDirectory!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dp-step-inputs-\(UUID().uuidString)")
        directory = TaskDirectory(root: root, taskID: try XCTUnwrap(TaskID("task_20260101_000001")))
        try directory.create()
    }

    override func tearDown() {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    private func write(_ name: String) throws {
        try directory.writeAtomically(Data("x".utf8), to: try XCTUnwrap(SafeFileName(name)))
    }

    func testQAGenerationRunsOnDDLFilesWithoutDetailDocuments() throws {
        try write("bss_company.ddl")
        XCTAssertNil(StepInputs.missingInput(for: .qaGeneration, in: directory))
    }

    func testQAGenerationWithoutAnyDDLFileIsRefusedEvenWithDocuments() throws {
        try write("bss_company_detail.md")
        try write("metadata_detail.md")
        XCTAssertEqual(StepInputs.missingInput(for: .qaGeneration, in: directory),
                       "缺少表结构文件（*.ddl），请先执行 ddl_generation 步骤")
    }
}
