import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import XCTest
@testable import PipelineStore

/// The search index follows the store incrementally (issue 14): a snapshot brought up to date with the change log
/// is exactly the snapshot a full load gives — rows, vectors, scopes, postings — and every search answers the same,
/// after adds, claims, updates, deletes by id, by task and by database, and a task's deletion, made by another
/// store instance (another process) or by direct SQL.
final class TrainingIncrementalIndexTests: TrainingStoreTestCase {
    private func item(_ type: TrainingDataType, _ question: String?, _ content: String, tables: [String] = [],
                      task: String? = nil, db: String? = nil) -> EmbeddedTrainingItem {
        embedded(TrainingItem(type: type, question: question, content: content, tables: tables, taskID: task, dbName: db))
    }

    private func salesDocument(_ label: String, synonyms: String, db: String, task: String) -> EmbeddedTrainingItem {
        item(.documentation, nil, """
            ## sales（销售汇总）
            字段列表：
            - store_id (integer) - 门店ID [外键]
            - amt (numeric(12,2)) - \(label) [非空]
            语义说明：
            - 度量 amt（\(label)）：可累加，汇总用 SUM，同义词 \(synonyms)
            """, tables: ["public.sales"], task: task, db: db)
    }

    private func addTask(_ task: String, db: String) throws {
        try database.connect().execute(PostgresQuery(
            "INSERT INTO data_pipeline_tasks (task_id, parameters, db_name) VALUES ($1, '{}', $2)", [task, db]))
    }

    private func loadFixture() throws {
        try addTask("task_a", db: "shop_a")
        try addTask("task_b", db: "shop_b")
        try addTask("task_c", db: "shop_c")
        try load([
            salesDocument("销售金额", synonyms: "营业额", db: "shop_a", task: "task_a"),
            salesDocument("库存金额", synonyms: "存货", db: "shop_b", task: "task_b"),
            item(.sql, "各门店的合计", "SELECT store_id, SUM(amt) FROM sales GROUP BY store_id;",
                 tables: ["public.sales"], task: "task_a", db: "shop_a"),
            item(.sql, "各门店的汇总", "SELECT store_id, SUM(amt) FROM sales GROUP BY store_id;",
                 tables: ["public.sales"], task: "task_b", db: "shop_b"),
            item(.sql, "每个门店有多少员工", "SELECT store_id, count(*) FROM staff GROUP BY store_id;",
                 tables: ["public.staff"], task: "task_a", db: "shop_a"),
            item(.sql, "上个月的订单数", "SELECT count(*) FROM orders;", tables: ["public.orders"], task: "task_b", db: "shop_b"),
            item(.sql, "门店总数", "SELECT count(*) FROM stores;", db: "shop_a"),
            item(.ddl, nil, "CREATE TABLE public.sales (store_id int, amt numeric);", tables: ["public.sales"],
                 task: "task_a", db: "shop_a"),
            item(.ddl, nil, "CREATE TABLE public.sales (store_id int, amt numeric(12,2));", tables: ["public.sales"],
                 task: "task_b", db: "shop_b"),
            item(.errorSQL, "各门店的营业额", "SELECT store, SUM(amount) FROM sales;", tables: ["public.sales"],
                 task: "task_a", db: "shop_a"),
        ])
    }

    private let questions = ["各门店的营业额", "门店员工人数", "上个月订单", "存货合计", "sales amt", "门店"]

    /// Every search of `questions` × modes × filters, as (id, score, explanation), on `store`.
    private func answers(_ store: PostgresTrainingDataStore) throws -> [String] {
        var lines: [String] = []
        for question in questions {
            for mode in TrainingSearchMode.allCases {
                for (db, task) in [(nil, nil), ("shop_a", nil), ("shop_b", nil), (nil, "task_c"), ("shop_a", "task_a")] {
                    let hits = try store.search(TrainingSearchRequest(
                        question: question, vector: embedder.vector(question), model: model, topK: 6, dbName: db,
                        taskID: task, mode: mode, explain: true))
                    lines += hits.map { "\(question) \(mode) \(db ?? "-") \(task ?? "-"): \($0.item.id) \($0.score) " +
                        "\(String(describing: $0.explanation))" }
                }
            }
        }
        return lines
    }

