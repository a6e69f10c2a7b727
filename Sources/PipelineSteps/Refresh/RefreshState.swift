import Foundation
import PipelineCore

/// What one refresh learned in its first part and the later parts need: which tables changed and why, and what
/// became of the pairs. Used by one thread, part after part (`PipelineOrchestrator.runRefresh`).
final class RefreshState {
    var scope = RefreshScope(changed: [], added: [], gone: [], unchanged: [])
    /// Pairs taken out of the pair file because they no longer plan, each with the reason.
    var droppedPairs: [JSONValue] = []
    var pairsAdded = 0
    var pairsKept = 0
    var themesRegenerated: [String] = []
    /// The document files written (`.ddl`, `_detail.md`) and moved away (tables that are gone).
    var filesRewritten: [String] = []
    var filesRemoved: [String] = []

    /// The task result's `refresh` member: what was redone and why.
    func summary() -> JSONValue {
        func reasons(_ list: [RefreshScope.TableReason]) -> JSONValue {
            .array(list.map { reason in
                .object(["table": .string(reason.table.description),
                         "changes": .array(reason.changes.map { .string($0.message) })])
            })
        }
        return .object([
            "drifted": .bool(!scope.isEmpty || !droppedPairs.isEmpty),
            "tables_changed": reasons(scope.changed),
            "tables_added": reasons(scope.added),
            "tables_gone": reasons(scope.gone),
            "tables_unchanged": .number(Double(scope.unchanged.count)),
            "files_rewritten": .array(filesRewritten.map(JSONValue.string)),
            "files_removed": .array(filesRemoved.map(JSONValue.string)),
            "pairs_kept": .number(Double(pairsKept)),
            "pairs_dropped": .array(droppedPairs),
            "pairs_added": .number(Double(pairsAdded)),
            "themes_regenerated": .array(themesRegenerated.map(JSONValue.string)),
        ])
    }
}
