import Foundation
import XCTest
@testable import PipelineCore

/// Worker liveness as a service (issue 17): a read that may fail a lost execution does so through the reaper.
final class LostWorkerReaperTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_767_600_000)
    private let id = TaskID("task_20260105_100000")!

    private func task(status: TaskStatus, heartbeatAgo: TimeInterval?) -> PipelineTask {
        PipelineTask(id: id, name: nil, status: status,
                     parameters: TaskParameters(dbConnection: "postgresql://u:p@db/x", businessContext: "b",
                                                tableListFile: "t", fileUploadMode: true),
                     dbName: "x", createdBy: "guest", createdAt: now,
                     steps: StepName.allCases.map { TaskStep(name: $0, status: .pending) },
                     worker: WorkerInfo(executionID: "exec_1", mode: .complete, pid: nil, host: "elsewhere",
                                        heartbeatAt: heartbeatAgo.map { now.addingTimeInterval(-$0) }, cancelRequested: false))
    }

    private func reaper(_ store: RecordingTaskStore, retryLimit: Int = 0,
                        reaped: @escaping (LostWorkerReaper.Reaped) -> Void = { _ in }) -> LostWorkerReaper {
        let now = self.now
        return LostWorkerReaper(store: store, liveness: WorkerLiveness(timeoutSeconds: 30, hostName: "here", retryLimit: retryLimit),
                                clock: { now }, onReaped: reaped)
    }

    /// `DP_RETRY_LOST_EXECUTIONS`: a lost execution with retries left is queued again, not failed; without, failed.
    func testALostExecutionWithRetriesLeftIsRequeuedInsteadOfFailed() throws {
        let store = RecordingTaskStore(task(status: .inProgress, heartbeatAgo: 31))
        store.requeueAnswer = true
        var reaped: [LostWorkerReaper.Reaped] = []
        _ = try reaper(store, retryLimit: 2) { reaped.append($0) }.currentTask(id)
        XCTAssertEqual(store.requeued.map(\.limit), [2])
        XCTAssertTrue(store.failed.isEmpty, "a re-queued execution is not failed")
        XCTAssertEqual(reaped, [.requeued(id, executionID: "exec_1")])

        store.requeueAnswer = false
        reaped = []
        _ = try reaper(store, retryLimit: 2) { reaped.append($0) }.currentTask(id)
        XCTAssertEqual(store.failed.count, 1, "no retry left: failed")
        XCTAssertEqual(reaped, [.execution(id, executionID: "exec_1")])

        let sweeping = RecordingTaskStore(nil)
        sweeping.requeueAnswer = true
        sweeping.staleAnswer = 1
        var swept: [LostWorkerReaper.Reaped] = []
        try reaper(sweeping, retryLimit: 1) { swept.append($0) }.sweepStaleExecutions()
        XCTAssertEqual(swept, [.staleRequeued(count: 1), .stale(count: 1)], "re-queue first, then fail the rest")
    }

    func testALostWorkersExecutionIsFailedForTheHeartbeatJudgedAndTheTaskReadAgain() throws {
        let store = RecordingTaskStore(task(status: .inProgress, heartbeatAgo: 31))
        store.afterFail = task(status: .failed, heartbeatAgo: 31)
        var reaped: [LostWorkerReaper.Reaped] = []
        let current = try reaper(store) { reaped.append($0) }.currentTask(id)
        XCTAssertEqual(current.status, .failed)
        XCTAssertEqual(store.failed.map(\.judged), [now.addingTimeInterval(-31)])
        XCTAssertEqual(reaped, [.execution(id, executionID: "exec_1")])
    }

    func testALiveWorkersTaskIsAnsweredWithoutAWrite() throws {
        let store = RecordingTaskStore(task(status: .inProgress, heartbeatAgo: 5))
        XCTAssertEqual(try reaper(store).currentTask(id).status, .inProgress)
        XCTAssertTrue(store.failed.isEmpty)
    }

    func testAHeartbeatThatArrivedSinceTheVerdictKeepsTheRunAndNothingIsReported() throws {
        let store = RecordingTaskStore(task(status: .inProgress, heartbeatAgo: 31))
        store.failAnswer = false
        var reaped: [LostWorkerReaper.Reaped] = []
        _ = try reaper(store) { reaped.append($0) }.currentTask(id)
        XCTAssertEqual(store.failed.count, 1)
        XCTAssertEqual(reaped, [])
    }

    func testAnUnknownTaskIsTaskNotFound() {
        let store = RecordingTaskStore(nil)
        XCTAssertThrowsError(try reaper(store).currentTask(id)) { error in
            XCTAssertEqual(error as? PipelineError, .taskNotFound(id))
        }
    }

    func testListsSweepAtMostOncePerIntervalAndReportOnlyWhatWasFailed() throws {
        let store = RecordingTaskStore(nil)
        store.staleAnswer = 2
        var reaped: [LostWorkerReaper.Reaped] = []
        let reaper = reaper(store) { reaped.append($0) }
        try reaper.sweepStaleExecutions()
        try reaper.sweepStaleExecutions()
        XCTAssertEqual(store.staleCutoffs, [now.addingTimeInterval(-30)], "the second list within 5 s does not write")
        XCTAssertEqual(reaped, [.stale(count: 2)])
    }
}

/// A task store that answers one task and records the liveness writes; nothing else is expected of it.
private final class RecordingTaskStore: TaskStore {
    var current: PipelineTask?
    var afterFail: PipelineTask?
    var failAnswer = true
    var staleAnswer = 0
    var failed: [(executionID: String, judged: Date?)] = []
    var staleCutoffs: [Date] = []
    var requeueAnswer = false
    var requeued: [(executionID: String, limit: Int)] = []
    var staleRequeueLimits: [Int] = []

    init(_ task: PipelineTask?) { current = task }

    func requeueLostExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, retryLimit: Int,
                              now: Date) throws -> Bool {
        requeued.append((executionID, retryLimit))
        return requeueAnswer && retryLimit > 0
    }
    func requeueStaleExecutions(heartbeatBefore cutoff: Date, retryLimit: Int, now: Date) throws -> Int {
        staleRequeueLimits.append(retryLimit)
        return requeueAnswer && retryLimit > 0 ? 1 : 0
    }

    func task(_ id: TaskID) throws -> PipelineTask? { current }
    func failExecution(_ id: TaskID, executionID: String, ifHeartbeatAt judged: Date?, message: String, now: Date) throws -> Bool {
        failed.append((executionID, judged))
        if failAnswer, let afterFail { current = afterFail }
        return failAnswer
    }
    func failStaleExecutions(heartbeatBefore cutoff: Date, message: String, now: Date) throws -> Int {
        staleCutoffs.append(cutoff)
        return staleAnswer
    }

    func createTask(_ task: NewTask, now: Date) throws -> PipelineTask { fatalError("not used") }
    func taskExists(_ id: TaskID) throws -> Bool { fatalError("not used") }
    func listTasks(_ query: TaskListQuery) throws -> (tasks: [TaskSummary], total: Int) { fatalError("not used") }
    func markDirectoryDeleted(_ id: TaskID, now: Date) throws -> TaskRemoval { fatalError("not used") }
    func deleteTask(_ id: TaskID) throws -> TaskRemoval { fatalError("not used") }
    func ping() throws { fatalError("not used") }
    func claim(_ id: TaskID, executionID: String, mode: ExecutionMode, now: Date) throws -> Bool { fatalError("not used") }
    func requestCancel(_ id: TaskID, now: Date) throws -> WorkerInfo? { fatalError("not used") }
}
