/// What one business database's documentation says its tables and columns are called, for search (issue 14): read
/// back from the table documents training_load stores (`## t（中文名）`, `- col (type) - 标签`, and the 语义说明 lines
/// `SemanticNotes` writes: `- 度量 col（标签）：…，同义词 a、b`, `- 字段角色：col 度量；…`).
///
/// A pair's SQL names tables and columns; `terms(forSQL:)` turns them into the words a manager uses — the table's
/// Chinese name, each business column's label and its synonyms — so a question in business words meets a pair whose
/// own question happens to use other ones. Identifier, foreign-key, audit and sensitive columns give no words (they
/// are how a query joins, not what it is about). Pure and deterministic; nothing here knows a particular database.
public struct SearchGlossary: Sendable {
    struct Table: Sendable {
        var name = ""
        var words: [String] = []
        /// Lower-cased column name → its words, label first.
        var columns: [String: [String]] = [:]
        var hidden: Set<String> = []
    }

    /// Lower-cased table name → entry.
    private(set) var tables: [String: Table] = [:]

    public init() {}

    public var isEmpty: Bool { tables.isEmpty }

    /// Roles (as 字段角色 writes them) whose columns say nothing a manager asks about.
    static let silentRoles: Set<String> = ["标识", "外键", "审计", "敏感"]

    /// Adds what one documentation text says; texts that are not table documents add nothing.
    public mutating func read(documentation text: String) {
        var table: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("## ") {
                table = readHeader(line.dropFirst(3))
                continue
            }
            guard let name = table, line.hasPrefix("- ") else { continue }
            let body = line.dropFirst(2)
            if body.hasPrefix("字段角色：") {
                readRoles(body.dropFirst("字段角色：".count), table: name)
            } else if let kind = ["度量 ", "维度 ", "时间 "].first(where: body.hasPrefix) {
                readSemanticLine(body.dropFirst(kind.count), table: name)
            } else {
                readFieldLine(body, table: name)
            }
        }
    }

    /// `t（中文名）` → registers `t` and its Chinese name; returns the key.
    private mutating func readHeader(_ header: Substring) -> String? {
        guard let open = header.firstIndex(of: "（"), let close = header.lastIndex(of: "）"), open < close else { return nil }
        let name = header[..<open].trimmingCharacters(in: .whitespaces)
        guard Self.isIdentifier(name) else { return nil }
        let key = Self.lastPart(name.lowercased())
        var entry = tables[key] ?? Table()
        entry.name = key
        let chinese = Self.businessName(String(header[header.index(after: open)..<close]), keepAfterNote: true)
        if !chinese.isEmpty, !entry.words.contains(chinese) { entry.words.append(chinese) }
        tables[key] = entry
        return key
    }

    /// `id 标识；oper_date 时间；…`
    private mutating func readRoles(_ text: Substring, table: String) {
        for part in text.split(separator: "；") {
            let pieces = part.split(separator: " ")
            guard pieces.count == 2, Self.silentRoles.contains(String(pieces[1])) else { continue }
            let column = pieces[0].lowercased()
            tables[table]?.hidden.insert(column)
            tables[table]?.columns[column] = nil
        }
    }

    /// `pay_sum（当日支付总金额）：可累加，…，同义词 营收、营业额`
    private mutating func readSemanticLine(_ text: Substring, table: String) {
        let head = text.prefix { $0 != "：" }
        guard let open = head.firstIndex(of: "（"), let close = head.lastIndex(of: "）"), open < close else { return }
        var words = [Self.businessName(String(head[head.index(after: open)..<close]))]
        if let marker = text.range(of: "同义词 ") {
            let tail = text[marker.upperBound...].prefix { $0 != "，" && $0 != "；" }
            words += tail.split(separator: "、").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        add(column: String(head[..<open]), words: words, table: table)
    }

    /// `sales_amount (numeric(12,2)) - 销售金额(元,折后实收) [非空] [示例: …]`
    private mutating func readFieldLine(_ text: Substring, table: String) {
        guard let space = text.firstIndex(of: " "), let dash = text.range(of: " - ") else { return }
        let column = String(text[..<space])
        guard Self.isIdentifier(column) else { return }
        let label = text[dash.upperBound...].prefix { $0 != "[" }
        add(column: column, words: [Self.businessName(String(label))], table: table)
    }

    private mutating func add(column: String, words: [String], table: String) {
        let key = column.lowercased()
        guard Self.isIdentifier(column), tables[table]?.hidden.contains(key) == false else { return }
        var known = tables[table]?.columns[key] ?? []
        for word in words where !word.isEmpty && !known.contains(word) && word.unicodeScalars.contains(where: LexicalTokenizer.isHan) {
            known.append(word)
        }
        tables[table]?.columns[key] = known
    }

    /// The business words of the tables and columns `sql` names: for each table it reads (by name, with or without
    /// schema), its Chinese name and the words of its columns the SQL mentions, in table-name order then SQL order.
    public func terms(forSQL sql: String) -> [String] {
        guard !tables.isEmpty else { return [] }
        var identifiers: [String] = [], seen = Set<String>()
        for identifier in Self.identifiers(in: sql) where seen.insert(identifier).inserted { identifiers.append(identifier) }
        let read = identifiers.filter { tables[$0] != nil }.sorted()
        var result: [String] = [], added = Set<String>()
        for name in read {
            guard let table = tables[name] else { continue }
            for word in table.words where added.insert(word).inserted { result.append(word) }
            for identifier in identifiers {
                for word in table.columns[identifier] ?? [] where added.insert(word).inserted { result.append(word) }
            }
        }
        return result
    }

    /// Every label and synonym (for the tokenizer's vocabulary).
    public var words: [String] {
        tables.keys.sorted().flatMap { key -> [String] in
            let table = tables[key]!
            return table.words + table.columns.keys.sorted().flatMap { table.columns[$0]! }
        }
    }

    /// Lower-cased ASCII identifiers of `text`, split at dots (`public.orders` → `public`, `orders`).
    static func identifiers(in text: String) -> [String] {
        var result: [String] = [], current = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                result.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { result.append(current.lowercased()) }
        return result
    }

    /// A label as a manager says it: without a bracketed note (`销售金额(元,折后实收)` → `销售金额`; a table name keeps
    /// what follows the note: `日汇总(一级品类)销售` → `日汇总销售`) and without the system's name a generated
    /// description starts with (`某某管理系统中的订单信息表` → `订单信息表`).
    static func businessName(_ label: String, keepAfterNote: Bool = false) -> String {
        var text = label.trimmingCharacters(in: .whitespaces)
        while let open = text.firstIndex(where: { $0 == "(" || $0 == "（" }), open != text.startIndex {
            let close = text[open...].firstIndex(where: { $0 == ")" || $0 == "）" })
            guard keepAfterNote, let close else {
                text = String(text[..<open])
                break
            }
            text = String(text[..<open]) + String(text[text.index(after: close)...])
        }
        if let range = text.range(of: "中的", options: .backwards), range.upperBound != text.endIndex {
            text = String(text[range.upperBound...])
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == ".")
        }
    }

    static func lastPart(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }
}
