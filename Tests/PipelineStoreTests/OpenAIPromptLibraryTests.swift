import Foundation
import PipelineCore
@testable import PipelineProviders
import XCTest

/// The prompt templates: the compiled-in defaults, rendering, and an operator's overrides.
final class OpenAIPromptLibraryTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dp-prompts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private static let templatesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PipelineProviders/OpenAI/Prompts/templates")

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    // MARK: - Defaults

    func testEveryDefaultTemplateParsesWithItsPlaceholders() throws {
        for file in PromptFile.allCases {
            let text = try XCTUnwrap(DefaultPromptTexts.files[file.fileName], file.fileName)
            let template = try PromptTemplate.parse(text, file: file.fileName)
            XCTAssertNoThrow(try template.validate(for: file, fileName: file.fileName))
            XCTAssertEqual(template.placeholders, file.requiredPlaceholders.union(file.optionalPlaceholders), file.fileName)
        }
        XCTAssertEqual(DefaultPromptTexts.files.count, PromptFile.allCases.count)
    }

    func testCompiledInDefaultsMatchTheTemplateFiles() throws {
        for file in PromptFile.allCases {
            let onDisk = try String(contentsOf: Self.templatesDirectory.appendingPathComponent(file.fileName), encoding: .utf8)
            XCTAssertEqual(DefaultPromptTexts.files[file.fileName].map { $0 + "\n" }, onDisk,
                           "\(file.fileName) changed: run scripts/gen-prompts.sh")
        }
    }

    func testDefaultPromptsAreChineseAndAskForTheDocumentedShapes() {
        let library = PromptLibrary.defaults()
        XCTAssertTrue(library.template(.themes).user.contains(#""topic_name""#))
        XCTAssertTrue(library.template(.questionPairs).user.contains(#""pairs""#))
        XCTAssertTrue(library.template(.sqlRepair).user.contains(#""repaired_sqls""#))
        XCTAssertTrue(library.template(.databaseSummary).user.contains("=== 数据库业务范围 ==="))
        XCTAssertTrue(library.template(.tableComments).system?.contains("中文") == true)
    }

    // MARK: - Rendering

    func testRenderingFillsEveryPlaceholder() throws {
        let llm = OpenAIFixtures.provider(ScriptedChat([]))
        let messages = llm.commentMessages(OpenAIFixtures.company, columns: ["company_name", "company_no"], detail: .full,
                                           businessContext: "高速公路服务区管理系统")
        XCTAssertEqual(messages.map(\.role), ["system", "user"])
        let user = messages[1].content
        XCTAssertFalse(user.contains("{{"), user)
        XCTAssertTrue(user.contains("高速公路服务区管理系统"))
        XCTAssertTrue(user.contains(#"["company_name","company_no"]"#))
        XCTAssertTrue(user.contains("- company_no (varchar(255)) [示例: H03, H02]"), "the table is shown as its MD document")
        XCTAssertFalse(messages.contains { $0.content.contains("占位符") }, "comment lines of the template are not sent")
    }

    func testPairPromptShowsSoftDeleteRulesAndTableNames() {
        let llm = OpenAIFixtures.provider(ScriptedChat([]))
        let request = PairRequest(theme: OpenAIFixtures.theme(), tables: [OpenAIFixtures.dayData, OpenAIFixtures.odsOrders],
                                  businessContext: "", pairCount: 7)
        let user = llm.pairMessages(request, tables: request.tables, detail: .full)[1].content
        XCTAssertTrue(user.contains("- bss_business_day_data：未删除的记录满足 delete_ts IS NULL"), user)
        XCTAssertTrue(user.contains("- ods.orders"))
        XCTAssertTrue(user.contains("编写 7 个"))
        XCTAssertFalse(user.contains("{{"))
        XCTAssertFalse(user.contains("phone (varchar(20)) [示例"), "sensitive columns carry no samples")
    }

    func testValuesAreNotSubstitutedTwice() {
        let template = PromptTemplate(system: nil, user: "A {{x}} B {{y}}")
        XCTAssertEqual(template.messages(["x": "{{y}}", "y": "Y"])[0].content, "A {{y}} B Y")
    }

    func testTemplateFormatErrors() {
        XCTAssertThrowsError(try PromptTemplate.parse("说明文字\n[user]\nx", file: "a.txt")) { error in
            XCTAssertTrue("\(error)".contains("a.txt"))
        }
        XCTAssertThrowsError(try PromptTemplate.parse("# 只有注释\n[system]\n系统", file: "b.txt"))
        XCTAssertThrowsError(try PromptTemplate.parse("[user]\na\n[user]\nb", file: "c.txt"))
    }

    // MARK: - Overrides

    func testOverrideReplacesOnlyItsOwnTemplate() throws {
        try write("themes.txt", "[user]\n自定义主题提示 {{business_context}} {{theme_count}} {{table_names}} {{table_documents}}")
        let library = try PromptLibrary.load(overrides: directory)
        XCTAssertEqual(library.overridden, ["themes.txt"])
        XCTAssertNil(library.template(.themes).system)
        XCTAssertTrue(library.template(.themes).user.hasPrefix("自定义主题提示"))
        XCTAssertEqual(library.template(.sqlRepair), PromptLibrary.defaults().template(.sqlRepair))
    }

    func testOverrideMissingAPlaceholderIsAStartUpErrorNamingTheFile() throws {
        try write("question_pairs.txt", "[user]\n{{business_context}} {{theme_name}} {{theme_description}} {{table_names}} {{soft_delete_rules}} {{pair_count}}")
        XCTAssertThrowsError(try PromptLibrary.load(environment: ["DP_PROMPTS_DIR": directory.path])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("DP_PROMPTS_DIR"), text)
            XCTAssertTrue(text.contains("question_pairs.txt"), text)
            XCTAssertTrue(text.contains("{{table_documents}}"), text)
        }
    }

    func testOverrideWithAnUnknownPlaceholderIsRefused() throws {
        try write("retry_feedback.txt", "[user]\n{{error}} {{eror}}")
        XCTAssertThrowsError(try PromptLibrary.load(overrides: directory)) { error in
            XCTAssertTrue("\(error)".contains("{{eror}}"), "\(error)")
        }
    }

    func testMisspeltPromptFileIsRefused() throws {
        try write("table_comment.txt", "[user]\nx")
        XCTAssertThrowsError(try PromptLibrary.load(overrides: directory)) { error in
            XCTAssertTrue("\(error)".contains("table_comment.txt"), "\(error)")
        }
    }

    func testMissingOverrideDirectoryIsRefused() {
        XCTAssertThrowsError(try PromptLibrary.load(overrides: directory.appendingPathComponent("nope")))
    }

    func testPromptTokenBudgetFromTheEnvironment() throws {
        XCTAssertEqual(try PromptLibrary.load(environment: [:]).maxPromptTokens, PromptLibrary.defaultMaxPromptTokens)
        XCTAssertEqual(try PromptLibrary.load(environment: ["DP_LLM_MAX_PROMPT_TOKENS": "30000"]).maxPromptTokens, 30_000)
        XCTAssertThrowsError(try PromptLibrary.load(environment: ["DP_LLM_MAX_PROMPT_TOKENS": "lots"])) { error in
            XCTAssertEqual((error as? ConfigurationError)?.variable, "DP_LLM_MAX_PROMPT_TOKENS")
        }
    }
}
