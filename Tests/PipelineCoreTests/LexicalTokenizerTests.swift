import XCTest
@testable import PipelineCore

/// The lexical index's tokens and the synonym expansion (issue 14): pure and deterministic.
final class LexicalTokenizerTests: XCTestCase {
    func testHanRunsGiveBigramsAndLongVocabularyWords_identifiersTheirParts() {
        let tokenizer = LexicalTokenizer(vocabulary: ["支付金额", "营收"])
        XCTAssertEqual(tokenizer.tokens("支付金额 SELECT SUM(amount_paid) FROM t2 WHERE id = 42"),
                       ["支付", "付金", "金额", "支付金额", "amount_paid", "amount", "paid", "t2", "id"])
        XCTAssertEqual(tokenizer.tokens("店，营收"), ["店", "营收"])
        XCTAssertEqual(tokenizer.tokens("a 1 _ 2026"), [])
    }

    func testExpansionAddsTheOtherWordsOfEveryMatchedGroupOnce() {
        let expansion = SynonymExpansion(groups: [["收入", "营收", "Revenue"], ["收入", "营收", "Revenue"], ["车流量", "车辆数"]])
        XCTAssertEqual(expansion.groups.count, 2)
        XCTAssertEqual(expansion.expansions(of: "去年的收入和营收"), ["revenue"])
        XCTAssertEqual(expansion.expansions(of: "车流量"), ["车辆数"])
        XCTAssertEqual(expansion.expansions(of: "员工"), [])
    }

    func testQuestionWordsAndBigramsAcrossParticlesAreNotTokens() {
        let tokenizer = LexicalTokenizer(vocabulary: [])
        XCTAssertEqual(tokenizer.tokens("各门店的客单价是多少"), ["各门", "门店", "客单", "单价"])
        XCTAssertEqual(tokenizer.tokens("哪家门店"), ["家门", "门店"])
    }

    func testExpansionKeepsGroupsApart_andRelatedWordsLeadOneWay() {
        let expansion = SynonymExpansion(groups: [["收入", "营收"], ["成本", "费用"]], related: ["毛利": ["收入", "成本"]])
        XCTAssertEqual(expansion.expansionGroups(of: "各门店的毛利"), [["收入", "成本"]])
        XCTAssertEqual(expansion.expansionGroups(of: "营收和成本"), [["收入"], ["费用"]])
        XCTAssertEqual(expansion.expansions(of: "成本"), ["费用"], "asking for a part does not lead back to 毛利")
        XCTAssertTrue(expansion.vocabulary.contains("毛利"))
    }

    func testAWordInsideALongerKnownWordIsNotSaid() {
        let expansion = SynonymExpansion(groups: [["单价", "价格"], ["客单价", "人均消费"]])
        XCTAssertEqual(expansion.expansions(of: "各门店的客单价"), ["人均消费"])
        XCTAssertEqual(expansion.expansions(of: "客单价和单价"), ["价格", "人均消费"])
    }

    func testBuiltinVocabularyCoversTheEverydayWordsForSalesQuantityAndStock() {
        let expansion = SynonymExpansion(groups: BusinessSynonyms.groups, related: BusinessSynonyms.related)
        XCTAssertTrue(expansion.expansions(of: "上个月卖了多少钱").contains("销售额"))
        XCTAssertTrue(expansion.expansions(of: "今年卖出去多少件").contains("销售数量"))
        XCTAssertTrue(expansion.expansions(of: "每个门店的让利").contains("折扣"))
        XCTAssertTrue(expansion.expansions(of: "去年的毛利").contains("成本"))
    }

    func testSemanticModelMeasureLinesGiveSynonymGroups() {
        let text = "## t\n- 度量 pay_sum（支付总金额）：可累加，汇总用 SUM，同义词 营收、收入\n- 度量 n：可累加，汇总用 SUM"
        XCTAssertEqual(SemanticSynonymLines.groups(in: text), [["营收", "收入", "支付总金额", "pay_sum"]])
    }
}
