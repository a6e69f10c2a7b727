import Foundation
import PipelineCore

/// The JSON of `POST /chat/completions`: the request body the client sends and the parts of the answer it reads.
enum ChatCompletionWire {
    /// `{model, messages, temperature, stream: false, response_format?, …extra}`. Extra fields come last and may
    /// override `temperature` or `response_format`, never the fields the client owns.
    static func requestBody(_ request: ChatRequest, endpoint: OpenAIEndpoint, temperature: Double) throws -> Data {
        var fields: [String: JSONValue] = [
            "model": .string(endpoint.model),
            "messages": .array(request.messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) }),
            "temperature": .number(temperature),
            "stream": .bool(false),
        ]
        if request.wantsJSON && endpoint.jsonMode {
            fields["response_format"] = .object(["type": .string("json_object")])
        }
        for (name, value) in endpoint.extraBody where !OpenAIEndpoint.reservedBodyFields.contains(name) {
            fields[name] = value
        }
        return try encoder.encode(JSONValue.object(fields))
    }

    /// Sorted keys make request bodies comparable in tests and audit diffs; slashes are left alone.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The answer's text and token usage.
    struct Answer: Sendable, Equatable {
        var text: String
        var promptTokens: Int?
        var completionTokens: Int?
    }

    /// Reads `choices[0].message.content` and `usage`; throws a short reason when the body is not a completion.
    static func answer(from body: Data) throws(TransportFailure.Malformed) -> Answer {
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: body)
        } catch {
            throw TransportFailure.Malformed(reason: body.isEmpty ? "应答为空" : "应答不是 chat completion JSON")
        }
        guard let content = response.choices?.first?.message?.content else {
            throw TransportFailure.Malformed(reason: "应答中没有 choices[0].message.content")
        }
        return Answer(text: content, promptTokens: response.usage?.promptTokens,
                      completionTokens: response.usage?.completionTokens)
    }

    private struct Response: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: String?
            }
            var message: Message?
        }
        struct Usage: Decodable {
            var promptTokens: Int?
            var completionTokens: Int?

            enum CodingKeys: String, CodingKey {
                case promptTokens = "prompt_tokens"
                case completionTokens = "completion_tokens"
            }
        }
        var choices: [Choice]?
        var usage: Usage?
    }
}
