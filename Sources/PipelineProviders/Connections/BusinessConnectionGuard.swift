import PipelineCore
import Postgres

/// The checks every business-database connection passes: the URL policy before connecting, and after connecting
/// the server's own account of the session — so neither a URL trick nor libpq's environment (`PGHOST`, a service
/// file) nor DNS can reach what the policy forbids:
/// * a session that arrived over a unix socket is refused unless socket directories are allowed;
/// * on the state database's cluster, the state database itself and any superuser session are refused. Other
///   databases of that cluster stay usable (a development cluster may hold both), as the role the URL names.
public final class BusinessConnectionGuard: Sendable {
    public let policy: BusinessConnectionPolicy
    private let state: StateClusterIdentity

    public init(policy: BusinessConnectionPolicy, state: StateClusterIdentity) {
        self.policy = policy
        self.state = state
    }

    /// The URL policy alone (`PipelineError.connectionRefused`), for checks before any connection.
    public func checkURL(_ url: String) throws {
        try policy.check(url)
    }

    /// Refuses a freshly opened session (`PipelineError.sessionRefused`) that the
    /// policy does not allow; the caller closes it.
    public func verify(_ connection: PostgresConnection) throws {
        let session = try SessionFacts.read(connection)
        if session.viaUnixSocket, policy.allowedSocketDirectories.isEmpty {
            throw PipelineError.sessionRefused(.viaUnixSocket)
        }
        let stateSession = try state.facts(comparedWith: session.cluster)
        guard session.cluster.isSameCluster(as: stateSession.cluster) else { return }
        if session.database == stateSession.database {
            throw PipelineError.sessionRefused(.stateDatabase)
        }
        if session.isSuperuser {
            throw PipelineError.sessionRefused(.superuserOnStateCluster)
        }
    }
}
