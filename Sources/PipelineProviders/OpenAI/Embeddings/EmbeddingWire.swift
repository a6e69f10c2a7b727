import Foundation
import PipelineCore

/// The JSON of `POST /embeddings`: the request body and the vectors of the answer, in input order.
enum EmbeddingWire {
    /// `{model, input: [texts], encoding_format: "float", …extra}`; extra fields never replace the client's own.
    static func requestBody(_ texts: [String], endpoint: OpenAIEndpoint) throws -> Data {
        var fields: [String: JSONValue] = [
            "model": .string(endpoint.model),
            "input": .array(texts.map(JSONValue.string)),
            "encoding_format": .string("float"),
        ]
        for (name, value) in endpoint.extraBody where !OpenAIEndpoint.reservedBodyFields.contains(name) {
            fields[name] = value
        }
        return try ChatCompletionWire.encoder.encode(JSONValue.object(fields))
    }

    /// The `count` vectors of the answer ordered by their `index` (servers need not answer in input order);
    /// throws when an index is missing, repeated or out of range, or a number is not finite.
    static func vectors(from body: Data, count: Int) throws(TransportFailure.Malformed) -> [[Double]] {
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: body)
        } catch {
            throw TransportFailure.Malformed(reason: body.isEmpty ? "应答为空" : "应答不是 embeddings JSON")
        }
        guard response.data.count == count else {
            throw TransportFailure.Malformed(reason: "请求 \(count) 条文本，应答含 \(response.data.count) 个向量")
        }
        var ordered = [[Double]?](repeating: nil, count: count)
        for item in response.data {
            guard (0..<count).contains(item.index), ordered[item.index] == nil else {
                throw TransportFailure.Malformed(reason: "应答中的向量序号 \(item.index) 无效或重复")
            }
            guard item.embedding.allSatisfy(\.isFinite) else {
                throw TransportFailure.Malformed(reason: "第 \(item.index) 个向量含非有限数值")
            }
            ordered[item.index] = item.embedding
        }
        return ordered.map { $0 ?? [] }
    }

    private struct Response: Decodable {
        struct Item: Decodable {
            var index: Int
            var embedding: [Double]
        }
        var data: [Item]
    }
}
