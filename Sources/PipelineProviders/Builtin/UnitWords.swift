/// Units written into column names (`floor_sqft`, `weight_kg`, `duration_ms`, `discount_pct`): the comment names the
/// quantity and puts the unit in full-width brackets, `面积（平方英尺）`.
enum UnitWords {
    /// What a unit measures: the nouns that already say it, the noun added when the words before do not, and the
    /// glossary word that may combine with them into one phrase (`floor` + `area` → `floor_area` 面积).
    enum Quantity {
        case amount, area, weight, distance, length, volume, duration, energy, power, speed, temperature, rate, pieces,
             dataSize

        var nouns: [String] {
            switch self {
            case .amount: return ["金额", "价", "费", "额", "款", "成本", "收入", "营收", "利润", "工资", "薪资", "余额",
                                  "税", "金", "资"]
            case .area: return ["面积"]
            case .weight: return ["重量", "重", "载重", "剂量", "用量", "容量", "产量"]
            case .distance: return ["距离", "里程", "路程", "长度"]
            case .length: return ["长度", "宽度", "高度", "深度", "厚度", "直径", "尺寸", "距离"]
            case .volume: return ["体积", "容量", "容积", "用量", "量"]
            case .duration: return ["时长", "时间", "耗时", "工时", "期", "延迟", "间隔", "超时"]
            case .energy: return ["电量", "能耗"]
            case .power: return ["功率"]
            case .speed: return ["速度", "车速", "时速", "转速"]
            case .temperature: return ["温度", "体温"]
            case .rate: return ["率", "比例", "比率", "占比", "百分比"]
            case .pieces: return ["数量", "数", "量"]
            case .dataSize: return ["用量", "流量", "大小", "容量", "带宽"]
            }
        }

        var defaultNoun: String {
            switch self {
            case .amount: return "金额"
            case .area: return "面积"
            case .weight: return "重量"
            case .distance: return "距离"
            case .length: return "长度"
            case .volume: return "体积"
            case .duration: return "时长"
            case .energy: return "电量"
            case .power: return "功率"
            case .speed: return "速度"
            case .temperature: return "温度"
            case .rate: return "比例"
            case .pieces: return "数量"
            case .dataSize: return "数据量"
            }
        }

        var glossaryWord: String {
            switch self {
            case .amount: return "amount"
            case .area: return "area"
            case .weight: return "weight"
            case .distance: return "distance"
            case .length: return "length"
            case .volume: return "volume"
            case .duration: return "duration"
            case .energy: return "energy"
            case .power: return "power"
            case .speed: return "speed"
            case .temperature: return "temperature"
            case .rate: return "rate"
            case .pieces: return "qty"
            case .dataSize: return "size"
            }
        }
    }

    struct Unit {
        var chinese: String
        var quantity: Quantity
        /// How many identifier words it takes (`sq_ft` is two).
        var wordCount: Int
    }

    /// The unit at the end of the words, if any. Words that mean something else alone (`ms` is also pinyin for 描述,
    /// `min` is minimum) count as units only after another word.
    static func trailingUnit(in words: [String]) -> Unit? {
        for count in [2, 1] where words.count >= count {
            let key = words.suffix(count).joined(separator: "_")
            guard let (chinese, quantity) = units[key] else { continue }
            if suffixOnly.contains(key), words.count == count { return nil }
            // A glossary phrase that ends in the unit's word means something else (`credit_hours` 学分).
            if words.count > count, ColumnGlossary.knows(words.suffix(count + 1).joined(separator: "_")) { return nil }
            return Unit(chinese: chinese, quantity: quantity, wordCount: count)
        }
        return nil
    }

    /// `min` after a duration is minutes (`downtime_min`); anywhere else it is the minimum.
    static func minutes(after words: [String], context: GlossaryContext) -> Unit? {
        guard words.count > 1, words.last == "min" else { return nil }
        let before = GlossaryPhrase(words: Array(words.dropLast()), context: context).text
        guard Quantity.duration.nouns.contains(where: before.hasSuffix) else { return nil }
        return Unit(chinese: "分钟", quantity: .duration, wordCount: 1)
    }

