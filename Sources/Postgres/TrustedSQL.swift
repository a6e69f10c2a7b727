/// A constant piece of SQL the program itself wrote: a keyword (`ASC`), a column list, a column chosen from a
/// closed enum. It can only be built from a string literal (a `StaticString`), never from text read at run time,
/// so `\(literal:)` in a `PostgresQuery` cannot carry input.
public struct TrustedSQL: Sendable, ExpressibleByStringLiteral {
    let text: String

    public init(_ text: StaticString) {
        self.text = text.description
    }

    public init(stringLiteral text: StaticString) {
        self.init(text)
    }
}
