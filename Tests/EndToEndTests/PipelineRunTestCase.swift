import Foundation
import XCTest

/// Base of the tests that run the whole pipeline: the pairs a run loaded into the training-data store, proof that
/// each of them plans and executes on the business database (read-only, with a timeout), and search.
class PipelineRunTestCase: ExecutionTestCase {
    struct LoadedPair: Equatable {
        var id: String
        var question: String
        var sql: String
    }

    /// Runs a complete execution and returns the final status (`completed` asserted).
    @discardableResult
    func runComplete(_ id: String, timeout: TimeInterval = 180, file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        assertSuccess(try execute(id, ["execution_mode": "complete"]), status: 202, file: file, line: line)
        let status = try waitUntilFinished(id, timeout: timeout, file: file, line: line)
        XCTAssertEqual(status["status"]?.string, "completed", "\(status.description.prefix(3000))\n\(logText(id).suffix(3000))",
                       file: file, line: line)
        return status
    }

    /// The `sql` items this task loaded, read from the state database.
    func loadedPairs(_ id: String) throws -> [LoadedPair] {
        let unit = "\u{1F}", record = "\u{1E}"
        let output = try ProcessRunner.run(PostgresAdmin.psql, [
            "-X", "-At", "-v", "ON_ERROR_STOP=1", "-F", unit, "-R", record, "-d", stateAdminURL, "-c",
            "SELECT id, question, content FROM training_items WHERE task_id = '\(id)' AND training_data_type = 'sql' ORDER BY id",
        ])
        XCTAssertEqual(output.status, 0, output.standardError)
        return output.standardOutput.components(separatedBy: record).compactMap { row in
            let fields = row.trimmingCharacters(in: .newlines).components(separatedBy: unit)
            return fields.count == 3 ? LoadedPair(id: fields[0], question: fields[1], sql: fields[2]) : nil
        }
    }

    /// Each SQL is planned (`EXPLAIN`) and executed inside `BEGIN READ ONLY` with a 5 s statement timeout, then
    /// rolled back. Returns the failures (SQL and psql's message).
    func failuresToRun(_ sqls: [String], url: String) throws -> [String] {
        var failures: [String] = []
        for sql in sqls {
            let statement = sql.hasSuffix(";") ? String(sql.dropLast()) : sql
            let output = try ProcessRunner.run(PostgresAdmin.psql, [
                "-X", "-q", "-o", "/dev/null", "-v", "ON_ERROR_STOP=1", "-d", url,
                "-c", "BEGIN READ ONLY", "-c", "SET LOCAL statement_timeout = 5000",
                "-c", "EXPLAIN \(statement)", "-c", statement, "-c", "ROLLBACK",
            ])
            if output.status != 0 { failures.append("\(sql)\n    -> \(output.standardError)") }
        }
        return failures
    }

    /// `POST /training_data/search` (success asserted): the ids of the hits, best first.
    func searchIDs(_ question: String, topK: Int = 5, types: [String] = ["sql"]) throws -> [String] {
        let data = assertSuccess(try client.postJSON(EndToEndTestCase.api + "/training_data/search",
                                                     ["question": question, "top_k": topK, "types": types]))
        return (data["results"]?.array ?? []).compactMap { $0["id"]?.string }
    }

    /// Row count and an md5 over every row of each table of the business database: proof that nothing changed.
    func businessFingerprint(_ url: String, tables: [String]) throws -> [String: String] {
        var fingerprint: [String: String] = [:]
        for table in tables {
            fingerprint[table] = try queryValue(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \(table) t", url: url)
        }
        return fingerprint
    }
}

/// Paraphrases of generated questions for the recall test: other words for the same request, as users write them.
enum Paraphrase {
    static let substitutions: [(String, String)] = [
        ("共有多少条记录？", "一共有几条数据"), ("有多少条？", "有几条"), ("按数量从多到少列出", "数量由高到低列一下"),
        ("从多到少排列。", "倒序排列"), ("统计", "计算"), ("，并按合计降序排列。", "，合计从高到低"),
        ("分别是多少？", "各是多少"), ("分别是什么时候？", "各是哪天"), ("是哪些？", "有哪些"), ("排名前5的", "前五名的"),
        ("，看看变化趋势。", "的每月走势"), ("占总量的百分比是多少？", "的占比情况"), ("共涉及多少个不同的", "里一共有几种"),
        ("对应多少条", "有几条"), ("列出前20条。", "给出前二十个"), ("最高的10条", "最大的十条"), ("合计是多少？", "总计多少"),
        ("关联", "结合"), ("平均值", "均值"), ("为“", "等于“"),
        // The analyses' wording, said the way another manager would.
        ("营收", "营业额"), ("车流量", "车辆数"), ("每个", "各个"), ("是多少？", "有多少"), ("分别是多少", "各是多少"),
        ("是哪些？", "有哪几个"), ("有哪些？", "都有哪些"), ("月度走势", "每月走势"), ("占比", "所占比例"), ("多少个", "几个"),
        ("环比", "跟上月比"), ("同比", "跟去年同期比"), ("哪几个月", "哪些月份"), ("一共", "总共"), ("最高", "最多"),
        ("列出所有", "给我列一下所有"), ("多多少？", "高出多少"), ("百分之多少", "多大比例"),
    ]

    static func of(_ question: String) -> String {
        var text = question
        for (from, to) in substitutions { text = text.replacingOccurrences(of: from, with: to) }
        return text
    }
}
