/// Where a word is read: the table's own words and the business context. A few words mean different things in
/// different businesses (`audit` is 盘点 in a stock table and 审核 elsewhere; `entry` is a toll road's 入口 and
/// elsewhere 录入), so the glossary's default yields to the sense the context calls for.
struct GlossaryContext {
    var tableWords: Set<String>
    var businessContext: String

    static let none = GlossaryContext(tableWords: [], businessContext: "")

    init(tableWords: Set<String>, businessContext: String) {
        self.tableWords = tableWords
        self.businessContext = businessContext
    }

    init(tableName: String, businessContext: String) {
        self.init(tableWords: Set(IdentifierWords.split(tableName)), businessContext: businessContext)
    }

    /// The sense of a single word in this context, when it differs from the glossary's.
    func sense(of word: String) -> String? {
        guard let senses = Self.senses[word] else { return nil }
        return senses.first { sense in
            !tableWords.isDisjoint(with: sense.tableCues) || sense.contextCues.contains(where: businessContext.contains)
        }?.chinese
    }

    private struct Sense {
        var chinese: String
        var tableCues: Set<String>
        var contextCues: [String]
    }

    private static let stockCues: Set<String> = ["stock", "stocks", "inventory", "warehouse", "warehouses", "store",
                                                 "stores", "shop", "shops", "depot", "outlet", "outlets", "stocktake"]
    /// Documents of a trade whose lines are goods: an order line is 订单明细, not a production line.
    private static let tradeDocumentCues: Set<String> = ["order", "orders", "invoice", "invoices", "receipt",
                                                         "receipts", "purchase", "purchases", "sale", "sales", "cart",
                                                         "carts", "basket", "quote", "quotes", "shipment", "shipments"]
    private static let goodsCues: Set<String> = ["sku", "skus", "product", "products", "goods", "inventory", "stock",
                                                 "warehouse", "shelf", "catalog"]
    private static let goodsContextCues = ["零售", "电商", "商城", "超市", "门店", "便利店"]
    private static let roadCues: Set<String> = ["toll", "highway", "expressway", "lane", "gate", "traffic", "road",
                                                "parking", "vehicle", "car"]

    private static let staffCues: Set<String> = ["employee", "employees", "staff", "emp", "hr", "personnel", "payroll"]
    private static let patientCues: Set<String> = ["patient", "patients", "hospital", "clinic", "outpatient",
                                                   "inpatient", "medical", "visits"]
    private static let schoolCues: Set<String> = ["student", "students", "course", "courses", "school", "class",
                                                  "classes", "enrollment", "enrollments", "exam", "exams", "teacher"]

    private static let hotelCues: Set<String> = ["hotel", "hotels", "room", "rooms", "guest", "guests", "booking",
                                                 "bookings", "reservation", "reservations", "stay", "stays"]
    private static let estateCues: Set<String> = ["listing", "listings", "house", "houses", "estate", "properties",
                                                  "property", "realty", "rental", "rentals", "lease", "leases"]
    private static let insuranceCues: Set<String> = ["policy", "policies", "claim", "claims", "insured", "premium",
                                                     "premiums", "insurance", "underwriting"]

