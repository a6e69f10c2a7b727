import Foundation

/// psql against the test cluster, for fixtures the API cannot create (a second, "business" database).
struct PostgresAdmin {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Superuser URL (unix socket, no password), e.g. `postgresql://postgres@/postgres?host=…&port=…`.
    let adminURL: String

    /// Runs each statement with its own `-c` (CREATE/DROP DATABASE cannot share an implicit transaction).
    func run(_ statements: [String], database: String? = nil) throws {
        let url = database.map { StackEnvironment.replacingDatabase(in: adminURL, with: $0) } ?? adminURL
        var arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url]
        for statement in statements { arguments += ["-c", statement] }
        let output = try ProcessRunner.run(PostgresAdmin.psql, arguments)
        guard output.status == 0 else {
            throw Failure(description: "psql failed (exit \(output.status)): \(output.standardError)")
        }
    }

    /// Runs a SQL script file (`psql -f`), stopping at the first error.
    func runFile(_ path: String, database: String) throws {
        let output = try ProcessRunner.run(PostgresAdmin.psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url(of: database), "-f", path])
        guard output.status == 0 else {
            throw Failure(description: "psql -f \(path) failed (exit \(output.status)): \(output.standardError)")
        }
    }

    /// Lets the stack's own role `dp` read everything in `database` (schemas, tables, later tables too): the tests
    /// give dp-fcgi business databases as that role over TCP, as a client would, never the superuser socket URL
    /// (which the connection policy refuses).
    func grantRead(database: String, to role: String = "dp") throws {
        try run(["""
            DO $$
            DECLARE s text;
            BEGIN
                FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
                    EXECUTE format('GRANT USAGE ON SCHEMA %I TO \(role)', s);
                    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO \(role)', s);
                    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO \(role)', s);
                END LOOP;
            END $$
            """], database: database)
    }

    /// The URL of `database` on the same server, as the admin connects.
    func url(of database: String) -> String {
        StackEnvironment.replacingDatabase(in: adminURL, with: database)
    }

    static var psql: String {
        for candidate in ["/usr/bin/psql", "/usr/local/bin/psql"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return "/usr/bin/psql"
    }
}
