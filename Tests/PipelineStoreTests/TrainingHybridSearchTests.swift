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

    /// A database's item with its `db_name`.
    private func scoped(_ item: EmbeddedTrainingItem, _ dbName: String) -> EmbeddedTrainingItem {
        var copy = item.item
        copy.dbName = dbName
        return embedded(copy)
    }

    /// The table document of `sales` as step 1 writes it, with `amt` labelled and its synonyms listed.
    private func salesDocument(label: String, synonyms: String) -> EmbeddedTrainingItem {
        documentation("""
            ## sales（某某系统中的销售汇总）
            字段列表：
            - store_id (integer) - 门店ID [外键]
            - amt (numeric(12,2)) - \(label) [非空]
            语义说明：
            - 字段角色：store_id 外键；amt 度量
            - 度量 amt（\(label)）：可累加，汇总用 SUM，同义词 \(synonyms)
            """)
    }

    func testAPairIsFoundThroughTheLabelsAndSynonymsOfTheColumnsItsSQLUses() throws {
        try load([
            pair("按月看一下趋势", "SELECT month, SUM(amt) FROM sales GROUP BY month;"),
            pair("按月看一下人数趋势", "SELECT month, SUM(heads) FROM staff GROUP BY month;"),
            pair("按月看一下档口数趋势", "SELECT month, count(*) FROM stalls GROUP BY month;"),
            salesDocument(label: "销售金额", synonyms: "营业额"),
        ])
        let hits = try store.search(request("每个月的营业额趋势", types: [.sql], explain: true))
        XCTAssertEqual(hits.first?.item.question, "按月看一下趋势")
        let terms = try XCTUnwrap(hits.first?.explanation?.matchedTerms)
        XCTAssertTrue(terms.contains("营业额"), "\(terms)")
        // The everyday word reaches the label through the built-in vocabulary (收入 → 销售金额).
        XCTAssertEqual(try store.search(request("上个月收入多少", types: [.sql])).first?.item.question, "按月看一下趋势")
    }

    func testOneDatabasesGlossaryNeverLabelsAnotherDatabasesPairs() throws {
        let sql = "SELECT store_id, SUM(amt) FROM sales GROUP BY store_id;"
        try load([
            scoped(pair("各门店的合计", sql), "shop_db"),
            scoped(salesDocument(label: "销售金额", synonyms: "营业额"), "shop_db"),
            scoped(pair("各门店的汇总", sql), "stock_db"),
            scoped(salesDocument(label: "库存金额", synonyms: "存货"), "stock_db"),
        ])
        let stock = try store.search(request("各门店的营业额", types: [.sql], dbName: "stock_db", explain: true))
        XCTAssertEqual(stock.map(\.item.question), ["各门店的汇总"])
        XCTAssertFalse(stock[0].explanation!.matchedTerms.contains("营业额"), "\(stock[0].explanation!.matchedTerms)")
        // Nor do its synonyms expand the question: 营业额 → shop_db's `amt` would match stock_db's SQL.
        XCTAssertFalse(stock[0].explanation!.matchedTerms.contains("amt"), "\(stock[0].explanation!.matchedTerms)")
        let shop = try store.search(request("各门店的存货", types: [.sql], dbName: "shop_db", explain: true))
        XCTAssertEqual(shop.map(\.item.question), ["各门店的合计"])
        XCTAssertFalse(shop[0].explanation!.matchedTerms.contains("存货"))
        XCTAssertTrue(try store.search(request("各门店的存货", types: [.sql], dbName: "stock_db", explain: true))[0]
            .explanation!.matchedTerms.contains("存货"))
    }

    func testAtMostTwoResultsAboutTheSameTablesBeforeOthersHaveTheirTurn() throws {
        let sameTable = (1...4).map { pair("营收第\($0)种看法", "SELECT SUM(amount_\($0)) FROM revenue;", tables: ["public.revenue"]) }
        try load(sameTable + [pair("营收按门店统计", "SELECT store, SUM(paid) FROM orders GROUP BY store;", tables: ["public.orders"])])
        let question = "营收的看法"
        let hits = try store.search(request(question, mode: .lexical, topK: 3, types: [.sql]))
        XCTAssertEqual(hits.map(\.item.tables), [["public.revenue"], ["public.revenue"], ["public.orders"]],
                       "the other table's pair comes third, before the best pairs' two equals")
        // With nothing else left, the rest still fill the results, in their order.
        let all = try store.search(request(question, mode: .lexical, topK: 5, types: [.sql]))
        XCTAssertEqual(all.map(\.item.tables).suffix(2), [["public.revenue"], ["public.revenue"]])
        // Vector mode is cosine order alone.
        XCTAssertEqual(try store.search(request(question, mode: .vector, topK: 5, types: [.sql])).map(\.score),
                       try store.search(request(question, mode: .vector, topK: 5, types: [.sql])).map(\.score).sorted(by: >))
    }

    func testRankingWithGlossaryAndDiversityIsDeterministic() throws {
        try load(fixture + [salesDocument(label: "支付金额", synonyms: "营收、流水")])
        for question in ["上个月每个服务区的流水", "服务区 营收 车辆数", "档口"] {
            let runs = try (0..<3).map { _ in try store.search(request(question, topK: 8, explain: true)) }
            XCTAssertEqual(runs[0].map(\.item.id), runs[1].map(\.item.id), question)
            XCTAssertEqual(runs[1].map(\.item.id), runs[2].map(\.item.id), question)
            XCTAssertEqual(runs[0].map { $0.explanation!.fusedScore }, runs[2].map { $0.explanation!.fusedScore }, question)
        }
    }

    func testWithTheBuiltinEmbedderVectorsRankAmongLexicalCandidates_orAllWhenTooFewMatch() throws {
        let areas = (1...60).map { pair("第\($0)号服务区的营收", "SELECT SUM(pay_\($0)) FROM area_\($0);") }
        let staff = (1...5).map { pair("员工名单\($0)", "SELECT name FROM staff_\($0);") }
        try load(areas + staff)
        let hits = try store.search(request("服务区营收", topK: 10, explain: true))
        XCTAssertEqual(hits.count, 10)
        XCTAssertTrue(hits.allSatisfy { $0.explanation?.lexicalRank != nil }, "\(hits.map(\.item.question))")
        // Fewer lexical candidates than the fusion takes: every vector is scanned, and the results still fill top_k.
        XCTAssertEqual(try store.search(request("员工名单", topK: 10)).count, 10)
        let unknown = try store.search(request("zzzq qqqz", topK: 3, explain: true))
        XCTAssertEqual(unknown.count, 3)
        XCTAssertTrue(unknown.allSatisfy { $0.explanation?.vectorRank != nil && $0.explanation?.lexicalRank == nil })
    }
}
