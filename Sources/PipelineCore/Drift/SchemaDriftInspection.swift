import Foundation

/// What `GET …/tasks/{id}/drift` answers: the schema changes and the loaded items that no longer pass.
public struct SchemaDriftReport: Sendable {
    public var changes: [SchemaChange]
    /// Loaded `sql` pairs that the gate or `EXPLAIN` refuses now, each with the reason.
    public var brokenPairs: [TrainingItemCheck]
    /// Loaded `error_sql` items (recorded mistakes) that the gate or `EXPLAIN` refuses now, each with the reason.
    public var failingErrorSQL: [TrainingItemCheck]
    /// Loaded `error_sql` items that now pass: the mistake they record may no longer be one.
    public var passingErrorSQL: [TrainingItemCheck]
    public var pairsChecked: Int
    public var errorSQLChecked: Int
    /// Loaded items beyond the check's bound (`SchemaDriftInspection.maxCheckedItems`), not checked.
    public var itemsUnchecked: Int
    /// Documented tables compared with the database.
    public var tablesCompared: Int
    /// Task files that could not be read as documents (Chinese, naming the file); they were left out.
    public var documentProblems: [String]
    /// Seconds the inspection took: reads, comparison and the checks of the items.
    public var duration: Double
    /// Where the time went, in seconds: reading the task's files, the database's catalog, the loaded items.
    public var phases: Phases

    public struct Phases: Sendable {
        public var documents: Double
        public var model: Double
        public var database: Double
        public var items: Double
    }

    /// The schema changed or a loaded pair broke. Recorded mistakes that still fail are no drift.
    public var drifted: Bool { !changes.isEmpty || !brokenPairs.isEmpty || !passingErrorSQL.isEmpty }
}

/// Compares a task's documents, semantic model and loaded training items with its business database as it is now.
/// Reads only: the catalog (`SchemaIntrospector.currentSchema`), and each loaded SQL planned by the `SQLValidator`
/// (the read-only gate, then `EXPLAIN` in a rolled-back read-only transaction), never the business tables' rows
/// beyond the bounded probes of introspection.
public struct SchemaDriftInspection {
    /// Loaded items checked per report: a bound on the time one request may take (about 5 ms per plan).
    public static let maxCheckedItems = 2_000

    public let trainingStore: TrainingDataStore
    public let options: IntrospectionOptions

    public init(trainingStore: TrainingDataStore, options: IntrospectionOptions = IntrospectionOptions()) {
        self.trainingStore = trainingStore
        self.options = options
    }

    /// The documented tables of the directory; throws `PipelineError.driftWithoutTableDocuments` when there are none (never run).
    public static func documentedTables(in directory: TaskDirectory) throws -> (tables: [TableDescription], problems: [String]) {
        let read = TableDocumentReader.readAll(in: directory)
        guard !read.tables.isEmpty else {
            throw PipelineError.driftWithoutTableDocuments
        }
        return read
    }

    public func inspect(taskID: TaskID, directory: TaskDirectory, introspector: SchemaIntrospector,
                        validator: SQLValidator) throws -> SchemaDriftReport {
        let started = ContinuousClock.now
        var lap = started
        func seconds() -> Double {
            let now = ContinuousClock.now
            defer { lap = now }
            return Self.seconds(now - lap)
        }
        let (documented, problems) = try Self.documentedTables(in: directory)
        let documentsTime = seconds()
        var modelProblems: [String] = []
        let model = SemanticModelFile.read(from: directory) { modelProblems.append("semantic_model.json: \($0.description)，已忽略") }
        let listed = TableListFile.read(from: directory)?.tables ?? []
        let modelTime = seconds()

        let request = Self.request(documented: documented, model: model, listed: listed)
        let current = try introspector.currentSchema(request, options: options)
        let changes = SchemaDriftComparison(documented: documented, model: model, listed: listed, current: current).changes()
        let databaseTime = seconds()

        let loaded = try trainingStore.items(ownedBy: taskID.rawValue, types: [.sql, .errorSQL],
                                             limit: Self.maxCheckedItems + 1)
        let checked = Array(loaded.prefix(Self.maxCheckedItems))
        var broken: [TrainingItemCheck] = []
        var failingErrors: [TrainingItemCheck] = []
        var passingErrors: [TrainingItemCheck] = []
        for item in checked {
            let verdict = try validator.validate(item.content)
            let check = TrainingItemCheck(id: item.id, type: item.type.rawValue, question: item.question, sql: item.content,
                                          tables: item.tables, reason: verdict.isValid ? nil : verdict.error ?? "校验失败")
            switch (item.type, verdict.isValid) {
            case (.sql, false): broken.append(check)
            case (.errorSQL, false): failingErrors.append(check)
            case (.errorSQL, true): passingErrors.append(check)
            default: break
            }
        }
        let itemsTime = seconds()
        return SchemaDriftReport(
            changes: changes, brokenPairs: broken, failingErrorSQL: failingErrors, passingErrorSQL: passingErrors,
            pairsChecked: checked.filter { $0.type == .sql }.count,
            errorSQLChecked: checked.filter { $0.type == .errorSQL }.count,
            itemsUnchecked: loaded.count > Self.maxCheckedItems ? loaded.count - Self.maxCheckedItems : 0,
            tablesCompared: documented.count, documentProblems: problems + modelProblems,
            duration: Self.seconds(ContinuousClock.now - started),
            phases: .init(documents: documentsTime, model: modelTime, database: databaseTime, items: itemsTime))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Documented and listed tables, the schemas of both, and the columns whose values were documented.
    public static func request(documented: [TableDescription], model: SemanticModel?, listed: [TableName]) -> CurrentSchemaRequest {
        var names: [TableName] = []
        var seen = Set<String>()
        for reference in documented.map(\.reference) {
            // The display form quotes what needs quoting, so it parses back to the same schema and name.
            if let name = TableName(reference.description), seen.insert("\(name.schema)\u{0}\(name.table)").inserted {
                names.append(name)
            }
        }
        for name in listed where seen.insert("\(name.schema)\u{0}\(name.table)").inserted { names.append(name) }
        var schemas: [String] = []
        for schema in documented.map(\.reference.schema) + listed.map(\.schema) where !schemas.contains(schema) {
            schemas.append(schema)
        }
        let modelValues = (model?.tables ?? []).reduce(into: [TableReference: Set<String>]()) { result, table in
            for column in table.columns where !(column.dimension?.values.isEmpty ?? true) {
                result[table.reference, default: []].insert(column.name)
            }
        }
        var valueColumns: [TableReference: [String]] = [:]
        for table in documented {
            let columns = table.columns.filter {
                !($0.enumValues?.isEmpty ?? true) || (modelValues[table.reference]?.contains($0.name) ?? false)
            }.map(\.name)
            if !columns.isEmpty { valueColumns[table.reference] = columns }
        }
        return CurrentSchemaRequest(tables: names, schemas: schemas, documented: documented.map(\.reference),
                                    valueColumns: valueColumns)
    }
}
