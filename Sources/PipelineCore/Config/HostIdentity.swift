import Foundation

/// This host's id in the state database (`DP_HOST_ID`, default the hostname): a worker's pid is checked only by
/// responders with the same id, and a queued execution is started by the host that claims it. Every host of a
/// cluster needs a distinct id; the responder hands its `DP_*` settings to its workers, so both agree.
public enum HostIdentity {
    public static func resolve(_ environment: [String: String]) -> String {
        if let configured = environment["DP_HOST_ID"]?.trimmingCharacters(in: .whitespaces), !configured.isEmpty {
            return configured
        }
        return WorkerLiveness.currentHostName
    }

    /// `DP_MAX_WORKERS` when unset: workers mostly wait on the model and the databases, so a few per core.
    public static var defaultMaxWorkers: Int {
        max(2, 4 * ProcessInfo.processInfo.activeProcessorCount)
    }
}
