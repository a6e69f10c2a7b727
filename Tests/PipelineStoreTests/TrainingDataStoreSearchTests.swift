import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import XCTest
@testable import PipelineStore

/// `PostgresTrainingDataStore.search`: exact cosine over the in-memory snapshot, kept fresh by the generation.
final class TrainingDataStoreSearchTests: TrainingStoreTestCase {
    private var corpus: [EmbeddedTrainingItem] {
        [
            pair("统计各服务区的总营收", "SELECT service_name, SUM(pay_sum) FROM bss_business_day_data GROUP BY service_name;"),
            pair("查询所有员工的姓名和入职日期", "SELECT name, hire_date FROM hr_employee;"),
            pair("最近一周每天的车流量是多少", "SELECT count_date, SUM(customer_count) FROM bss_car_day_count GROUP BY 1;"),
            ddl("CREATE TABLE bss_business_day_data (service_name varchar(255), pay_sum numeric(19,4));"),
            ddl("CREATE TABLE hr_employee (name varchar(64), hire_date date);"),
            documentation("## bss_car_day_count（服务区车流量日统计表）"),
            pair("统计错误", "SELEC pay_sum FROM x", type: .errorSQL),
        ]
    }

    func testAnItemsOwnVectorFindsItFirstWithScoreOne() throws {
        let items = corpus
        try load(items)
        for item in items {
            let hits = try store.search(item.vector, model: model, topK: 3, types: [])
            XCTAssertEqual(hits.first?.item.id, item.item.id)
            XCTAssertEqual(try XCTUnwrap(hits.first).score, 1, accuracy: 1e-5)
            XCTAssertEqual(hits.first?.item, try store.items(ids: [item.item.id]).first)
        }
    }

    func testAParaphrasedQuestionFindsItsPair() throws {
        try load(corpus)
        let question = embedder.vector("每个服务区营收合计是多少")
        let hits = try store.search(question, model: model, topK: 1, types: [.sql])
        XCTAssertEqual(hits.map(\.item.question), ["统计各服务区的总营收"])
    }

    func testSearchRespectsTypesAndTopKAndRanksBestFirst() throws {
        try load(corpus)
        let question = embedder.vector("服务区 营收 pay_sum")
        let all = try store.search(question, model: model, topK: 100, types: [])
        XCTAssertEqual(all.count, corpus.count)
        XCTAssertEqual(all.map(\.score), all.map(\.score).sorted(by: >))
        let two = try store.search(question, model: model, topK: 2, types: [])
        XCTAssertEqual(two.map(\.item.id), all.prefix(2).map(\.item.id))
        let ddlOnly = try store.search(question, model: model, topK: 10, types: [.ddl])
        XCTAssertEqual(ddlOnly.count, 2)
        XCTAssertEqual(Set(ddlOnly.map(\.item.type)), [.ddl])
        let mixed = try store.search(question, model: model, topK: 10, types: [.documentation, .errorSQL])
        XCTAssertEqual(Set(mixed.map(\.item.type)), [.documentation, .errorSQL])
        XCTAssertEqual(try store.search(question, model: model, topK: 0, types: []).count, 0)
    }

    func testSearchOfAnEmptyStoreFindsNothing() throws {
        XCTAssertEqual(try store.search(embedder.vector("营收"), model: model, topK: 5, types: []).count, 0)
    }

    func testSearchWithAnotherModelOrDimensionIsRefused() throws {
        try load(corpus)
        XCTAssertThrowsError(try store.search(embedder.vector("营收"), model: "text-embedding-v4", topK: 5, types: [])) {
            XCTAssertEqual($0 as? TrainingStoreError, .embeddingMismatch(
                stored: model, storedDimension: 64, given: "text-embedding-v4", givenDimension: 64))
        }
        XCTAssertThrowsError(try store.search([1, 0, 0], model: model, topK: 5, types: []))
    }

