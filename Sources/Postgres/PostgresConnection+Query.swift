import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PostgresConnection {
    /// Runs one statement with `PQexecParams` (text parameters, text results) and copies the rows out.
    /// `PQexecParams` refuses several statements in one string (SQLSTATE 42601), which is the point.
    @discardableResult
    public func query(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        var texts: [String?] = []
        texts.reserveCapacity(query.binds.count)
        for (index, bind) in query.binds.enumerated() {
            let text = bind?.postgresText
            // A C string would silently end at the NUL; the server rejects NUL in text anyway (22021).
            if let text, text.utf8.contains(0) {
                throw PostgresError(kind: .query, sqlState: "22021", message: "parameter $\(index + 1) contains a NUL byte")
            }
            texts.append(text)
        }
        let result = withOptionalCStrings(texts) { values in
            PQexecParams(handle, query.sql, Int32(values.count), nil, values, nil, nil, 0)
        }
        guard let result else {
            throw connectionError()
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return PostgresRows(copying: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            abandonCopy()
            throw PostgresError(kind: .query, message: "COPY is not supported by this wrapper", secrets: secrets)
        default:
            throw resultError(result)
        }
    }

    /// Runs one statement and returns the number of rows it affected (`PQcmdTuples`; 0 when not applicable).
    @discardableResult
    public func execute(_ query: PostgresQuery) throws(PostgresError) -> Int {
        try self.query(query).affectedRows
    }

    /// An error built from a failed result, with the SQLSTATE and the server's fields.
    private func resultError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: UInt8) -> String? {
            PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        let bad = isBad
        let sqlState = field(UInt8(ascii: "C"))
        // Without a primary message (e.g. the socket closed), libpq's own text is in PQresultErrorMessage.
        let message = field(UInt8(ascii: "M")) ?? PQresultErrorMessage(result).map { String(cString: $0) }
        return PostgresError(
            kind: bad && sqlState == nil ? .connection : .query, sqlState: sqlState, message: message,
            detail: field(UInt8(ascii: "D")), hint: field(UInt8(ascii: "H")), connectionWasBad: bad, secrets: secrets
        )
    }

    /// An error from the connection's last message, for calls that returned no result at all.
    func connectionError() -> PostgresError {
        let message = PQerrorMessage(handle).map { String(cString: $0) }
        return PostgresError(kind: .connection, message: message, connectionWasBad: isBad, secrets: secrets)
    }

    /// Leaves the COPY sub-protocol a statement put us in, so the connection stays usable.
    private func abandonCopy() {
        _ = PQputCopyEnd(handle, "COPY is not supported by this client")
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(handle, &buffer, 0) > 0 {
            PQfreemem(buffer)
            buffer = nil
        }
        while let pending = PQgetResult(handle) {
            PQclear(pending)
        }
    }
}

/// Calls `body` with C strings (nil for SQL NULL) that live for the duration of the call.
private func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let duplicates = strings.map { $0.map { strdup($0) } ?? nil }
    defer { duplicates.forEach { free($0) } }
    return body(duplicates.map { UnsafePointer($0) })
}