    private static let suffixOnly: Set<String> = ["ms", "mm", "ft", "hr", "sec", "cent", "wan", "gal", "m_2", "m_3",
                                                  "ton", "mins", "kw", "mg", "ug", "kb", "mb", "gb", "tb", "cm", "ml", "usd", "eur", "hkd", "fen"]

    private static let units: [String: (String, Quantity)] = [
        "sqft": ("平方英尺", .area), "sq_ft": ("平方英尺", .area), "sqm": ("平方米", .area), "sq_m": ("平方米", .area),
        "m_2": ("平方米", .area), "sqkm": ("平方公里", .area), "mu": ("亩", .area), "hectare": ("公顷", .area),
        "hectares": ("公顷", .area),
        "kg": ("千克", .weight), "kgs": ("千克", .weight), "kilogram": ("千克", .weight), "kilograms": ("千克", .weight),
        "gram": ("克", .weight), "grams": ("克", .weight), "lb": ("磅", .weight), "lbs": ("磅", .weight),
        "ton": ("吨", .weight), "tons": ("吨", .weight), "tonne": ("吨", .weight), "tonnes": ("吨", .weight),
        "km": ("公里", .distance), "kms": ("公里", .distance), "kilometer": ("公里", .distance),
        "kilometers": ("公里", .distance), "kilometre": ("公里", .distance), "kilometres": ("公里", .distance),
        "mile": ("英里", .distance), "miles": ("英里", .distance),
        "meter": ("米", .length), "meters": ("米", .length), "metre": ("米", .length), "metres": ("米", .length),
        "cm": ("厘米", .length), "mm": ("毫米", .length), "inch": ("英寸", .length), "inches": ("英寸", .length),
        "ft": ("英尺", .length), "feet": ("英尺", .length),
        "ml": ("毫升", .volume), "liter": ("升", .volume), "liters": ("升", .volume), "litre": ("升", .volume),
        "litres": ("升", .volume), "ltr": ("升", .volume), "gal": ("加仑", .volume), "gallon": ("加仑", .volume),
        "gallons": ("加仑", .volume), "cbm": ("立方米", .volume), "m_3": ("立方米", .volume),
        "yuan": ("元", .amount), "cny": ("元", .amount), "usd": ("美元", .amount), "eur": ("欧元", .amount),
        "hkd": ("港元", .amount), "cent": ("分", .amount), "cents": ("分", .amount), "fen": ("分", .amount),
        "wan": ("万元", .amount),
        "pct": ("%", .rate), "percent": ("%", .rate), "percentage": ("%", .rate), "perc": ("%", .rate),
        "bps": ("基点", .rate),
        "hrs": ("小时", .duration), "hr": ("小时", .duration), "hours": ("小时", .duration), "mins": ("分钟", .duration),
        "minutes": ("分钟", .duration), "secs": ("秒", .duration), "sec": ("秒", .duration),
        "seconds": ("秒", .duration), "ms": ("毫秒", .duration), "msec": ("毫秒", .duration),
        "millis": ("毫秒", .duration),
        "kwh": ("千瓦时", .energy), "kw": ("千瓦", .power), "mph": ("英里/小时", .speed), "kmh": ("公里/小时", .speed),
        "kph": ("公里/小时", .speed), "celsius": ("摄氏度", .temperature), "degc": ("摄氏度", .temperature),
        "pcs": ("件", .pieces), "mg": ("毫克", .weight), "rpm": ("转/分钟", .speed), "kb": ("KB", .dataSize), "mb": ("MB", .dataSize),
        "gb": ("GB", .dataSize), "tb": ("TB", .dataSize), "bytes": ("字节", .dataSize), "ug": ("微克", .weight),
    ]
}
