extension GlossaryTerms {
    /// Hotels, telecom, utilities, real estate, insurance, public services and agriculture.
    static let moreDomains = """
    # hotels and travel
    hotel 酒店
    guest 客人
    guests 客人数
    nights 入住晚数
    room_rate 房价
    revpar 每间可售房收入
    breakfast 早餐
    included 含
    housekeeping 客房清洁
    amenity 设施
    amenities 设施
    hourly_rate 时薪
    base_rate 基础费率
    # telecom
    msisdn 手机号码
    imsi 用户识别码
    imei 设备识别码
    cell_id 小区标识
    base_station 基站
    signal_strength 信号强度
    strength 强度
    roaming 漫游
    tariff 资费
    bandwidth 带宽
    broadband 宽带
    caller 主叫号码
    callee 被叫号码
    # utilities and energy
    kwh 电量
    valley 低谷
    flat_period 平段
    substation 变电站
    outage 停电
    feeder 馈线
    transformer 变压器
    electricity 电力
    water 水
    heating 供暖
    solar 光伏
    generation 发电量
    # real estate
    estate 房地产
    listing 挂牌
    listing_price 挂牌价
    bedrooms 卧室数
    bathrooms 卫生间数
    year_built 建成年份
    hoa_fee 物业费
    property_fee 物业费
    down_payment 首付
    mortgage_rate 房贷利率
    appraisal_value 评估价值
    tenant_name 租户名称
    rent_amount 租金
    landlord 房东
    # insurance
    policy_holder 投保人
    policyholder 投保人
    sum_insured 保额
    beneficiary 受益人
    adjuster 理算员
    payout 赔付
    underwriting 核保
    underwriter 核保人
    # public services
    citizen 居民
    resident 居民
    household 户
    household_no 户号
    application_no 申请编号
    application_status 申请状态
    permit 许可证
    issue_date 签发日期
    authority 机关
    issuing_authority 发证机关
    case 案件
    petition 信访
    complainant 投诉人
    # agriculture
    farm 农场
    farmer 农户
    crop 作物
    planting 种植
    plant_date 种植日期
    harvest 收获
    harvested 收获
    fertilizer 化肥
    pesticide 农药
    irrigation 灌溉
    livestock 牲畜
    feed 饲料
    acreage 种植面积
    """
}
