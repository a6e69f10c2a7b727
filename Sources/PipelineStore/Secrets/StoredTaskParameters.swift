import Foundation
import PipelineCore

/// How `TaskParameters` are kept in the `parameters` column: `db_connection` masked (what every answer shows, so
/// reading it needs no key) and, when the URL has a password, the whole URL sealed in `db_connection_sealed`.
enum StoredTaskParameters {
    static let sealedKey = "db_connection_sealed"

    /// The JSON text to store.
    static func encode(_ parameters: TaskParameters, box: ConnectionSecretBox) throws -> String {
        let masked = parameters.masked
        let json = String(decoding: try JSONEncoder().encode(masked), as: UTF8.self)
        guard masked.dbConnection != parameters.dbConnection else { return json }
        // The sealed form is base64 after an ASCII prefix: nothing in it needs JSON escaping.
        let sealed = try box.seal(parameters.dbConnection)
        guard json.hasSuffix("}") else { throw PipelineError.internalFailure("parameters are not a JSON object") }
        return String(json.dropLast()) + ",\"\(sealedKey)\":\"\(sealed)\"}"
    }

    /// The parameters with the real connection string (opened with `box`); a row written before sealing existed
    /// holds it in plain text until `ConnectionSealing` rewrites it at the next start.
    static func decode(_ text: String, box: ConnectionSecretBox) throws -> TaskParameters {
        let data = Data(text.utf8)
        var parameters = try JSONDecoder().decode(TaskParameters.self, from: data)
        if let sealed = try JSONDecoder().decode(SealedField.self, from: data).sealed {
            parameters.dbConnection = try box.open(sealed)
        }
        return parameters
    }

    private struct SealedField: Decodable {
        var sealed: String?
        enum CodingKeys: String, CodingKey { case sealed = "db_connection_sealed" }
    }
}
