import Foundation

/// General business vocabulary: words a manager uses for the same measure or entity, in groups (issue 14). None is
/// a name from a sample database; a database's own words come from its semantic model's synonyms.
public enum BusinessSynonyms {
    public static let groups: [[String]] = [
        ["收入", "营收", "营业额", "销售额", "销售金额", "营业收入", "销售收入", "支付金额", "交易额", "成交额", "流水", "实收",
         "卖了多少钱", "revenue", "income", "sales"],
        ["车流量", "车辆数", "车流", "车次", "过车量", "通行量", "车辆数量", "多少辆车"],
        ["客流量", "客流", "人流量", "来客数", "顾客数", "客户数"],
        ["客单价", "人均消费", "笔单价", "平均消费", "平均客单"],
        ["销量", "销售量", "销售数量", "售出数量", "卖出数量", "卖了多少件", "卖出多少件", "卖出去多少件", "件数"],
        ["订单数", "订单量", "单量", "交易笔数", "支付笔数", "笔数", "多少单", "多少笔"],
        ["利润", "盈利", "毛利", "净利润", "profit"],
        ["成本", "费用", "支出", "开销", "cost"],
        ["折扣", "让利", "优惠", "减免", "折让", "discount"],
        ["库存", "存货", "库存量", "结存", "inventory", "stock"],
        ["付款", "支付", "收款", "结账", "买单"],
        ["下单", "订单", "交易"],
        ["员工", "职工", "雇员", "人员", "employee"],
        ["门店", "店铺", "商铺", "档口", "商户", "网点", "store", "shop"],
        ["商品", "产品", "货品", "单品", "product"],
        ["品类", "类别", "分类", "大类", "category"],
        ["客户", "顾客", "会员", "用户", "customer"],
        ["地区", "区域", "片区", "region"],
        ["日期", "日子", "哪天", "date"],
    ]

    /// One-way expansions: a derived figure (毛利, 客单价, 日均) leads to the measures it is computed from, but
    /// asking for those does not lead back to it.
    public static let related: [String: [String]] = [
        "毛利": ["销售额", "成本"],
        "毛利率": ["销售额", "成本"],
        "利润": ["销售额", "成本"],
        "客单价": ["支付金额", "实付金额", "订单数"],
        "日均": ["平均每天", "每天"],
        "退款": ["订单状态"],
        "注册": ["注册日期", "注册时间", "开卡"],
        "在售": ["状态"],
        "关店": ["闭店", "状态"],
        "闭店": ["关店", "状态"],
        "开业": ["开业日期", "开店"],
        "时段": ["小时", "时间"],
        "品牌": ["brand"],
        "渠道": ["销售渠道"],
    ]
}

/// Query expansion: for every group with a word in the question, the group's other words, lower-cased, each once,
/// in group order, then the one-way expansions of the question's words (deterministic). Words the question already
/// contains are not repeated. A word counts as said only where it is not part of a longer known word: 客单价 does not
/// say 单价, so it does not pull in the synonyms of a unit price.
public struct SynonymExpansion: Sendable {
    public let groups: [[String]]
    /// One-way expansions (`BusinessSynonyms.related`), lower-cased, in key order.
    public let related: [(word: String, expansions: [String])]
    /// Per known word, the longer known words that contain it.
    private let containers: [String: [String]]

    public init(groups: [[String]], related: [String: [String]] = [:]) {
        var seen = Set<[String]>()
        self.groups = groups.map { $0.map { $0.lowercased() } }.filter { $0.count > 1 && seen.insert($0).inserted }
        self.related = related.keys.sorted().map { ($0.lowercased(), related[$0]!.map { $0.lowercased() }) }
        let words = Set(self.groups.flatMap { $0 } + self.related.map(\.word)).filter { !$0.isEmpty }
        var containers: [String: [String]] = [:]
        for word in words {
            let longer = words.filter { $0.count > word.count && $0.contains(word) }
            if !longer.isEmpty { containers[word] = longer.sorted() }
        }
        self.containers = containers
    }

    /// Whether `text` says `word` outside every longer known word that contains it.
    func says(_ word: String, in text: String) -> Bool {
        guard !word.isEmpty, text.contains(word) else { return false }
        guard let longer = containers[word] else { return true }
        var rest = text
        for container in longer { rest = rest.replacingOccurrences(of: container, with: "\u{0}") }
        return rest.contains(word)
    }

    public func expansions(of question: String) -> [String] {
        expansionGroups(of: question).flatMap { $0 }
    }

    /// The same words, kept in their groups (one per matching synonym group, then one per one-way expansion): search
    /// counts each group once, by its best word, so a group of many words weighs no more than a group of one.
    public func expansionGroups(of question: String) -> [[String]] {
        let text = question.lowercased()
        var seen = Set<String>(), result: [[String]] = []
        func add(_ words: [String]) {
            let fresh = words.filter { !$0.isEmpty && !text.contains($0) && seen.insert($0).inserted }
            if !fresh.isEmpty { result.append(fresh) }
        }
        for group in groups where group.contains(where: { says($0, in: text) }) { add(group) }
        for (word, expansions) in related where says(word, in: text) { add(expansions) }
        return result
    }

    /// Every word of every group and expansion (the tokenizer's vocabulary).
    public var vocabulary: [String] { groups.flatMap { $0 } + related.flatMap { [$0.word] + $0.expansions } }
}
