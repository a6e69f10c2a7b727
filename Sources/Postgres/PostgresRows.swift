import CLibPQ

/// The rows of one result, copied out of the `PGresult` eagerly (it is freed right away), so they can travel
/// between threads.
public struct PostgresRows: RandomAccessCollection, Sendable {
    /// Column names in result order.
    public let columns: [String]
    /// Rows affected by the command (`PQcmdTuples`), e.g. for `UPDATE … RETURNING`; 0 when not applicable.
    public let affectedRows: Int
    private let layout: PostgresRow.Layout
    /// Row-major values; `nil` is SQL NULL.
    private let values: [String?]

    init(copying result: OpaquePointer) {
        let rowCount = Int(PQntuples(result)), columnCount = Int(PQnfields(result))
        var columns: [String] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            columns.append(PQfname(result, Int32(column)).map { String(cString: $0) } ?? "")
        }
        var values: [String?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
        }
        self.columns = columns
        self.values = values
        self.layout = PostgresRow.Layout(columns: columns)
        self.affectedRows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    }

    /// Index of the first row.
    public var startIndex: Int { 0 }
    /// One past the last row.
    public var endIndex: Int { columns.isEmpty ? 0 : values.count / columns.count }
    /// The number of rows.
    public var count: Int { endIndex }

    /// The row at `i` (0-based).
    public subscript(i: Int) -> PostgresRow {
        precondition(i >= 0 && i < count, "row index \(i) out of range 0..<\(count)")
        let width = columns.count
        return PostgresRow(layout: layout, values: values[(i * width)..<((i + 1) * width)])
    }

    /// The first row, if any.
    public var first: PostgresRow? { isEmpty ? nil : self[0] }
}
