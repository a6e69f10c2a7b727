import Foundation
import XCTest
@testable import PipelineAPI

/// `/training_data/*` (API.md §2.9, predecessor.md §2.6): create, query, update (atomic), delete, stats, search.
final class RouterTrainingDataTests: RouterTestCase {
    func create(_ items: String) -> HTTPResponse {
        send("POST", "/api/v0/training_data/create", json: #"{"data": \#(items)}"#)
    }

    let pair = #"{"training_data_type": "sql", "question": "统计各服务区的营业额", "sql": "SELECT service_name AS 服务区, SUM(pay_sum) AS 营业额 FROM bss_business_day_data GROUP BY service_name;"}"#
    let doc = ###"{"training_data_type": "documentation", "content": "## bss_company（公司信息表）\n存储服务区所属公司", "tables": ["public.bss_company"]}"###
    let ddl = #"{"training_data_type": "ddl", "ddl": "create table bss_company (id varchar(32) primary key)"}"#
    let mistake = #"{"training_data_type": "error_sql", "question": "错误示例", "sql": "SELECT nothing FROM nowhere;"}"#

    func testCreateStoresEachTypeOnce_andStatsCountThem() throws {
        let response = create("[\(pair), \(doc), \(ddl), \(mistake)]")
        XCTAssertEqual(response.status, 200, String(decoding: response.bodyBytes, as: UTF8.self))
        let body = data(response)
        XCTAssertEqual(body["successfully_created"] as? Int, 4)
        XCTAssertEqual(body["current_total_count"] as? Int, 4)
        let results = body["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.compactMap { $0["training_id"] as? String }.filter { $0.hasSuffix("-sql") }.count, 1)
        XCTAssertEqual(results.compactMap { $0["training_id"] as? String }.filter { $0.hasSuffix("-doc") }.count, 1)

        let again = data(create("[\(pair)]"))
        XCTAssertEqual(again["current_total_count"] as? Int, 4, "the same content is kept once")
        XCTAssertEqual((again["results"] as? [[String: Any]])?.first?["already_existed"] as? Bool, true)

        let stats = data(send("GET", "/api/v0/training_data/stats"))
        XCTAssertEqual(stats["total_count"] as? Int, 4)
        XCTAssertEqual(stats["type_breakdown"] as? [String: Int], ["sql": 1, "documentation": 1, "ddl": 1, "error_sql": 1])
        XCTAssertEqual((stats["type_percentages"] as? [String: Double])?["sql"], 25)
        XCTAssertNotNil(stats["last_updated"] as? String)
    }

    func testCreateRefusesBadItems_allFailedIs400_mixedIs207() throws {
        let refused = create(#"[{"training_data_type": "sql", "question": "删表", "sql": "DROP TABLE bss_company;"}, {"training_data_type": "nope"}, {"training_data_type": "documentation"}]"#)
        assertError(refused, 400, "invalid_params")
        let results = data(refused)["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.map { $0["success"] as? Bool }, [false, false, false])
        XCTAssertTrue((results[0]["error"] as? String ?? "").hasPrefix("SQL语法错误："), "\(results[0])")
        XCTAssertEqual(results[1]["error"] as? String, "不支持的训练数据类型: nope")
        XCTAssertEqual(results[2]["error"] as? String, "content字段是必需的")

        let mixed = create("[\(doc), {\"training_data_type\": \"ddl\"}]")
        XCTAssertEqual(mixed.status, 207)
        XCTAssertEqual(envelope(mixed)["success"] as? Bool, false)
        XCTAssertEqual(data(mixed)["successfully_created"] as? Int, 1)
        XCTAssertEqual(data(mixed)["current_total_count"] as? Int, 1)
    }

    func testCreateInputShapes() {
        assertError(send("POST", "/api/v0/training_data/create", json: "{}"), 400, "missing_required_params")
        assertError(create("\"text\""), 400, "invalid_params")
        assertError(create("[]"), 400, "missing_required_params")
        let many = "[" + (1...51).map { #"{"training_data_type": "documentation", "content": "第\#($0)段"}"# }.joined(separator: ",") + "]"
        assertError(create(many), 400, "invalid_params")
        assertError(send("POST", "/api/v0/training_data/create", json: #"{"data": [1, 2"#), 400, "invalid_params")
    }

    func testQueryPagesFiltersAndValidates() throws {
        _ = create("[\(pair), \(doc), \(ddl)]")
        let page = data(send("POST", "/api/v0/training_data/query", json: #"{"page": 1, "page_size": 2, "sort_by": "training_data_type", "sort_order": "asc"}"#))
        let records = page["records"] as? [[String: Any]] ?? []
        XCTAssertEqual(records.compactMap { $0["training_data_type"] as? String }, ["ddl", "documentation"])
        let pagination = page["pagination"] as? [String: Any] ?? [:]
        XCTAssertEqual(pagination["total"] as? Int, 3)
        XCTAssertEqual(pagination["total_pages"] as? Int, 2)
        XCTAssertEqual(pagination["has_next"] as? Bool, true)

        let filtered = data(send("POST", "/api/v0/training_data/query", json: #"{"training_data_type": "sql", "search_keyword": "营业额"}"#))
        XCTAssertEqual((filtered["records"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual((filtered["records"] as? [[String: Any]])?.first?["question"] as? String, "统计各服务区的营业额")

        let percent = data(send("POST", "/api/v0/training_data/query", json: #"{"search_keyword": "%"}"#))
        XCTAssertEqual((percent["pagination"] as? [String: Any])?["total"] as? Int, 0, "% is a literal, not a wildcard")

        assertError(send("POST", "/api/v0/training_data/query", json: #"{"page": 0}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/training_data/query", json: #"{"page_size": 101}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/training_data/query", json: #"{"page_size": "20"}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/training_data/query", json: #"{"sort_by": "content; DROP TABLE x"}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/training_data/query", json: #"{"training_data_type": "other"}"#), 400, "invalid_params")
    }

    func testUpdateReplacesAtomically_andABadUpdateKeepsTheOldItem() throws {
        let id = try XCTUnwrap((data(create("[\(pair)]"))["results"] as? [[String: Any]])?.first?["training_id"] as? String)
        let bad = send("POST", "/api/v0/training_data/update",
                       json: #"{"id": "\#(id)", "training_data_type": "sql", "question": "改坏", "sql": "DELETE FROM bss_company;"}"#)
        assertError(bad, 400, "invalid_params")
        XCTAssertEqual(data(send("GET", "/api/v0/training_data/stats"))["total_count"] as? Int, 1, "the old item is still there")

        let good = send("POST", "/api/v0/training_data/update",
                        json: #"{"id": "\#(id)", "training_data_type": "sql", "question": "统计各服务区的营业额合计", "sql": "SELECT SUM(pay_sum) AS 营业额 FROM bss_business_day_data;"}"#)
        XCTAssertEqual(good.status, 200, String(decoding: good.bodyBytes, as: UTF8.self))
        let newID = try XCTUnwrap(data(good)["new_training_id"] as? String)
        XCTAssertNotEqual(newID, id)
        let records = data(send("POST", "/api/v0/training_data/query", json: "{}"))["records"] as? [[String: Any]] ?? []
        XCTAssertEqual(records.compactMap { $0["id"] as? String }, [newID])

        assertError(send("POST", "/api/v0/training_data/update", json: #"{"id": "missing-sql", "training_data_type": "documentation", "content": "x"}"#),
                    404, "resource_not_found")
        assertError(send("POST", "/api/v0/training_data/update", json: #"{"training_data_type": "ddl", "ddl": "x"}"#), 400, "missing_required_params")
    }

    func testDeleteNeedsConfirmation_andReportsMissingIDs() throws {
        let id = try XCTUnwrap((data(create("[\(doc)]"))["results"] as? [[String: Any]])?.first?["training_id"] as? String)
        assertError(send("POST", "/api/v0/training_data/delete", json: #"{"ids": ["\#(id)"]}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/training_data/delete", json: #"{"ids": [], "confirm": true}"#), 400, "missing_required_params")
        let mixed = send("POST", "/api/v0/training_data/delete", json: #"{"ids": ["\#(id)", "nope-doc"], "confirm": true}"#)
        XCTAssertEqual(mixed.status, 207)
        XCTAssertEqual(data(mixed)["deleted_ids"] as? [String], [id])
        XCTAssertEqual(data(mixed)["failed_ids"] as? [String], ["nope-doc"])
        XCTAssertEqual(data(mixed)["current_total_count"] as? Int, 0)
        assertError(send("POST", "/api/v0/training_data/delete", json: #"{"ids": ["\#(id)"], "confirm": true}"#), 404, "resource_not_found")
    }

    func testSearchFindsTheNearestItemFirst_andFiltersByType() throws {
        _ = create("[\(pair), \(doc), \(ddl), \(mistake)]")
        let hits = data(send("POST", "/api/v0/training_data/search", json: #"{"question": "各服务区营业额统计", "top_k": 2}"#))
        let results = hits["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results.first?["question"] as? String, "统计各服务区的营业额")
        XCTAssertGreaterThan(results.first?["score"] as? Double ?? 0, results.last?["score"] as? Double ?? 1)

        let docs = data(send("POST", "/api/v0/training_data/search", json: #"{"question": "公司", "types": ["documentation"]}"#))
        XCTAssertEqual((docs["results"] as? [[String: Any]])?.compactMap { $0["training_data_type"] as? String }, ["documentation"])

        assertError(send("POST", "/api/v0/training_data/search", json: #"{"question": "x", "top_k": 0}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/training_data/search", json: #"{"question": "x", "types": ["nope"]}"#), 400, "invalid_params")
        assertError(send("POST", "/api/v0/training_data/search", json: #"{"question": "   "}"#), 400, "missing_required_params")
    }
}
