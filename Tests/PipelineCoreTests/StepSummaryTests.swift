import XCTest
@testable import PipelineCore

final class StepSummaryTests: XCTestCase {
    func testAnyFailedIsFailed() {
        XCTAssertEqual(StepSummary([.completed, .failed, .pending, .pending]), .failed)
    }

    func testFailedWinsOverRunning() {
        XCTAssertEqual(StepSummary([.completed, .running, .failed, .pending]), .failed)
    }

    func testRunningWinsOverCompleted() {
        XCTAssertEqual(StepSummary([.completed, .completed, .running, .pending]), .running)
    }

    func testAllCompletedIsAllCompleted() {
        XCTAssertEqual(StepSummary([.completed, .completed, .completed, .completed]), .allCompleted)
    }

    func testSkippedCountsAsDoneForAllCompleted() {
        XCTAssertEqual(StepSummary([.completed, .completed, .skipped, .skipped]), .allCompleted)
    }

    func testSomeCompletedSomePendingIsPartialCompleted() {
        XCTAssertEqual(StepSummary([.completed, .pending, .pending, .pending]), .partialCompleted)
    }

    func testAllPendingIsPending() {
        XCTAssertEqual(StepSummary([.pending, .pending, .pending, .pending]), .pending)
    }

    func testSkippedAndPendingWithoutCompletedIsPending() {
        XCTAssertEqual(StepSummary([.pending, .pending, .skipped, .skipped]), .pending)
    }

    func testWireSpellings() {
        XCTAssertEqual([StepSummary.failed, .running, .allCompleted, .partialCompleted, .pending].map(\.rawValue),
                       ["failed", "running", "all_completed", "partial_completed", "pending"])
    }

    func testTaskStatusWireSpellings() {
        XCTAssertEqual(TaskStatus.allCases.map(\.rawValue),
                       ["pending", "in_progress", "partial_completed", "completed", "failed"])
    }

    func testStepNamesInPipelineOrder() {
        XCTAssertEqual(StepName.allCases.map(\.rawValue), ["ddl_generation", "qa_generation", "sql_validation", "training_load"])
        XCTAssertEqual(StepName.allCases.map(\.order), [1, 2, 3, 4])
    }
}
