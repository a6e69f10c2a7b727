import Foundation
import XCTest

/// The envelope of API.md §1, asserted field by field.
enum EnvelopeContract {
    static let keys: Set<String> = ["code", "success", "message", "data"]
    static let successMessage = "操作成功"
    /// `message` of each error status (API.md §1 table).
    static let errorMessages: [Int: String] = [
        400: "请求参数错误", 401: "未授权", 404: "资源未找到", 405: "请求方法不支持", 409: "操作冲突",
        413: "请求体过大", 415: "不支持的媒体类型", 500: "系统内部错误", 503: "服务暂时不可用",
    ]

    /// `YYYY-MM-DDTHH:MM:SS.ffffff`, local time, no zone.
    static func isServiceTimestamp(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$"#, options: .regularExpression) != nil
    }

    static func containsChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }
}

extension EndToEndTestCase {
    /// A success answer: HTTP `status`, JSON, `{code: 200, success: true, message: "操作成功", data: {…, response,
    /// timestamp}}`. Returns `data`.
    @discardableResult
    func assertSuccess(_ result: HTTPResult, status: Int = 200, response: String? = nil,
                       file: StaticString = #filePath, line: UInt = #line) -> JSON {
        XCTAssertEqual(result.status, status, "\(result.request): \(result.printable)", file: file, line: line)
        guard let json = result.json, json.object != nil else {
            XCTFail("\(result.request): not a JSON object: \(result.printable.prefix(300))", file: file, line: line)
            return .null
        }
        XCTAssertTrue(result.header("content-type")?.hasPrefix("application/json") ?? false,
                      "\(result.request): content type \(result.header("content-type") ?? "none")", file: file, line: line)
        XCTAssertEqual(json.keys, EnvelopeContract.keys, "\(result.request): envelope keys", file: file, line: line)
        XCTAssertEqual(json["code"]?.int, 200, "\(result.request): body code", file: file, line: line)
        XCTAssertEqual(json["success"], .bool(true), "\(result.request): success", file: file, line: line)
        XCTAssertEqual(json["message"]?.string, EnvelopeContract.successMessage, "\(result.request)", file: file, line: line)
        let data = json["data"] ?? .null
        XCTAssertNotNil(data.object, "\(result.request): data is an object", file: file, line: line)
        if let response {
            XCTAssertEqual(data["response"]?.string, response, "\(result.request): response", file: file, line: line)
        } else {
            XCTAssertFalse((data["response"]?.string ?? "").isEmpty, "\(result.request): response", file: file, line: line)
        }
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(data["timestamp"]?.string),
                      "\(result.request): timestamp \(data["timestamp"]?.description ?? "missing")", file: file, line: line)
        return data
    }

    /// An error answer: HTTP `status`, JSON envelope with `success: false`, body `code` == `status`, the status's
    /// `message`, a non-empty Chinese `data.response`, `data.error_type` (== `errorType` when given) and a
    /// `data.timestamp` (in the service's format unless `serviceTimestamp` is false). Returns `data`.
    @discardableResult
    func assertFailure(_ result: HTTPResult, status: Int, errorType: String? = nil, response: String? = nil,
                       serviceTimestamp: Bool = true, context: String = "",
                       file: StaticString = #filePath, line: UInt = #line) -> JSON {
        let label = context.isEmpty ? result.request : "\(context) (\(result.request))"
        XCTAssertEqual(result.status, status, "\(label): \(result.printable.prefix(400))", file: file, line: line)
        guard let json = result.json, json.object != nil else {
            XCTFail("\(label): not a JSON object: \(result.printable.prefix(300))", file: file, line: line)
            return .null
        }
        XCTAssertTrue(result.header("content-type")?.hasPrefix("application/json") ?? false,
                      "\(label): content type \(result.header("content-type") ?? "none")", file: file, line: line)
        XCTAssertEqual(json.keys, EnvelopeContract.keys, "\(label): envelope keys", file: file, line: line)
        XCTAssertEqual(json["success"], .bool(false), "\(label): success", file: file, line: line)
        XCTAssertEqual(json["code"]?.int, result.status, "\(label): body code must equal the HTTP status", file: file, line: line)
        if let message = EnvelopeContract.errorMessages[status] {
            XCTAssertEqual(json["message"]?.string, message, "\(label): message", file: file, line: line)
        } else {
            XCTAssertFalse((json["message"]?.string ?? "").isEmpty, "\(label): message", file: file, line: line)
        }
        let data = json["data"] ?? .null
        let text = data["response"]?.string ?? ""
        XCTAssertTrue(EnvelopeContract.containsChinese(text), "\(label): data.response \(text.debugDescription)",
                      file: file, line: line)
        if let response {
            XCTAssertEqual(text, response, "\(label): data.response", file: file, line: line)
        }
        let type = data["error_type"]?.string ?? ""
        XCTAssertFalse(type.isEmpty, "\(label): data.error_type missing", file: file, line: line)
        if let errorType {
            XCTAssertEqual(type, errorType, "\(label): data.error_type", file: file, line: line)
        }
        if serviceTimestamp {
            XCTAssertTrue(EnvelopeContract.isServiceTimestamp(data["timestamp"]?.string),
                          "\(label): timestamp \(data["timestamp"]?.description ?? "missing")", file: file, line: line)
        } else {
            XCTAssertNotNil(data["timestamp"]?.string, "\(label): timestamp missing", file: file, line: line)
        }
        return data
    }
}
