import Foundation
import PipelineCore

/// Builds every JSON answer: `{code, success, message, data: {…payload, response, timestamp}}` (API.md §1).
public enum Envelope {
    /// The one encoder of the API: snake_case keys from Swift names, sorted keys (as the predecessor's Flask
    /// output), slashes and non-ASCII unescaped.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static let successMessage = "操作成功"

    /// A success envelope: body `code` 200 whatever the HTTP status (201 create, 202 execute), as the contract says.
    public static func success<Payload: Encodable>(
        _ payload: Payload, response: String, status: Int = 200, now: Date
    ) -> HTTPResponse {
        let body = Body(code: 200, success: true, message: successMessage,
                        data: Data(payload: payload, response: response, timestamp: LocalTimestamp.iso(now), error: nil))
        return json(status: status, body)
    }

    /// The same success envelope written by `JSONBuffer`, for the payloads that spell themselves out.
    static func success<Payload: JSONObjectWritable>(
        _ payload: Payload, response: String, status: Int = 200, now: Date
    ) -> HTTPResponse {
        rendered(payload, response: response, status: status, now: now).response
    }

    /// The success envelope of `success`, with the place of its timestamp (so `EnvelopeMemo` can send it again).
    static func rendered<Payload: JSONObjectWritable>(
        _ payload: Payload, response: String, status: Int = 200, now: Date
    ) -> RenderedEnvelope {
        let timestamp = LocalTimestamp.iso(now)
        var json = JSONBuffer(capacity: 4096)
        do {
            try json.object { body in
                body.member("code", 200)
                try body.member("data") { data in
                    try data.object(merging: [("response", response), ("timestamp", timestamp)]) {
                        try payload.writeMembers(to: &$0)
                    }
                }
                body.member("message", successMessage)
                body.member("success", true)
            }
        } catch {
            return RenderedEnvelope(encodingFailure)
        }
        // The second merged member is the timestamp; its characters start after the opening quote.
        let timestampStart = json.mergedValueOffsets[1] + 1
        return RenderedEnvelope(status: status, bytes: json.bytes,
                                timestampRange: timestampStart..<(timestampStart + timestamp.utf8.count))
    }

    /// An error envelope; body `code` equals the HTTP status.
    public static func failure(_ error: APIError, now: Date) -> HTTPResponse {
        let details = ErrorDetails(errorType: error.kind.errorType, missingParams: error.missingParameters,
                                   canRetry: error.canRetry)
        let body = Body(code: error.kind.status, success: false, message: error.kind.message,
                        data: Data(payload: EmptyPayload(), response: error.response,
                                   timestamp: LocalTimestamp.iso(now), error: details))
        return json(status: error.kind.status, body)
    }

    /// An error envelope that still carries a payload: the per-item results of a batch that failed wholly or partly.
    public static func failure<Payload: Encodable>(_ error: APIError, payload: Payload, now: Date) -> HTTPResponse {
        let details = ErrorDetails(errorType: error.kind.errorType, missingParams: error.missingParameters,
                                   canRetry: error.canRetry)
        let body = Body(code: error.kind.status, success: false, message: error.kind.message,
                        data: Data(payload: payload, response: error.response, timestamp: LocalTimestamp.iso(now), error: details))
        return json(status: error.kind.status, body)
    }

    private static func json<Payload: Encodable>(status: Int, _ body: Body<Payload>) -> HTTPResponse {
        guard let bytes = try? encoder.encode(body) else { return encodingFailure }
        return HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(Array(bytes)))
    }

    static let contentType = "application/json; charset=utf-8"

    /// Only a non-finite Double can fail to encode; never leave the client without an envelope.
    private static var encodingFailure: HTTPResponse {
        let bytes = Array(#"{"code":500,"success":false,"message":"系统内部错误","data":{"response":"响应编码失败","error_type":"internal_error","can_retry":true}}"#.utf8)
        return HTTPResponse(status: 500, headers: [("Content-Type", contentType)], body: .bytes(bytes))
    }

    struct Body<Payload: Encodable>: Encodable {
        var code: Int
        var success: Bool
        var message: String
        var data: Data<Payload>
    }

    /// The payload's own keys plus `response`, `timestamp` and, for errors, the error details, in one object.
    struct Data<Payload: Encodable>: Encodable {
        var payload: Payload
        var response: String
        var timestamp: String
        var error: ErrorDetails?

        enum CodingKeys: String, CodingKey { case response, timestamp }

        func encode(to encoder: Encoder) throws {
            try payload.encode(to: encoder)
            try error?.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(response, forKey: .response)
            try container.encode(timestamp, forKey: .timestamp)
        }
    }

    struct ErrorDetails: Encodable {
        var errorType: String
        var missingParams: [String]?
        var canRetry: Bool?
    }

    struct EmptyPayload: Encodable {
        func encode(to encoder: Encoder) throws {
            _ = encoder.container(keyedBy: Envelope.Data<EmptyPayload>.CodingKeys.self)
        }
    }
}
