import Foundation
import PipelineCore

/// A small semantic model for the quality report's tests: a sales fact referring to shops, and a fact no pair reads.
enum QualityReportFixture {
    static func column(_ name: String, _ role: ColumnRole, label: String = "", additive: Bool? = nil,
                       synonyms: [String] = []) -> SemanticColumn {
        SemanticColumn(name: name, dataType: "numeric", label: label.isEmpty ? name : label, role: role,
                       measure: additive.map { MeasureSemantics(additive: $0, aggregation: $0 ? .sum : .avg, unit: nil, synonyms: synonyms) })
    }

    static func table(_ name: String, _ kind: TableKind, _ columns: [SemanticColumn]) -> SemanticTable {
        SemanticTable(schema: "public", name: name, chineseName: name, kind: kind, grain: "", estimatedRows: 100,
                      primaryKey: ["id"], softDeleteColumn: nil, columns: columns)
    }

    static var model: SemanticModel {
        let sales = table("sales", .fact, [
            column("id", .identifier), column("dt", .time), column("shop_id", .foreignKey),
            column("amount", .measure, label: "销售金额", additive: true, synonyms: ["营收"]),
            column("price", .measure, label: "单价", additive: false), column("qty", .measure, label: "数量", additive: true),
        ])
        let shop = table("shop", .dimension, [column("id", .identifier), column("name", .label), column("city", .dimension)])
        let returns = table("returns", .fact, [column("id", .identifier), column("rdate", .time)])
        let relationship = SemanticRelationship(from: RelationshipEnd(schema: "public", table: "sales", columns: ["shop_id"]),
                                                to: RelationshipEnd(schema: "public", table: "shop", columns: ["id"]),
                                                source: .inferred, confidence: 0.7,
                                                evidence: RelationshipEvidence(rule: "entity_key", sampledValues: 10, foundValues: 7))
        return SemanticModel(tables: [sales, shop, returns], relationships: [relationship], joinPaths: [])
    }

    static let pairs: [(question: String, sql: String)] = [
        ("上个月各门店的销售金额", "SELECT p.name, SUM(s.amount) FROM sales s JOIN shop p ON p.id = s.shop_id WHERE s.dt >= '2024-01-01' GROUP BY p.name;"),
        ("各城市的shop数量", "SELECT city, COUNT(*) FROM shop GROUP BY city;"),
        ("单价合计", "SELECT SUM(price) FROM sales;"),
    ]

    static func pairFile() -> Data {
        PairFile.render(pairs.map { PairFileEntry(QuestionSQLPair(question: $0.question, sql: $0.sql)) })
    }

    /// Step 3's report in `report` mode: the first pair repaired by the model, the third empty, and a fourth pair
    /// that was filtered and not replaced (it is no longer in the pair file).
    static func validationReport() -> String {
        func detail(_ index: Int, _ question: String, _ sql: String, kind: String, filtered: Bool = false, repaired: Bool = false) -> String {
            let escapedSQL = sql.replacingOccurrences(of: "\"", with: "\\\"")
            return """
                {"index": \(index), "question": "\(question)", "sql": "\(repaired ? "SELECT broken" : escapedSQL)", "valid": \(!repaired),
                 "malformed": false, "repair_successful": \(repaired), "repaired_sql": \(repaired ? "\"\(escapedSQL)\"" : "null"),
                 "execution": {"class": "\(kind)", "reason": null, "filtered": \(filtered)}}
                """
        }
        let details = [
            detail(1, pairs[0].question, pairs[0].sql, kind: "ok", repaired: true),
            detail(2, pairs[1].question, pairs[1].sql, kind: "ok"),
            detail(3, pairs[2].question, pairs[2].sql, kind: "empty"),
            detail(4, "去年退货", "SELECT count(*) FROM returns WHERE rdate < '2000-01-01';", kind: "empty", filtered: true),
        ]
        return """
            {"metadata": {"config": {"execution_check": "report"}}, "summary": {},
             "detailed_results": [\(details.joined(separator: ",\n"))]}
            """
    }

    static let ddl = """
        -- 中文名: 销售
        CREATE TABLE public.sales (
          id integer, -- 编号
          amount numeric -- 中文名: 销售金额 amount
        );
        """
}
