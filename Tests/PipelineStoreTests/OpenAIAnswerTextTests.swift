import PipelineCore
@testable import PipelineProviders
import XCTest

/// Finding the JSON in answers as real OpenAI-compatible endpoints write them.
final class OpenAIAnswerTextTests: XCTestCase {
    private func json(_ text: String) -> JSONValue? {
        switch ModelAnswerText.json(text) {
        case .success(let value): return value
        case .failure: return nil
        }
    }

    private let expected: JSONValue = .object(["themes": .array([.object(["topic_name": .string("营收")])])])

    func testBareJSON() {
        XCTAssertEqual(json(#"{"themes":[{"topic_name":"营收"}]}"#), expected)
    }

    func testJSONFenceWithLanguageTag() {
        XCTAssertEqual(json("```json\n{\"themes\":[{\"topic_name\":\"营收\"}]}\n```"), expected)
    }

    func testFenceWithoutLanguageTagAndProseAround() {
        let text = "好的，以下是分析主题：\n```\n{\"themes\":[{\"topic_name\":\"营收\"}]}\n```\n说明：以上主题覆盖了主要业务。"
        XCTAssertEqual(json(text), expected)
    }

    func testLeadingAndTrailingProseWithoutFence() {
        XCTAssertEqual(json("以下是结果 {\"themes\":[{\"topic_name\":\"营收\"}]} 希望对你有帮助"), expected)
    }

    func testBracketsInProseBeforeTheJSONAreSkipped() {
        XCTAssertEqual(json("结果[共1个]如下：{\"themes\":[{\"topic_name\":\"营收\"}]}"), expected)
    }

    func testThinkBlockBeforeTheAnswer() {
        let text = "<think>\n用户要主题，我先看表 {\"draft\": true}……\n</think>\n\n{\"themes\":[{\"topic_name\":\"营收\"}]}"
        XCTAssertEqual(json(text), expected)
    }

    func testOnlyTheClosingThinkTagWhenTheServerAddedTheOpeningOne() {
        let text = "先分析一下表结构 [草稿]\n</think>\n{\"themes\":[{\"topic_name\":\"营收\"}]}"
        XCTAssertEqual(json(text), expected)
    }

    func testUnclosedThinkBlockIsNoAnswer() {
        guard case .failure(let problem) = ModelAnswerText.json("<think>还在想 {\"a\": 1}") else {
            return XCTFail("reasoning cut off is not an answer")
        }
        XCTAssertTrue(problem.description.contains("回答为空"), problem.description)
    }

    func testTrailingCommasAreTolerated() {
        XCTAssertEqual(json("{\"themes\":[{\"topic_name\":\"营收\",},],}"), expected)
    }

    func testCommaInsideStringIsKeptWhenRemovingTrailingCommas() {
        XCTAssertEqual(ModelAnswerText.withoutTrailingCommas(#"{"a": "x,}", "b": [1,],}"#), #"{"a": "x,}", "b": [1]}"#)
    }

    func testTopLevelArrayIsReturnedAsIs() {
        XCTAssertEqual(json(#"[{"question":"q","sql":"SELECT 1;"}]"#),
                       .array([.object(["question": .string("q"), "sql": .string("SELECT 1;")])]))
    }

    func testJSONEncodedAsAString() {
        XCTAssertEqual(json(#""{\"themes\":[{\"topic_name\":\"营收\"}]}""#), expected)
    }

    func testBracesInsideStringsDoNotEndTheObject() {
        let text = #"前言 {"sql": "SELECT '}' AS x;", "q": "含有{括号}的问题"} 结尾"#
        XCTAssertEqual(json(text), .object(["sql": .string("SELECT '}' AS x;"), "q": .string("含有{括号}的问题")]))
    }

    func testTruncatedJSONIsAProblemNamingTheStart() {
        guard case .failure(let problem) = ModelAnswerText.json("{\"themes\": [{\"topic_name\": \"营收\"") else {
            return XCTFail("a cut-off answer is not JSON")
        }
        XCTAssertTrue(problem.description.contains("不是有效的JSON"), problem.description)
        XCTAssertTrue(problem.description.contains("themes"), problem.description)
    }

    func testApologyIsNotJSON() {
        guard case .failure = ModelAnswerText.json("抱歉，我暂时无法回答您的问题。请稍后再试。") else {
            return XCTFail("the predecessor's apology string is not JSON")
        }
    }

    func testEmptyAnswerIsAProblem() {
        guard case .failure(let problem) = ModelAnswerText.json("   \n") else { return XCTFail("empty is no answer") }
        XCTAssertTrue(problem.description.contains("回答为空"))
    }

    func testTextWithoutThinkingAndFences() {
        XCTAssertEqual(ModelAnswerText.withoutThinking("<THINK>x</THINK> 答案"), "答案")
        XCTAssertEqual(ModelAnswerText.unfenced("```text\n=== 数据库业务范围 ===\n```"), "=== 数据库业务范围 ===")
    }
}
