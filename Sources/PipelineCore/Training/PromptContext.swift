/// What an NL2SQL prompt needs for one question, in one answer (`POST /training_data/context`): the most similar
/// question–SQL pairs, the related tables' DDL and documentation, relevant `error_sql` warnings, and the semantic
/// model's notes on those tables (measures, dimensions, time ranges, relationships and join paths) — filled in that
/// order of value until the token budget is spent. Whole items only: a DDL statement is never cut.
public struct PromptContext: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var question: String?
        public var content: String
        public var tables: [String]
        public var score: Float
        public var tokens: Int
    }

    public var pairs: [Entry] = []
    public var ddl: [Entry] = []
    public var documentation: [Entry] = []
    public var errorSQL: [Entry] = []
    /// `语义说明` lines of the related tables, and join paths among them.
    public var semanticNotes: [String] = []
    public var joinPaths: [String] = []
    public var usedTokens = 0
    /// Items left out because the budget was spent.
    public var omitted = 0
}

/// A conservative token count without a model's tokenizer: every non-ASCII scalar (CJK) one token, ASCII one per
/// three characters.
public enum ApproximateTokens {
    public static func count(_ text: String) -> Int {
        var ascii = 0, other = 0
        for scalar in text.unicodeScalars { if scalar.isASCII { ascii += 1 } else { other += 1 } }
        return other + (ascii + 2) / 3
    }
}

/// Fills a `PromptContext` from search results and the semantic model, within a budget.
public struct PromptContextAssembler {
    public var budget: Int

    public init(budget: Int) {
        self.budget = budget
    }

    /// `pairs`, `ddl`, `documentation`, `errors`: search hits, best first. The related tables are those of the pairs
    /// and the DDL hits; their DDL comes first in its section even when its own score is lower.
    public func assemble(pairs: [ScoredTrainingItem], ddl: [ScoredTrainingItem], documentation: [ScoredTrainingItem],
                         errors: [ScoredTrainingItem], model: SemanticModel?) -> PromptContext {
        var context = PromptContext()
        var left = budget
        func take(_ hit: ScoredTrainingItem) -> PromptContext.Entry? {
            let text = (hit.item.question.map { $0 + "\n" } ?? "") + hit.item.content
            let tokens = ApproximateTokens.count(text)
            guard tokens <= left else {
                context.omitted += 1
                return nil
            }
            left -= tokens
            return PromptContext.Entry(id: hit.item.id, question: hit.item.question, content: hit.item.content,
                                       tables: hit.item.tables, score: hit.score, tokens: tokens)
        }
        // The best pair first, then the DDL and the semantic notes of the tables the pairs read, then the other
        // pairs, then the other DDL: a prompt with one good example and its schema beats five examples without one.
        let related = Self.relatedTables(pairs: pairs, ddl: ddl)
        let isRelated = { (hit: ScoredTrainingItem) in Self.tableNames(of: hit.item).contains(where: related.contains) }
        if let first = pairs.first, let entry = take(first) { context.pairs.append(entry) }
        for hit in ddl where isRelated(hit) { if let entry = take(hit) { context.ddl.append(entry) } }
        if let model {
            for table in model.tables where related.contains(table.name) {
                let lines = SemanticNotes.lines(for: table.reference, in: model)
                let tokens = ApproximateTokens.count(lines.joined(separator: "\n"))
                guard !lines.isEmpty else { continue }
                guard tokens <= left else { context.omitted += 1; continue }
                left -= tokens
                context.semanticNotes += lines
            }
            for path in model.joinPaths where path.tables.count > 1 && path.tables.allSatisfy({ related.contains(Self.bareName($0)) }) {
                let text = path.description + "：" + path.relationships.joined(separator: "，")
                let tokens = ApproximateTokens.count(text)
                guard tokens <= left else { context.omitted += 1; continue }
                left -= tokens
                context.joinPaths.append(text)
            }
        }
        for hit in pairs.dropFirst() { if let entry = take(hit) { context.pairs.append(entry) } }
        for hit in ddl where !isRelated(hit) { if let entry = take(hit) { context.ddl.append(entry) } }
        for hit in documentation { if let entry = take(hit) { context.documentation.append(entry) } }
        for hit in errors { if let entry = take(hit) { context.errorSQL.append(entry) } }
        context.usedTokens = budget - left
        return context
    }

    /// Bare names of the tables the pairs read (from their SQL when the item does not say) and, when no pair
    /// matched, of the best DDL hits.
    static func relatedTables(pairs: [ScoredTrainingItem], ddl: [ScoredTrainingItem]) -> Set<String> {
        let read = Set(pairs.flatMap { tableNames(of: $0.item) })
        return read.isEmpty ? Set(ddl.prefix(2).flatMap { tableNames(of: $0.item) }) : read
    }

    /// The item's tables without schema; for a pair without them, the relations its SQL reads.
    static func tableNames(of item: TrainingItem) -> [String] {
        if !item.tables.isEmpty { return item.tables.map(bareName) }
        guard item.type == .sql || item.type == .errorSQL, let references = ReadOnlySQL.references(in: item.content) else { return [] }
        return references.relations.map(\.name)
    }

    static func bareName(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }
}
