/// Encoding and parsing of one-dimensional array literals in PostgreSQL's text format (`{a,"b c",NULL}`).
enum PostgresArrayLiteral {
    /// Why parsing failed; the caller turns it into a `.decoding` error.
    struct ParseError: Error {
        let reason: String
    }

    /// Quotes every element: simpler than deciding when quoting is needed, and `"NULL"` then stays a string.
    static func encode(_ elements: [String]) -> String {
        var out = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(",") }
            out.append("\"")
            for scalar in element.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { out.append("\\") }
                out.unicodeScalars.append(scalar)
            }
            out.append("\"")
        }
        out.append("}")
        return out
    }

    /// Parses a one-dimensional array; an unquoted `NULL` element becomes `nil`.
    static func parse(_ text: String) throws(ParseError) -> [String?] {
        var scalars = Array(text.unicodeScalars)[...]
        // Arrays whose lower bound is not 1 are printed with a dimension prefix: `[0:1]={a,b}`.
        if scalars.first == "[" {
            guard let equals = scalars.firstIndex(of: "=") else { throw ParseError(reason: "bad dimension prefix") }
            scalars = scalars[(equals + 1)...]
        }
        guard scalars.first == "{", scalars.last == "}" else { throw ParseError(reason: "not an array literal") }
        let body = scalars.dropFirst().dropLast()
        var elements: [String?] = []
        var index = body.startIndex
        if body.allSatisfy({ $0 == " " }) { return [] }
        while true {
            while index < body.endIndex, body[index] == " " { index += 1 }
            guard index < body.endIndex else { throw ParseError(reason: "missing element") }
            var value = String.UnicodeScalarView()
            if body[index] == "{" { throw ParseError(reason: "multidimensional arrays are not supported") }
            if body[index] == "\"" {
                index += 1
                var closed = false
                while index < body.endIndex {
                    let scalar = body[index]
                    index += 1
                    if scalar == "\\" {
                        guard index < body.endIndex else { break }
                        value.append(body[index])
                        index += 1
                    } else if scalar == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(scalar)
                    }
                }
                guard closed else { throw ParseError(reason: "unterminated quoted element") }
                elements.append(String(value))
            } else {
                var sawEscape = false
                while index < body.endIndex, body[index] != ",", body[index] != "}" {
                    if body[index] == "\\", index + 1 < body.endIndex {
                        sawEscape = true
                        index += 1
                    }
                    value.append(body[index])
                    index += 1
                }
                // Unquoted whitespace around an element is not part of it (PostgreSQL's array_in rule).
                while let last = value.last, last == " " { value.removeLast() }
                let string = String(value)
                if !sawEscape, string.uppercased() == "NULL" {
                    elements.append(nil)
                } else {
                    elements.append(string)
                }
            }
            while index < body.endIndex, body[index] == " " { index += 1 }
            if index == body.endIndex { return elements }
            guard body[index] == "," else { throw ParseError(reason: "expected a comma") }
            index += 1
        }
    }
}
