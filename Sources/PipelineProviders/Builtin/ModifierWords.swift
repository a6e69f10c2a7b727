/// Words that qualify a noun (`avail`, `max`, `on_hand`, `last`): Chinese puts them in front of it, English
/// column names often put them last (`stock_qty_avail` 可用库存数量, `qty_on_hand` 现有数量, `speed_max` 最大速度).
enum ModifierWords {
    struct Forms {
        /// In front of a noun: `total_amount` 总金额.
        var leading: String
        /// Alone: `total` 总计.
        var alone: String
        /// Whether a trailing use moves in front (`sales_actual` 实际销售); `order_total` stays 订单总计.
        var movesForward: Bool
    }

    static func forms(_ key: String) -> Forms? { table[key] }

    /// `key 前置形式 单独形式 [stay]`, one modifier a line.
    private static let table: [String: Forms] = Dictionary(
        text.split(separator: "\n").compactMap { line -> (String, Forms)? in
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count >= 3 else { return nil }
            return (parts[0], Forms(leading: parts[1], alone: parts[2], movesForward: parts.count == 3))
        }, uniquingKeysWith: { first, _ in first })

    private static let text = """
    avail 可用 可用
    available 可用 可用
    on_hand 现有 现有
    remaining 剩余 剩余
    remain 剩余 剩余
    left 剩余 剩余
    used 已用 已用
    actual 实际 实际
    act 实际 实际
    planned 计划 计划
    est 预计 预计
    estimated 预计 预计
    expected 预期 预期
    avg 平均 平均值
    average 平均 平均值
    mean 平均 平均值
    max 最大 最大值
    maximum 最大 最大值
    min 最小 最小值
    minimum 最小 最小值
    highest 最高 最高值
    lowest 最低 最低值
    net 净 净额
    gross 毛 毛额
    new 新 新增
    old 旧 旧
    prev 上一 上一
    previous 上一 上一
    last 最近 最近
    latest 最新 最新
    next 下次 下次
    first 首次 首次
    cur 当前 当前
    current 当前 当前
    orig 原 原始
    original 原 原始
    init 初始 初始
    initial 初始 初始
    final 最终 最终
    cum 累计 累计
    cumulative 累计 累计
    accum 累计 累计
    accumulated 累计 累计
    ytd 本年累计 本年累计
    mtd 本月累计 本月累计
    pending 待处理 待处理
    paid 已付 已支付
    received 已收 已收
    due 应付 应付
    outstanding 未结 未结
    unpaid 未付 未付
    overdue 逾期 逾期
    invoiced 已开票 已开票
    billed 已计费 已计费
    earned 获得 获得
    redeemed 已兑换 已兑换
    reserved 预留 预留
    allocated 已分配 已分配
    in_transit 在途 在途
    included 含 含
    std 标准 标准
    standard 标准 标准
    total 总 总计 stay
    tot 总 总计 stay
    ttl 总 总计 stay
    """
}
