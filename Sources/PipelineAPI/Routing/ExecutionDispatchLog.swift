import Logging
import PipelineCore

/// Writes what `ExecutionDispatcher` did to the responder's log (the core does not log).
public struct ExecutionDispatchLog {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func record(_ event: ExecutionDispatcher.Event) {
        switch event {
        case .started(let id, let executionID):
            logger.info("queued execution started", metadata: ["task_id": "\(id)", "execution_id": "\(executionID)"])
        case .launchFailed(let id, let executionID, let error):
            logger.error("worker launch failed", metadata: [
                "task_id": "\(id)", "execution_id": "\(executionID)", "error": "\(error)",
            ])
        case .slotsHeldByExitingWorkers(let count):
            logger.debug("worker slots held by exiting workers", metadata: ["count": "\(count)"])
        case .workerGoneRequeued(let id, let executionID):
            logger.warning("worker lost (its process is gone on this host), execution queued again", metadata: [
                "task_id": "\(id)", "execution_id": "\(executionID)",
            ])
        case .workerGone(let id, let executionID):
            logger.warning("worker lost (its process is gone on this host)", metadata: [
                "task_id": "\(id)", "execution_id": "\(executionID)",
            ])
        }
    }
}
