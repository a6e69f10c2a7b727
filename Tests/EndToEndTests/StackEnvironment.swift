import Foundation

/// The running test stack, as `scripts/test.sh` describes it through `DP_TEST_*` variables.
struct StackEnvironment: Sendable {
    /// Why the end-to-end tests cannot run: the variables that were not set.
    struct Missing: Error, CustomStringConvertible {
        var names: [String]
        var description: String {
            "end-to-end tests need the running stack; missing environment variable(s): \(names.joined(separator: ", ")). "
                + "Run them through scripts/test.sh (e.g. scripts/test.sh --filter EndToEndTests), which starts "
                + "PostgreSQL, dp-fcgi and nginx and exports these variables."
        }
    }

    static let requiredVariables = [
        "DP_TEST_BASE_URL", "DP_TEST_ADMIN_DATABASE_URL", "DP_TEST_STATE_DATABASE_URL", "DP_TEST_TASKS_DIR",
        "DP_TEST_STACK_SCRIPT", "DP_VAR_DIR",
    ]

    /// `http://127.0.0.1:18084`, no trailing slash.
    let baseURL: String
    /// Superuser URL over the unix socket (no password).
    let adminDatabaseURL: String
    /// dp-fcgi's state database URL, password included.
    let stateDatabaseURL: String
    /// Where dp-fcgi keeps task directories.
    let tasksDirectory: URL
    /// `scripts/stack.sh`, for `pg stop|start`.
    let stackScript: String
    /// The stack's state directory (logs under `fcgi/` and `nginx/`).
    let varDirectory: URL

    static func load(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StackEnvironment {
        let missing = requiredVariables.filter { (environment[$0] ?? "").isEmpty }
        guard missing.isEmpty else { throw Missing(names: missing) }
        var base = environment["DP_TEST_BASE_URL"]!
        while base.hasSuffix("/") { base.removeLast() }
        return StackEnvironment(
            baseURL: base,
            adminDatabaseURL: environment["DP_TEST_ADMIN_DATABASE_URL"]!,
            stateDatabaseURL: environment["DP_TEST_STATE_DATABASE_URL"]!,
            tasksDirectory: URL(fileURLWithPath: environment["DP_TEST_TASKS_DIR"]!, isDirectory: true).standardizedFileURL,
            stackScript: environment["DP_TEST_STACK_SCRIPT"]!,
            varDirectory: URL(fileURLWithPath: environment["DP_VAR_DIR"]!, isDirectory: true).standardizedFileURL)
    }

    /// The directory of one task.
    func taskDirectory(_ taskID: String) -> URL {
        tasksDirectory.appendingPathComponent(taskID, isDirectory: true)
    }

    /// The parent of the tasks root: everything a path-traversal bug could reach first.
    var tasksParent: URL { tasksDirectory.deletingLastPathComponent() }

    /// Log files that must never contain a password.
    var logFiles: [URL] {
        var files = [varDirectory.appendingPathComponent("fcgi/dp-fcgi.log")]
        let nginx = varDirectory.appendingPathComponent("nginx", isDirectory: true)
        if let names = try? FileManager.default.contentsOfDirectory(atPath: nginx.path) {
            files += names.filter { $0.hasSuffix(".log") }.sorted().map { nginx.appendingPathComponent($0) }
        }
        return files
    }

    /// dp-fcgi's pid from the stack's pid file (`<pid> <start time>`); it changes with `restart-fcgi`.
    var responderPID: Int32? {
        let file = varDirectory.appendingPathComponent("fcgi/dp-fcgi.pid")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Passwords of every connection string the tests know about (state database, and the business one if given).
    var knownPasswords: [String] {
        var urls = [stateDatabaseURL, adminDatabaseURL]
        if let business = ProcessInfo.processInfo.environment["DP_TEST_BUSINESS_DATABASE_URL"] { urls.append(business) }
        return urls.compactMap(StackEnvironment.password(in:)).filter { !$0.isEmpty }
    }

    /// The password of a `postgresql://user:password@host/db` URL, percent-decoded; nil when there is none.
    static func password(in url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        let password = String(userInfo[userInfo.index(after: colon)...])
        return password.removingPercentEncoding ?? password
    }

    /// `database` as dp-fcgi reaches a business database: the stack's role `dp` with its password, over TCP
    /// (`DP_TEST_BUSINESS_DATABASE_URL` with the database replaced).
    static func businessURL(of database: String) throws -> String {
        guard let business = ProcessInfo.processInfo.environment["DP_TEST_BUSINESS_DATABASE_URL"], !business.isEmpty else {
            throw Missing(names: ["DP_TEST_BUSINESS_DATABASE_URL"])
        }
        return replacingDatabase(in: business, with: database)
    }

    /// `url` with its database (the path) replaced, query kept: `postgresql://postgres@/postgres?host=…` →
    /// `postgresql://postgres@/<database>?host=…`.
    static func replacingDatabase(in url: String, with database: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let queryStart = afterScheme.firstIndex(of: "?") ?? url.endIndex
        let authorityEnd = afterScheme[..<queryStart].firstIndex(of: "/") ?? queryStart
        return String(url[..<authorityEnd]) + "/" + database + String(url[queryStart...])
    }
}
