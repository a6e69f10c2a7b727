import Foundation
import PipelineCore

extension TrainingLoadStep {
    /// Step 4 of a refresh: the ordinary load (content-derived ids: the items of untouched files are found again and
    /// keep their ids; the items this task loaded for a redone table and no longer produces are removed), then the
    /// items of tables that are gone, which no file names any more.
    func refresh(_ context: StepContext, into state: RefreshState) throws -> TrainingLoadSummary {
        var result = try run(context)
        let gone = state.scope.gone.map(\.table.description)
        guard !gone.isEmpty, !context.vectorFlags.skipTraining else { return result }
        let keeping = Set(TrainingFileCollector(directory: context.directory, taskID: context.taskID.rawValue).collect().items.map(\.id))
        let removed = try makeStore().removeStale(taskID: context.taskID.rawValue, tables: gone, keeping: keeping)
        context.log.info(name.rawValue, "已删除表的训练数据已移除: \(removed) 条（\(gone.joined(separator: ", "))）")
        if case .loaded(var loaded) = result {
            loaded.itemsRemovedGoneTables = removed
            result = .loaded(loaded)
        }
        return result
    }
}
