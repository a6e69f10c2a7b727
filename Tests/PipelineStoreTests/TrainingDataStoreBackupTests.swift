import Foundation
import PipelineCore
import Postgres
import XCTest
@testable import PipelineStore

/// CSV backup and restore of `PostgresTrainingDataStore`.
final class TrainingDataStoreBackupTests: TrainingStoreTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dp-vector-bak-\(UUID().uuidString)")
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        super.tearDown()
    }

    /// Items whose every field is awkward for CSV: Chinese, commas, quotes, LF and CRLF, empty vs NULL question.
    private var awkward: [EmbeddedTrainingItem] {
        [
            pair("统计\"各\"服务区, 的总营收？", "SELECT service_name,\n       SUM(pay_sum) AS \"总营收\"\r\nFROM t GROUP BY 1;",
                 tables: ["public.bss_business_day_data", "ods.\"门店,评价\""], taskID: "task_20260105_100000"),
            ddl("-- 公司表\nCREATE TABLE \"a,b\" (\"x\"\"y\" int);\n", tables: ["public.\"a,b\""]),
            documentation("## 说明\n\n含逗号, 引号\" 和 反斜杠 \\ 以及 \"\"双引号\"\"", taskID: "task_2"),
            pair("", "SELECT '';", tables: []),
            pair("null", "NULL", type: .errorSQL),
            embedded(TrainingItem(type: .documentation, question: nil, content: "")),
        ]
    }

    private func backupFile(_ timestamp: String = "20260105_100000") -> URL {
        directory.appendingPathComponent("training_items_\(timestamp).csv")
    }

    func testBackupTruncateRestoreRoundTripsEveryFieldExactly() throws {
        try load(awkward)
        let before = try storedRows()
        XCTAssertEqual(before.count, awkward.count)

        let backup = try store.backup(into: directory, timestamp: "20260105_100000")
        XCTAssertEqual(backup.rowCount, awkward.count)
        XCTAssertEqual(try store.truncate(), awkward.count)

        let outcome = try store.restore(from: backupFile(), truncateFirst: false)
        XCTAssertEqual(outcome.rowsInFile, awkward.count)
        XCTAssertEqual(outcome.rowsBefore, 0)
        XCTAssertEqual(outcome.rowsAfter, awkward.count)
        XCTAssertEqual(try storedRows(), before)
        let emptyQuestion = try XCTUnwrap(store.items(ids: [awkward[3].item.id]).first)
        XCTAssertEqual(emptyQuestion.question, "", "an empty question stays empty, not NULL")
        XCTAssertNil(try store.items(ids: [awkward[1].item.id]).first?.question)
        let hits = try store.search(awkward[0].vector, model: model, topK: 1, types: [])
        XCTAssertEqual(hits.first?.item.id, awkward[0].item.id)
    }

    func testBackupIsOneCompleteFileInIDOrderWithAHeader() throws {
        try load(awkward)
        let backup = try store.backup(into: directory, timestamp: "20260105_100000")
        XCTAssertEqual(backup.fileName, "training_items_20260105_100000.csv")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        XCTAssertEqual(files, ["training_items_20260105_100000.csv"], "no .part file is left behind")
        let data = try Data(contentsOf: backupFile())
        XCTAssertEqual(backup.bytes, Int64(data.count))
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(
            "id,training_data_type,question,content,tables,task_id,created_at,embedding_model,embedding\r\n"))
        let records = try TrainingCSVReader.records(data)
        XCTAssertEqual(records.dropFirst().map { $0.fields[0].value }, awkward.map(\.item.id).sorted())
    }

    func testBackupPagesThroughMoreRowsThanOnePage() throws {
        let count = PostgresTrainingDataStore.backupPageSize * 2 + 7
        let vectors = Self.randomUnitVectors(count: count, dimension: 4, seed: 7)
        let items = (0..<count).map { EmbeddedTrainingItem(item: TrainingItem(type: .ddl, question: nil,
                                                                              content: "CREATE TABLE t\($0) ();"),
                                                          vector: vectors[$0]) }
        try load(items, model: "tiny")
        let backup = try store.backup(into: directory, timestamp: "20260105_100001")
        XCTAssertEqual(backup.rowCount, count)
        let ids = try TrainingCSVReader.records(Data(contentsOf: backupFile("20260105_100001"))).dropFirst()
            .map { $0.fields[0].value }
        XCTAssertEqual(ids, items.map(\.item.id).sorted())
    }

    func testBackupRefusesATimestampThatIsNotAFileName() throws {
        XCTAssertThrowsError(try store.backup(into: directory, timestamp: "../x"))
        XCTAssertThrowsError(try store.backup(into: directory, timestamp: ""))
    }

    func testRestoreWithTruncateFirstReplacesTheStore() throws {
        try load(Array(awkward.prefix(2)))
        _ = try store.backup(into: directory, timestamp: "20260105_100000")
        _ = try store.delete(ids: [awkward[0].item.id])
        try load(Array(awkward.suffix(3)))
        let outcome = try store.restore(from: backupFile(), truncateFirst: true)
        XCTAssertEqual(outcome.rowsBefore, 4)
        XCTAssertEqual(outcome.rowsAfter, 2)
        XCTAssertEqual(try storedIDs(), awkward.prefix(2).map(\.item.id).sorted())
    }

    func testRestoreKeepsItemsThatExistAndAddsTheOthers() throws {
        try load(Array(awkward.prefix(3)))
        _ = try store.backup(into: directory, timestamp: "20260105_100000")
        _ = try store.delete(ids: [awkward[0].item.id])
        try load(Array(awkward.suffix(3)))
        let outcome = try store.restore(from: backupFile(), truncateFirst: false)
        XCTAssertEqual(outcome, VectorRestoreOutcome(rowsInFile: 3, rowsBefore: 5, rowsAfter: 6, duration: outcome.duration))
    }

    func testRestoreOfAFileWithABadRowInTheMiddleChangesNothing() throws {
        try load(awkward)
        _ = try store.backup(into: directory, timestamp: "20260105_100000")
        let records = try TrainingCSVReader.records(Data(contentsOf: backupFile()))
        try load([ddl("CREATE TABLE added_later (x int);")])
        let before = try storedRows()

        // The middle record's content is edited but its id kept: the content-derived id no longer matches.
        // Earlier records span several lines, so the error must name the physical line the record starts on.
        let middle = Array(records.enumerated()).dropFirst(2).dropLast()
        let victim = (middle.first { $0.element.line != $0.offset + 1 } ?? middle[middle.startIndex]).element
        var text = ""
        for record in records {
            var fields = record.fields.map(\.nullableValue)
            if record.line == victim.line { fields[3] = (fields[3] ?? "") + " -- 改过" }
            text += TrainingCSVFormat.record(fields)
        }
        try Data(text.utf8).write(to: backupFile())
        XCTAssertThrowsError(try store.restore(from: backupFile(), truncateFirst: true)) { error in
            guard case let .invalidBackup(reason)? = error as? TrainingStoreError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue(reason.hasPrefix("第 \(victim.line) 行: id 与内容不符"), reason)
        }
        XCTAssertEqual(try storedRows(), before)
    }

    func testRestoreRefusesMalformedFilesNamingTheLine() throws {
        let (valid, other) = try twoSimpleRecords()
        let before = try storedRows()
        let header = TrainingCSVFormat.record(TrainingCSVFormat.columns)
        let cases: [(Data, String)] = [
            (Data(), "文件为空"),
            (Data([0xff, 0xfe, 0x41]), "不是 UTF-8"),
            (Data("id,type\r\n".utf8), "第 1 行: 表头应为"),
            (Data((header + valid.record + "a,b,c\r\n").utf8), "第 3 行: 应有 9 列"),
            (Data((header + valid.setting("training_data_type", "table")).utf8), "第 2 行: 未知的 training_data_type"),
            (Data((header + valid.setting("tables", "{}")).utf8), "第 2 行: tables"),
            (Data((header + valid.setting("created_at", "2026-01-05T10:00:00Z")).utf8), "第 2 行: created_at"),
            (Data((header + valid.setting("embedding", "[nan,1]")).utf8), "第 2 行: embedding"),
            (Data((header + valid.setting("content", "DROP TABLE z;")).utf8), "第 2 行: id 与内容不符"),
            (Data((header + valid.record + other.setting("embedding_model", "other")).utf8),
             "第 3 行: embedding_model 与第 2 行不同"),
            (Data((header + valid.record + other.setting("embedding", "[0.5]")).utf8), "第 3 行: 向量应为 64 维"),
            (Data((header + valid.record + "\"unterminated\r\n").utf8), "第 3 行: 引号未闭合"),
            (Data((header + valid.record + "a\"b,c\r\n").utf8), "第 3 行: 未加引号"),
            (Data((header + valid.record + "\"a\"b,c\r\n").utf8), "第 3 行: 引号后应为逗号或换行"),
        ]
        for (index, (data, expected)) in cases.enumerated() {
            let file = directory.appendingPathComponent("bad_\(index).csv")
            try data.write(to: file)
            XCTAssertThrowsError(try store.restore(from: file, truncateFirst: true), "case \(index)") { error in
                guard case let .invalidBackup(reason)? = error as? TrainingStoreError else {
                    return XCTFail("case \(index): unexpected \(error)")
                }
                XCTAssertTrue(reason.contains(expected), "case \(index): \(reason)")
            }
        }
        XCTAssertEqual(try storedRows(), before)
    }

    func testRestoreOfRowsTheDatabaseRefusesRollsBackTheTruncation() throws {
        let (valid, _) = try twoSimpleRecords()
        try load(awkward)
        let before = try storedRows()
        // Well-formed, but 31 February: only PostgreSQL's calendar check catches it, inside the transaction.
        let file = directory.appendingPathComponent("calendar.csv")
        let text = TrainingCSVFormat.record(TrainingCSVFormat.columns)
            + valid.setting("created_at", "2026-02-31 10:00:00.5+00")
        try Data(text.utf8).write(to: file)
        XCTAssertThrowsError(try store.restore(from: file, truncateFirst: true)) { error in
            XCTAssertEqual(error as? TrainingStoreError, .invalidBackup("第 2 行: 数据库拒绝写入（SQLSTATE 22008）"))
        }
        XCTAssertEqual(try storedRows(), before)
    }

    func testRestoreOfAnotherModelIntoAFilledStoreIsRefused() throws {
        try load(Array(awkward.prefix(1)))
        _ = try store.backup(into: directory, timestamp: "20260105_100000")
        _ = try store.truncate()
        try load([EmbeddedTrainingItem(item: awkward[1].item, vector: [1, 0])], model: "other")
        XCTAssertThrowsError(try store.restore(from: backupFile(), truncateFirst: false)) { error in
            XCTAssertEqual(error as? TrainingStoreError, .embeddingMismatch(
                stored: "other", storedDimension: 2, given: model, givenDimension: 64))
        }
        XCTAssertEqual(try store.restore(from: backupFile(), truncateFirst: true).rowsAfter, 1)
    }

    func testReaderKeepsQuotedLineBreaksAndCountsLines() throws {
        let text = "a,b\r\n\"x\ny\",\"\"\"q\"\"\"\r\n,\"\"\nlast,1"
        let records = try TrainingCSVReader.records(Data(text.utf8))
        XCTAssertEqual(records.map(\.line), [1, 2, 4, 5])
        XCTAssertEqual(records[1].fields.map(\.value), ["x\ny", "\"q\""])
        XCTAssertEqual(records[2].fields.map(\.nullableValue), [nil, ""])
        XCTAssertEqual(records[3].fields.map(\.value), ["last", "1"])
    }

    /// The records of two one-line DDL items as a backup writes them (the store is left holding both).
    private func twoSimpleRecords() throws -> (BackupRecord, BackupRecord) {
        try load([ddl("CREATE TABLE z (x int);"), ddl("CREATE TABLE y (x int);")])
        _ = try store.backup(into: directory, timestamp: "20260105_090000")
        let records = try TrainingCSVReader.records(Data(contentsOf: backupFile("20260105_090000"))).dropFirst()
        let fields = records.map { $0.fields.map(\.nullableValue) }
        XCTAssertEqual(fields.count, 2)
        return (BackupRecord(fields: fields[0]), BackupRecord(fields: fields[1]))
    }
}

/// One backup record's fields, to write variants of it.
private struct BackupRecord {
    var fields: [String?]

    var record: String { TrainingCSVFormat.record(fields) }

    func setting(_ column: String, _ value: String?) -> String {
        var changed = fields
        changed[TrainingCSVFormat.columns.firstIndex(of: column)!] = value
        return TrainingCSVFormat.record(changed)
    }
}