    func testSearchSeesWritesMadeThroughAnotherStoreInstance() throws {
        let items = corpus
        try load(Array(items.prefix(3)))
        let target = items[4]
        XCTAssertNotEqual(try store.search(target.vector, model: model, topK: 1, types: []).first?.item.id, target.item.id)

        let other = PostgresTrainingDataStore(url: database.url, applicationName: "dp-tests-2", maxConnections: 1)
        _ = try other.upsert([target], model: model)
        XCTAssertEqual(try store.search(target.vector, model: model, topK: 1, types: []).first?.item.id, target.item.id)

        _ = try other.delete(ids: [target.item.id])
        XCTAssertNotEqual(try store.search(target.vector, model: model, topK: 1, types: []).first?.item.id, target.item.id)

        // A write that bypasses the store entirely (plain SQL) is seen too: the trigger bumps the generation.
        try database.connect().execute(PostgresQuery("DELETE FROM training_items"))
        XCTAssertEqual(try store.search(target.vector, model: model, topK: 5, types: []).count, 0)
    }

    func testConcurrentSearchesFromEightThreadsWhileAWriterLoads() throws {
        let items = corpus
        try load(items)
        let store = self.store!, model = self.model
        let extra = (1...40).map { pair("并发写入的问题\($0)", "SELECT \($0) FROM concurrency_probe;") }
        let failures = ConcurrentResults<String>()
        DispatchQueue.concurrentPerform(iterations: 9) { thread in
            if thread == 8 {
                for chunk in stride(from: 0, to: extra.count, by: 5) {
                    failures.append(Result { _ = try store.upsert(Array(extra[chunk..<(chunk + 5)]), model: model); return "" })
                }
                return
            }
            for round in 0..<25 {
                let expected = items[(thread + round) % items.count]
                failures.append(Result {
                    let hits = try store.search(expected.vector, model: model, topK: 3, types: [])
                    return hits.first?.item.id == expected.item.id ? "" : "thread \(thread) round \(round) got \(hits.map(\.item.id))"
                })
            }
        }
        let outcomes = try failures.values.map { try $0.get() }
        XCTAssertEqual(outcomes.filter { !$0.isEmpty }, [])
        XCTAssertEqual(outcomes.count, 8 * 25 + 8)
        XCTAssertEqual(try store.stats().total, items.count + extra.count)
    }

    /// Informational: prints the median search time over 10,000 random items of dimension 512 (a debug build is
    /// far slower than the release target of 5 ms). Asserts only that the nearest item is found.
    func testSearchTimeOverTenThousandItems() throws {
        let count = 10_000, dimension = 512
        let vectors = Self.randomUnitVectors(count: count, dimension: dimension, seed: 42)
        let items = vectors.enumerated().map { index, vector in
            EmbeddedTrainingItem(item: TrainingItem(type: index % 10 == 0 ? .ddl : .sql, question: "问题 \(index)",
                                                    content: "SELECT \(index);"), vector: vector)
        }
        let loadStart = Date()
        for start in stride(from: 0, to: count, by: 1000) {
            try load(Array(items[start..<(start + 1000)]), model: "random-512")
        }
        let loaded = Date().timeIntervalSince(loadStart)
        let firstStart = Date()
        _ = try store.search(vectors[0], model: "random-512", topK: 10, types: [])
        let firstSearch = Date().timeIntervalSince(firstStart)

        var times: [Double] = []
        for probe in 0..<41 {
            let target = (probe * 241) % count
            let started = Date()
            let hits = try store.search(vectors[target], model: "random-512", topK: 10, types: [])
            times.append(Date().timeIntervalSince(started))
            XCTAssertEqual(hits.first?.item.id, items[target].item.id)
            XCTAssertEqual(hits.count, 10)
        }
        let median = times.sorted()[times.count / 2]
        print(String(format: "training search over %d×%d: median %.2f ms, first (cold, loads the index) %.0f ms, upsert %.1f s",
                     count, dimension, median * 1000, firstSearch * 1000, loaded))
    }
}
