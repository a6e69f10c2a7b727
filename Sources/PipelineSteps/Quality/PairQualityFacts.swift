import PipelineCore

/// What the measures need from one pair, computed once: its tables, the columns it uses, whether it is scoped in
/// time, its aggregates, its wording and sums, its shapes and the joins it makes.
struct PairQualityFacts: Sendable {
    /// A table and column of the model, lower-case.
    struct ColumnKey: Hashable, Sendable {
        var table: String
        var column: String
    }

    var tables: Set<String> = []
    var usedColumns: Set<ColumnKey> = []
    var timeScoped = false
    var countOnly = false
    var latinWords: [String] = []
    /// `table.column (role)` of each non-additive column summed.
    var nonAdditiveSums: [String] = []
    var placeholderShape: String
    var fingerprint: String
    var difficulty: QuestionDifficulty
    var difficultyDeclared: Bool
    /// Column pairs equated by the query (`a.x = b.y`), resolved to model columns: the joins it makes.
    var joins: [(ColumnKey, ColumnKey)] = []

    init(_ pair: PairFileEntry, model: ModelColumns) {
        let question = pair.question ?? "", sql = pair.sql ?? ""
        latinWords = Self.latinWords(question)
        placeholderShape = PlaceholderShape.of(sql) ?? sql
        fingerprint = ReadOnlySQL.shape(sql) ?? sql
        difficulty = .easy
        difficultyDeclared = false
        guard let analysis = PairSQLAnalysis(sql) else {
            self.difficulty(declared: pair)
            return
        }
        tables = Set(analysis.tables.map { $0.lowercased() })
        countOnly = analysis.aggregates == ["count"]
        let columns: (String) -> Set<String> = { model.columnNames($0) }
        for reference in analysis.references {
            let owners = analysis.owners(of: Self.lowered(reference), columns: columns)
            let name = reference.name.lowercased()
            var roles: [ModelColumns.Column] = []
            for table in owners {
                usedColumns.insert(ColumnKey(table: table, column: name))
                if let column = model.column(table, name) { roles.append(column) }
            }
            if roles.contains(where: { $0.role == .time }), Self.scopesTime(reference, grouped: analysis.hasGroupBy) {
                timeScoped = true
            }
            if reference.summed, let first = roles.first, !roles.contains(where: { $0.role == .measure && $0.additive }) {
                nonAdditiveSums.append("\(owners[0]).\(reference.name) (\(first.role.rawValue)\(first.role == .measure ? ", not additive" : ""))")
            }
        }
        for (left, right) in analysis.equalities {
            for l in analysis.owners(of: Self.lowered(left), columns: columns) {
                for r in analysis.owners(of: Self.lowered(right), columns: columns) {
                    joins.append((ColumnKey(table: l, column: left.name.lowercased()), ColumnKey(table: r, column: right.name.lowercased())))
                }
            }
        }
        difficulty = Self.structuralDifficulty(analysis, tables: tables.count)
        self.difficulty(declared: pair)
    }

    private mutating func difficulty(declared pair: PairFileEntry) {
        if case .string(let text)? = pair.fields["difficulty"], let declared = QuestionDifficulty(rawValue: text.lowercased()) {
            difficulty = declared
            difficultyDeclared = true
        }
    }

    /// A time column scopes its pair when it filters (WHERE/HAVING, not only a NULL test), groups (GROUP BY, or a
    /// plain select item of a grouped query) or is inside a date function.
    static func scopesTime(_ reference: PairSQLAnalysis.Reference, grouped: Bool) -> Bool {
        switch reference.clause {
        case .where, .having: if !reference.nullTest { return true }
        case .group: return true
        case .select: if grouped && !reference.inAggregate { return true }
        default: break
        }
        return reference.inDateFunction
    }

    /// Hard: ≥ 3 tables, a window, a CTE or a subquery; medium: a join, grouping, ordering or a limit; else easy
    /// (the rule of docs/builtin-pairs.md, for pairs that do not say their difficulty).
    static func structuralDifficulty(_ analysis: PairSQLAnalysis, tables: Int) -> QuestionDifficulty {
        if tables >= 3 || analysis.hasWindow || analysis.hasCTE || analysis.hasSubquery { return .hard }
        if tables >= 2 || analysis.hasGroupBy || analysis.hasOrderOrLimit { return .medium }
        return .easy
    }

    /// Runs of ≥ 3 Latin letters that are not all upper-case (SKU, GMV are codes a manager says).
    static func latinWords(_ text: String, lowerOnly: Bool = true) -> [String] {
        var words: [String] = [], current = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic {
                current.unicodeScalars.append(scalar)
                continue
            }
            words.append(current)
            current = ""
        }
        words.append(current)
        return words.filter { $0.count >= 3 && !(lowerOnly && $0 == $0.uppercased()) }
    }

    private static func lowered(_ reference: PairSQLAnalysis.Reference) -> PairSQLAnalysis.Reference {
        var copy = reference
        copy.name = reference.name.lowercased()
        copy.qualifier = reference.qualifier?.lowercased()
        return copy
    }
}
