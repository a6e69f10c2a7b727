import PipelineCore
import Postgres

/// Confirms relationship candidates on the data, many per statement: for each, up to `relationshipSampleValues`
/// distinct non-null child values, taken from the child's first `relationshipSampleRows` rows (sampled blocks
/// for a large child) and picked in hash order (spread over the values, not the smallest ones; the same on every
/// run), are looked up in the parent's unique key — one `LIMIT 1` probe per value (a lateral
/// join) on a uniquely indexed column: index lookups (a parent of a few rows may be read directly), never a scan
/// or a hash of a large parent.
struct RelationshipProbe {
    let options: IntrospectionOptions
    /// Candidates per statement: the statement count grows with candidates / this, not with tables.
    static let candidatesPerStatement = 40
    /// Sampled blocks of a large child aim at about this many rows.
    static let largeChildRows = 2_000.0

    func confirm(_ candidates: [RelationshipCandidate], estimates: [TableReference: Int64],
                 reader: ReadOnlyReader) throws(PostgresError) -> [RelationshipCheck] {
        var checks: [RelationshipCheck] = []
        var start = 0
        while start < candidates.count {
            let batch = Array(candidates[start..<min(start + Self.candidatesPerStatement, candidates.count)])
            start += batch.count
            if let answered = try check(batch, estimates: estimates, reader: reader) {
                checks += answered
            } else if batch.count > 1 {
                // One candidate the server refuses (a type without `=` to the key's, a view that fails) must not
                // cost the others their answer: then each is asked alone.
                for candidate in batch {
                    checks += try check([candidate], estimates: estimates, reader: reader) ?? []
                }
            }
        }
        return checks
    }

    /// The batch's answers, or nil when the server refused the statement.
    private func check(_ batch: [RelationshipCandidate], estimates: [TableReference: Int64],
                       reader: ReadOnlyReader) throws(PostgresError) -> [RelationshipCheck]? {
        let rows = try reader.read { connection in
            try connection.query(query(batch, estimates: estimates))
        }
        guard let rows else { return nil }
        return rows.compactMap { row in
            guard let index = try? row.int("k"), batch.indices.contains(index) else { return nil }
            return RelationshipCheck(candidate: batch[index], sampledValues: (try? row.int("sampled")) ?? 0,
                                     foundValues: (try? row.int("found")) ?? 0)
        }
    }

    private func query(_ batch: [RelationshipCandidate], estimates: [TableReference: Int64]) -> PostgresQuery {
        let (rows, values) = (options.relationshipSampleRows, options.relationshipSampleValues)
        return PostgresQuery.joined(batch.enumerated().map { index, candidate in
            let parent = TableSampler.relation(candidate.parent)
            let column = candidate.childColumn
            var source = TableSampler.relation(candidate.child)
            if candidate.childIsLarge, let estimate = estimates[candidate.child], estimate > 0 {
                let percent = min(100, Self.largeChildRows * 100 / Double(estimate))
                source = "\(source) TABLESAMPLE SYSTEM (\(percent)::real) REPEATABLE (0)"
            }
            return """
                SELECT \(index)::integer AS k, count(*) AS sampled, count(p.hit) AS found \
                FROM (SELECT v FROM (SELECT DISTINCT v FROM (SELECT \(identifier: column) AS v FROM \(source) \
                WHERE \(identifier: column) IS NOT NULL LIMIT \(rows)) r) u ORDER BY md5(v::text) LIMIT \(values)) d \
                LEFT JOIN LATERAL (SELECT 1 AS hit FROM \(parent) p WHERE p.\(identifier: candidate.parentColumn) = d.v \
                LIMIT 1) p ON true
                """
        }, separator: " UNION ALL ")
    }
}
