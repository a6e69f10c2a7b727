import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import XCTest
@testable import PipelineStore

/// Hybrid search (issue 14 item 1): the lexical index with business synonyms fused with cosine by reciprocal rank.
final class TrainingHybridSearchTests: TrainingStoreTestCase {
    /// A 支付金额/营收 pair among pairs that share the question's everyday words but not its measure.
    private var fixture: [EmbeddedTrainingItem] {
        [
            pair("统计每个服务区的支付金额（营收）", "SELECT service_name, SUM(amount_paid) FROM store_daily GROUP BY service_name;"),
            pair("上个月每个服务区有多少员工", "SELECT service_name, count(*) FROM staff GROUP BY service_name;"),
            pair("上个月每个服务区的车辆数是多少", "SELECT service_name, SUM(vehicles) FROM traffic GROUP BY service_name;"),
            pair("每个服务区上个月有几个档口", "SELECT service_name, count(*) FROM stalls GROUP BY service_name;"),
            pair("上个月每个服务区的订单数是多少", "SELECT service_name, SUM(order_count) FROM orders GROUP BY service_name;"),
            pair("每个服务区是什么类型", "SELECT service_name, kind FROM areas;"),
            pair("上个月每个服务区的客流量是多少", "SELECT service_name, SUM(visitors) FROM visits GROUP BY service_name;"),
            pair("每个服务区上个月的停车位是多少", "SELECT service_name, parking FROM areas;"),
            ddl("CREATE TABLE store_daily (service_name varchar(64), amount_paid numeric); -- 支付金额"),
            documentation("## staff（员工表）\n每个服务区的员工"),
        ]
    }

    private func request(_ question: String, mode: TrainingSearchMode = .hybrid, topK: Int = 5,
                         types: Set<TrainingDataType> = [], dbName: String? = nil, taskID: String? = nil,
                         explain: Bool = false) -> TrainingSearchRequest {
        TrainingSearchRequest(question: question, vector: embedder.vector(question), model: model, topK: topK,
                              types: types, dbName: dbName, taskID: taskID, mode: mode, explain: explain)
    }

    func testASynonymQuestionFindsThePairInTheTopFiveOnlyWithHybridSearch() throws {
        try load(fixture)
        let question = "上个月每个服务区的收入是多少"
        let target = "统计每个服务区的支付金额（营收）"
        let before = try store.search(request(question, mode: .vector, topK: 10)).compactMap(\.item.question)
        let after = try store.search(request(question, explain: true))
        print("vector-only top 10: \(before)\nhybrid top 5: \(after.compactMap(\.item.question))")
        XCTAssertFalse(before.prefix(5).contains(target), "before: pure vector search misses the pair in the top 5")
        let hit = try XCTUnwrap(after.first { $0.item.question == target }, "after: hybrid finds it in the top 5")
        let explanation = try XCTUnwrap(hit.explanation)
        XCTAssertTrue(explanation.matchedTerms.contains("营收"), "\(explanation.matchedTerms)")
        XCTAssertTrue(explanation.matchedTerms.contains("支付金额"), "\(explanation.matchedTerms)")
        XCTAssertNotNil(explanation.lexicalRank)
        XCTAssertGreaterThan(explanation.fusedScore, 0)
        XCTAssertEqual(hit.score, explanation.vectorScore)
    }

    func testEveryPairsOwnQuestionStillFindsItFirst() throws {
        let items = fixture
        try load(items)
        for item in items where item.item.type == .sql {
            let question = try XCTUnwrap(item.item.question)
            XCTAssertEqual(try store.search(request(question, topK: 3)).first?.item.id, item.item.id, question)
        }
    }

    func testHybridSearchIsDeterministic_andExplainsOnlyWhenAsked() throws {
        try load(fixture)
        let first = try store.search(request("服务区 员工 营收", topK: 10))
        let second = try store.search(request("服务区 员工 营收", topK: 10))
        XCTAssertEqual(first.map(\.item.id), second.map(\.item.id))
        XCTAssertTrue(first.allSatisfy { $0.explanation == nil })
        let lexical = try store.search(request("档口", mode: .lexical, explain: true))
        XCTAssertEqual(lexical.first?.item.question, "每个服务区上个月有几个档口")
        XCTAssertEqual(lexical.first?.explanation?.matchedTerms, ["档口"])
    }

    func testTheModelsOwnSynonymsFromDocumentationExpandTheQuestion() throws {
        try load([
            pair("各站点的过路费合计", "SELECT site, SUM(toll_fee) FROM tolls GROUP BY site;"),
            pair("各站点的电费合计", "SELECT site, SUM(power_fee) FROM bills GROUP BY site;"),
            documentation("## tolls（收费表）\n- 度量 toll_fee（过路费）：可累加，汇总用 SUM，同义词 通行费、路桥费"),
        ])
        let hits = try store.search(request("各站点的通行费是多少", types: [.sql], explain: true))
        XCTAssertEqual(hits.first?.item.question, "各站点的过路费合计")
        XCTAssertEqual(hits.first?.explanation?.matchedTerms.contains("过路费"), true)
    }
}
