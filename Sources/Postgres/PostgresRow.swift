/// One row of a result; read values by column name with the typed accessors in `PostgresRow+Decoding.swift`.
public struct PostgresRow: Sendable {
    /// Column names and their positions, shared by all rows of a result.
    final class Layout: Sendable {
        let columns: [String]
        let indexByName: [String: Int]

        init(columns: [String]) {
            self.columns = columns
            var index: [String: Int] = [:]
            // With duplicate names (`SELECT a.id, b.id`) the first wins; alias columns to reach the others.
            for (position, name) in columns.enumerated() where index[name] == nil {
                index[name] = position
            }
            self.indexByName = index
        }
    }

    let layout: Layout
    let values: ArraySlice<String?>

    /// Column names in result order.
    public var columns: [String] { layout.columns }

    /// Every value's raw text in column order (`nil` for NULL), duplicate column names included.
    public var texts: [String?] { Array(values) }

    /// The raw text of a column (`nil` for NULL); throws `.decoding` if there is no such column.
    public func text(_ column: String) throws(PostgresError) -> String? {
        guard let position = layout.indexByName[column] else {
            throw PostgresError(kind: .decoding, message: "no column named \"\(column)\" in the result")
        }
        return values[values.startIndex + position]
    }
}
