import Foundation
import PipelineCore

// The SQL gate's throughput, for `scripts/bench.sh gate`: statements per second through `ReadOnlySQL.violation`
// (the gate), `references` and `shape`, on queries of the kinds the pair writers produce (a mix of aggregates,
// joins, time buckets, windows, CTEs and subqueries over varying names), plus a few refused ones. Prints one JSON
// object; timings are medians of five rounds measured in this one run.

let tables = (0..<40).map { "t_\($0)" }
func statements() -> [String] {
    var list: [String] = []
    for (index, table) in tables.enumerated() {
        let other = tables[(index + 7) % tables.count]
        list += [
            "SELECT COUNT(*) AS 记录数 FROM \(table) WHERE delete_ts IS NULL;",
            "SELECT region AS 区域, SUM(amount) AS 总金额 FROM \(table) WHERE delete_ts IS NULL GROUP BY region ORDER BY 总金额 DESC LIMIT 10;",
            "SELECT DATE_TRUNC('month', created_at) AS 月份, SUM(amount) AS 金额 FROM \(table) WHERE created_at >= DATE '2024-01-01' AND created_at < DATE '2024-04-01' GROUP BY 1 ORDER BY 1;",
            "SELECT o.name AS 名称, COUNT(t.id) AS 数量 FROM \(table) t JOIN \(other) o ON o.id = t.\(other)_id WHERE t.delete_ts IS NULL GROUP BY o.name ORDER BY 数量 DESC LIMIT 5;",
            "SELECT region, amount, ROUND(100.0 * amount / SUM(amount) OVER (), 2) AS 占比 FROM (SELECT region, SUM(amount) AS amount FROM \(table) GROUP BY region) s ORDER BY 占比 DESC;",
            "WITH m AS (SELECT id, AVG(amount) AS avg_amount FROM \(table) GROUP BY id) SELECT COUNT(*) FROM m WHERE avg_amount > (SELECT AVG(amount) FROM \(table));",
            "SELECT * FROM \(table) WHERE status = '开放' AND name ILIKE '%服务区%' ORDER BY created_at DESC LIMIT 20;",
            "SELECT 1; DROP TABLE \(table);",
            "WITH d AS (DELETE FROM \(table) RETURNING *) SELECT * FROM d;",
            "SELECT pg_sleep(1) FROM \(table);",
        ]
    }
    return list
}

func perSecond(_ count: Int, rounds: Int = 5, _ body: () -> Void) -> Double {
    var rates: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        rates.append(Double(count) / seconds)
    }
    return rates.sorted()[rounds / 2]
}

let corpus = statements()
var refused = 0
let gate = perSecond(corpus.count) {
    refused = corpus.reduce(0) { $0 + (ReadOnlySQL.violation(in: $1) == nil ? 0 : 1) }
}
let references = perSecond(corpus.count) { for sql in corpus { _ = ReadOnlySQL.references(in: sql) } }
let shapes = perSecond(corpus.count) { for sql in corpus { _ = ReadOnlySQL.shape(sql) } }
let average = corpus.reduce(0) { $0 + $1.utf8.count } / corpus.count
print("""
    {"statements": \(corpus.count), "refused": \(refused), "average_bytes": \(average), \
    "gate_per_s": \(Int(gate)), "references_per_s": \(Int(references)), "shape_per_s": \(Int(shapes))}
    """)
