/// Relationships proposed by name between listed tables that declare none, for confirmation on the data.
///
/// Rules (a child column `c` of table C, a parent P ≠ C with a single-column unique key `k`, same type family):
/// * `same_key_name` (0.9): `c == k` and `k` says what it keys (`branch_no`, `dept_id`; not a bare `id`/`code`);
/// * `role_prefixed_key` (0.85): `c` is a role plus `k` (`owner_dept_id` → `dept_id`), `k` of two words or more;
/// * `entity_key` (0.9): `c` is an entity plus a key word (`service_area_id`), P's name ends with that entity
///   (`bss_service_area`, singular or plural) and `k` is the bare key word or the entity's key (`id`, `area_id`);
/// * `entity_prefix_key` (0.7): `c` = entity + key word, `k` = a longer entity + the same key word, whose first
///   words are `c`'s entity and which P's name contains (`service_no` → `service_area_no` of `bss_service_area`).
/// A column already in a declared foreign key, a table's sole primary key, audit and sensitive columns propose
/// nothing. Per child column only the best-weighted proposals are kept.
public enum RelationshipCandidates {
    static let keyWords: Set<String> = ["id", "no", "code", "key", "sn", "uuid", "guid", "num"]
    /// Above this estimate a child is sampled by blocks, not read from its start.
    public static let largeTableRows: Int64 = 100_000

    public static func propose(_ tables: [TableDescription], statistics: [TableReference: TableStatistics]) -> [RelationshipCandidate] {
        // Parents and their keys are split into words once: this runs for every pair of tables.
        let parents = tables.compactMap { parent -> Parent? in
            guard parent.kind != .view, let unique = statistics[parent.reference]?.uniqueColumns, !unique.isEmpty else { return nil }
            let keys = parent.columns.filter { unique.contains($0.name) }.map { Key(column: $0, words: NameTokens.tokens($0.name)) }
            return Parent(table: parent, words: NameTokens.tokens(parent.reference.name).map(NameTokens.singular), keys: keys)
        }
        var proposals: [RelationshipCandidate] = []
        for child in tables {
            let declared = Set(child.foreignKeys.flatMap(\.columns))
            let solePrimaryKey = child.primaryKey.count == 1 ? child.primaryKey.first : nil
            for column in child.columns {
                guard !declared.contains(column.name), column.name != solePrimaryKey, !column.isSensitive,
                      !AuditColumns.isAudit(column), !AuditColumns.isSoftDelete(column),
                      [.text, .integer, .uuid].contains(column.category) else { continue }
                let words = NameTokens.tokens(column.name)
                guard words.count >= 2, let last = words.last, keyWords.contains(last) else { continue }
                var best: [RelationshipCandidate] = []
                for parent in parents where parent.table.reference != child.reference {
                    for key in parent.keys where key.column.category == column.category {
                        guard let (rule, weight) = match(child: words, parent: parent.words, key: key.words) else { continue }
                        let candidate = RelationshipCandidate(
                            child: child.reference, childColumn: column.name, parent: parent.table.reference,
                            parentColumn: key.column.name, rule: rule, weight: weight,
                            childIsLarge: (child.estimatedRows ?? 0) > largeTableRows
                        )
                        if let top = best.first?.weight, top > weight { continue }
                        if let top = best.first?.weight, top < weight { best.removeAll() }
                        best.append(candidate)
                    }
                }
                proposals += best
            }
        }
        return proposals
    }

    private struct Key {
        var column: ColumnDescription
        var words: [String]
    }

    private struct Parent {
        var table: TableDescription
        /// The table name's words in singular form.
        var words: [String]
        var keys: [Key]
    }

    /// The rule and weight by which `child` (a column) may reference `key` of the table named `parent`.
    public static func match(child: String, parent: String, key: String) -> (String, Double)? {
        match(child: NameTokens.tokens(child), parent: NameTokens.tokens(parent).map(NameTokens.singular), key: NameTokens.tokens(key))
    }

    /// The same on words: the column's, the parent table name's (singular) and the key's.
    static func match(child c: [String], parent p: [String], key k: [String]) -> (String, Double)? {
        guard let suffix = c.last, keyWords.contains(suffix), c.count >= 2 else { return nil }
        let entity = Array(c.dropLast()).map(NameTokens.singular)
        let keyIsBare = k.count == 1 && keyWords.contains(k[0])
        if c == k, !keyIsBare { return ("same_key_name", 0.9) }
        if k.count >= 2, c.count > k.count, Array(c.suffix(k.count)) == k { return ("role_prefixed_key", 0.85) }
        if p.count >= entity.count, Array(p.suffix(entity.count)) == entity {
            let keyEntity = Array(k.dropLast()).map(NameTokens.singular)
            if k == [suffix] || (k.last == suffix && entity.suffix(keyEntity.count) == keyEntity[...]) {
                return ("entity_key", 0.9)
            }
        }
        if k.count > c.count, k.last == suffix {
            let keyEntity = Array(k.dropLast()).map(NameTokens.singular)
            if Array(keyEntity.prefix(entity.count)) == entity, containsRun(p, keyEntity) {
                return ("entity_prefix_key", 0.7)
            }
        }
        return nil
    }

    private static func containsRun(_ words: [String], _ run: [String]) -> Bool {
        guard !run.isEmpty, words.count >= run.count else { return false }
        return (0...(words.count - run.count)).contains { Array(words[$0..<($0 + run.count)]) == run }
    }
}
