import Foundation

/// How a measure aggregates, its unit and the words business users say for it, from general word rules over the
/// column's name and its (Chinese) comment — never from a particular database's names.
public enum MeasureLexicon {
    /// One business meaning: the English name words and Chinese comment fragments that signal it.
    struct Meaning {
        var words: Set<String>
        var fragments: [String]
        var synonyms: [String]

        func matches(_ words: [String], _ comment: String) -> Bool {
            words.contains(where: self.words.contains) || fragments.contains(where: comment.contains)
        }
    }

    // Non-additive: summing these over rows means nothing.
    static let nonAdditiveWords: Set<String> = [
        "price", "rate", "ratio", "pct", "percent", "percentage", "avg", "average", "mean", "score", "rating", "area",
        "sqm", "sqft", "acreage", "lat", "lng", "lon", "latitude", "longitude", "age", "temperature", "temp", "balance",
        "margin", "level", "grade", "rank", "ranking", "height", "width", "length", "depth", "speed", "capacity",
        "probability", "discount", "coefficient", "factor", "index", "yield",
    ]
    static let nonAdditiveFragments = [
        "单价", "价格", "均价", "率", "比例", "比值", "占比", "平均", "评分", "得分", "分数", "面积", "经度", "纬度",
        "年龄", "温度", "余额", "等级", "排名", "系数", "指数", "容量", "折扣",
    ]
    /// A measure whose name ends in one of these is an amount of money, additive whatever it is an amount of.
    static let amountEndings: Set<String> = ["amount", "amt", "money", "sum", "total"]
    static let amountFragments = ["金额", "总额", "合计"]
    static let snapshotWords: Set<String> = ["stock", "inventory", "balance", "onhand", "backlog"]
    static let snapshotFragments = ["库存", "余额", "存量", "结存"]
    static let maximumWords: Set<String> = ["max", "maximum", "peak", "highest", "top"]
    static let minimumWords: Set<String> = ["min", "minimum", "lowest", "least"]

    static let percentWords: Set<String> = ["rate", "ratio", "pct", "percent", "percentage"]
    static let areaWords: Set<String> = ["area", "sqm", "acreage"]
    /// Loyalty points and scores are counted in 分, even as a balance (`points_balance` is no money).
    static let pointWords: Set<String> = ["point", "points", "score", "scores", "credits"]
    static let moneyWords: Set<String> = [
        "amount", "amt", "price", "fee", "fees", "cost", "costs", "revenue", "income", "sales", "pay", "paid", "payment",
        "money", "profit", "tax", "balance", "salary", "wage", "gmv", "turnover", "spend", "refund", "cash", "expense",
    ]
    static let moneyFragments = ["金额", "元", "价", "费", "收入", "营收", "营业额", "成本", "利润", "税", "支付", "现金", "销售额"]
    static let countWords: Set<String> = ["count", "cnt", "qty", "quantity", "num", "number", "total", "sum", "times"]
    static let vehicleWords: Set<String> = ["car", "cars", "vehicle", "vehicles", "truck", "trucks", "traffic"]
    static let orderWords: Set<String> = ["order", "orders", "transaction", "transactions", "trade", "trades"]
    static let knownUnits = ["万元", "元", "个", "辆", "笔", "次", "人", "平方米", "平方英尺", "%", "千克", "公斤", "吨", "米",
                             "公里", "千米", "天", "小时", "分钟", "秒", "件", "台", "间", "升"]

    static let meanings: [Meaning] = [
        Meaning(words: ["revenue", "income", "sales", "sale", "turnover", "gmv"], fragments: ["营业额", "营收", "收入", "销售额", "总金额"],
                synonyms: ["营收", "营业额", "收入", "销售额"]),
        Meaning(words: ["pay", "paid", "payment"], fragments: ["支付"], synonyms: ["支付金额", "交易额", "流水"]),
        Meaning(words: ["price"], fragments: ["单价", "价格"], synonyms: ["单价", "价格"]),
        Meaning(words: ["cost", "costs", "fee", "fees", "expense"], fragments: ["成本", "费用"], synonyms: ["成本", "费用", "花费"]),
        Meaning(words: ["profit", "margin"], fragments: ["利润", "毛利"], synonyms: ["利润", "盈利", "毛利"]),
        Meaning(words: ["stock", "inventory", "onhand"], fragments: ["库存"], synonyms: ["库存", "库存量", "存货"]),
        Meaning(words: ["member", "members", "user", "users", "customer", "customers"], fragments: ["会员", "客户", "用户"],
                synonyms: ["会员数", "用户数", "客户数"]),
        Meaning(words: ["visit", "visits", "visitor", "visitors", "pv", "uv", "footfall"], fragments: ["客流", "访问"],
                synonyms: ["客流量", "访问量", "人次"]),
        Meaning(words: ["score", "rating"], fragments: ["评分", "得分"], synonyms: ["评分", "得分"]),
        Meaning(words: ["area", "sqm", "sqft", "acreage"], fragments: ["面积"], synonyms: ["面积", "占地面积"]),
        Meaning(words: ["rate", "ratio", "pct", "percent", "percentage"], fragments: ["率", "比例", "占比"], synonyms: ["比率", "比例"]),
    ]

