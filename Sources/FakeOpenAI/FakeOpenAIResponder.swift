import Foundation

/// Builds the fake server's answers on the OpenAI routes, shaped like OpenAI's (ids, `choices`, `data`, `usage`).
enum FakeOpenAIResponder {
    /// What to do with a request.
    enum Plan {
        case respond(FakeHTTPConnection.Response)
        case hang
        case disconnect
    }

    /// The plan for `/…/chat/completions`.
    static func chat(_ body: Data, scripted: FakeResponse?) -> Plan {
        guard let request = try? JSONDecoder().decode(ChatBody.self, from: body), let messages = request.messages else {
            return .respond(error(400, "invalid JSON body or missing messages", type: "invalid_request_error"))
        }
        let response = scripted ?? .reply(FakeOpenAIServer.unscriptedReply)
        if let plan = nonReply(response) { return plan }
        let text = response.text ?? FakeOpenAIServer.unscriptedReply
        let promptTokens = response.promptTokens ?? FakeOpenAIServer.tokenCount(messages.map { $0.content ?? "" }.joined())
        let completionTokens = response.completionTokens ?? FakeOpenAIServer.tokenCount(text)
        let completion = ChatCompletion(
            id: "chatcmpl-fake-\(UInt32.random(in: 0...UInt32.max))", object: "chat.completion",
            created: Int(Date().timeIntervalSince1970), model: request.model ?? "fake",
            choices: [.init(index: 0, message: .init(role: "assistant", content: text), finishReason: "stop")],
            usage: .init(promptTokens: promptTokens, completionTokens: completionTokens,
                         totalTokens: promptTokens + completionTokens))
        return .respond(.json(200, encode(completion)))
    }

    /// The plan for `/…/embeddings`: computed vectors unless a failure is scripted.
    static func embeddings(_ body: Data, scripted: FakeResponse?, dimension: Int, reversed: Bool) -> Plan {
        guard let request = try? JSONDecoder().decode(EmbeddingsBody.self, from: body), !request.input.isEmpty else {
            return .respond(error(400, "invalid JSON body or empty input", type: "invalid_request_error"))
        }
        if let scripted, let plan = nonReply(scripted) { return plan }
        var items = request.input.enumerated().map { index, text in
            EmbeddingList.Item(object: "embedding", index: index, embedding: FakeEmbedding.vector(for: text, dimension: dimension))
        }
        if reversed { items.reverse() }
        let tokens = request.input.reduce(0) { $0 + FakeOpenAIServer.tokenCount($1) }
        let list = EmbeddingList(object: "list", data: items, model: request.model ?? "fake",
                                 usage: .init(promptTokens: tokens, totalTokens: tokens))
        return .respond(.json(200, encode(list)))
    }

    /// An OpenAI-style error: `{"error": {"message", "type", "code"}}`.
    static func error(_ status: Int, _ message: String, type: String, headers: [(String, String)] = []) -> FakeHTTPConnection.Response {
        .json(status, encode(ErrorBody(error: .init(message: message, type: type, code: status))), headers: headers)
    }

    /// The plan of every scripted action other than a normal reply; nil for `reply`.
    private static func nonReply(_ response: FakeResponse) -> Plan? {
        switch response.action {
        case .reply:
            return nil
        case .hang:
            return .hang
        case .disconnect:
            return .disconnect
        case .malformed:
            return .respond(.json(200, Data(#"{"id": "chatcmpl-fake", "choices": [{"index": 0, "message": {"#.utf8)))
        case .body:
            return .respond(.json(200, Data((response.text ?? "").utf8)))
        case .status:
            let status = response.status ?? 500
            let headers = response.retryAfter.map { [("Retry-After", $0)] } ?? []
            if let raw = response.text {
                return .respond(.json(status, Data(raw.utf8), headers: headers))
            }
            let type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error"
            return .respond(error(status, response.message ?? "scripted status \(status)", type: type, headers: headers))
        }
    }

    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    private struct ChatBody: Decodable {
        struct Message: Decodable {
            var role: String?
            var content: String?
        }
        var model: String?
        var messages: [Message]?
    }

    private struct EmbeddingsBody: Decodable {
        var model: String?
        var input: [String]

        enum CodingKeys: String, CodingKey { case model, input }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            model = try container.decodeIfPresent(String.self, forKey: .model)
            if let one = try? container.decode(String.self, forKey: .input) {
                input = [one]
            } else {
                input = try container.decode([String].self, forKey: .input)
            }
        }
    }

    private struct ChatCompletion: Encodable {
        struct Choice: Encodable {
            struct Message: Encodable {
                var role: String
                var content: String
            }
            var index: Int
            var message: Message
            var finishReason: String
        }
        struct Usage: Encodable {
            var promptTokens: Int
            var completionTokens: Int
            var totalTokens: Int
        }
        var id: String
        var object: String
        var created: Int
        var model: String
        var choices: [Choice]
        var usage: Usage
    }

    private struct EmbeddingList: Encodable {
        struct Item: Encodable {
            var object: String
            var index: Int
            var embedding: [Double]
        }
        struct Usage: Encodable {
            var promptTokens: Int
            var totalTokens: Int
        }
        var object: String
        var data: [Item]
        var model: String
        var usage: Usage
    }

    private struct ErrorBody: Encodable {
        struct Detail: Encodable {
            var message: String
            var type: String
            var code: Int
        }
        var error: Detail
    }
}
