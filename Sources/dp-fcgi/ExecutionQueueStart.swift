import Foundation
import Logging
import PipelineAPI
import PipelineCore
import PipelineStore

/// The host's side of the work queue (issue 16): a thread that starts queued executions when PostgreSQL announces
/// one (or a finished run freed a slot), and every two seconds fails lost workers — this host's by pid, any host's
/// by heartbeat — so a lost host's execution is failed within the timeout even when nobody polls it.
func startExecutionQueue(configuration: ServiceConfiguration, secrets: ConnectionSecretBox, launcher: WorkerLauncher,
                         liveness: WorkerLiveness, logger: Logger) {
    let dispatcher = ExecutionDispatcher(hostID: configuration.hostID, capacity: configuration.maxWorkers,
                                         launcher: launcher, tasksRoot: configuration.tasksDirectory,
                                         retryLimit: configuration.retryLostExecutions)
    let log = ExecutionDispatchLog(logger: logger)
    var reaper: LostWorkerReaper?
    let listener = ExecutionQueueListener(url: configuration.stateDatabaseURL, secrets: secrets, sweepInterval: 2,
                                          wake: { reason, store in
        if reason == .sweep {
            let sweeper = reaper ?? LostWorkerReaper(store: store, liveness: liveness, sweepInterval: 0) { reaped in
                switch reaped {
                case .stale(let count):
                    logger.warning("workers lost (no heartbeat within the timeout)", metadata: ["count": "\(count)"])
                case .staleRequeued(let count):
                    logger.warning("workers lost (no heartbeat within the timeout), executions queued again",
                                   metadata: ["count": "\(count)"])
                case .execution, .requeued:
                    break
                }
            }
            reaper = sweeper
            try sweeper.sweepStaleExecutions()
            try dispatcher.failVanishedWorkers(using: store).forEach(log.record)
        }
        var again = false
        for event in try dispatcher.dispatch(using: store) {
            if case .slotsHeldByExitingWorkers = event { again = true } else { log.record(event) }
        }
        return again
    }, onError: { error in
        logger.warning("execution queue: \(error)")
    })
    listener.start()
}
