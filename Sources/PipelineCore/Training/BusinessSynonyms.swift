/// General business vocabulary: words a manager uses for the same measure or entity, in groups (issue 14). None is
/// a name from a sample database; a database's own words come from its semantic model's synonyms.
public enum BusinessSynonyms {
    public static let groups: [[String]] = [
        ["收入", "营收", "营业额", "销售额", "营业收入", "销售收入", "支付金额", "交易额", "成交额", "流水", "revenue", "income", "sales"],
        ["车流量", "车辆数", "车流", "车次", "过车量", "通行量", "车辆数量"],
        ["客流量", "客流", "人流量", "来客数", "顾客数", "客户数"],
        ["客单价", "人均消费", "笔单价", "平均消费", "平均客单"],
        ["销量", "销售量", "销售数量", "售出数量", "卖出数量"],
        ["订单数", "订单量", "单量", "交易笔数", "支付笔数", "笔数"],
        ["利润", "盈利", "毛利", "净利润", "profit"],
        ["成本", "费用", "支出", "开销", "cost"],
        ["员工", "职工", "雇员", "人员", "employee"],
        ["门店", "店铺", "商铺", "档口", "商户", "网点", "store", "shop"],
        ["商品", "产品", "货品", "product"],
        ["客户", "顾客", "会员", "用户", "customer"],
        ["地区", "区域", "片区", "region"],
        ["日期", "日子", "哪天", "date"],
    ]
}

/// Query expansion: for every group with a word in the question, the group's other words, lower-cased, each once,
/// in group order (deterministic). Words the question already contains are not repeated.
public struct SynonymExpansion: Sendable {
    public let groups: [[String]]

    public init(groups: [[String]]) {
        var seen = Set<[String]>()
        self.groups = groups.map { $0.map { $0.lowercased() } }.filter { $0.count > 1 && seen.insert($0).inserted }
    }

    public func expansions(of question: String) -> [String] {
        let text = question.lowercased()
        var seen = Set<String>(), result: [String] = []
        for group in groups where group.contains(where: { !$0.isEmpty && text.contains($0) }) {
            for word in group where !word.isEmpty && !text.contains(word) && seen.insert(word).inserted {
                result.append(word)
            }
        }
        return result
    }

    /// Every word of every group (the tokenizer's vocabulary).
    public var vocabulary: [String] { groups.flatMap { $0 } }
}
