import PipelineCore
@testable import PipelineProviders
import XCTest

/// `OpenAICompatibleLLM` end to end against scripted answers: the happy path, one retry with the error fed back,
/// and the fallback to the built-in provider for the item alone.
final class OpenAICompatibleLLMTests: XCTestCase {
    private let builtin = BuiltinLLM()
    private let log = LogLines()
    private let invalidJSON = "好的，我来生成注释：{\"columns\": {\"company_name\": \"公司名称\""
    private let apology = "抱歉，我暂时无法回答您的问题。请稍后再试。"

    private var commentRequest: TableCommentRequest {
        TableCommentRequest(table: OpenAIFixtures.company, businessContext: "高速公路服务区管理系统")
    }

    private func provider(_ chat: ScriptedChat) -> OpenAICompatibleLLM {
        OpenAIFixtures.provider(chat, log: log)
    }

    /// The messages of the retry (the second call); a test failure, not a crash, when there was none.
    private func retryMessages(_ chat: ScriptedChat, file: StaticString = #filePath, line: UInt = #line) -> [ChatMessage] {
        let requests = chat.requests
        guard requests.count >= 2 else {
            XCTFail("expected a retry, got \(requests.count) call(s)", file: file, line: line)
            return []
        }
        return requests[1].messages
    }

    private func feedback(_ chat: ScriptedChat, file: StaticString = #filePath, line: UInt = #line) -> String {
        retryMessages(chat, file: file, line: line).last?.content ?? ""
    }

    func testNameComesFromTheTransport() {
        XCTAssertEqual(provider(ScriptedChat([], name: "openai:qwen-plus")).name, "openai:qwen-plus")
    }

    // MARK: - Comments

    private let goodComments = """
        ```json
        {"table_comment": "公司信息表，记录服务区所属公司", "columns": {"id": "公司ID", "version": "版本号", "create_ts": "创建时间",
         "delete_ts": "删除时间", "company_name": "公司名称", "company_no": {"comment": "公司编码", "enum_values": {"H01": "一公司"}},
         "company_address": "公司地址"}}
        ```
        """

    func testCommentsHappyPath() throws {
        let chat = ScriptedChat([.text(goodComments)])
        let comments = try provider(chat).generateComments(commentRequest)
        XCTAssertEqual(comments.tableComment, "公司信息表，记录服务区所属公司")
        XCTAssertEqual(comments.columnComments["company_name"], "公司名称")
        XCTAssertEqual(comments.columnComments["company_no"], "公司编码（H01=一公司）")
        XCTAssertNil(comments.columnComments["company_address"], "unknown columns are dropped")
        XCTAssertTrue(log.contains("未知字段 company_address"), "\(log.lines)")
        XCTAssertEqual(chat.requests.map(\.kind), [.tableComments])
        XCTAssertEqual(chat.requests.first?.wantsJSON, true)
    }

