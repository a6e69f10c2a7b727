import Foundation

/// Reads `KEY=value` files in systemd `EnvironmentFile=` format (`#`/`;` comments, optional quotes, `export` allowed).
public enum EnvironmentFile {
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            if !key.isEmpty { values[key] = value }
        }
        return values
    }

    /// The process environment merged over the file named by `DP_ENV_FILE` (the environment wins).
    public static func mergedEnvironment(_ environment: [String: String]) throws -> [String: String] {
        guard let path = environment["DP_ENV_FILE"], !path.isEmpty else { return environment }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(variable: "DP_ENV_FILE", problem: "cannot read \(path)")
        }
        return parse(String(decoding: data, as: UTF8.self)).merging(environment) { _, fromEnvironment in fromEnvironment }
    }
}
