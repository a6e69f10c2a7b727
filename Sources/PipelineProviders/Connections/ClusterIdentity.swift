import Postgres

/// Who a connection really talks to, as the server itself reports it (not what the URL says).
///
/// `pg_control_system()`'s system identifier names a cluster for its whole life (a physical replica shares it, and
/// holds the same data); PostgreSQL 15 lets every role read it, but a server may revoke that. Without it the
/// postmaster's start time and port stand in: two clusters never share both, and a restart changes the start time
/// (`StateClusterIdentity` re-reads the state side when that happens).
public struct ClusterIdentity: Equatable, Sendable {
    public var systemIdentifier: String?
    /// `pg_postmaster_start_time()` as epoch seconds with microseconds.
    public var startTime: String
    public var port: String

    public func isSameCluster(as other: ClusterIdentity) -> Bool {
        if let mine = systemIdentifier, let theirs = other.systemIdentifier { return mine == theirs }
        return startTime == other.startTime && port == other.port
    }
}

/// What a freshly opened session is: its cluster, database, privilege and transport.
public struct SessionFacts: Equatable, Sendable {
    public var cluster: ClusterIdentity
    public var database: String
    public var isSuperuser: Bool
    /// `inet_server_addr()` is NULL: the session came over a unix socket, whatever the URL said.
    public var viaUnixSocket: Bool

    /// One catalog query, readable by any role.
    public static func read(_ connection: PostgresConnection) throws(PostgresError) -> SessionFacts {
        let rows = try connection.query(PostgresQuery("""
            SELECT inet_server_addr() IS NULL AS via_socket,
                   current_database() AS database,
                   current_setting('is_superuser') = 'on' AS superuser,
                   current_setting('port') AS port,
                   extract(epoch FROM pg_postmaster_start_time())::text AS started,
                   CASE WHEN has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')
                        THEN (SELECT system_identifier::text FROM pg_catalog.pg_control_system()) END AS system_identifier
            """))
        guard let row = rows.first else { throw PostgresError(kind: .decoding, message: "no session facts") }
        return SessionFacts(
            cluster: ClusterIdentity(systemIdentifier: try row.optionalString("system_identifier"),
                                     startTime: try row.string("started"), port: try row.string("port")),
            database: try row.string("database"), isSuperuser: try row.bool("superuser"),
            viaUnixSocket: try row.bool("via_socket"))
    }
}
