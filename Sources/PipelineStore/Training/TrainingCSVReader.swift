import Foundation
import PipelineCore

/// One field of a CSV record; `quoted` tells an empty string (`""`) from NULL (nothing).
struct TrainingCSVField: Equatable {
    var value: String
    var quoted: Bool

    /// NULL when empty and unquoted.
    var nullableValue: String? { value.isEmpty && !quoted ? nil : value }
}

/// One CSV record and the line it starts on (1-based; a quoted field may span lines).
struct TrainingCSVRecord {
    let line: Int
    var fields: [TrainingCSVField]
}

/// A strict RFC 4180 reader: fields separated by commas, records by CRLF or LF; a quoted field may hold commas,
/// line breaks and doubled quotes; a quote inside an unquoted field, text after a closing quote, a bare CR or an
/// unterminated quote is an error naming the line. A UTF-8 byte-order mark (as spreadsheet programs write it) and
/// empty lines at the very end are ignored.
enum TrainingCSVReader {
    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"),
                       lf = UInt8(ascii: "\n")

    /// All records of `data`; throws `TrainingStoreError.invalidBackup` for text that is not UTF-8 or not CSV.
    static func records(_ data: Data) throws -> [TrainingCSVRecord] {
        guard String(data: data, encoding: .utf8) != nil else {
            throw TrainingStoreError.invalidBackup("文件不是 UTF-8 编码")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records = try bytes.withUnsafeBufferPointer(parse)
        while let last = records.last, last.fields.count == 1, last.fields[0] == TrainingCSVField(value: "", quoted: false) {
            records.removeLast()
        }
        return records
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [TrainingCSVRecord] {
        var records: [TrainingCSVRecord] = []
        var index = 0, line = 1
        while index < bytes.count {
            let recordLine = line
            var fields: [TrainingCSVField] = []
            while true {
                let field: TrainingCSVField
                if bytes[index] == quote {
                    (field, index) = try quotedField(bytes, from: index + 1, line: &line, recordLine: recordLine)
                } else {
                    (field, index) = try unquotedField(bytes, from: index, line: line)
                }
                fields.append(field)
                if index == bytes.count { break }
                if bytes[index] == comma {
                    index += 1
                    guard index < bytes.count else {
                        // A comma at the very end of the input still opens one more (empty) field.
                        fields.append(TrainingCSVField(value: "", quoted: false))
                        break
                    }
                    continue
                }
                if bytes[index] == cr, index + 1 < bytes.count, bytes[index + 1] == lf {
                    index += 2
                } else if bytes[index] == lf {
                    index += 1
                } else {
                    throw invalid(line, "引号后应为逗号或换行")
                }
                line += 1
                break
            }
            records.append(TrainingCSVRecord(line: recordLine, fields: fields))
        }
        return records
    }

    /// The field after an opening quote, up to its closing quote; returns the index after the closing quote.
    private static func quotedField(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: inout Int,
                                    recordLine: Int) throws -> (TrainingCSVField, Int) {
        var value: [UInt8] = []
        var index = start, segmentStart = start
        while index < bytes.count {
            switch bytes[index] {
            case quote:
                value.append(contentsOf: bytes[segmentStart..<index])
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    value.append(quote)
                    index += 2
                    segmentStart = index
                } else {
                    return (TrainingCSVField(value: String(decoding: value, as: UTF8.self), quoted: true), index + 1)
                }
            case lf:
                line += 1
                index += 1
            default:
                index += 1
            }
        }
        throw invalid(recordLine, "引号未闭合")
    }

    /// The field up to the next comma or line end; returns the index of that delimiter (or the end).
    private static func unquotedField(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                      line: Int) throws -> (TrainingCSVField, Int) {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == comma || byte == lf { break }
            if byte == cr {
                guard index + 1 < bytes.count, bytes[index + 1] == lf else { throw invalid(line, "字段中有单独的回车符") }
                break
            }
            if byte == quote { throw invalid(line, "未加引号的字段中不能有引号") }
            index += 1
        }
        return (TrainingCSVField(value: String(decoding: bytes[start..<index], as: UTF8.self), quoted: false), index)
    }

    static func invalid(_ line: Int, _ reason: String) -> TrainingStoreError {
        .invalidBackup("第 \(line) 行: \(reason)")
    }
}
