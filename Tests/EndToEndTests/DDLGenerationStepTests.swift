import Foundation
import XCTest

/// Step 1 (ddl_generation) run for real in step mode through nginx, on the multi-schema fixture with a 1M-row table
/// (FORMATS.md §1, §2, "Base names"; API.md §2.4 status rules; ARCHITECTURE.md §6 step 1).
final class DDLGenerationStepTests: ExecutionTestCase {
    override class var fixtureStatements: [String] {
        DDLGenerationFixture.statements(bigRows: DDLGenerationFixture.bigTableRows)
    }

    /// The `.ddl` files the fixture's table list must produce (the missing table none).
    static let expectedDDLFiles: Set<String> = [
        "big_events.ddl", "sales.ddl", "orders.ddl", "ods__orders.ddl", "ods__orders_2.ddl", "order_totals.ddl",
        "empty_table.ddl", "nullable_things.ddl", "MemberPoints.ddl", "门店评价.ddl", "reserved_words.ddl",
    ]

    /// Runs ddl_generation in step mode on a new task over `tables`; returns the task id and its final status.
    private func runStep(_ tables: [String] = DDLGenerationFixture.tableList,
                         file: StaticString = #filePath, line: UInt = #line) throws -> (id: String, status: JSON) {
        let id = try createFixtureTask(tables: tables, file: file, line: line)
        let started = Date()
        try executeDDLStep(id, file: file, line: line)
        let status = try waitUntilFinished(id, timeout: 120, file: file, line: line)
        print("ddl_generation over \(tables.count) tables took \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        return (id, status)
    }

    /// The lines of a generated file (fails when it is missing).
    private func lines(_ id: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        guard let text = taskFile(id, name) else {
            XCTFail("\(name) was not written; files: \(taskFileNames(id))", file: file, line: line)
            return []
        }
        XCTAssertTrue(text.hasSuffix("\n"), "\(name) ends with a newline", file: file, line: line)
        return text.components(separatedBy: "\n")
    }

    /// A DDL column line as FORMATS.md §1 spells it: the definition, padding to column 30 (at least one space),
    /// `-- comment`, and the separating comma after the comment.
    static func columnLine(_ definition: String, _ comment: String, last: Bool = false) -> String {
        let padded = "  " + definition
        return padded + String(repeating: " ", count: max(1, 30 - padded.count)) + "-- " + comment + (last ? "" : ",")
    }

    func test_ddlGenerationStep_endsPartialCompletedWithStepCompleted() throws {
        let (id, status) = try runStep()
        XCTAssertEqual(status["status"]?.string, "partial_completed", status.description)
        XCTAssertEqual(status["step_status"]?["ddl_generation"]?.string, "completed")
        for other in ["qa_generation", "sql_validation", "training_load"] {
            XCTAssertEqual(status["step_status"]?[other]?.string, "pending", other)
        }
        let ddl = step("ddl_generation", of: status)
        XCTAssertEqual(ddl["step_status"]?.string, "completed")
        XCTAssertEqual(ddl["error_message"], .null)
        XCTAssertNotNil(ddl["started_at"]?.string)
        XCTAssertNotNil(ddl["completed_at"]?.string)
        XCTAssertEqual(status["error_message"], .null)
        XCTAssertEqual(status["current_step"], .null)
        XCTAssertNotNil(status["completed_at"]?.string)

        let result = try XCTUnwrap(status["result"]?["ddl_generation"], "result.ddl_generation: \(status["result"] ?? .null)")
        XCTAssertEqual(result["total_tables"]?.int, DDLGenerationFixture.tableList.count)
        XCTAssertEqual(result["processed_successfully"]?.int, DDLGenerationStepTests.expectedDDLFiles.count)
        XCTAssertEqual(result["failed"]?.int, 0, result.description)
        XCTAssertEqual(result["missing_tables"], .array([.string(DDLGenerationFixture.missingTable)]))

        let resultFile = try XCTUnwrap(taskFile(id, "ddl_generation_result.json"), "ddl_generation_result.json missing")
        let parsed = try XCTUnwrap(JSON.parse(Data(resultFile.utf8)), "ddl_generation_result.json is not JSON")
        XCTAssertEqual(parsed["processed_successfully"]?.int, DDLGenerationStepTests.expectedDDLFiles.count)
        XCTAssertEqual(parsed["missing_tables"], .array([.string(DDLGenerationFixture.missingTable)]))
    }

    func test_ddlGenerationStep_writesDDLFilesAsFormatsSection1() throws {
        let (id, status) = try runStep()
        XCTAssertEqual(status["step_status"]?["ddl_generation"]?.string, "completed")
        typealias T = DDLGenerationStepTests
        let orders = lines(id, "orders.ddl")
        XCTAssertEqual(Array(orders.prefix(3)), [
            "-- 中文名: 订单表", "-- 描述: 订单表，记录每一笔订单的状态与金额。", "create table public.orders (",
        ])
        for expected in [
            T.columnLine("id varchar(32) not null", "订单编号，主键"),
            T.columnLine("tags text[]", "订单标签"),
            T.columnLine("attrs jsonb", "扩展属性"),
            T.columnLine("client_ip inet", "下单IP"),
            T.columnLine("receipt bytea", "电子回执"),
            T.columnLine("paid_at timestamptz", "支付时间"),
            "  primary key (id)",
            ");",
        ] {
            XCTAssertTrue(orders.contains(expected), "orders.ddl lacks \(expected.debugDescription):\n\(orders.joined(separator: "\n"))")
        }
        XCTAssertTrue(orders.contains { $0.hasPrefix("  state order_state not null") && $0.hasSuffix("-- 订单状态,") },
                      "enum column by its type name:\n\(orders.joined(separator: "\n"))")
        XCTAssertTrue(orders.contains { $0.hasPrefix("  total numeric(19,4) not null default 0 ") }, orders.joined(separator: "\n"))

        let big = lines(id, "big_events.ddl").joined(separator: "\n")
        XCTAssertTrue(big.contains("\n  amount numeric(19,4)"), big)
        XCTAssertTrue(big.contains("\n  kind varchar(16) not null"), big)
        XCTAssertTrue(big.contains("\n  created_at timestamptz not null default current_timestamp"), big)

        let sales = lines(id, "sales.ddl")
        XCTAssertTrue(sales.contains("create table public.sales ("), sales.joined(separator: "\n"))
        XCTAssertTrue(sales.contains("  primary key (id, sold_on)"), sales.joined(separator: "\n"))
        XCTAssertTrue(sales.contains { $0.hasPrefix("  amount numeric(12,2)") }, sales.joined(separator: "\n"))

        let view = lines(id, "order_totals.ddl")
        XCTAssertEqual(view.first, "-- 类型: 视图", view.joined(separator: "\n"))
        XCTAssertTrue(view.contains("create table public.order_totals ("), view.joined(separator: "\n"))
        XCTAssertFalse(view.contains { $0.contains("primary key") }, view.joined(separator: "\n"))

        let member = lines(id, "MemberPoints.ddl")
        XCTAssertTrue(member.contains(#"create table public."MemberPoints" ("#), member.joined(separator: "\n"))
        XCTAssertTrue(member.contains { $0.hasPrefix(#"  "MemberId" integer not null "#) && $0.contains("，主键") },
                      member.joined(separator: "\n"))
        XCTAssertTrue(member.contains(#"  primary key ("MemberId")"#), member.joined(separator: "\n"))

        let chinese = lines(id, "门店评价.ddl")
        XCTAssertTrue(chinese.contains(#"create table public."门店评价" ("#), chinese.joined(separator: "\n"))
        XCTAssertTrue(chinese.contains { $0.hasPrefix(#"  "评分" smallint"#) }, chinese.joined(separator: "\n"))

        let reserved = lines(id, "reserved_words.ddl")
        for column in [#"  "user" varchar(32)"#, #"  "order" integer"#, #"  "select" text"#, #"  "from" date"#] {
            XCTAssertTrue(reserved.contains { $0.hasPrefix(column) }, "\(column) in\n\(reserved.joined(separator: "\n"))")
        }
        XCTAssertTrue(lines(id, "ods__orders.ddl").contains("create table ods.orders ("))
        XCTAssertTrue(lines(id, "ods__orders_2.ddl").contains("create table public.ods__orders ("))
    }

    func test_ddlGenerationStep_writesTableDocumentsAsFormatsSection2() throws {
        let (id, _) = try runStep()
        let orders = lines(id, "orders_detail.md")
        XCTAssertEqual(Array(orders.prefix(3)), ["## orders（订单表）", "orders 表订单表，记录每一笔订单的状态与金额。", "字段列表："],
                       orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains { $0.hasPrefix("- id (varchar(32)) - 订单编号 [主键, 非空]") }, orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains { $0.hasPrefix("- total (numeric(19,4)) - 订单总额（元） [非空]") }, orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains { $0.hasPrefix("- tags (text[]) - 订单标签") }, orders.joined(separator: "\n"))
        // Binary values are never shown.
        XCTAssertTrue(orders.contains("- receipt (bytea) - 电子回执"), orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains("字段补充说明："), orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains("- id 为主键"), orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains("- state 为枚举字段，包含取值：created、paid、shipped"), orders.joined(separator: "\n"))
        // The semantic model's notes (issue 12): kind, roles, how the total adds up.
        XCTAssertTrue(orders.contains("语义说明："), orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains { $0.hasPrefix("- 表类型：") }, orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains { $0.hasPrefix("- 字段角色：") && $0.contains("total 度量") }, orders.joined(separator: "\n"))
        XCTAssertTrue(orders.contains { $0.hasPrefix("- 度量 total") && $0.contains("汇总用 SUM") }, orders.joined(separator: "\n"))

        XCTAssertTrue(lines(id, "ods__orders_detail.md").first?.hasPrefix("## ods.orders（") ?? false)
        XCTAssertTrue(lines(id, "MemberPoints_detail.md").first?.hasPrefix("## MemberPoints（") ?? false)
        XCTAssertTrue(lines(id, "门店评价_detail.md").first?.hasPrefix("## 门店评价（") ?? false)
        let sales = lines(id, "sales_detail.md")
        XCTAssertTrue(sales.contains("- 复合主键：id, sold_on"), sales.joined(separator: "\n"))

        let nulls = lines(id, "nullable_things_detail.md")
        let neverSet = try XCTUnwrap(nulls.first { $0.hasPrefix("- never_set (text)") }, nulls.joined(separator: "\n"))
        XCTAssertFalse(neverSet.contains("示例"), "an all-NULL column has no samples: \(neverSet)")
        let empty = lines(id, "empty_table_detail.md")
        XCTAssertTrue(empty.contains { $0.hasPrefix("- id (integer)") && $0.contains("[主键, 非空]") && !$0.contains("示例") },
                      empty.joined(separator: "\n"))
    }

    func test_ddlGenerationStep_fileNamesDoNotCollideAndMappingListsBothFiles() throws {
        let (id, _) = try runStep()
        let names = taskFileNames(id)
        XCTAssertEqual(Set(names.filter { $0.hasSuffix(".ddl") }), DDLGenerationStepTests.expectedDDLFiles)
        XCTAssertEqual(Set(names.filter { $0.hasSuffix("_detail.md") }),
                       Set(DDLGenerationStepTests.expectedDDLFiles.map { $0.dropLast(4) + "_detail.md" }))
        let mapping = lines(id, "filename_mapping.txt")
        for expected in [
            "public.orders -> orders.ddl", "public.orders -> orders_detail.md",
            "ods.orders -> ods__orders.ddl", "ods.orders -> ods__orders_detail.md",
            "public.ods__orders -> ods__orders_2.ddl", "public.ods__orders -> ods__orders_2_detail.md",
            #"public."MemberPoints" -> MemberPoints.ddl"#, #"public."MemberPoints" -> MemberPoints_detail.md"#,
            #"public."门店评价" -> 门店评价.ddl"#, #"public."门店评价" -> 门店评价_detail.md"#,
            "public.sales -> sales.ddl", "public.order_totals -> order_totals_detail.md",
        ] {
            XCTAssertTrue(mapping.contains(expected), "filename_mapping.txt lacks \(expected):\n\(mapping.joined(separator: "\n"))")
        }
        let entries = mapping.filter { !$0.hasPrefix("#") && $0.contains(" -> ") }
        XCTAssertEqual(entries.count, 2 * DDLGenerationStepTests.expectedDDLFiles.count, mapping.joined(separator: "\n"))
        XCTAssertEqual(Set(entries.map { $0.components(separatedBy: " -> ")[1] }).count, entries.count, "a file mapped twice")
    }

    func test_ddlGenerationStep_keepsExistingCommentsVerbatim() throws {
        let (id, _) = try runStep(["orders"])
        let ddl = taskFile(id, "orders.ddl") ?? ""
        let md = taskFile(id, "orders_detail.md") ?? ""
        XCTAssertTrue(ddl.contains("-- 描述: 订单表，记录每一笔订单的状态与金额。\n"), ddl)
        let comments = ["id": "订单编号", "state": "订单状态", "total": "订单总额（元）", "tags": "订单标签", "attrs": "扩展属性",
                        "client_ip": "下单IP", "receipt": "电子回执", "paid_at": "支付时间", "note": "备注"]
        let ddlLines = ddl.components(separatedBy: "\n"), mdLines = md.components(separatedBy: "\n")
        for (column, comment) in comments {
            XCTAssertTrue(ddlLines.contains { $0.hasPrefix("  \(column) ") && $0.contains("-- \(comment)") },
                          "\(column): \(comment) in\n\(ddl)")
            XCTAssertTrue(mdLines.contains { $0.hasPrefix("- \(column) (") && $0.contains(") - \(comment)") },
                          "\(column): \(comment) in\n\(md)")
        }
    }

    func test_ddlGenerationStep_reportsMissingTableInLogAndResultAndWritesNoFile() throws {
        let (id, status) = try runStep(["orders", DDLGenerationFixture.missingTable])
        XCTAssertEqual(status["status"]?.string, "partial_completed", status.description)
        XCTAssertEqual(status["result"]?["ddl_generation"]?["missing_tables"],
                       .array([.string(DDLGenerationFixture.missingTable)]))
        let warning = logText(id).components(separatedBy: "\n").first {
            $0.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \[WARNING\] \[ddl_generation\] "#, options: .regularExpression) != nil
                && $0.contains(DDLGenerationFixture.missingTable)
        }
        XCTAssertNotNil(warning, "no WARNING line naming \(DDLGenerationFixture.missingTable):\n\(logText(id))")
        let logs = assertSuccess(try client.get(taskPath(id, "/logs?level=WARNING")))
        XCTAssertTrue((logs["logs"]?.array ?? []).contains { $0["message"]?.string?.contains(DDLGenerationFixture.missingTable) ?? false },
                      logs.description)
        XCTAssertEqual(taskFileNames(id).filter { $0.contains(DDLGenerationFixture.missingTable) }, [])
        XCTAssertFalse((taskFile(id, "filename_mapping.txt") ?? "").contains(DDLGenerationFixture.missingTable))
        XCTAssertEqual(Set(taskFileNames(id).filter { $0.hasSuffix(".ddl") }), ["orders.ddl"])
    }

    func test_ddlGenerationStep_doesNotScanTheMillionRowTable() throws {
        let url = try fixtureURL()
        let before = try settledSeqTupRead(url)
        let (id, status) = try runStep(["big_events"])
        XCTAssertEqual(status["step_status"]?["ddl_generation"]?.string, "completed", status.description)
        XCTAssertNotNil(taskFile(id, "big_events.ddl"))
        let after = try settledSeqTupRead(url)
        let read = after - before
        print("ddl_generation read \(read) tuples of big_events by sequential/sample scans")
        XCTAssertLessThan(read, 50_000, "introspection read \(read) of \(DDLGenerationFixture.bigTableRows) rows")
    }

    /// `seq_tup_read` of big_events once the statistics stopped moving (backends flush them up to ~1 s late).
    private func settledSeqTupRead(_ url: String) throws -> Int {
        let sql = "SELECT pg_stat_clear_snapshot(); SELECT seq_tup_read FROM pg_stat_user_tables WHERE relid = 'public.big_events'::regclass"
        var last = Int(try queryValue(sql, url: url) ?? "") ?? -1
        let deadline = Date().addingTimeInterval(2.5)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.6)
            let now = Int(try queryValue(sql, url: url) ?? "") ?? -1
            if now == last { break }
            last = now
        }
        XCTAssertGreaterThanOrEqual(last, 0, "no statistics for big_events")
        return last
    }
}