    private static let senses: [String: [Sense]] = [
        "audit": [Sense(chinese: "盘点", tableCues: stockCues, contextCues: ["库存", "仓储", "门店"])],
        "entry": [Sense(chinese: "入口", tableCues: roadCues, contextCues: ["高速", "收费", "交通", "停车"])],
        "exit": [Sense(chinese: "离职", tableCues: staffCues, contextCues: ["人事", "人力"])],
        "service": [Sense(chinese: "服务区", tableCues: [], contextCues: ["服务区"])],
        "branch": [Sense(chinese: "档口", tableCues: [], contextCues: ["服务区"]),
                   Sense(chinese: "网点", tableCues: ["bank", "account", "loan"], contextCues: ["银行"])],
        "register": [Sense(chinese: "挂号", tableCues: patientCues, contextCues: ["医院", "医疗", "门诊"])],
        "position": [Sense(chinese: "职位", tableCues: staffCues, contextCues: ["人事", "人力"])],
        "visit": [Sense(chinese: "就诊", tableCues: patientCues, contextCues: ["医院", "医疗", "门诊"])],
        "exam": [Sense(chinese: "检查", tableCues: patientCues, contextCues: ["医院", "医疗", "门诊"])],
        "class": [Sense(chinese: "班级", tableCues: schoolCues, contextCues: ["学校", "教务", "教学"])],
        "credit": [Sense(chinese: "学分", tableCues: schoolCues, contextCues: ["学校", "教务", "教学"]),
                   Sense(chinese: "贷方", tableCues: ["gl", "journal", "ledger", "voucher", "entries"],
                         contextCues: ["会计", "财务"])],
        "job": [Sense(chinese: "岗位", tableCues: staffCues, contextCues: ["人事", "人力"])],
        "post": [Sense(chinese: "岗位", tableCues: staffCues, contextCues: ["人事", "人力"])],
        "grade": [Sense(chinese: "年级", tableCues: schoolCues, contextCues: ["学校", "教务"])],
        "parent": [Sense(chinese: "家长", tableCues: ["student", "students", "pupil", "pupils"], contextCues: ["学校"])],
        "resume": [Sense(chinese: "简历", tableCues: ["candidate", "candidates", "recruit", "recruitment", "applicant",
                                                       "applicants", "interview"], contextCues: ["招聘"])],
        "check_in": [Sense(chinese: "入住", tableCues: hotelCues, contextCues: ["酒店", "民宿", "住宿"])],
        "checkin": [Sense(chinese: "入住", tableCues: hotelCues, contextCues: ["酒店", "民宿", "住宿"])],
        "check_out": [Sense(chinese: "退房", tableCues: hotelCues, contextCues: ["酒店", "民宿", "住宿"])],
        "checkout": [Sense(chinese: "退房", tableCues: hotelCues, contextCues: ["酒店", "民宿", "住宿"])],
        "adr": [Sense(chinese: "平均房价", tableCues: hotelCues, contextCues: ["酒店", "民宿", "住宿"])],
        "property": [Sense(chinese: "房产", tableCues: estateCues, contextCues: ["房产", "房地产", "物业"])],
        "lot": [Sense(chinese: "地块", tableCues: estateCues, contextCues: ["房产", "房地产"])],
        "policy": [Sense(chinese: "保单", tableCues: insuranceCues, contextCues: ["保险"])],
        "loss": [Sense(chinese: "出险", tableCues: insuranceCues, contextCues: ["保险"])],
        "yield": [Sense(chinese: "良率", tableCues: ["factory", "production", "quality", "wafer", "line", "machine",
                                                   "machines", "work", "orders"], contextCues: ["生产", "制造"])],
        "qa": [Sense(chinese: "质检", tableCues: ["factory", "production", "inspection", "quality", "defect", "defects",
                                                  "batch", "lot"], contextCues: ["生产", "制造", "质量"])],
        "term": [Sense(chinese: "学期", tableCues: schoolCues, contextCues: ["学校", "教务", "教学"]),
                 Sense(chinese: "期限", tableCues: ["loan", "loans", "contract", "contracts", "deposit"],
                       contextCues: ["贷款", "金融"])],
        "line": [Sense(chinese: "线路", tableCues: ["bus", "metro", "route", "routes", "transit"],
                       contextCues: ["公交", "地铁"]),
                 Sense(chinese: "明细", tableCues: tradeDocumentCues, contextCues: [])],
        // An item of an order, a cart or a shelf is a 商品; elsewhere (a project plan, a checklist) it stays 项目.
        "item": [Sense(chinese: "商品", tableCues: tradeDocumentCues.union(goodsCues), contextCues: goodsContextCues)],
        "items": [Sense(chinese: "商品", tableCues: tradeDocumentCues.union(goodsCues), contextCues: goodsContextCues)],
    ]
}
