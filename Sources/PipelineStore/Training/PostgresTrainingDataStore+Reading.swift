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
        let filters = Self.queryFilters(type: query.type?.rawValue, pattern: keyword)
        // The ORDER BY column is the closed `TrainingSortField` enum's name (through the one quoting function), the
        // direction a constant chosen by a Bool.
        let column = query.sortBy.rawValue
        let direction: TrustedSQL = query.descending ? "DESC" : "ASC"
        return try pool.withConnection { connection in
            let rows = try connection.query("""
                SELECT \(literal: TrainingItemRows.itemColumns), count(*) OVER () AS total_count
                FROM training_items
                \(filters)
                ORDER BY \(identifier: column) \(literal: direction), id \(literal: direction)
                LIMIT \(pageSize) OFFSET \(offset)
                """)
            var total = try rows.first?.int("total_count") ?? 0
            if rows.isEmpty, offset > 0 {
                total = try connection.query("SELECT count(*) AS total_count FROM training_items \(filters)")
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
            try connection.query("""
                SELECT \(literal: TrainingItemRows.itemColumns) FROM training_items
                WHERE task_ids @> ARRAY[\(taskID)::text] AND training_data_type = ANY(\(types.map(\.rawValue).sorted())::text[])
                ORDER BY id LIMIT \(limit)
                """)
        }
        return try rows.map(TrainingItemRows.item)
    }

    /// The items among `ids` that exist, by id.
    static func items(ids: [String], on connection: PostgresConnection) throws -> [String: TrainingItem] {
        let rows = try connection.query("""
            SELECT \(literal: TrainingItemRows.itemColumns) FROM training_items WHERE id = ANY(\(ids)::text[])
            """)
        var items: [String: TrainingItem] = [:]
        for row in rows {
            let item = try TrainingItemRows.item(row)
            items[item.id] = item
        }
        return items
    }

    /// The type (nil: any) and the ILIKE pattern (nil: no keyword).
    private static func queryFilters(type: String?, pattern: String?) -> PostgresQuery {
        """
        WHERE (\(type)::text IS NULL OR training_data_type = \(type))
          AND (\(pattern)::text IS NULL OR question ILIKE \(pattern) ESCAPE '\\' OR content ILIKE \(pattern) ESCAPE '\\')
        """
    }

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