    func testColumnsTheModelLeftOutAreFilledByTheFallback() throws {
        let chat = ScriptedChat([.text(#"{"table_comment": "公司表", "columns": {"company_name": "公司名称"}}"#)])
        let comments = try provider(chat).generateComments(commentRequest)
        let expected = try builtin.generateComments(commentRequest)
        XCTAssertEqual(comments.columnComments["company_name"], "公司名称")
        XCTAssertEqual(comments.columnComments["company_no"], expected.columnComments["company_no"])
        XCTAssertEqual(Set(comments.columnComments.keys), Set(expected.columnComments.keys))
    }

    func testInvalidJSONThenValidOnTheRetry() throws {
        let chat = ScriptedChat([.text(invalidJSON), .text(goodComments)])
        let comments = try provider(chat).generateComments(commentRequest)
        XCTAssertEqual(comments.tableComment, "公司信息表，记录服务区所属公司")
        XCTAssertEqual(chat.requests.count, 2)
        let retry = retryMessages(chat)
        XCTAssertEqual(retry.map(\.role), ["system", "user", "assistant", "user"])
        guard retry.count == 4 else { return }
        XCTAssertEqual(retry[2].content, invalidJSON, "the unusable answer is shown back")
        XCTAssertTrue(retry[3].content.contains("不是有效的JSON"), retry[3].content)
        XCTAssertTrue(retry[3].content.contains("重新完整输出"))
        XCTAssertEqual(chat.requests.last?.kind, .tableComments)
    }

    func testInvalidTwiceGivesTheBuiltinCommentsForThatTable() throws {
        let chat = ScriptedChat([.text(invalidJSON), .text(apology)])
        let comments = try provider(chat).generateComments(commentRequest)
        XCTAssertEqual(comments, try builtin.generateComments(commentRequest))
        XCTAssertEqual(chat.requests.count, 2)
        XCTAssertTrue(log.contains("改用builtin的结果"), "\(log.lines)")
    }

    func testApologyCommentsNeverReachTheResult() throws {
        let answer = #"{"table_comment": "抱歉，我暂时无法回答您的问题。请稍后再试。", "columns": {"company_name": "公司名称"}}"#
        let chat = ScriptedChat([.text(answer), .text(answer)])
        let comments = try provider(chat).generateComments(commentRequest)
        XCTAssertEqual(comments, try builtin.generateComments(commentRequest))
        XCTAssertTrue(feedback(chat).contains("道歉"))
    }

    func testChatFailureGivesTheBuiltinCommentsWithoutARetry() throws {
        let chat = ScriptedChat([.failure("HTTP 503 after 3 attempts")])
        let comments = try provider(chat).generateComments(commentRequest)
        XCTAssertEqual(comments, try builtin.generateComments(commentRequest))
        XCTAssertEqual(chat.requests.count, 1, "the transport already retried")
        XCTAssertTrue(log.contains("HTTP 503"), "\(log.lines)")
    }

    func testFullyCommentedTableMakesNoCall() throws {
        let chat = ScriptedChat([])
        var table = OpenAIFixtures.odsOrders
        table.comment = "订单表"
        let comments = try provider(chat).generateComments(TableCommentRequest(table: table, businessContext: ""))
        XCTAssertEqual(comments, GeneratedComments(tableComment: nil, columnComments: [:]))
        XCTAssertTrue(chat.requests.isEmpty)
    }

    // MARK: - Themes

    private var themeRequest: ThemeRequest {
        ThemeRequest(tables: OpenAIFixtures.all, businessContext: "高速公路服务区管理系统", themeCount: 3)
    }

    func testThemesHappyPathDropsUnknownTables() throws {
        let chat = ScriptedChat([.text("""
            <think>分析表结构……</think>
            {"themes": [{"topic_name": "营收分析", "description": "各服务区营业额与支付方式", "related_tables": ["bss_business_day_data", "bss_orders"],
                         "biz_entities": ["服务区"], "biz_metrics": ["营业额"]},
                        {"topic_name": "幽灵主题", "description": "d", "related_tables": ["nowhere"]}]}
            """)])
        let themes = try provider(chat).extractThemes(themeRequest)
        XCTAssertEqual(themes.map(\.name), ["营收分析"])
        XCTAssertEqual(themes[0].relatedTables, ["bss_business_day_data"])
        XCTAssertEqual(chat.requests.first?.kind, .themes)
    }

    func testThemesInvalidTwiceGiveTheBuiltinThemes() throws {
        let chat = ScriptedChat([.text(#"{"themes": []}"#), .text(#"{"themes": [{"topic_name": "x", "related_tables": ["nope"]}]}"#)])
        XCTAssertEqual(try provider(chat).extractThemes(themeRequest), try builtin.extractThemes(themeRequest))
        XCTAssertTrue(feedback(chat).contains("themes 数组为空"))
    }

    func testThemesOverManyTablesAreExtractedInBatchesAndMerged() throws {
        let budget = 3_000
        let tables = OpenAIFixtures.manyTables(40)
        let chat = ScriptedChat { request in
            let first = request.messages[1].content.components(separatedBy: "\n- ").dropFirst().first?
                .components(separatedBy: "\n").first ?? ""
            return .text(#"{"themes": [{"topic_name": "主题\#(first)", "description": "d", "related_tables": ["\#(first)"]}, {"topic_name": "共同主题", "description": "d", "related_tables": ["\#(first)"]}]}"#)
        }
        let llm = OpenAIFixtures.provider(chat, log: log, maxPromptTokens: budget)
        let themes = try llm.extractThemes(ThemeRequest(tables: tables, businessContext: "", themeCount: 20))
        XCTAssertGreaterThan(chat.requests.count, 2)
        for request in chat.requests {
            XCTAssertLessThanOrEqual(TokenEstimate.tokens(request.messages), budget)
        }
        let shared = try XCTUnwrap(themes.first { $0.name == "共同主题" })
        XCTAssertEqual(shared.relatedTables.count, chat.requests.count, "one theme name from every batch is merged into one")
        XCTAssertEqual(themes.count, chat.requests.count + 1)
        XCTAssertTrue(log.contains("分 \(chat.requests.count) 批"), "\(log.lines)")
    }

    // MARK: - Pairs

    private var pairRequest: PairRequest {
        PairRequest(theme: OpenAIFixtures.theme(), tables: [OpenAIFixtures.dayData, OpenAIFixtures.serviceArea],
                    businessContext: "高速公路服务区管理系统", pairCount: 3)
    }

    private let goodPair = #"{"question": "各服务区的营业总额是多少？", "sql": "SELECT service_name AS 服务区, SUM(pay_sum) AS 营业总额 FROM bss_business_day_data WHERE delete_ts IS NULL GROUP BY service_name ORDER BY 营业总额 DESC;", "difficulty": "medium"}"#
    private let otherPair = #"{"question": "有多少个服务区？", "sql": "SELECT COUNT(*) AS 服务区数量 FROM bss_service_area WHERE delete_ts IS NULL;", "difficulty": "easy"}"#
    private let badColumnPair = #"{"question": "面积最大的服务区是哪个？", "sql": "SELECT service_area_name FROM bss_service_area ORDER BY area_size DESC LIMIT 1;"}"#

    func testPairsHappyPathAsATopLevelArray() throws {
        let chat = ScriptedChat([.text("[\(goodPair), \(otherPair)]")])
        let pairs = try provider(chat).generatePairs(pairRequest)
        XCTAssertEqual(pairs.map(\.question), ["各服务区的营业总额是多少？", "有多少个服务区？"])
        XCTAssertEqual(pairs.map(\.difficulty), [.medium, .easy])
        XCTAssertEqual(pairs[1].tables, ["bss_service_area"])
        XCTAssertEqual(chat.requests.count, 1)
    }

    func testInvalidPairIsRetriedAndBothAnswersValidPairsAreKept() throws {
        let chat = ScriptedChat([.text(#"{"pairs": [\#(goodPair), \#(badColumnPair)]}"#), .text(#"{"pairs": [\#(goodPair), \#(otherPair)]}"#)])
        let pairs = try provider(chat).generatePairs(pairRequest)
        XCTAssertEqual(pairs.map(\.question), ["各服务区的营业总额是多少？", "有多少个服务区？"])
        let text = feedback(chat)
        XCTAssertTrue(text.contains("area_size"), text)
        XCTAssertTrue(text.contains("面积最大的服务区是哪个？"), text)
    }

    func testPairsInvalidTwiceGiveTheBuiltinPairsForThatTheme() throws {
        let drop = #"{"pairs": [{"question": "清空数据", "sql": "SELECT 1; DELETE FROM bss_service_area;"}]}"#
        let chat = ScriptedChat([.text(drop), .text("[\(badColumnPair)]")])
        XCTAssertEqual(try provider(chat).generatePairs(pairRequest), try builtin.generatePairs(pairRequest))
        XCTAssertTrue(log.contains("没有可用的问题"), "\(log.lines)")
    }

    func testPairsChatFailureGivesTheBuiltinPairs() throws {
        let chat = ScriptedChat([.failure("timed out")])
        XCTAssertEqual(try provider(chat).generatePairs(pairRequest), try builtin.generatePairs(pairRequest))
    }

    // MARK: - Repair

    private var repairRequest: SQLRepairRequest {
        SQLRepairRequest(items: [
            SQLRepairItem(question: "服务区数量", sql: "SELECT COUNT(*) FROM bss_service_areas;", error: "relation \"bss_service_areas\" does not exist"),
            SQLRepairItem(question: "面积最大的服务区", sql: "SELECT service_area_name FROM bss_service_area ORDER BY area_size DESC LIMIT 1;",
                          error: "column \"area_size\" does not exist"),
        ], tables: OpenAIFixtures.all)
    }

    func testRepairHappyPathWithADeclinedItem() throws {
        let chat = ScriptedChat([.text(#"{"repaired_sqls": ["SELECT COUNT(*) FROM bss_service_area;", null]}"#)])
        XCTAssertEqual(try provider(chat).repairSQL(repairRequest), ["SELECT COUNT(*) FROM bss_service_area;", nil])
        let user = chat.requests.first?.messages.last?.content ?? ""
        XCTAssertTrue(user.contains("column \"area_size\" does not exist"))
        XCTAssertTrue(user.contains("create table public.bss_service_area"))
    }

    func testRepairRetriesAnInvalidProposalAndKeepsTheValidOne() throws {
        let chat = ScriptedChat([
            .text(#"{"repaired_sqls": ["SELECT COUNT(*) FROM bss_service_area;", "SELECT service_area_name FROM bss_service_area ORDER BY area DESC LIMIT 1;"]}"#),
            .text(#"{"repaired_sqls": [null, "SELECT service_area_name FROM bss_service_area WHERE delete_ts IS NULL LIMIT 1;"]}"#),
        ])
        XCTAssertEqual(try provider(chat).repairSQL(repairRequest), [
            "SELECT COUNT(*) FROM bss_service_area;",
            "SELECT service_area_name FROM bss_service_area WHERE delete_ts IS NULL LIMIT 1;",
        ])
        XCTAssertTrue(feedback(chat).contains("第2条"))
    }

    func testRepairUnusableTwiceGivesTheBuiltinAnswer() throws {
        let chat = ScriptedChat([.text(#"{"repaired_sqls": ["DROP TABLE bss_service_area;"]}"#), .text("无法修复")])
        XCTAssertEqual(try provider(chat).repairSQL(repairRequest), try builtin.repairSQL(repairRequest))
    }

    // MARK: - Summary

    func testSummaryHappyPathIsPlainText() throws {
        let chat = ScriptedChat([.text("=== 数据库业务范围 ===\n当前数据库存储的是高速公路服务区的相关数据，主要涉及营收，包含以下业务数据：\n核心业务实体：\n- 服务区：服务区信息，主要字段：服务区名称\n关键业务指标：\n- 营业额：每日营业额")])
        let summary = try provider(chat).describeDatabase(tables: OpenAIFixtures.all, themes: [OpenAIFixtures.theme()], businessContext: "")
        XCTAssertTrue(summary.hasPrefix("=== 数据库业务范围 ===\n"))
        let request = try XCTUnwrap(chat.requests.first)
        XCTAssertFalse(request.wantsJSON)
        XCTAssertEqual(request.kind, .databaseSummary)
        XCTAssertTrue(request.messages.last?.content.contains("营业收入分析") == true, "the themes are shown")
    }

    func testSummaryInvalidTwiceGivesTheBuiltinSummary() throws {
        let chat = ScriptedChat([.text(apology), .text("这是一个数据库。")])
        let tables = OpenAIFixtures.all
        let themes = [OpenAIFixtures.theme()]
        XCTAssertEqual(try provider(chat).describeDatabase(tables: tables, themes: themes, businessContext: "x"),
                       try builtin.describeDatabase(tables: tables, themes: themes, businessContext: "x"))
    }
}
