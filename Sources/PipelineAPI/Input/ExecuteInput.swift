/// Body of `POST …/execute` (all optional; an empty body means a complete run).
struct ExecuteInput: Decodable {
    var executionMode: String?
    var stepName: String?
    var backupVectorTables: Bool?
    var truncateVectorTables: Bool?
    var skipTraining: Bool?
}
