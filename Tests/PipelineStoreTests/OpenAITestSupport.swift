import Foundation
import PipelineCore
import PipelineProviders

/// A `ChatCompleting` test double for the unit tests of `OpenAICompatibleLLM` only: answers with scripted text (or a
/// `ChatFailure`) and records every request. The end-to-end tests use a real HTTP server instead.
final class ScriptedChat: ChatCompleting, @unchecked Sendable {
    enum Reply {
        case text(String)
        case failure(String)
    }

    let name: String
    private let lock = NSLock()
    private var script: [Reply]
    private let responder: (@Sendable (ChatRequest) -> Reply)?
    private var recorded: [ChatRequest] = []

    /// Replies in order; a call beyond the script fails (so an unexpected extra call shows).
    init(_ script: [Reply], name: String = "openai:scripted") {
        self.script = script
        self.responder = nil
        self.name = name
    }

    /// Replies computed from each request (for concurrent calls, whose order is not fixed).
    init(name: String = "openai:scripted", responder: @escaping @Sendable (ChatRequest) -> Reply) {
        self.script = []
        self.responder = responder
        self.name = name
    }

    var requests: [ChatRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func complete(_ request: ChatRequest) throws -> ChatAnswer {
        lock.lock()
        recorded.append(request)
        let reply: Reply
        if let responder {
            reply = responder(request)
        } else if script.isEmpty {
            reply = .failure("ScriptedChat: no reply left for call \(recorded.count)")
        } else {
            reply = script.removeFirst()
        }
        lock.unlock()
        switch reply {
        case .text(let text): return ChatAnswer(text: text, latency: 0.01)
        case .failure(let message): throw ChatFailure(message)
        }
    }
}

/// Log lines collected from the provider's `log` closure.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }

    var sink: @Sendable (String) -> Void {
        { [self] line in
            lock.lock()
            collected.append(line)
            lock.unlock()
        }
    }

    func contains(_ text: String) -> Bool {
        lines.contains { $0.contains(text) }
    }
}

/// Small documented tables shaped like the highway sample, built in memory.
enum OpenAIFixtures {
    static func column(_ name: String, _ type: String, _ category: ColumnCategory, comment: String? = nil,
                       notNull: Bool = false, primaryKey: Bool = false, foreignKey: Bool = false,
                       samples: [String] = [], enumValues: [String]? = nil, sensitive: Bool = false) -> ColumnDescription {
        ColumnDescription(name: name, position: 0, dataType: type, category: category, notNull: notNull,
                          existingComment: comment, isPrimaryKey: primaryKey, isForeignKey: foreignKey,
                          samples: samples, enumValues: enumValues, isSensitive: sensitive)
    }

    static func numbered(_ columns: [ColumnDescription]) -> [ColumnDescription] {
        columns.enumerated().map { index, column in
            var numbered = column
            numbered.position = index + 1
            return numbered
        }
    }

    static let audit: [ColumnDescription] = [
        column("version", "integer", .integer, notNull: true, samples: ["1", "2"]),
        column("create_ts", "timestamp", .timestamp, samples: ["2023-04-01 08:00:00"]),
        column("delete_ts", "timestamp", .timestamp),
    ]

    static let company = TableDescription(
        reference: TableReference(schema: "public", name: "bss_company"), kind: .table,
        columns: numbered([
            column("id", "varchar(32)", .text, notNull: true, primaryKey: true, samples: ["30675d85ba5044c31acfa243b9d16334"]),
        ] + audit + [
            column("company_name", "varchar(255)", .text, samples: ["四川交投", "蜀道集团"]),
            column("company_no", "varchar(255)", .text, samples: ["H03", "H02"], enumValues: ["H01", "H02", "H03"]),
        ]),
        primaryKey: ["id"])

    static let serviceArea = TableDescription(
        reference: TableReference(schema: "public", name: "bss_service_area"), kind: .table, existingComment: "服务区基础信息表",
        columns: numbered([
            column("id", "varchar(32)", .text, comment: "服务区ID", notNull: true, primaryKey: true),
        ] + audit + [
            column("service_area_name", "varchar(255)", .text, comment: "服务区名称", samples: ["南充服务区", "广安服务区"]),
            column("company_id", "varchar(32)", .text, comment: "所属公司ID", foreignKey: true),
            column("service_state", "varchar(50)", .text, samples: ["开放", "关闭"], enumValues: ["开放", "关闭", "上传数据"]),
            column("service_area_type", "varchar(50)", .text, comment: "服务区类型", samples: ["信息化服务区"],
                   enumValues: ["信息化服务区", "智能化服务区"]),
        ]),
        primaryKey: ["id"],
        foreignKeys: [ForeignKeyReference(columns: ["company_id"], target: company.reference, targetColumns: ["id"])])

    static let dayData = TableDescription(
        reference: TableReference(schema: "public", name: "bss_business_day_data"), kind: .table, existingComment: "营业日数据表",
        columns: numbered([
            column("id", "varchar(32)", .text, comment: "主键", notNull: true, primaryKey: true),
        ] + audit + [
            column("oper_date", "date", .date, comment: "营业日期", samples: ["2023-04-01"]),
            column("service_name", "varchar(255)", .text, comment: "服务区名称", samples: ["南充服务区"]),
            column("pay_type", "smallint", .integer, samples: ["1", "2"], enumValues: ["1", "2", "3"]),
            column("wx", "numeric(19,4)", .decimal, comment: "微信支付金额", samples: ["1024.5000"]),
            column("wx_order", "integer", .integer, comment: "微信订单数", samples: ["12"]),
            column("pay_sum", "numeric(19,4)", .decimal, comment: "支付总额", samples: ["4096.0000"]),
            column("phone", "varchar(20)", .text, sensitive: true),
        ]),
        primaryKey: ["id"])

    static let odsOrders = TableDescription(
        reference: TableReference(schema: "ods", name: "orders"), kind: .table, existingComment: "订单表",
        columns: numbered([
            column("order_id", "bigint", .integer, comment: "订单ID", notNull: true, primaryKey: true),
            column("amount", "numeric(12,2)", .decimal, comment: "订单金额"),
            column("created_at", "timestamp", .timestamp, comment: "下单时间"),
        ]),
        primaryKey: ["order_id"])

    static let all = [company, serviceArea, dayData, odsOrders]

    /// `count` unrelated tables of `columns` commented columns each (for budget tests).
    static func manyTables(_ count: Int, columns: Int = 12) -> [TableDescription] {
        (0..<count).map { index in
            TableDescription(
                reference: TableReference(schema: "public", name: String(format: "t_table_%03d", index)), kind: .table,
                existingComment: "第\(index)号业务表，记录业务明细",
                columns: numbered((0..<columns).map { position in
                    column("field_\(position)", "varchar(64)", .text, comment: "业务字段\(position)的中文说明",
                           samples: ["样例值\(position)A", "样例值\(position)B"])
                }))
        }
    }

    static func theme(_ name: String = "营业收入分析", tables: [String] = ["bss_business_day_data", "bss_service_area"]) -> AnalysisTheme {
        AnalysisTheme(name: name, description: "分析各服务区每日营业收入与支付方式构成", relatedTables: tables,
                      entities: ["服务区", "支付方式"], metrics: ["营业额", "订单数"])
    }

    static func provider(_ chat: ScriptedChat, log: LogLines? = nil, maxPromptTokens: Int = PromptLibrary.defaultMaxPromptTokens) -> OpenAICompatibleLLM {
        OpenAICompatibleLLM(chat: chat, prompts: PromptLibrary.defaults(maxPromptTokens: maxPromptTokens), log: log?.sink)
    }
}
