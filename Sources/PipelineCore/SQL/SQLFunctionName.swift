/// A function a query calls, as PostgreSQL resolves its name: the schema when it was written qualified, the
/// name folded like any identifier.
public struct SQLFunctionName: Hashable, Sendable, CustomStringConvertible {
    public let schema: String?
    public let name: String

    public init(schema: String?, name: String) {
        self.schema = schema
        self.name = name
    }

    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}
