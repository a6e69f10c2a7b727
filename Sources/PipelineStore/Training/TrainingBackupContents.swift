import Foundation
import PipelineCore

/// A backup file, checked completely before anything is written: the header, nine columns per record, a known type,
/// a JSON array of tables, a timestamp, one embedding model and one vector length for all records, finite numbers,
/// and an id that is the content-derived id of the record's type, question and content (a row edited by hand or
/// damaged fails here). Every error names the line the record starts on.
struct TrainingBackupContents {
    var rows: [TrainingItemRow] = []
    /// The line each row starts on, for errors the database reports later.
    var lines: [Int] = []
    var model: String?
    var dimension: Int?

    static func parse(_ data: Data) throws -> TrainingBackupContents {
        let records = try TrainingCSVReader.records(data)
        guard let header = records.first else { throw TrainingStoreError.invalidBackup("文件为空，缺少表头") }
        guard header.fields.map(\.value) == TrainingCSVFormat.columns else {
            throw TrainingCSVReader.invalid(header.line, "表头应为 \(TrainingCSVFormat.columns.joined(separator: ","))")
        }
        var contents = TrainingBackupContents()
        contents.rows.reserveCapacity(records.count - 1)
        var firstLine = 0
        for record in records.dropFirst() {
            try contents.append(record, firstLine: &firstLine)
        }
        return contents
    }

    private mutating func append(_ record: TrainingCSVRecord, firstLine: inout Int) throws {
        func fail(_ reason: String) -> TrainingStoreError { TrainingCSVReader.invalid(record.line, reason) }
        let columnCount = TrainingCSVFormat.columns.count
        guard record.fields.count == columnCount else {
            throw fail("应有 \(columnCount) 列，实际 \(record.fields.count) 列")
        }
        let fields = record.fields
        for (index, field) in fields.enumerated() where field.value.utf8.contains(0) {
            throw fail("\(TrainingCSVFormat.columns[index]) 含有 NUL 字符")
        }
        let id = fields[0].value
        guard !id.isEmpty else { throw fail("id 为空") }
        guard let type = TrainingDataType(rawValue: fields[1].value) else {
            throw fail("未知的 training_data_type: \(fields[1].value)")
        }
        let question = fields[2].nullableValue
        let content = fields[3].value
        guard let tables = try? JSONDecoder().decode([String].self, from: Data(fields[4].value.utf8)) else {
            throw fail("tables 应为字符串的 JSON 数组")
        }
        let taskID = fields[5].nullableValue
        let createdAt = fields[6].value
        guard TrainingCSVFormat.isTimestamp(createdAt) else { throw fail("created_at 不是有效的时间: \(createdAt)") }
        let model = fields[7].value
        guard !model.isEmpty else { throw fail("embedding_model 为空") }
        guard let vector = TrainingVectorCodec.parseText(fields[8].value), !vector.isEmpty else {
            throw fail("embedding 应为有限数字组成的数组 [f1,f2,…]")
        }
        if let expectedModel = self.model, let expectedDimension = dimension {
            guard model == expectedModel else { throw fail("embedding_model 与第 \(firstLine) 行不同: \(model)") }
            guard vector.count == expectedDimension else {
                throw fail("向量应为 \(expectedDimension) 维（同第 \(firstLine) 行），实际 \(vector.count) 维")
            }
        } else {
            self.model = model
            dimension = vector.count
            firstLine = record.line
        }
        guard id == TrainingItem.contentID(type: type, question: question, content: content) else {
            throw fail("id 与内容不符（记录被修改或损坏）: \(id)")
        }
        rows.append(TrainingItemRow(id: id, type: type, question: question, content: content, tables: tables,
                                    taskID: taskID, model: model, embeddingHex: TrainingVectorCodec.hex(vector),
                                    createdAt: createdAt))
        lines.append(record.line)
    }
}
