import PipelineCore
@testable import PipelineProviders
import XCTest

/// No prompt exceeds the configured budget: large inputs are trimmed or split.
final class OpenAIPromptBudgetTests: XCTestCase {
    func testTokenEstimateCountsCJKAsOneAndASCIIAsAThird() {
        XCTAssertEqual(TokenEstimate.tokens("服务区"), 3)
        XCTAssertEqual(TokenEstimate.tokens("select"), 2)
        XCTAssertEqual(TokenEstimate.tokens("服务区 id"), 4)
        XCTAssertEqual(TokenEstimate.tokens([.user("abc")]), TokenEstimate.perMessage + 1)
    }

    func testManyTablesAreSplitIntoBatchesThatEachFit() {
        let budget = 3_000
        let llm = OpenAIFixtures.provider(ScriptedChat([]), maxPromptTokens: budget)
        let tables = OpenAIFixtures.manyTables(40)
        let batches = PromptPacking.batches(tables) { items, detail in
            llm.themeMessages(items, detail: detail, themeCount: 5, businessContext: "")
        } fits: { llm.fits($0) }
        XCTAssertGreaterThan(batches.count, 2)
        XCTAssertEqual(batches.flatMap(\.items).map(\.reference), tables.map(\.reference), "every table once, in order")
        for batch in batches {
            let messages = try? XCTUnwrap(batch.messages)
            XCTAssertLessThanOrEqual(TokenEstimate.tokens(messages ?? []), budget)
        }
    }

    func testTablesThatFitStayInOnePromptWithFullDocuments() {
        let llm = OpenAIFixtures.provider(ScriptedChat([]))
        let batches = PromptPacking.batches(OpenAIFixtures.all) { items, detail in
            llm.themeMessages(items, detail: detail, themeCount: 5, businessContext: "")
        } fits: { llm.fits($0) }
        XCTAssertEqual(batches.count, 1)
        XCTAssertTrue(batches[0].messages?[1].content.contains("[示例: 南充服务区, 广安服务区]") == true)
    }

    func testThemeSharesAddUpToTheCount() {
        XCTAssertEqual(OpenAICompatibleLLM.shares(of: 5, over: [10, 10, 20]), [2, 1, 2])
        XCTAssertEqual(OpenAICompatibleLLM.shares(of: 5, over: [10, 10, 20]).reduce(0, +), 5)
        XCTAssertEqual(OpenAICompatibleLLM.shares(of: 2, over: [1, 1, 1]), [1, 1, 1], "at least one per batch")
    }

    func testWideTableCommentsAreAskedInPartsThatFit() throws {
        let budget = 1_500
        let llm = OpenAIFixtures.provider(ScriptedChat([]), maxPromptTokens: budget)
        var table = OpenAIFixtures.manyTables(1, columns: 120)[0]
        for index in table.columns.indices { table.columns[index].existingComment = nil; table.columns[index].comment = nil }
        table.comment = nil
        table.existingComment = nil
        let missing = table.columns.map(\.name)
        let parts = llm.commentParts(table, missing: missing, wantsTableComment: true, businessContext: "")
        XCTAssertGreaterThan(parts.count, 1)
        XCTAssertEqual(parts.flatMap(\.columns), missing)
        XCTAssertEqual(parts.map(\.wantsTableComment), [true] + Array(repeating: false, count: parts.count - 1))
        for part in parts {
            let messages = try XCTUnwrap(part.messages)
            XCTAssertLessThanOrEqual(TokenEstimate.tokens(messages), budget)
            XCTAssertEqual(part.table.columns.map(\.name), part.columns, "each part shows only its columns")
        }
    }

    func testPairPromptKeepsOnlyRelatedTablesWhenAllDoNotFit() throws {
        let budget = 2_500
        let llm = OpenAIFixtures.provider(ScriptedChat([]), maxPromptTokens: budget)
        let tables = OpenAIFixtures.manyTables(12)
        let theme = AnalysisTheme(name: "明细", description: "d", relatedTables: ["t_table_005", "t_table_002"], entities: [], metrics: [])
        let (shown, messages) = try XCTUnwrap(llm.pairPrompt(PairRequest(theme: theme, tables: tables, businessContext: "", pairCount: 5), label: "t"))
        XCTAssertEqual(shown.map(\.reference.name), ["t_table_005", "t_table_002"], "related tables first, the others left out")
        XCTAssertLessThanOrEqual(TokenEstimate.tokens(messages), budget)
    }

    func testRepairsAreBatchedToFit() {
        let budget = 1_200
        let llm = OpenAIFixtures.provider(ScriptedChat([]), maxPromptTokens: budget)
        let items = (0..<12).map { index in
            SQLRepairItem(question: "第\(index)个问题：统计各服务区的营业额情况", sql: "SELECT SUM(pay_total) FROM bss_business_day_data WHERE id = '\(index)';",
                          error: "column \"pay_total\" does not exist")
        }
        let batches = llm.repairBatches(SQLRepairRequest(items: items, tables: OpenAIFixtures.all))
        XCTAssertGreaterThan(batches.count, 1)
        XCTAssertEqual(batches.flatMap(\.items), items)
        for batch in batches {
            XCTAssertLessThanOrEqual(TokenEstimate.tokens(batch.messages ?? []), budget)
            XCTAssertNotNil(batch.messages)
        }
        let user = batches[0].messages?[1].content ?? ""
        XCTAssertTrue(user.contains("create table public.bss_business_day_data"), "the DDL of the table the SQL names")
        XCTAssertFalse(user.contains("create table public.bss_company"), "not the DDL of tables it does not name")
    }
}
