import Foundation

/// Which business-database connection strings the service may use, decided before connecting (the server's
/// identity is checked after connecting, in PipelineProviders' `BusinessConnectionGuard`).
///
/// The threat: a client steering the service, which runs inside the operator's network with its own credentials
/// and files, to databases the client could not reach itself — the service's own state cluster over a trusted unix
/// socket, internal databases, or files named by libpq options. Hence:
/// * a TCP host must be written in the URL: no host (libpq's default is a unix socket, or `PGHOST`), a socket
///   directory (`/path`, `%2Fpath`, `?host=/path`) or an abstract socket (`@name`) is refused unless the
///   directory is in `DP_BUSINESS_SOCKET_DIRS`;
/// * only harmless query options (`sslmode`, `connect_timeout`, `application_name`, `target_session_attrs`,
///   `port`) — everything else (`passfile`, `service`, `sslkey`, `sslcert`, `sslrootcert`, `options`,
///   `hostaddr`, …) can read server files, change the target or the session, and is refused;
/// * with `DP_BUSINESS_HOSTS` set, every host must be one of its names, addresses or networks.
public struct BusinessConnectionPolicy: Equatable, Sendable {
    /// Empty: any TCP host (the identity check still applies).
    public var allowedHosts: [BusinessHostRule]
    /// Socket directories a URL may name; empty refuses every unix socket.
    public var allowedSocketDirectories: [String]

    public static let allowedOptions = ["sslmode", "connect_timeout", "application_name", "target_session_attrs", "port"]
    /// libpq's other keywords (PostgreSQL 16), named in refusals.
    private static let libpqKeywords: Set<String> = [
        "user", "password", "dbname", "hostaddr", "passfile", "service", "options", "client_encoding",
        "fallback_application_name", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
        "tcp_user_timeout", "replication", "gssencmode", "requiressl", "sslcompression", "sslcert", "sslkey",
        "sslpassword", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer", "require_auth",
        "channel_binding", "ssl_min_protocol_version", "ssl_max_protocol_version", "krbsrvname", "gsslib",
        "gssdelegation", "load_balance_hosts", "ssl", "sslfactory",
    ]
    private static let sslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
    private static let sessionAttributes = ["any", "read-write", "read-only", "primary", "standby", "prefer-standby"]

    public init(allowedHosts: [BusinessHostRule] = [], allowedSocketDirectories: [String] = []) {
        self.allowedHosts = allowedHosts
        self.allowedSocketDirectories = allowedSocketDirectories.map(Self.normalizedDirectory)
    }

    /// From `DP_BUSINESS_HOSTS` and `DP_BUSINESS_SOCKET_DIRS` (comma- or space-separated lists).
    public init(environment: [String: String]) throws {
        func list(_ name: String) -> [String] {
            (environment[name] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        }
        var rules: [BusinessHostRule] = []
        for entry in list("DP_BUSINESS_HOSTS") {
            guard let rule = BusinessHostRule(entry) else {
                throw ConfigurationError(variable: "DP_BUSINESS_HOSTS", problem: "'\(entry)' is not a host name, IP address or CIDR network")
            }
            rules.append(rule)
        }
        let directories = list("DP_BUSINESS_SOCKET_DIRS")
        if let relative = directories.first(where: { !$0.hasPrefix("/") }) {
            throw ConfigurationError(variable: "DP_BUSINESS_SOCKET_DIRS", problem: "'\(relative)' is not an absolute directory")
        }
        self.init(allowedHosts: rules, allowedSocketDirectories: directories)
    }

    /// Throws `PipelineError.connectionRefused` when the URL may not be used: a reason naming the problem but
    /// echoing no value from the URL (a malformed URL can put part of a password where libpq reads a host or port).
    public func check(_ url: String) throws {
        guard let parts = ConnectionURLParts(url) else {
            throw PipelineError.connectionRefused(.notAPostgresURL)
        }
        var hosts = parts.hosts.map(\.name)
        for option in parts.options {
            switch option.key {
            case "host":
                // Only a permitted socket directory may be given this way (libpq lets it replace the URL's host).
                guard isSocket(option.value), isAllowedSocket(option.value) else {
                    throw PipelineError.connectionRefused(.hostOption)
                }
                hosts = [option.value]
            case "port":
                guard option.value.split(separator: ",").allSatisfy({ Int($0).map { (1...65535).contains($0) } ?? false }) else {
                    throw PipelineError.connectionRefused(.invalidPort)
                }
            case "sslmode":
                guard Self.sslModes.contains(option.value) else { throw PipelineError.connectionRefused(.invalidSSLMode) }
            case "target_session_attrs":
                guard Self.sessionAttributes.contains(option.value) else {
                    throw PipelineError.connectionRefused(.invalidTargetSessionAttrs)
                }
            case "connect_timeout":
                guard let seconds = Int(option.value), (0...600).contains(seconds) else {
                    throw PipelineError.connectionRefused(.invalidConnectTimeout)
                }
            case "application_name":
                guard option.value.count <= 64, option.value.allSatisfy({ !$0.isNewline && $0.isASCII }) else {
                    throw PipelineError.connectionRefused(.invalidApplicationName)
                }
            default:
                // Only a known libpq keyword is named back: an unknown "key" may be part of a mangled password.
                let keyword = Self.libpqKeywords.contains(option.key) ? option.key : nil
                throw PipelineError.connectionRefused(.optionNotAllowed(keyword: keyword))
            }
        }
        for port in parts.hosts.compactMap(\.port) where !port.isEmpty {
            guard let number = Int(port), (1...65535).contains(number) else { throw PipelineError.connectionRefused(.invalidPort) }
        }
        for host in hosts { try checkHost(host) }
    }

    private func checkHost(_ host: String) throws {
        if host.isEmpty {
            throw PipelineError.connectionRefused(.missingHost)
        }
        if isSocket(host) {
            guard isAllowedSocket(host) else { throw PipelineError.connectionRefused(.unixSocket) }
            return
        }
        guard allowedHosts.isEmpty || allowedHosts.contains(where: { $0.matches(host) }) else {
            throw PipelineError.connectionRefused(.hostNotAllowed)
        }
    }

    private func isSocket(_ host: String) -> Bool { host.hasPrefix("/") || host.hasPrefix("@") }

    private func isAllowedSocket(_ host: String) -> Bool {
        host.hasPrefix("/") && allowedSocketDirectories.contains(Self.normalizedDirectory(host))
    }

    private static func normalizedDirectory(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
