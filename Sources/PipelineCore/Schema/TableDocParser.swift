import Foundation

/// Reads a `<base>_detail.md` file (FORMATS.md §2). Nothing in it is required: lines it does not recognise are
/// passed over, so a document edited by hand still gives what it can.
///
/// Values are read as displayed: samples split on `, ` and enum values on `、`, so a value that itself contains
/// the separator comes back as two; long values are the 50-character cuts the document shows.
enum TableDocParser {
    /// `columnNames` (the DDL's) are tried first as the name of a `字段列表` line, so that a name containing ` (`
    /// is still recognised; other lines take the name up to the first ` (`.
    static func parse(_ text: String, columnNames: [String] = []) -> TableDoc {
        var doc = TableDoc()
        let candidates = columnNames.map(CommentText.singleLine).sorted { $0.count > $1.count }
        var section = Section.head
        for rawLine in DDLFileParser.normalizedLines(text) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if isSectionTitle(line, "字段列表") {
                section = .columns
            } else if isSectionTitle(line, "字段补充说明") {
                section = .notes
            } else if isSectionTitle(line, SemanticNotes.sectionTitle) {
                // Derived from semantic_model.json, which is what a user edits: nothing here is read back.
                section = .semantic
            } else if section == .semantic {
                continue
            } else if section == .head, line.hasPrefix("#") {
                if doc.heading == nil { doc.heading = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces) }
            } else if let item = listItem(line) {
                if section == .notes {
                    readNote(item, into: &doc)
                } else {
                    section = .columns
                    doc.columns.append(column(item, candidates: candidates))
                }
            } else if section == .head, doc.heading != nil, doc.tableLine == nil {
                doc.tableLine = line
            }
        }
        return doc
    }

    private enum Section { case head, columns, notes, semantic }

    private static func isSectionTitle(_ line: String, _ title: String) -> Bool {
        line == title + "：" || line == title + ":" || line == title
    }

    /// The text of a `- ` or `* ` list line.
    private static func listItem(_ line: String) -> String? {
        guard line.hasPrefix("- ") || line.hasPrefix("* ") else { return nil }
        return line.dropFirst(2).trimmingCharacters(in: .whitespaces)
    }

    /// `name (type) - comment [主键, 外键, 非空] [示例: a, b]`; every part after the name is optional.
    static func column(_ item: String, candidates: [String]) -> TableDoc.Column {
        let name: String
        var rest: Substring
        if let known = candidates.first(where: { item.hasPrefix($0 + " (") }) {
            name = known
            rest = item.dropFirst(known.count + 1)
        } else if let open = item.range(of: " (") {
            name = String(item[..<open.lowerBound])
            rest = item[item.index(after: open.lowerBound)...]
        } else {
            let end = [" - ", " ["].compactMap { item.range(of: $0)?.lowerBound }.min() ?? item.endIndex
            name = String(item[..<end])
            rest = item[end...]
        }
        var column = TableDoc.Column(name: name.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("("), let close = matchingParenthesis(in: rest) {
            column.dataType = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
        }
        var tail = rest.trimmingCharacters(in: .whitespaces)
        if let samples = trailingGroup(of: &tail, opening: ["[示例:", "[示例："]) {
            column.samples = samples.components(separatedBy: ", ")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var flagTail = tail
        if let content = trailingGroup(of: &flagTail, opening: ["["]), let flags = flagList(content) {
            column.flags = flags
            tail = flagTail
        }
        for separator in ["- ", "-", "：", ":"] where tail.hasPrefix(separator) {
            tail = String(tail.dropFirst(separator.count))
            break
        }
        column.comment = CommentText.clean(tail)
        return column
    }

    /// Removes and returns the content of a trailing `[…]` group that starts with one of `opening` (after a space
    /// or at the start); the last such opening is taken, so brackets inside a comment before it do not matter.
    private static func trailingGroup(of text: inout String, opening: [String]) -> String? {
        guard text.hasSuffix("]") else { return nil }
        for opener in opening {
            guard let open = text.range(of: opener, options: .backwards),
                  open.lowerBound == text.startIndex || text[text.index(before: open.lowerBound)] == " " else { continue }
            let content = String(text[open.upperBound..<text.index(before: text.endIndex)])
            text = String(text[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
            return content.trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    private static func flagList(_ content: String) -> [String]? {
        let flags = content.split(whereSeparator: { $0 == "," || $0 == "，" }).map { $0.trimmingCharacters(in: .whitespaces) }
        return !flags.isEmpty && flags.allSatisfy(["主键", "外键", "非空"].contains) ? flags : nil
    }

    /// The index of the `)` closing the `(` that starts `text` (nesting counted, double quotes respected).
    private static func matchingParenthesis(in text: Substring) -> Substring.Index? {
        var depth = 0
        var quoted = false
        for index in text.indices {
            switch text[index] {
            case "\"": quoted.toggle()
            case "(" where !quoted: depth += 1
            case ")" where !quoted:
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    /// One line of `字段补充说明：`.
    static func readNote(_ item: String, into doc: inout TableDoc) {
        for prefix in ["复合主键：", "复合主键:"] where item.hasPrefix(prefix) {
            doc.primaryKey = names(item.dropFirst(prefix.count))
            return
        }
        if item.hasSuffix(" 为主键") {
            doc.primaryKey = [String(item.dropLast(4)).trimmingCharacters(in: .whitespaces)]
        } else if let marker = item.range(of: " 为枚举字段") {
            let values = item[marker.upperBound...].drop(while: { $0 != "：" && $0 != ":" }).dropFirst()
            let name = String(item[..<marker.lowerBound]).trimmingCharacters(in: .whitespaces)
            doc.enumValues[name] = values.split(separator: "、").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        } else if let marker = item.range(of: " 关联 ") {
            let columns = names(item[..<marker.lowerBound])
            if !columns.isEmpty, let (target, targetColumns) = foreignKeyTarget(item[marker.upperBound...]) {
                doc.foreignKeys.append(ForeignKeyReference(columns: columns, target: target, targetColumns: targetColumns))
            }
        } else if item.hasSuffix(" 存储JSON格式数据") {
            doc.jsonColumns.insert(String(item.dropLast(" 存储JSON格式数据".count)).trimmingCharacters(in: .whitespaces))
        } else if item.hasSuffix(" 使用 UUID 编码") {
            doc.uuidColumns.insert(String(item.dropLast(" 使用 UUID 编码".count)).trimmingCharacters(in: .whitespaces))
        }
    }

    /// `t.id`, `schema.t.id`, `t(x, y)`, `schema.t(x, y)`, or a bare table. The column is after the *last* dot (a
    /// table name may contain dots, prose does not quote it); the schema is before the first dot of what remains.
    /// A part written in double quotes by hand is read as SQL.
    static func foreignKeyTarget(_ text: Substring) -> (TableReference, [String])? {
        var table = text.trimmingCharacters(in: .whitespaces)
        var columns: [String] = []
        if table.hasSuffix(")"), let open = table.range(of: "(", options: .backwards) {
            columns = names(table[open.upperBound..<table.index(before: table.endIndex)])
            table = String(table[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
        } else if table.hasSuffix("\""), let open = table.dropLast().range(of: ".\"", options: .backwards) {
            columns = [TableName.unquote(String(table[table.index(after: open.lowerBound)...]))]
            table = String(table[..<open.lowerBound])
        } else if let dot = table.range(of: ".", options: .backwards) {
            columns = [String(table[dot.upperBound...])]
            table = String(table[..<dot.lowerBound])
        }
        guard !table.isEmpty else { return nil }
        if table.contains("\""), let name = TableName(table) {
            return (TableReference(schema: name.schema, name: name.table), columns)
        }
        guard let dot = table.firstIndex(of: ".") else { return (TableReference(schema: "public", name: table), columns) }
        return (TableReference(schema: String(table[..<dot]), name: String(table[table.index(after: dot)...])), columns)
    }

    /// `a, b` → `["a", "b"]` (a name written in double quotes is unquoted).
    private static func names(_ text: Substring) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == "，" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { $0.hasPrefix("\"") && $0.hasSuffix("\"") && $0.count > 1 ? TableName.unquote($0) : $0 }
    }
}
