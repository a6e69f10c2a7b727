import Foundation
import XCTest

/// API.md §2.7: the task list (GET) and the task search (POST …/query).
final class TaskListTests: EndToEndTestCase {
    static let itemKeys: Set<String> = [
        "task_id", "task_name", "status", "step_status", "created_at", "started_at", "completed_at", "created_by",
        "db_name", "business_context", "business_context_truncated", "directory_exists", "updated_at", "version",
        "cancelled",
    ]

    /// Three tasks sharing a fresh name keyword; returns the keyword and the ids in creation order.
    private func threeTasks() throws -> (String, [String]) {
        let keyword = "e2e-list-\(UUID().uuidString.prefix(8))"
        let ids = try (1...3).map { try createTask(["task_name": "\(keyword)-\($0)"]) }
        return (keyword, ids)
    }

    func test_list_itemsHaveTheContractFields() throws {
        let id = try createTask()
        let data = assertSuccess(try client.get(EndToEndTestCase.tasksPath), response: "获取任务列表成功")
        XCTAssertEqual(data["limit"]?.int, 50)
        XCTAssertEqual(data["offset"]?.int, 0)
        let tasks = try XCTUnwrap(data["tasks"]?.array)
        XCTAssertLessThanOrEqual(tasks.count, 50)
        XCTAssertEqual(tasks.first?["task_id"]?.string, id, "newest first")
        for task in tasks { XCTAssertEqual(task.keys, TaskListTests.itemKeys, task["task_id"]?.string ?? "?") }
    }

    func test_list_totalCountsAllTasksNotThePage() throws {
        _ = try threeTasks()
        let page = assertSuccess(try client.get(EndToEndTestCase.tasksPath + "?limit=1&offset=1"))
        XCTAssertEqual(page["tasks"]?.array?.count, 1)
        XCTAssertEqual(page["limit"]?.int, 1)
        XCTAssertEqual(page["offset"]?.int, 1)
        let total = try XCTUnwrap(page["total"]?.int)
        // Walk every page: the number of tasks seen must be the reported total.
        var seen = Set<String>()
        var offset = 0
        while offset <= total + 100 {
            let data = assertSuccess(try client.get(EndToEndTestCase.tasksPath + "?limit=100&offset=\(offset)"))
            let ids = data["tasks"]?.array?.compactMap { $0["task_id"]?.string } ?? []
            seen.formUnion(ids)
            if ids.count < 100 { break }
            offset += 100
        }
        XCTAssertGreaterThanOrEqual(total, 3)
        XCTAssertEqual(seen.count, total, "total must count all matching tasks")
    }

    func test_list_statusFilter() throws {
        _ = try createTask()
        let data = assertSuccess(try client.get(EndToEndTestCase.tasksPath + "?status=pending&limit=100"))
        let tasks = try XCTUnwrap(data["tasks"]?.array)
        XCTAssertFalse(tasks.isEmpty)
        XCTAssertTrue(tasks.allSatisfy { $0["status"]?.string == "pending" })
        let none = assertSuccess(try client.get(EndToEndTestCase.tasksPath + "?status=completed"))
        XCTAssertEqual(none["total"]?.int, none["tasks"]?.array?.count, "no task completed in this stack")
    }

    func test_list_offsetBeyondTheEnd_stillReportsTotal() throws {
        _ = try createTask()
        let all = assertSuccess(try client.get(EndToEndTestCase.tasksPath + "?limit=1"))
        let total = try XCTUnwrap(all["total"]?.int)
        let beyond = assertSuccess(try client.get(EndToEndTestCase.tasksPath + "?limit=10&offset=\(total + 10)"))
        XCTAssertEqual(beyond["tasks"], .array([]))
        XCTAssertEqual(beyond["total"]?.int, total)
    }

    func test_list_limitAboveMaximum_is400() throws {
        assertFailure(try client.get(EndToEndTestCase.tasksPath + "?limit=101"), status: 400, errorType: "invalid_params")
        assertSuccess(try client.get(EndToEndTestCase.tasksPath + "?limit=100"))
    }