    /// The two snapshots hold the same rows, vectors, scopes and postings.
    private func assertSame(_ a: TrainingVectorSnapshot, _ b: TrainingVectorSnapshot, _ step: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.generation, b.generation, step, file: file, line: line)
        XCTAssertEqual(a.ids, b.ids, step, file: file, line: line)
        XCTAssertEqual(a.typeBits, b.typeBits, step, file: file, line: line)
        XCTAssertEqual(a.codes, b.codes, step, file: file, line: line)
        XCTAssertEqual(a.scales, b.scales, step, file: file, line: line)
        XCTAssertEqual(a.lexical.lengths, b.lexical.lengths, step, file: file, line: line)
        XCTAssertEqual(a.lexical.averageLength, b.lexical.averageLength, step, file: file, line: line)
        XCTAssertEqual(Set(a.lexical.terms.keys), Set(b.lexical.terms.keys), step, file: file, line: line)
        for (term, id) in a.lexical.terms {
            guard let other = b.lexical.terms[term] else { continue }
            let x = a.lexical.postings[Int(id)], y = b.lexical.postings[Int(other)]
            XCTAssertEqual(x.map(\.row), y.map(\.row), "\(step): \(term)", file: file, line: line)
            XCTAssertEqual(x.map(\.frequency), y.map(\.frequency), "\(step): \(term)", file: file, line: line)
        }
        for db in [nil, "shop_a", "shop_b", "shop_c", "shop_x"] {
            for task in [nil, "task_a", "task_b", "task_c"] {
                let inA = a.scopes.filter(dbName: db, taskID: task), inB = b.scopes.filter(dbName: db, taskID: task)
                XCTAssertEqual((0..<a.count).map(inA), (0..<b.count).map(inB), "\(step) \(db ?? "-") \(task ?? "-")",
                               file: file, line: line)
            }
        }
        // Subjects are interned ids: the same partition of the rows, whatever the numbers.
        func partition(_ subjects: [Int32]) -> [Int] {
            var first: [Int32: Int] = [:]
            var labels: [Int] = []
            for (row, subject) in subjects.enumerated() {
                if first[subject] == nil { first[subject] = row }
                labels.append(first[subject]!)
            }
            return labels
        }
        XCTAssertEqual(partition(a.scopes.subjects), partition(b.scopes.subjects), step, file: file, line: line)
    }

    func testAnIncrementallyUpdatedIndexIsTheIndexAFullLoadBuilds() throws {
        try loadFixture()
        // The searching process: its own store instance (and index); the changes come from `store` and from SQL.
        let reader = PostgresTrainingDataStore(url: database.url, applicationName: "dp-tests-reader", maxConnections: 2)
        let connection = try database.connect()
        var snapshot = try reader.index.snapshot(on: connection)
        _ = try answers(reader)
        let sqlDDL = try XCTUnwrap(try store.items(ownedBy: "task_b", types: [.ddl], limit: 1).first)
        let staffPair = try XCTUnwrap(try store.query(TrainingQuery(keyword: "员工")).items.first)
        let steps: [(String, () throws -> Void)] = [
            ("adds, one labelled by the glossary", {
                try self.load([
                    self.item(.sql, "各门店的销售金额排名", "SELECT store_id, SUM(amt) FROM sales GROUP BY 1 ORDER BY 2 DESC;",
                              tables: ["public.sales"], task: "task_a", db: "shop_a"),
                    self.item(.sql, "新增的问题", "SELECT 1 FROM brand_new;", task: "task_b", db: "shop_b"),
                ])
            }),
            ("another task claims existing items", {
                try self.load([self.item(.ddl, nil, "CREATE TABLE public.sales (store_id int, amt numeric);",
                                         tables: ["public.sales"], task: "task_c", db: "shop_c")])
            }),
            ("an update (replace)", {
                _ = try self.store.replace(id: staffPair.id, with: self.item(
                    .sql, "每个门店的员工人数", "SELECT store_id, count(*) AS n FROM staff GROUP BY store_id;",
                    tables: ["public.staff"], task: "task_a", db: "shop_a"), model: self.model)
            }),
            ("deletes by id", { _ = try self.store.delete(ids: [sqlDDL.id]) }),
            ("a task re-loads without its items", {
                _ = try self.store.removeStale(taskID: "task_b", tables: ["public.orders"], keeping: [])
            }),
            ("a delete by database in SQL", {
                try connection.execute(PostgresQuery("DELETE FROM training_items WHERE db_name = 'shop_b' AND training_data_type = 'sql'"))
            }),
            ("the deletion of a task owning items", {
                try connection.execute(PostgresQuery("DELETE FROM data_pipeline_tasks WHERE task_id = 'task_c'"))
            }),
            ("an update in SQL", {
                try connection.execute(PostgresQuery("UPDATE training_items SET tables = '{public.orders}' WHERE question = '门店总数'"))
            }),
        ]
        for (step, change) in steps {
            let before = try generation()
            try change()
            XCTAssertGreaterThan(try generation(), before, "\(step) changed the store")
            let updated = try XCTUnwrap(try TrainingSnapshotUpdate.apply(to: snapshot, on: connection),
                                        "\(step): applied incrementally, not by a full load")
            assertSame(updated, try TrainingSearchIndex.load(on: connection), step)
            snapshot = updated
            let fresh = PostgresTrainingDataStore(url: database.url, applicationName: "dp-tests-fresh", maxConnections: 2)
            let incremental = try answers(reader), full = try answers(fresh)
            XCTAssertEqual(incremental.count, full.count, "\(step): as many results as after a full load")
            let differing = zip(incremental, full).first { $0 != $1 }
            XCTAssertNil(differing, "\(step): every search answers as after a full load")
        }
    }

    func testAChangedDocument_aTruncate_orAnotherModelNeedAFullLoad() throws {
        try loadFixture()
        let connection = try database.connect()
        let snapshot = try TrainingSearchIndex.load(on: connection)
        // Reloading the same document for another task of the same database changes nothing lexical: incremental.
        try addTask("task_a2", db: "shop_a")
        try load([salesDocument("销售金额", synonyms: "营业额", db: "shop_a", task: "task_a2")])
        let same = try XCTUnwrap(try TrainingSnapshotUpdate.apply(to: snapshot, on: connection))
        assertSame(same, try TrainingSearchIndex.load(on: connection), "same document, one more owner")
        // A new glossary word changes the tokenizer and the pairs' texts: only a full load is right.
        try load([salesDocument("营业收入", synonyms: "流水", db: "shop_a", task: "task_a")])
        XCTAssertNil(try TrainingSnapshotUpdate.apply(to: same, on: connection))
        let reader = PostgresTrainingDataStore(url: database.url, applicationName: "dp-tests-reader", maxConnections: 2)
        let afterDocument = try TrainingSearchIndex.load(on: connection)
        XCTAssertEqual(try TrainingSearchIndex.refresh(same, on: connection).ids, afterDocument.ids)
        _ = try answers(reader)
        _ = try store.truncate()
        XCTAssertNil(try TrainingSnapshotUpdate.apply(to: afterDocument, on: connection), "a truncate logs no ids")
        XCTAssertEqual(try answers(reader), [], "the reader's index follows the truncate")
        let empty = try TrainingSearchIndex.load(on: connection)
        try load([item(.sql, "门店总数", "SELECT count(*) FROM stores;")], model: "other-model")
        XCTAssertEqual(try TrainingSearchIndex.load(on: connection).model, "other-model")
        XCTAssertNil(try TrainingSnapshotUpdate.apply(to: empty, on: connection), "another model")
    }

    func testTheChangeLogIsPrunedAndAnIndexOlderThanItLoadsInFull() throws {
        let connection = try database.connect()
        try load([item(.sql, "门店总数", "SELECT count(*) FROM stores;")])
        let old = try TrainingSearchIndex.load(on: connection)
        // Jump the generation forward as 10,000 statements would, then one more change prunes the log.
        try connection.execute(PostgresQuery("UPDATE training_store_state SET generation = generation + 10099 - generation % 100"))
        try load([item(.sql, "门店数", "SELECT count(*) FROM stores;")])
        let floor = try XCTUnwrap(connection.query(PostgresQuery("SELECT changes_floor FROM training_store_state")).first)
            .int("changes_floor")
        XCTAssertGreaterThan(Int64(floor), old.generation)
        let logged = try XCTUnwrap(connection.query(PostgresQuery(
            "SELECT count(*) AS n FROM training_item_changes WHERE generation <= $1", [floor])).first).int("n")
        XCTAssertEqual(logged, 0, "entries at or below the floor are deleted")
        XCTAssertNil(try TrainingSnapshotUpdate.apply(to: old, on: connection))
        XCTAssertEqual(try TrainingSearchIndex.refresh(old, on: connection).count, 2)
    }
}
