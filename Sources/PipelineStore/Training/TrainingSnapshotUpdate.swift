import PipelineCore
import Postgres

/// The `training_store_state` row as a snapshot reads it.
struct TrainingSnapshotState {
    var generation: Int64
    var model: String?
    var dimension: Int?
    /// Every change after this generation is in `training_item_changes` (migration 8).
    var changesFloor: Int64

    /// Makes the enclosing transaction one read-only `REPEATABLE READ` snapshot (its first statement) and reads the row.
    static func read(on connection: PostgresConnection) throws -> TrainingSnapshotState {
        try connection.execute(PostgresQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        guard let row = try connection.query(PostgresQuery(
            "SELECT generation, embedding_model, dimension, changes_floor FROM training_store_state")).first else {
            throw PipelineError.internalFailure("training_store_state has no row (migration 4 not applied?)")
        }
        return TrainingSnapshotState(generation: Int64(try row.int("generation")),
                                     model: try row.optionalString("embedding_model"),
                                     dimension: try row.optionalInt("dimension"),
                                     changesFloor: Int64(try row.int("changes_floor")))
    }
}

/// Brings a snapshot up to date with only the items that changed since its generation (issue 14: no full rebuild
/// per load), to exactly the snapshot a full load would give: same rows in the same (id) order, same quantised
/// vectors, scopes and lexical postings, so every search answers byte for byte the same.
///
/// The changed ids come from the change log (`training_item_changes`, migration 8), read in the same
/// `REPEATABLE READ` snapshot as the rows, so any process sharing the store (another responder, a worker's load, a
/// delete by task or database, direct SQL) is seen. Each changed id leaves the snapshot and, when it still exists
/// with the snapshot's model, comes back as it is now. Documentation rows shape the tokenizer, the synonym expansion
/// and the glossary words of every pair, so a change of any of them (content or databases) means a full load, as do
/// another embedding model, a change log that no longer reaches back to the snapshot (truncate, pruning) and a
/// change of more than half the rows (reading everything is then cheaper).
enum TrainingSnapshotUpdate {
    static let changesQuery: StaticString = "SELECT DISTINCT id FROM training_item_changes WHERE generation > $1"

    /// The updated snapshot, `old` itself when nothing changed, or nil when only a full load will do.
    static func apply(to old: TrainingVectorSnapshot, on connection: PostgresConnection) throws -> TrainingVectorSnapshot? {
        try connection.transaction { connection in
            let state = try TrainingSnapshotState.read(on: connection)
            guard state.generation != old.generation else { return old }
            guard let model = state.model, let dimension = state.dimension, model == old.model,
                  dimension == old.dimension, old.generation >= state.changesFloor, old.generation < state.generation
            else { return nil }
            let changed = try connection.query(PostgresQuery(Self.changesQuery, [Int(old.generation)]))
                .map { try $0.string("id") }
            guard changed.count <= max(1_000, old.count / 2) else { return nil }
            var rows: [TrainingSnapshotRow] = []
            for start in stride(from: 0, to: changed.count, by: TrainingSearchIndex.loadPage) {
                let page = Array(changed[start..<min(start + TrainingSearchIndex.loadPage, changed.count)])
                try TrainingSnapshotRow.read(ids: page, model: model, dimension: dimension, on: connection) {
                    rows.append($0)
                }
            }
            rows.sort { TrainingSnapshotRow.precedes($0.id, $1.id) }
            return applying(changed: Set(changed), rows: rows, to: old, generation: state.generation)
        }
    }

    /// `old` without the rows of `changed`, with `rows` (the changed items that exist now, in id order); nil when
    /// the documentation changed.
    static func applying(changed: Set<String>, rows: [TrainingSnapshotRow], to old: TrainingVectorSnapshot,
                         generation: Int64) -> TrainingVectorSnapshot? {
        let context = old.context
        var documentationNow: [String: TrainingLexicalContext.Documentation] = [:]
        for row in rows where row.type == .documentation {
            documentationNow[row.id] = .init(databases: row.databases, content: row.content)
        }
        for id in changed where context.documentation[id] != documentationNow[id] { return nil }

        // The new row order: the kept old rows and the changed rows merged by id.
        let dimension = old.dimension
        var ids: [String] = [], typeBits: [UInt8] = [], codes: [Int8] = [], scales: [Float] = []
        let capacity = old.count + rows.count
        ids.reserveCapacity(capacity)
        typeBits.reserveCapacity(capacity)
        codes.reserveCapacity(capacity * dimension)
        scales.reserveCapacity(capacity)
        var scopes = old.scopes.withoutRows()
        var rowMap = [Int32](repeating: -1, count: old.count)
        var added: [(row: Int, text: String)] = []
        var next = 0
        func appendNew(_ row: TrainingSnapshotRow) {
            added.append((ids.count, row.text(glossaries: context.glossaries)))
            ids.append(row.id)
            typeBits.append(TrainingVectorSnapshot.typeBit(row.type))
            TrainingVectorSnapshot.quantise(row.vector[...], codes: &codes, scales: &scales)
            scopes.append(databases: row.databases, tasks: row.tasks, type: row.type.rawValue, tables: row.tables)
        }
        for (oldRow, id) in old.ids.enumerated() where !changed.contains(id) {
            while next < rows.count, TrainingSnapshotRow.precedes(rows[next].id, id) {
                appendNew(rows[next])
                next += 1
            }
            rowMap[oldRow] = Int32(ids.count)
            ids.append(id)
            typeBits.append(old.typeBits[oldRow])
            codes += old.codes[oldRow * dimension..<(oldRow + 1) * dimension]
            scales.append(old.scales[oldRow])
            scopes.append(row: oldRow, of: old.scopes)
        }
        while next < rows.count {
            appendNew(rows[next])
            next += 1
        }
        let lexical = old.lexical.updated(rowMap: rowMap, count: ids.count, added: added)
        return TrainingVectorSnapshot(generation: generation, model: old.model, dimension: dimension, ids: ids,
                                      typeBits: typeBits, codes: codes, scales: scales, lexical: lexical,
                                      scopes: scopes, context: context)
    }
}
