import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import XCTest
@testable import PipelineStore

/// Scoped search (issue 14 item 2): `db_name` and `task_id` filters, and databases with the same table names.
final class TrainingScopedSearchTests: TrainingStoreTestCase {
    private func item(_ type: TrainingDataType, _ question: String?, _ content: String, db: String?,
                      task: String? = nil) -> EmbeddedTrainingItem {
        embedded(TrainingItem(type: type, question: question, content: content, tables: ["public.orders"],
                              taskID: task, dbName: db))
    }

    private func search(_ question: String, dbName: String? = nil, taskID: String? = nil,
                        mode: TrainingSearchMode = .hybrid) throws -> [ScoredTrainingItem] {
        try store.search(TrainingSearchRequest(question: question, vector: embedder.vector(question), model: model,
                                               topK: 50, dbName: dbName, taskID: taskID, mode: mode))
    }

    /// Two shops, each with its own `public.orders`; shop_b's pair is the better match for the question.
    private func loadTwoShops() throws {
        try load([
            item(.sql, "统计订单的销售额", "SELECT SUM(amount) FROM public.orders;", db: "shop_a", task: "task_a"),
            item(.ddl, nil, "CREATE TABLE public.orders (id int, amount numeric);", db: "shop_a", task: "task_a"),
            item(.sql, "统计每个门店订单的销售额合计", "SELECT store, SUM(total) FROM public.orders GROUP BY store;",
                 db: "shop_b", task: "task_b"),
            item(.ddl, nil, "CREATE TABLE public.orders (store text, total numeric);", db: "shop_b", task: "task_b"),
            item(.documentation, nil, "## 旧数据", db: nil),
        ])
    }

    func testSearchWithinOneDatabaseNeverReturnsTheOthersSameNamedTables() throws {
        try loadTwoShops()
        for mode in TrainingSearchMode.allCases {
            let a = try search("统计每个门店订单的销售额合计", dbName: "shop_a", mode: mode)
            XCTAssertFalse(a.isEmpty, "\(mode)")
            XCTAssertEqual(Set(a.map(\.item.dbName)), ["shop_a"], "\(mode)")
            let b = try search("统计订单的销售额", dbName: "shop_b", mode: mode)
            XCTAssertEqual(Set(b.map(\.item.dbName)), ["shop_b"], "\(mode)")
        }
        XCTAssertEqual(try search("订单", dbName: "shop_c").count, 0, "an unknown database matches nothing")
        XCTAssertEqual(try search("订单").count, 5, "no filter: every item, old untagged ones included")
    }

    func testSearchWithinOneTaskAndBothFiltersTogether() throws {
        try loadTwoShops()
        XCTAssertEqual(Set(try search("订单", taskID: "task_b").map(\.item.taskID)), ["task_b"])
        XCTAssertEqual(try search("订单", taskID: "task_b").count, 2)
        XCTAssertEqual(try search("订单", dbName: "shop_a", taskID: "task_b").count, 0)
        XCTAssertEqual(try search("订单", taskID: "task_x").count, 0)
    }

    func testAnItemTwoDatabasesShareBelongsToTheDatabasesOfTheTasksOwningIt() throws {
        let connection = try database.connect()
        for (task, db) in [("task_a", "shop_a"), ("task_b", "shop_b")] {
            try connection.execute(PostgresQuery(
                "INSERT INTO data_pipeline_tasks (task_id, parameters, db_name) VALUES ($1, '{}', $2)", [task, db]))
        }
        let shared = "CREATE TABLE public.regions (id int, name text);"
        try load([item(.ddl, nil, shared, db: "shop_a", task: "task_a")])
        try load([item(.ddl, nil, shared, db: "shop_b", task: "task_b")])
        XCTAssertEqual(try search("regions", dbName: "shop_a").count, 1)
        XCTAssertEqual(try search("regions", dbName: "shop_b").count, 1)
        // shop_a's task re-loads without it: it no longer belongs to shop_a, although it was first loaded there.
        _ = try store.removeStale(taskID: "task_a", tables: ["public.orders"], keeping: [])
        XCTAssertEqual(try search("regions", dbName: "shop_a").count, 0)
        XCTAssertEqual(try search("regions", dbName: "shop_b").count, 1)
    }
}
