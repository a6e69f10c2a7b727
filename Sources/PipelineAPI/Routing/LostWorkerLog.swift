import Logging
import PipelineCore

/// Writes what `LostWorkerReaper` failed to the responder's log (the core does not log).
struct LostWorkerLog {
    let logger: Logger

    func record(_ reaped: LostWorkerReaper.Reaped) {
        switch reaped {
        case .execution(let id, let executionID):
            logger.warning("worker lost", metadata: ["task_id": "\(id)", "execution_id": "\(executionID)"])
        case .stale(let count):
            logger.warning("workers lost", metadata: ["count": "\(count)"])
        case .requeued(let id, let executionID):
            logger.warning("worker lost, execution queued again", metadata: ["task_id": "\(id)", "execution_id": "\(executionID)"])
        case .staleRequeued(let count):
            logger.warning("workers lost, executions queued again", metadata: ["count": "\(count)"])
        }
    }
}