    func test_query_pagesByTaskNameKeyword_totalCountsAllMatches() throws {
        let (keyword, ids) = try threeTasks()
        let page1 = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query",
                                                      ["task_name": keyword, "page": 1, "page_size": 2]),
                                  response: "查询任务列表成功")
        XCTAssertEqual(page1["tasks"]?.array?.compactMap { $0["task_id"]?.string }, [ids[2], ids[1]], "newest first")
        let pagination = try XCTUnwrap(page1["pagination"])
        XCTAssertEqual(pagination["page"]?.int, 1)
        XCTAssertEqual(pagination["page_size"]?.int, 2)
        XCTAssertEqual(pagination["total"]?.int, 3)
        XCTAssertEqual(pagination["total_pages"]?.int, 2)
        XCTAssertEqual(pagination["has_next"], .bool(true))
        XCTAssertEqual(pagination["has_prev"], .bool(false))
        let page2 = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query",
                                                      ["task_name": keyword, "page": 2, "page_size": 2]))
        XCTAssertEqual(page2["tasks"]?.array?.compactMap { $0["task_id"]?.string }, [ids[0]])
        XCTAssertEqual(page2["pagination"]?["total"]?.int, 3)
        XCTAssertEqual(page2["pagination"]?["has_next"], .bool(false))
        XCTAssertEqual(page2["pagination"]?["has_prev"], .bool(true))
    }

    func test_query_pageBeyondTheEnd_stillReportsTotal() throws {
        let (keyword, _) = try threeTasks()
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query",
                                                     ["task_name": keyword, "page": 9, "page_size": 2]))
        XCTAssertEqual(data["tasks"], .array([]))
        XCTAssertEqual(data["pagination"]?["total"]?.int, 3)
        XCTAssertEqual(data["pagination"]?["total_pages"]?.int, 2)
        XCTAssertEqual(data["pagination"]?["has_next"], .bool(false))
    }

    func test_query_createdToAsDateOnly_includesTheWholeDay() throws {
        let (keyword, ids) = try threeTasks()
        let createdAt = try XCTUnwrap(assertSuccess(try client.get(taskPath(ids[0])))["created_at"]?.string)
        let day = String(createdAt.prefix(10))
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query",
                                                     ["task_name": keyword, "created_from": day, "created_to": day]))
        XCTAssertEqual(data["pagination"]?["total"]?.int, 3)
    }

    func test_query_sortsAscendingByCreatedAt() throws {
        let (keyword, ids) = try threeTasks()
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query", [
            "task_name": keyword, "sort_by": "created_at", "sort_order": "asc",
        ]))
        XCTAssertEqual(data["tasks"]?.array?.compactMap { $0["task_id"]?.string }, ids)
    }

    func test_query_filtersByStatusAndCreationTime() throws {
        let (keyword, _) = try threeTasks()
        let pending = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query",
                                                        ["task_name": keyword, "status": "pending"]))
        XCTAssertEqual(pending["pagination"]?["total"]?.int, 3)
        let failed = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query",
                                                       ["task_name": keyword, "status": "failed"]))
        XCTAssertEqual(failed["pagination"]?["total"]?.int, 0)
        XCTAssertEqual(failed["tasks"], .array([]))
        let old = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query",
                                                    ["task_name": keyword, "created_to": "2000-01-01"]))
        XCTAssertEqual(old["pagination"]?["total"]?.int, 0)
        let recent = assertSuccess(try client.postJSON(EndToEndTestCase.tasksPath + "/query",
                                                       ["task_name": keyword, "created_from": "2000-01-01"]))
        XCTAssertEqual(recent["pagination"]?["total"]?.int, 3)
    }

    func test_query_pageSizeAboveMaximum_is400() throws {
        assertFailure(try client.postJSON(EndToEndTestCase.tasksPath + "/query", ["page_size": 101]), status: 400,
                      errorType: "invalid_params")
        assertFailure(try client.postJSON(EndToEndTestCase.tasksPath + "/query", ["page": 0]), status: 400,
                      errorType: "invalid_params")
    }

    func test_query_withEmptyBody_usesDefaults() throws {
        _ = try createTask()
        let result = try client.send("POST", EndToEndTestCase.tasksPath + "/query",
                                     headers: ["Content-Type": "application/json"], body: Data())
        let data = assertSuccess(result)
        XCTAssertEqual(data["pagination"]?["page"]?.int, 1)
        XCTAssertEqual(data["pagination"]?["page_size"]?.int, 20)
    }
}
