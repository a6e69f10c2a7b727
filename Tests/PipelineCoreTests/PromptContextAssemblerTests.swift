import PipelineCore
import XCTest

/// `POST /training_data/context`'s assembly: the best pair, then the DDL of the tables pairs read, then the rest,
/// whole items only and never over the budget.
final class PromptContextAssemblerTests: XCTestCase {
    private func hit(_ type: TrainingDataType, _ content: String, question: String? = nil, tables: [String] = [], score: Float = 1) -> ScoredTrainingItem {
        ScoredTrainingItem(item: TrainingItem(type: type, question: question, content: content, tables: tables), score: score)
    }

    private let ordersDDL = "create table public.orders (\n  id integer, -- 订单编号\n  amount numeric -- 金额\n)"
    private let storesDDL = "create table public.stores (\n  id integer, -- 门店编号\n  name text -- 门店名称\n)"

    func testTheDDLOfTheTablesThePairsReadComesFirst_evenWhenItRanksLower() {
        let context = PromptContextAssembler(budget: 10_000).assemble(
            pairs: [hit(.sql, "SELECT SUM(amount) FROM orders;", question: "订单金额合计")],
            ddl: [hit(.ddl, storesDDL, tables: ["public.stores"], score: 0.9), hit(.ddl, ordersDDL, tables: ["public.orders"], score: 0.5)],
            documentation: [], errors: [], model: nil)
        XCTAssertEqual(context.ddl.map(\.tables), [["public.orders"], ["public.stores"]])
        XCTAssertEqual(context.pairs.count, 1)
        XCTAssertEqual(context.usedTokens, context.pairs.map(\.tokens).reduce(0, +) + context.ddl.map(\.tokens).reduce(0, +))
    }

    func testTheBudgetIsNeverExceeded_andItemsAreWholeOrLeftOut() {
        let pair = hit(.sql, "SELECT SUM(amount) FROM orders;", question: "订单金额合计")
        let pairTokens = ApproximateTokens.count("订单金额合计\n" + "SELECT SUM(amount) FROM orders;")
        let context = PromptContextAssembler(budget: pairTokens + 5).assemble(
            pairs: [pair], ddl: [hit(.ddl, ordersDDL, tables: ["public.orders"])], documentation: [], errors: [], model: nil)
        XCTAssertEqual(context.pairs.count, 1)
        XCTAssertTrue(context.ddl.isEmpty, "a DDL statement that does not fit is left out, not cut")
        XCTAssertEqual(context.omitted, 1)
        XCTAssertLessThanOrEqual(context.usedTokens, pairTokens + 5)
    }

    func testTokensCountCJKOneEachAndASCIIByThrees() {
        XCTAssertEqual(ApproximateTokens.count("营收"), 2)
        XCTAssertEqual(ApproximateTokens.count("SELECT"), 2)
        XCTAssertEqual(ApproximateTokens.count(""), 0)
    }
}
