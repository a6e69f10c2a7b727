/// Chinese words that depend on the word before them: a person has a 姓名, not a 名称 (`emp_name` 员工姓名), and an
/// action is counted in 次数, not 数量 (`login_count` 登录次数, `retry_cnt` 重试次数), a rate of something is its 率.
enum WordChoice {
    static func inContext(_ text: String, word current: String?, after previous: GlossaryPhrase.Piece) -> String {
        // `scrap_rate` 报废率: a rate of something is its 率.
        if text == "比率", !previous.text.isEmpty, !previous.text.hasSuffix("率") { return "率" }
        if text == "名称", personEndings.contains(where: previous.text.hasSuffix) { return "姓名" }
        if text == "数量", let word = previous.words.last, actions.contains(word), let current, counts.contains(current) {
            return "次数"
        }
        return text
    }

    /// Words that count events; `qty` and `quantity` count goods (`return_qty` 退货数量).
    private static let counts: Set<String> = ["count", "cnt", "ct", "times", "num"]

    private static let personEndings = ["员", "人", "者", "生", "师", "司机", "医生", "护士", "会员", "员工", "患者",
                                        "学生", "教师", "乘客", "配偶", "监护人", "联系人"]

    /// The verbs of the glossary and other words that name an event rather than a thing.
    private static let actions: Set<String> = Set(ColumnGlossary.pairs(GlossaryTerms.verbs).map(\.0))
        .union(["retry", "click", "visit", "view", "share", "download", "call", "attempt", "use", "open", "search",
                "play", "vote", "alarm", "alert", "violation", "accident", "repair", "fault", "trip"])
        .subtracting(["review"])
}
