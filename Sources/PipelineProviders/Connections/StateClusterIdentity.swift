import Foundation
import PipelineCore
import Postgres

/// The state database's session facts, read once over a short-lived connection and kept; re-read when a business
/// session on the same port reports another start time (the state cluster may have restarted since) and no
/// system identifier settles the question. Safe to share between threads.
public final class StateClusterIdentity: @unchecked Sendable {
    private let url: String
    private let lock = NSLock()
    private var cached: SessionFacts?

    public init(stateDatabaseURL: String) {
        url = stateDatabaseURL
    }

    /// The state side to compare `business` with. An unreachable state database is `stateStoreUnavailable`:
    /// without knowing the state cluster no business session is allowed.
    func facts(comparedWith business: ClusterIdentity) throws -> SessionFacts {
        lock.lock()
        defer { lock.unlock() }
        if let cached, !mayBeStale(cached.cluster, comparedWith: business) { return cached }
        do {
            let fresh = try SessionFacts.read(PostgresConnection(url: url, applicationName: "dp-identity"))
            cached = fresh
            return fresh
        } catch {
            throw PipelineError.stateStoreUnavailable
        }
    }

    private func mayBeStale(_ state: ClusterIdentity, comparedWith business: ClusterIdentity) -> Bool {
        guard state.systemIdentifier == nil || business.systemIdentifier == nil else { return false }
        return state.port == business.port && state.startTime != business.startTime
    }
}
