import Foundation
import PipelineCore

/// Core values inside the hand-written payloads, spelled as their `Encodable` conformances spell them.
extension JSONBuffer {
    mutating func value(_ parameters: TaskParameters) {
        object { json in
            json.member("business_context", parameters.businessContext)
            json.member("db_connection", parameters.dbConnection)
            json.member("enable_llm_repair", parameters.enableLLMRepair)
            json.member("enable_sql_validation", parameters.enableSQLValidation)
            json.member("enable_training_data_load", parameters.enableTrainingDataLoad)
            json.member("file_upload_mode", parameters.fileUploadMode)
            json.member("modify_original_file", parameters.modifyOriginalFile)
            json.member("table_list_file", parameters.tableListFile)
        }
    }

    mutating func value(_ progress: StepProgress) {
        object { json in
            json.member("done", progress.done)
            json.member("step", progress.step.rawValue)
            json.member("total", progress.total)
        }
    }

    /// Free-form JSON (a run's `result`). Numbers that are not whole go through `JSONEncoder`, whose spelling of
    /// a `Double` is the reference; it throws for a non-finite one, as the Codable path does.
    mutating func value(_ value: JSONValue) throws {
        switch value {
        case .null: null()
        case .bool(let flag): boolean(flag)
        case .string(let text): string(text)
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 {
                integer(Int(number))
            } else {
                raw(try Envelope.encoder.encode(number))
            }
        case .array(let elements):
            try array { json in
                for element in elements { try json.value(element) }
            }
        case .object(let members):
            try object { json in
                for (key, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                    json.dynamicKey(key)
                    try json.value(member)
                }
            }
        }
    }
}
