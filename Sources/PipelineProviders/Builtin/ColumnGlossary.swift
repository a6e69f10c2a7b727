/// Chinese words for the English words, abbreviations and pinyin initials common in Chinese business databases.
///
/// Keys are lower-case words joined by `_`; a key of several words (`service_area`, `create_ts`) wins over its
/// parts. Kept as text, one `key 中文` pair a line, so it is easy to extend and cheap to compile (the file is long
/// because it is a word list).
enum ColumnGlossary {
    /// Phrases of up to this many words are looked up.
    static let maxPhraseWords = 3

    static func chinese(for key: String) -> String? { entries[key] }

    /// Payment channels: a numeric column named after one alone holds that channel's amount (`wx` → 微信金额).
    static let paymentChannels: Set<String> = ["wx", "wechat", "zfb", "zf", "alipay", "rmb", "cash", "xs", "jd",
                                               "yhk", "unionpay", "ylsw"]

    static let entries: [String: String] = parse(glossaryText)

    /// Keys listed more than once (a mistake in the text; the first one wins).
    static var duplicateKeys: [String] {
        var seen = Set<String>()
        return pairs(glossaryText).map(\.0).filter { !seen.insert($0).inserted }
    }

    private static func parse(_ text: String) -> [String: String] {
        Dictionary(pairs(text), uniquingKeysWith: { first, _ in first })
    }

    private static func pairs(_ text: String) -> [(String, String)] {
        text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, !line.hasPrefix("#") else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
    }

