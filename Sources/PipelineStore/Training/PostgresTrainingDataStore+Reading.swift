import Foundation
import PipelineCore
import Postgres

extension PostgresTrainingDataStore {
    /// Counts per type (every type present, zero when it has no items) and the newest creation time.
    public func stats() throws -> TrainingStats {
        let rows = try pool.withConnection { connection in
            try connection.query(PostgresQuery("""
                SELECT training_data_type, count(*) AS n, max(created_at) AS last_created
                FROM training_items
                GROUP BY training_data_type
                """))
        }
        var byType = Dictionary(uniqueKeysWithValues: TrainingDataType.allCases.map { ($0, 0) })
        var lastUpdated: Date?
        for row in rows {
            guard let type = TrainingDataType(rawValue: try row.string("training_data_type")) else { continue }
            byType[type] = try row.int("n")
            let created = try row.date("last_created")
            lastUpdated = max(lastUpdated ?? created, created)
        }
        return TrainingStats(total: byType.values.reduce(0, +), byType: byType, lastUpdated: lastUpdated)
    }

    /// One page of items. The keyword matches question or content case-insensitively as a literal substring (`%`,
    /// `_` and `\` in it are escaped); the order is the whitelisted column, then the id in the same direction.
    public func query(_ query: TrainingQuery) throws -> TrainingPage {
        // A page far beyond the end (even near Int.max) is just empty, never an arithmetic trap.
        let window = PageWindow(page: query.page, pageSize: query.pageSize)
        let (pageSize, offset) = (window.pageSize, window.offset)
        let keyword = query.keyword.flatMap { $0.isEmpty ? nil : "%\(Self.escapeLike($0))%" }
        let filters: [(any PostgresBindable)?] = [query.type?.rawValue, keyword]
        // Only the ORDER BY column and direction are spliced in: the column from the closed `TrainingSortField`
        // enum (through the one quoting function), the direction from a Bool.
        let column = PostgresConnection.quoteIdentifier(query.sortBy.rawValue)
        let direction = query.descending ? "DESC" : "ASC"
        return try pool.withConnection { connection in
            let rows = try connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(TrainingItemRows.itemColumns), count(*) OVER () AS total_count
                FROM training_items
                \(Self.queryFilters)
                ORDER BY \(column) \(direction), id \(direction)
                LIMIT $3 OFFSET $4
                """, filters + [pageSize, offset]))
            var total = try rows.first?.int("total_count") ?? 0
            if rows.isEmpty, offset > 0 {
                total = try connection.query(PostgresQuery(
                    unsafeSQL: "SELECT count(*) AS total_count FROM training_items \(Self.queryFilters)", filters))
                    .first?.int("total_count") ?? 0
            }
            return TrainingPage(items: try rows.map(TrainingItemRows.item), total: total)
        }
    }

    /// The existing items among `ids`, in the order of `ids` (each once).
    public func items(ids: [String]) throws -> [TrainingItem] {
        guard !ids.isEmpty else { return [] }
        let found = try pool.withConnection { connection in
            try Self.items(ids: ids, on: connection)
        }
        var seen = Set<String>()
        return ids.compactMap { id in seen.insert(id).inserted ? found[id] : nil }
    }

    /// Uses the `task_ids` GIN index (migration 5).
    public func items(ownedBy taskID: String, types: Set<TrainingDataType>, limit: Int) throws -> [TrainingItem] {
        guard !types.isEmpty, limit > 0 else { return [] }
        let rows = try pool.withConnection { connection in
            try connection.query(PostgresQuery(unsafeSQL: """
                SELECT \(TrainingItemRows.itemColumns) FROM training_items
                WHERE task_ids @> ARRAY[$1::text] AND training_data_type = ANY($2::text[])
                ORDER BY id LIMIT $3
                """, [taskID, types.map(\.rawValue).sorted(), limit]))
        }
        return try rows.map(TrainingItemRows.item)
    }

    /// The items among `ids` that exist, by id.
    static func items(ids: [String], on connection: PostgresConnection) throws -> [String: TrainingItem] {
        let rows = try connection.query(PostgresQuery(unsafeSQL: """
            SELECT \(TrainingItemRows.itemColumns) FROM training_items WHERE id = ANY($1::text[])
            """, [ids]))
        var items: [String: TrainingItem] = [:]
        for row in rows {
            let item = try TrainingItemRows.item(row)
            items[item.id] = item
        }
        return items
    }

    /// $1 type (NULL: any), $2 ILIKE pattern (NULL: no keyword).
    private static let queryFilters = """
        WHERE ($1::text IS NULL OR training_data_type = $1)
          AND ($2::text IS NULL OR question ILIKE $2 ESCAPE '\\' OR content ILIKE $2 ESCAPE '\\')
        """

    /// The keyword as a literal inside a LIKE pattern whose escape character is `\`.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
