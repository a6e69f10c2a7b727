import Foundation
import PipelineCore

/// Reads and decodes JSON request bodies with the contract's error answers: 415 for another content type, 413 over
/// the limit, 400 for empty, malformed, non-object or wrongly typed input — never a 500.
struct JSONBody {
    let maxBytes: Int

    /// Decodes the body as `T`. An empty body decodes as `{}` when `allowEmpty`, else it is a 400.
    func decode<T: Decodable>(_ type: T.Type, from request: HTTPRequest, allowEmpty: Bool = false) throws -> T {
        if let length = request.contentLength, length > maxBytes { throw tooLarge }
        let bytes = try readAll(request.body)
        let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if isBlank {
            guard allowEmpty else { throw APIError.badRequest("请求体不能为空，请提供JSON对象") }
            return try decodeObject(T.self, Data("{}".utf8))
        }
        if let contentType = request.contentType, !JSONBody.isJSON(contentType) {
            throw APIError(.unsupportedMediaType, "请求体必须是JSON格式（Content-Type: application/json）")
        }
        return try decodeObject(T.self, Data(bytes))
    }

    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    private var tooLarge: APIError {
        APIError(.payloadTooLarge, "请求体过大，最大允许: \(SizeFormatter.format(maxBytes))")
    }

    private func readAll(_ body: RequestBodyStream) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try body.read(into: $0) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > maxBytes { throw tooLarge }
        }
    }

    private func decodeObject<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        // Only an object is a valid body; checking the first byte keeps `null`, arrays and numbers out.
        guard data.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{") else {
            if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
                throw APIError.badRequest("请求体不是有效的JSON")
            }
            throw APIError.badRequest("请求体必须是JSON对象")
        }
        switch StrictJSONScan.check(Array(data)) {
        case .duplicateKey(let path)?: throw APIError.badRequest("JSON中存在重复的字段: \(path)")
        case .controlCharacter(let path)?: throw TextInputRule.refusal(field: path)
        case .strayComma(let path)?:
            throw APIError.badRequest("请求体不是有效的JSON（多余的逗号\(path.isEmpty ? "" : ": " + path)）")
        case nil: break
        }
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(T.self, from: data)
        } catch let error as APIError {
            throw error
        } catch let DecodingError.typeMismatch(_, context) {
            throw APIError.badRequest("参数类型错误: \(JSONBody.fieldName(context.codingPath))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw APIError.badRequest("参数类型错误: \(JSONBody.fieldName(context.codingPath))")
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.missing(JSONBody.wireName(key))
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw APIError.badRequest("参数格式错误: \(JSONBody.fieldName(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            // Valid JSON the decoder still calls corrupted: a number an integer field cannot hold (1.5, 1e30, 2^63).
            if let path = StrictJSONScan.firstInexactNumber(Array(data)),
               (try? JSONSerialization.jsonObject(with: data)) != nil {
                throw APIError.badRequest("参数类型错误: \(path)（必须是有效范围内的整数）")
            }
            throw APIError.badRequest("请求体不是有效的JSON")
        } catch {
            throw APIError.badRequest("请求体不是有效的JSON")
        }
    }

    /// The API's name of a decoding path, `data[1].training_data_type`: the decoder converts `snake_case` keys to
    /// Swift's `camelCase` (`enableSqlValidation`), so each key is converted back; clients never see Swift names.
    static func fieldName(_ path: [CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + wireName(key)
            }
        }
        return text
    }

    /// `enableSqlValidation` → `enable_sql_validation`, `topK` → `top_k`; a key without capitals is unchanged.
    static func wireName(_ key: CodingKey) -> String {
        var name = ""
        for character in key.stringValue {
            if character.isUppercase {
                name += "_" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }
}