    /// The measure semantics of a numeric column.
    public static func describe(_ column: ColumnDescription) -> MeasureSemantics {
        let words = NameTokens.tokens(column.name).map(NameTokens.singular)
        let comment = CommentText.clean(column.comment) ?? ""
        // `discount_amount` (折扣金额) is money given off, which adds up; `discount` or `discount_rate` is a rate.
        let isAmount = (words.last.map(amountEndings.contains) ?? false || amountFragments.contains(where: comment.hasSuffix))
            && !words.contains(where: ["avg", "average", "mean", "unit", "per"].contains) && !comment.contains("平均") && !comment.contains("单价")
        // Stock levels and balances are snapshots: summing them over days counts the same goods again.
        let isSnapshot = words.contains(where: snapshotWords.contains) || snapshotFragments.contains(where: comment.contains)
        let additive = !isSnapshot
            && (isAmount || !(words.contains(where: nonAdditiveWords.contains) || nonAdditiveFragments.contains(where: comment.contains)))
        var aggregation = Aggregation.sum
        if !additive {
            aggregation = words.contains(where: maximumWords.contains) ? .max
                : words.contains(where: minimumWords.contains) ? .min : .avg
        }
        return MeasureSemantics(additive: additive, aggregation: aggregation, unit: unit(column, words: words, comment: comment),
                                synonyms: synonyms(column, words: words, comment: comment))
    }

    static func unit(_ column: ColumnDescription, words: [String], comment: String) -> String? {
        if let stated = statedUnit(comment) { return stated }
        if words.contains(where: percentWords.contains) || comment.contains("率") || comment.contains("比例") || comment.contains("占比") {
            return "%"
        }
        if words.contains("sqft") { return "平方英尺" }
        if words.contains(where: areaWords.contains) || comment.contains("面积") { return "平方米" }
        // A whole number of orders, vehicles or things is counted, even when its comment names a payment method
        // (`支付宝订单数`).
        let saysCount = words.contains(where: countWords.contains) || words.contains(where: orderWords.contains)
            || ["数", "数量", "次数", "笔数"].contains(where: comment.hasSuffix)
        if column.category == .integer, saysCount {
            if words.contains(where: vehicleWords.contains) || comment.contains("车") { return "辆" }
            if words.contains(where: orderWords.contains) || comment.contains("订单") || comment.contains("笔数") { return "笔" }
            return "个"
        }
        if words.contains(where: pointWords.contains) || comment.contains("积分") || comment.contains("分数") { return "分" }
        if words.contains(where: moneyWords.contains) || moneyFragments.contains(where: comment.contains) { return "元" }
        guard words.contains(where: countWords.contains) || column.category == .integer else { return nil }
        if words.contains(where: vehicleWords.contains) || comment.contains("车") { return "辆" }
        if words.contains(where: orderWords.contains) || comment.contains("订单") || comment.contains("笔数") { return "笔" }
        return words.contains(where: countWords.contains) || comment.contains("数量") ? "个" : nil
    }

    /// A unit the comment states in brackets (`金额(元)`, `面积（平方米）`).
    static func statedUnit(_ comment: String) -> String? {
        guard let match = comment.range(of: #"[(（]([^()（）]{1,6})[)）]"#, options: .regularExpression) else { return nil }
        let inner = String(comment[match].dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        return knownUnits.contains(inner) ? inner : nil
    }

    static func synonyms(_ column: ColumnDescription, words: [String], comment: String) -> [String] {
        var found: [String] = []
        // `total`/`sum` are count words too, but a decimal amount of money (`订单总额（元）`) is no count of orders.
        let money = column.category != .integer
            && (words.contains(where: moneyWords.contains) || moneyFragments.contains(where: comment.contains))
        let counted = column.category == .integer || (words.contains(where: countWords.contains) && !money)
        let vehicleCount = (words.contains(where: vehicleWords.contains) || comment.contains("车辆") || comment.contains("车流"))
            && counted
        if vehicleCount { found += ["车流量", "车辆数", "车次"] }
        let orderCount = (words.contains(where: orderWords.contains) || comment.contains("订单")) && counted
        if orderCount { found += ["订单数", "订单量", "单量", "笔数"] }
        // A total of money paid or earned is revenue as a manager says it.
        let totalMoney = words.contains(where: ["sum", "total"].contains) && column.category == .decimal
            && (words.contains(where: moneyWords.contains) || moneyFragments.contains(where: comment.contains))
        if totalMoney { found += ["营收", "营业额", "收入", "销售额"] }
        // Goods sold, counted: 销量, never 营收.
        let salesQuantity = words.contains(where: ["sale", "sales", "sold"].contains) && counted && !money
        if salesQuantity { found += ["销量", "销售量", "销售件数"] }
        if !orderCount && !vehicleCount && !salesQuantity {
            for meaning in meanings where meaning.matches(words, comment) { found += meaning.synonyms }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }
}
