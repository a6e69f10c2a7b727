import PipelineCore

/// One item of `POST /training_data/create` or the body of `/training_data/update`, checked by type (predecessor.md
/// §2.6.3 messages): `sql` and `error_sql` need `question` and `sql`, `documentation` needs `content`, `ddl` needs
/// `ddl`. A `sql` item must be one read-only query (the same gate as step 3), since an NL2SQL app will imitate it.
enum TrainingItemInput {
    /// The item, or the Chinese reason it is refused (and the type the client named, for the answer).
    static func parse(_ value: JSONValue) -> Result<TrainingItem, Refusal> {
        guard case .object(let fields) = value else { return .failure(Refusal(type: "unknown", error: "训练数据必须是JSON对象")) }
        guard case .string(let typeName)? = fields["training_data_type"] else {
            return .failure(Refusal(type: "unknown", error: "缺少必需参数：training_data_type"))
        }
        guard let type = TrainingDataType(rawValue: typeName) else {
            return .failure(Refusal(type: typeName, error: "不支持的训练数据类型: \(typeName)"))
        }
        func text(_ key: String) -> String? {
            guard case .string(let value)? = fields[key] else { return nil }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        var tables: [String] = []
        if let value = fields["tables"] {
            guard case .array(let items) = value, let names = strings(items) else {
                return .failure(Refusal(type: typeName, error: "tables字段格式错误，应为字符串数组"))
            }
            tables = names
        }
        let refuse = { (message: String) in Result<TrainingItem, Refusal>.failure(Refusal(type: typeName, error: message)) }
        let item: TrainingItem
        switch type {
        case .sql:
            guard let sql = text("sql") else { return refuse("SQL字段是必需的") }
            guard let question = text("question") else { return refuse("question字段是必需的") }
            if let reason = ReadOnlySQL.violation(in: sql) { return refuse("SQL语法错误：\(reason)") }
            item = TrainingItem(type: .sql, question: question, content: sql, tables: tables)
        case .errorSQL:
            guard let question = text("question"), let sql = text("sql") else { return refuse("question和sql字段都是必需的") }
            item = TrainingItem(type: .errorSQL, question: question, content: sql, tables: tables)
        case .documentation:
            guard let content = text("content") else { return refuse("content字段是必需的") }
            item = TrainingItem(type: .documentation, question: nil, content: content, tables: tables)
        case .ddl:
            guard let ddl = text("ddl") else { return refuse("ddl字段是必需的") }
            item = TrainingItem(type: .ddl, question: nil, content: ddl, tables: tables)
        }
        if let question = item.question, question.count > TextLimits.question {
            return refuse("参数question不能超过\(TextLimits.question)个字符")
        }
        if item.content.count > TextLimits.content {
            return refuse("训练数据内容过长，参数\(type == .documentation ? "content" : type == .ddl ? "ddl" : "sql")不能超过\(TextLimits.content)个字符")
        }
        return .success(item)
    }

    struct Refusal: Error {
        var type: String
        var error: String
    }

    private static func strings(_ values: [JSONValue]) -> [String]? {
        var result: [String] = []
        for value in values {
            guard case .string(let text) = value else { return nil }
            result.append(text)
        }
        return result
    }
}
