import PipelineCore
import XCTest
@testable import PipelineProviders

final class HashingEmbedderTests: XCTestCase {
    private let embedder = HashingEmbedder()

    private func cosine(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    private func vector(_ text: String) -> [Float] {
        embedder.vector(text)
    }

    private func norm(_ vector: [Float]) -> Float {
        vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    func testModelDimensionAndBatchSize() {
        XCTAssertEqual(embedder.model, "builtin-hashing-v1")
        XCTAssertEqual(embedder.dimension, 512)
        XCTAssertEqual(embedder.batchSize, 64)
        XCTAssertEqual(HashingEmbedder(dimension: 64).dimension, 64)
    }

    func testEveryVectorHasTheConfiguredDimension() throws {
        let small = HashingEmbedder(dimension: 64)
        let vectors = try small.embed(["统计各服务区的总营收", "SELECT sum(pay_sum) FROM bss_business_day_data", ""])
        XCTAssertEqual(vectors.count, 3)
        XCTAssertEqual(vectors.map(\.count), [64, 64, 64])
    }

    func testSameTextGivesTheSameVectorAcrossInstances() throws {
        let text = "查询2024年各服务区的营收合计 SELECT service_name, sum(pay_sum) FROM bss_business_day_data GROUP BY 1"
        let first = try HashingEmbedder().embed([text])[0]
        let second = try HashingEmbedder().embed([text])[0]
        XCTAssertEqual(first, second)
    }

    func testHashIsTheDocumentedFixedFunction() {
        // Pinning the function guards the recipe against accidental change: stored vectors would silently stop
        // matching new ones.
        var fnvOfA: UInt64 = 0xcbf2_9ce4_8422_2325
        fnvOfA ^= 0x61
        fnvOfA &*= 0x0000_0100_0000_01b3
        XCTAssertEqual(fnvOfA, 0xaf63_dc4c_8601_ec8c, "FNV-1a 64 of \"a\" (published test vector)")
        var mixed = fnvOfA
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        XCTAssertEqual(HashingEmbedder.hash("a"), mixed ^ (mixed >> 31))
    }

    func testOneWordLandsInTheBucketAndSignOfItsHash() {
        let hash = HashingEmbedder.hash("w:pay")
        let expected: Float = hash >> 63 == 1 ? -1 : 1
        let payVector = vector("pay")
        XCTAssertEqual(payVector[Int(hash % 512)], expected)
        XCTAssertEqual(payVector.filter { $0 != 0 }.count, 1)
    }

    func testVectorsAreUnitLength() {
        for text in ["统计各服务区的总营收", "pay_sum", "Ｈｅｌｌｏ，世界 123", String(repeating: "营收 ", count: 500)] {
            XCTAssertEqual(norm(vector(text)), 1, accuracy: 1e-5, text)
        }
    }

    func testEmptyOrFeaturelessTextGivesTheZeroVector() {
        for text in ["", "   ", "，。！？ - + *"] {
            let zero = vector(text)
            XCTAssertEqual(zero.count, 512)
            XCTAssertTrue(zero.allSatisfy { $0 == 0 }, "\"\(text)\"")
        }
    }

    func testChineseParaphraseIsCloserThanAnUnrelatedSentence() {
        let question = vector("统计各服务区的总营收")
        let paraphrase = vector("每个服务区营收合计是多少")
        let unrelated = vector("查询所有员工的姓名和入职日期")
        XCTAssertGreaterThan(cosine(question, paraphrase), cosine(question, unrelated) + 0.1)
    }

    func testParaphrasedQuestionIsNearestToItsOwnPair() {
        let pairs = [
            TrainingItem(type: .sql, question: "统计各服务区的总营收",
                         content: "SELECT service_name, SUM(pay_sum) AS 总营收 FROM bss_business_day_data GROUP BY service_name;"),
            TrainingItem(type: .sql, question: "查询所有员工的姓名和入职日期",
                         content: "SELECT name, hire_date FROM hr_employee;"),
            TrainingItem(type: .sql, question: "最近一周每天的车流量是多少",
                         content: "SELECT count_date, SUM(customer_count) FROM bss_car_day_count GROUP BY count_date;"),
            TrainingItem(type: .sql, question: "列出所有服务区的名称和所属公司",
                         content: "SELECT s.service_area_name, c.company_name FROM bss_service_area s JOIN bss_company c ON c.id = s.company_id;"),
        ]
        let question = vector("每个服务区营收合计是多少")
        let scores = pairs.map { cosine(question, vector($0.embeddingText)) }
        XCTAssertEqual(scores.firstIndex(of: scores.max()!), 0, "scores: \(scores)")
    }

    func testSnakeCaseAndCamelCaseIdentifiersMatch() {
        XCTAssertEqual(cosine(vector("pay_sum"), vector("paySum")), 1, accuracy: 1e-5)
        XCTAssertEqual(cosine(vector("PAY_SUM"), vector("pay_sum")), 1, accuracy: 1e-5)
        XCTAssertGreaterThan(cosine(vector("total pay_sum"), vector("total paySum")), 0.99)
    }

    func testIdentifierWordsMatchThePlainWords() {
        // The parts of an identifier are features of their own: `pay_sum` shares `pay` and `sum` with the words.
        XCTAssertGreaterThan(cosine(vector("pay_sum"), vector("sum of pay")), 0.5)
        XCTAssertEqual(cosine(vector("pay_sum"), vector("order_date")), 0, accuracy: 0.2)
    }

    func testFullWidthAndCaseAreNormalised() {
        XCTAssertEqual(cosine(vector("ＳＥＬＥＣＴ　ｐａｙ＿ｓｕｍ"), vector("select pay_sum")), 1, accuracy: 1e-5)
    }

    func testFeaturesOfMixedText() {
        let keys = Set(HashingFeatures.features(of: "服务区 top10 t.pay_sum").map(\.key))
        XCTAssertTrue(keys.isSuperset(of: ["u:服", "b:服务", "t:服务区", "w:top", "w:10", "w:top10", "w:pay", "w:sum",
                                           "w:paysum"]), "\(keys.sorted())")
        XCTAssertFalse(keys.contains("w:t"), "lone letters (aliases) are dropped")
    }
}