    private static let glossaryText = """
    # identity, names, codes
    id 唯一标识
    uuid UUID
    guid GUID
    key 键
    name 名称
    title 标题
    alias 别名
    short_name 简称
    full_name 全称
    nick_name 昵称
    nickname 昵称
    real_name 真实姓名
    user_name 用户名
    username 用户名
    no 编号
    number 编号
    num 数量
    code 编码
    serial 序列号
    seq 序号
    sn 序列号
    idx 索引
    index 索引
    sort 排序
    sort_order 排序
    rank 排名
    # kinds and states
    type 类型
    kind 种类
    category 类别
    cate 类别
    class 类别
    level 级别
    grade 等级
    status 状态
    status_code 状态码
    state 状态
    flag 标志
    mode 模式
    tag 标签
    label 标签
    group 分组
    role 角色
    source 来源
    src 来源
    target 目标
    direction 方向
    nature 性质
    # audit columns
    create 创建
    created 创建
    update 更新
    updated 更新
    modify 修改
    modified 修改
    delete 删除
    deleted 删除
    del 删除
    ts 时间
    create_ts 创建时间
    create_time 创建时间
    created_time 创建时间
    created_at 创建时间
    created_on 创建时间
    create_date 创建日期
    gmt_create 创建时间
    insert_time 插入时间
    update_ts 更新时间
    update_time 更新时间
    updated_time 更新时间
    updated_at 更新时间
    updated_on 更新时间
    modify_time 修改时间
    modified_at 修改时间
    gmt_modified 修改时间
    delete_ts 删除时间
    delete_time 删除时间
    deleted_at 删除时间
    created_by 创建人
    create_by 创建人
    create_user 创建人
    creator 创建人
    updated_by 更新人
    update_by 更新人
    update_user 更新人
    modified_by 修改人
    modify_by 修改人
    deleted_by 删除人
    delete_by 删除人
    version 版本号
    ver 版本
    # money and quantities
    amount 金额
    amt 金额
    money 金额
    fee 费用
    cost 成本
    price 单价
    unit_price 单价
    qty 数量
    quantity 数量
    count 数量
    cnt 数量
    total 总计
    sum 合计
    avg 平均
    max 最大
    min 最小
    rate 比率
    ratio 比例
    percent 百分比
    pct 百分比
    discount 折扣
    tax 税额
    balance 余额
    income 收入
    revenue 营收
    profit 利润
    budget 预算
    actual 实际
    plan 计划
    score 评分
    rating 评分
    point 积分
    coupon 优惠券
    invoice 发票
    refund 退款
    # dates and times
    date 日期
    count_date 统计日期
    stat_date 统计日期
    time 时间
    datetime 时间
    timestamp 时间戳
    day 日
    daily 每日
    week 周
    month 月
    monthly 月度
    year 年
    yearly 年度
    hour 小时
    minute 分钟
    second 秒
    start 开始
    begin 开始
    end 结束
    finish 完成
    duration 时长
    period 周期
    oper_date 营业日期
    biz_date 业务日期
    expire 过期
    expired 过期
    deadline 截止时间
    birthday 生日
    birth 出生
    last 最后
    first 首次
    # highway service areas
    service 服务区
    service_area 服务区
    area 区域
    region 区域
    company 公司
    branch 档口
    section 路段
    route 路线
    road 道路
    highway 高速公路
    station 站点
    car 车辆
    vehicle 车辆
    plate 车牌
    toll 收费
    entry 入口
    exit 出口
    flow 流量
    traffic 车流
    parking 停车
    charging 充电
    fuel 加油
    oil 油品
    mileage 里程
    distance 距离
    speed 速度
    # business
    business 经营
    biz 业务
    order 订单
    pay 支付
    payment 支付
    paid 已支付
    trade 交易
    transaction 交易
    txn 交易
    bill 账单
    settle 结算
    settlement 结算
    cash 现金
    card 卡
    bank 银行
    bank_card 银行卡
    wechat 微信
    alipay 支付宝
    unionpay 银联
    channel 渠道
    platform 平台
    account 账户
    customer 客户
    member 会员
    merchant 商户
    supplier 供应商
    shop 门店
    store 门店
    product 商品
    goods 商品
    item 项目
    sku SKU
    brand 品牌
    sale 销售
    sales 销售
    purchase 采购
    stock 库存
    inventory 库存
    warehouse 仓库
    delivery 配送
    contract 合同
    project 项目
    review 评价
    evaluation 评价
    # people and organisations
    user 用户
    dept 部门
    department 部门
    org 组织
    organization 组织
    employee 员工
    staff 员工
    manager 负责人
    owner 负责人
    admin 管理员
    operator 操作员
    contact 联系人
    person 人员
    tenant 租户
    gender 性别
    sex 性别
    age 年龄
    phone 电话
    phone_no 手机号
    phone_number 手机号
    mobile 手机
    mobile_no 手机号
    tel 电话
    email 邮箱
    mail 邮箱
    id_card 身份证号
    password 密码
    # places
    address 地址
    addr 地址
    lat 纬度
    latitude 纬度
    lng 经度
    lon 经度
    longitude 经度
    position 位置
    location 位置
    province 省份
    city 城市
    district 区县
    county 县
    street 街道
    country 国家
    zip 邮编
    zip_code 邮编
    postcode 邮编
    post_code 邮编
    ip IP地址
    # text and data
    desc 描述
    description 描述
    remark 备注
    remarks 备注
    memo 备注
    note 备注
    comment 备注
    content 内容
    text 文本
    message 消息
    msg 消息
    summary 摘要
    reason 原因
    result 结果
    error 错误
    url 链接
    link 链接
    image 图片
    img 图片
    pic 图片
    icon 图标
    file 文件
    path 路径
    size 大小
    value 值
    val 值
    data 数据
    info 信息
    detail 明细
    log 日志
    record 记录
    history 历史
    stat 统计
    stats 统计
    statistics 统计
    report 报表
    config 配置
    param 参数
    setting 设置
    extra 扩展
    ext 扩展
    attr 属性
    attribute 属性
    property 属性
    parent 父级
    json JSON
    rel 关联
    relation 关联
    map 映射
    mapping 映射
    dict 字典
    task 任务
    sys 系统
    system 系统
    job 作业
    step 步骤
    # yes/no words
    enabled 启用
    enable 启用
    disabled 禁用
    active 有效
    valid 有效
    visible 可见
    default 默认
    online 在线
    open 营业
    login 登录
    audit 审核
    approve 审批
    confirm 确认
    cancel 取消
    complete 完成
    success 成功
    fail 失败
    failed 失败
    # measures
    unit 单位
    weight 重量
    height 高度
    width 宽度
    length 长度
    capacity 容量
    # pinyin abbreviations
    wx 微信
    zfb 支付宝
    zf 支付宝
    rmb 现金
    xs 行吧
    jd 金豆
    yhk 银行卡
    ylsw 银联刷卡
    sfz 身份证
    sfzh 身份证号
    sfzhm 身份证号码
    xm 姓名
    xb 性别
    nl 年龄
    csrq 出生日期
    mz 民族
    dz 地址
    dh 电话
    lxdh 联系电话
    lxr 联系人
    sjh 手机号
    sj 时间
    rq 日期
    je 金额
    sl 数量
    bz 备注
    zt 状态
    lx 类型
    mc 名称
    bm 编码
    bh 编号
    dm 代码
    hm 号码
    dw 单位
    jg 价格
    dj 单价
    zje 总金额
    zfje 支付金额
    zffs 支付方式
    fs 方式
    ly 来源
    ms 描述
    sm 说明
    px 排序
    xh 序号
    jb 级别
    yh 用户
    yhm 用户名
    mm 密码
    dd 订单
    ddh 订单号
    sp 商品
    spmc 商品名称
    cjsj 创建时间
    gxsj 更新时间
    xgsj 修改时间
    kssj 开始时间
    jssj 结束时间
    ksrq 开始日期
    jsrq 结束日期
    zcsj 注册时间
    sfyx 是否有效
    sfsc 是否删除
    """
}
