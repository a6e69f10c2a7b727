import Foundation
import XCTest

/// `POST /training_data/context` (api.md §2.15): bad input is a 400 with the envelope; a database with nothing
/// loaded gives an empty context, not an error. (Contents after a run: PipelineHighwaySampleTests.)
final class TrainingContextTests: EndToEndTestCase {
    func test_badInput_isA400WithTheEnvelope() throws {
        let cases: [[String: Any]] = [
            [:],
            ["question": "", "db_name": "d"],
            ["question": "   ", "db_name": "d"],
            ["question": "营收是多少"],
            ["question": "营收是多少", "db_name": ""],
            ["question": "营收是多少", "db_name": "d", "top_k": 0],
            ["question": "营收是多少", "db_name": "d", "top_k": 10_000],
            ["question": "营收是多少", "db_name": "d", "budget_tokens": 0],
            ["question": "营收是多少", "db_name": "d", "budget_tokens": -5],
            ["question": "营收是多少", "db_name": "d", "budget_tokens": "many"],
            ["question": "营收是多少", "db_name": "d", "types": ["sql"]],
        ]
        for body in cases {
            assertFailure(try client.postJSON(EndToEndTestCase.api + "/training_data/context", body), status: 400, context: "\(body)")
        }
    }

    func test_aDatabaseWithNothingLoaded_givesAnEmptyContext() throws {
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.api + "/training_data/context",
                                                     ["question": "营收是多少", "db_name": "no_such_database_here"]))
        XCTAssertEqual(data["used_tokens"]?.int, 0)
        for section in ["question_sql", "ddl", "documentation", "error_sql", "semantic_notes", "join_paths"] {
            XCTAssertEqual(data[section]?.array?.count, 0, section)
        }
    }
}
