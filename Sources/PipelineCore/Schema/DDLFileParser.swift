import Foundation

/// Reads a `<base>.ddl` file (FORMATS.md §1) as the formatter writes it and as a person may have edited it.
///
/// Lenient about what does not change the meaning: keyword case, whitespace and blank lines, `\r\n`, extra comment
/// lines, `if not exists`, the `(` on its own line, the separating comma before or after a column's `-- comment`,
/// SQL constraints written by hand. Strict where reading on would be a guess: no `create table`, more than one,
/// a name that cannot be read, a quote or parenthesis left open at the end of a line, a column without a type, the
/// same column twice, a primary key naming a column the table does not have.
enum DDLFileParser {
    /// One comma- or line-separated piece of the body, with the `-- comment` written on its line.
    struct Item {
        var text: String
        var comment: String?
        var line: Int
    }

    static func parse(_ text: String) throws -> DDLFile {
        let lines = normalizedLines(text)
        var header: [(key: String, value: String)] = []
        var found: (index: Int, rest: Substring)?
        for (index, line) in lines.enumerated() {
            if let entry = headerEntry(line) {
                header.append(entry)
            } else if let match = matchCreateTable(line) {
                found = (index, line[match.upperBound...])
                break
            }
        }
        guard let found else { throw TableDocumentError("DDL文件中没有找到 create table 语句") }

        // From the table name on, one cursor over the rest of the file: the `(` may be on a later line.
        let createLine = found.index + 1
        var cursor = DDLCursor(([String(found.rest)] + lines[(found.index + 1)...]).joined(separator: "\n"))
        guard let reference = cursor.readTableReference() else {
            throw TableDocumentError("create table 后的表名无法识别", line: createLine, text: lines[found.index])
        }
        guard cursor.consume("(") else {
            throw TableDocumentError("create table 语句缺少字段列表的左括号", line: createLine, text: lines[found.index])
        }
        let bodyLine = createLine + cursor.chars[..<cursor.index].filter { $0 == "\n" }.count
        let (items, endLine) = try splitBody(cursor.chars, from: cursor.index, firstLine: bodyLine, lines: lines)

        for index in endLine..<lines.count where headerEntry(lines[index]) == nil
            && matchCreateTable(lines[index]) != nil {
            throw TableDocumentError("一个DDL文件只能描述一张表，这里又出现了 create table 语句", line: index + 1,
                                     text: lines[index])
        }

        var file = DDLFile(reference: reference)
        for entry in header {
            switch entry.key {
            case "类型": file.kind = kind(entry.value)
            case "中文名": file.chineseName = entry.value
            case "描述": file.descriptionText = entry.value
            default: break
            }
        }
        for item in items {
            try DDLItemParser.apply(item, to: &file)
        }
        try checkKeys(of: file)
        return file
    }

    /// `create [temporary|unlogged] table [if not exists]` at the start of a line.
    /// Where `createTablePattern` matches; lines without `table` are not matched at all (compiling the pattern
    /// per line costs more than the rest of the parse).
    static func matchCreateTable(_ line: String) -> Range<String.Index>? {
        guard line.lowercased().contains("table") else { return nil }
        return line.range(of: createTablePattern, options: [.regularExpression, .caseInsensitive])
    }

    static let createTablePattern =
        #"^\s*create\s+(?:(?:global|local)\s+)?(?:(?:temporary|temp|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?"#

    /// Lines without their terminators (`\n`, `\r\n` or `\r`) and without a leading byte-order mark.
    static func normalizedLines(_ text: String) -> [String] {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Swift reads "\r\n" as one Character, so it is replaced before splitting on "\n".
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// `-- 类型: 视图`, `-- 中文名: x`, `-- 描述: y` (full-width colon and missing spaces accepted); any other
    /// comment line gives an empty key; nil for a line that is not a comment.
    static func headerEntry(_ line: String) -> (key: String, value: String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("--") else { return nil }
        let body = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
        for key in ["类型", "中文名", "描述"] where body.hasPrefix(key) {
            let rest = body.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
            guard let colon = rest.first, colon == ":" || colon == "：" else { continue }
            return (key, rest.dropFirst().trimmingCharacters(in: .whitespaces))
        }
        return ("", "")
    }

    static func kind(_ value: String) -> RelationKind {
        switch value.lowercased() {
        case "视图", "view": return .view
        case "物化视图", "materialized view": return .materializedView
        default: return .table
        }
    }

    /// Splits the body after `(` into items up to the `)` that closes it (the end of the file is accepted as the
    /// end of the body). Returns the items and the 0-based index of the line after the closing one.
    ///
    /// A `-- comment` belongs to the item written on its line: before the separating comma (the formatter's
    /// `a text -- 注释,`, whose comma is then part of the comment text) or after it (`a text, -- 注释`).
    static func splitBody(_ chars: [Character], from start: Int, firstLine: Int, lines: [String]) throws
        -> (items: [Item], endLine: Int) {
        var items: [Item] = []
        var current = Item(text: "", comment: nil, line: firstLine)
        var lastOnLine: Int?
        var line = firstLine
        var depth = 0
        var quote: Character?
        var index = start

        func finish() {
            let text = current.text.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty {
                items.append(Item(text: text, comment: current.comment, line: current.line))
                lastOnLine = items.count - 1
            }
            current = Item(text: "", comment: nil, line: line)
        }
        func lineError(_ message: String) -> TableDocumentError {
            TableDocumentError(message, line: line, text: line <= lines.count ? lines[line - 1] : nil)
        }

        while index < chars.count {
            let c = chars[index]
            index += 1
            if let open = quote {
                guard c != "\n" else { throw lineError(open == "'" ? "单引号没有闭合" : "双引号没有闭合") }
                if c == open { quote = nil }
                current.text.append(c)
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                current.text.append(c)
            case "-" where index < chars.count && chars[index] == "-":
                var end = index + 1
                while end < chars.count, chars[end] != "\n" { end += 1 }
                let comment = String(chars[(index + 1)..<end]).trimmingCharacters(in: .whitespaces)
                index = end
                if !current.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    current.comment = comment
                } else if let last = lastOnLine, items[last].comment == nil {
                    items[last].comment = comment
                }
            case "(":
                depth += 1
                current.text.append(c)
            case ")" where depth == 0:
                finish()
                return (items, line)
            case ")":
                depth -= 1
                current.text.append(c)
            case "," where depth == 0:
                finish()
            case "\n":
                guard depth == 0 else { throw lineError("括号没有闭合") }
                finish()
                line += 1
                current.line = line
                lastOnLine = nil
            default:
                if current.text.allSatisfy(\.isWhitespace) { current.line = line }
                current.text.append(c)
            }
        }
        guard quote == nil, depth == 0 else { throw lineError(quote == nil ? "括号没有闭合" : "引号没有闭合") }
        finish()
        return (items, lines.count)
    }

    /// Every key column must be a column of the table.
    static func checkKeys(of file: DDLFile) throws {
        let names = Set(file.columns.map(\.name))
        for name in file.primaryKey ?? [] where !names.contains(name) {
            throw TableDocumentError("主键字段 \(SQLIdentifier.display(name)) 不在字段列表中")
        }
        for key in file.foreignKeys {
            for name in key.columns where !names.contains(name) {
                throw TableDocumentError("外键字段 \(SQLIdentifier.display(name)) 不在字段列表中")
            }
        }
    }
}
