import Foundation
import PipelineCore

/// The prompt templates and the prompt token budget the OpenAI-compatible provider works with: the defaults compiled
/// in (`DefaultPromptTexts`), each replaceable by a file of the same name in an operator's directory.
public struct PromptLibrary: Sendable {
    /// Default of `DP_LLM_MAX_PROMPT_TOKENS`: fits the 32k contexts of common hosted and local models with room
    /// for a long JSON answer.
    public static let defaultMaxPromptTokens = 12_000
    public static let maxPromptTokensRange = 1_000...1_000_000

    /// No prompt (system and user messages, estimated by `TokenEstimate`) is built larger than this; inputs that
    /// would be are trimmed or split into several calls.
    public var maxPromptTokens: Int
    /// The file names taken from the override directory, for the start-up log.
    public private(set) var overridden: [String] = []
    private var templates: [PromptFile: PromptTemplate]

    /// The compiled-in templates.
    public static func defaults(maxPromptTokens: Int = defaultMaxPromptTokens) -> PromptLibrary {
        var templates: [PromptFile: PromptTemplate] = [:]
        for file in PromptFile.allCases {
            guard let text = DefaultPromptTexts.files[file.fileName],
                  let template = try? PromptTemplate.parse(text, file: file.fileName) else {
                // A unit test parses and validates every default; reaching this is a build from broken sources.
                preconditionFailure("compiled-in prompt template \(file.fileName) is missing or invalid")
            }
            templates[file] = template
        }
        return PromptLibrary(maxPromptTokens: maxPromptTokens, templates: templates)
    }

    /// The defaults, with every `<kind>.txt` found in `directory` used instead. Each override is parsed and its
    /// placeholders checked; an unknown `.txt` file there is refused too (a misspelt name would silently not apply).
    public static func load(overrides directory: URL?, maxPromptTokens: Int = defaultMaxPromptTokens) throws(PromptTemplate.Problem) -> PromptLibrary {
        var library = defaults(maxPromptTokens: maxPromptTokens)
        guard let directory else { return library }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PromptTemplate.Problem(file: directory.path, problem: "not a directory")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let known = Set(PromptFile.allCases.map(\.fileName))
        if let stray = names.sorted().first(where: { $0.hasSuffix(".txt") && !known.contains($0) }) {
            throw PromptTemplate.Problem(file: stray, problem: "not a prompt file (expected one of \(known.sorted().joined(separator: ", ")))")
        }
        for file in PromptFile.allCases where names.contains(file.fileName) {
            let url = directory.appendingPathComponent(file.fileName)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw PromptTemplate.Problem(file: url.path, problem: "cannot be read as UTF-8 text")
            }
            let template = try PromptTemplate.parse(text, file: url.path)
            try template.validate(for: file, fileName: url.path)
            library.templates[file] = template
            library.overridden.append(file.fileName)
        }
        return library
    }

    /// From `DP_PROMPTS_DIR` (optional) and `DP_LLM_MAX_PROMPT_TOKENS`; a bad value is a start-up error naming the
    /// variable and, for a template, the file.
    public static func load(environment: [String: String]) throws(ConfigurationError) -> PromptLibrary {
        var budget = defaultMaxPromptTokens
        if let text = value("DP_LLM_MAX_PROMPT_TOKENS", in: environment) {
            guard let parsed = Int(text), maxPromptTokensRange.contains(parsed) else {
                throw ConfigurationError(variable: "DP_LLM_MAX_PROMPT_TOKENS",
                                         problem: "must be an integer in \(maxPromptTokensRange.lowerBound)...\(maxPromptTokensRange.upperBound), got '\(text)'")
            }
            budget = parsed
        }
        let directory = value("DP_PROMPTS_DIR", in: environment).map { URL(fileURLWithPath: $0, isDirectory: true) }
        do {
            return try load(overrides: directory, maxPromptTokens: budget)
        } catch {
            throw ConfigurationError(variable: "DP_PROMPTS_DIR", problem: error.description)
        }
    }

    public func template(_ file: PromptFile) -> PromptTemplate {
        templates[file]!
    }

    private static func value(_ name: String, in environment: [String: String]) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
