import Foundation
import XCTest
@testable import PipelineAPI

/// `POST /training_data/search` with issue 14's inputs: filters, mode, explain, and strict refusal of bad input.
final class RouterTrainingSearchTests: RouterTestCase {
    func search(_ json: String) -> HTTPResponse { send("POST", "/api/v0/training_data/search", json: json) }

    func load() {
        let items = [
            #"{"training_data_type": "sql", "question": "统计各门店的营收", "sql": "SELECT store, SUM(amount_paid) FROM sales GROUP BY store;"}"#,
            #"{"training_data_type": "sql", "question": "上个月各门店有多少员工", "sql": "SELECT store, count(*) FROM staff GROUP BY store;"}"#,
        ]
        let response = send("POST", "/api/v0/training_data/create", json: #"{"data": [\#(items.joined(separator: ","))]}"#)
        XCTAssertEqual(response.status, 200, String(decoding: response.bodyBytes, as: UTF8.self))
    }

    func testExplainSaysWhyEachResultMatched() throws {
        load()
        let body = data(search(#"{"question": "各门店的收入", "top_k": 1, "explain": true}"#))
        XCTAssertEqual(body["mode"] as? String, "hybrid")
        let first = try XCTUnwrap((body["results"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["question"] as? String, "统计各门店的营收")
        XCTAssertTrue((first["matched_terms"] as? [String] ?? []).contains("营收"), "\(first)")
        let scores = try XCTUnwrap(first["scores"] as? [String: Any])
        for key in ["vector", "lexical", "fused"] { XCTAssertNotNil(scores[key] as? Double, key) }
        XCTAssertTrue(first.keys.contains("db_name"))

        let plain = try XCTUnwrap((data(search(#"{"question": "各门店的收入", "top_k": 1}"#))["results"] as? [[String: Any]])?.first)
        XCTAssertNil(plain["matched_terms"])
        XCTAssertNil(plain["scores"])
    }

    func testFiltersNarrowTheResults() throws {
        load()
        XCTAssertEqual((data(search(#"{"question": "门店", "db_name": "other_db"}"#))["results"] as? [Any])?.count, 0)
        XCTAssertEqual((data(search(#"{"question": "门店", "task_id": "task_x"}"#))["results"] as? [Any])?.count, 0)
        let all = data(search(#"{"question": "门店", "mode": "vector"}"#))
        XCTAssertEqual((all["results"] as? [Any])?.count, 2)
        XCTAssertTrue(all.keys.contains("db_name"))
    }

    func testBadInputIsA400WithTheEnvelope() throws {
        for body in [#"{"question": ""}"#, #"{"question": "   "}"#, #"{"top_k": 3}"#] {
            assertError(search(body), 400, "missing_required_params")
        }
        for body in [
            #"{"question": "x", "top_k": 0}"#, #"{"question": "x", "top_k": 10000}"#,
            #"{"question": "x", "types": ["nope"]}"#, #"{"question": "x", "database": "shop"}"#,
            #"{"question": "x", "filters": {"db": "shop"}}"#, #"{"question": "x", "db_name": 5}"#,
            #"{"question": "x", "db_name": ""}"#, #"{"question": "x", "task_id": ["a"]}"#,
            #"{"question": "x", "mode": "fuzzy"}"#, #"{"question": "x", "explain": "yes"}"#,
        ] {
            let response = search(body)
            XCTAssertEqual(response.status, 400, body)
            assertError(response, 400, "invalid_params")
        }
    }
}
