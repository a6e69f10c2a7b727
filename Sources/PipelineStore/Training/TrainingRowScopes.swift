/// Which business databases and which tasks each row of a snapshot belongs to, for `db_name` and `task_id` filters,
/// and what each row is about (its type and tables, interned as one id) for the diversity of the results.
///
/// Names are interned (a store holds few databases and tasks), and each row's ids sit in one flat array
/// (`start[row]..<start[row + 1]`), so 100k rows cost a few hundred kilobytes.
struct TrainingRowScopes: Sendable {
    private var names: [String: Int32] = [:]
    private var databaseStart: [Int32] = [0]
    private var databaseIDs: [Int32] = []
    private var taskStart: [Int32] = [0]
    private var taskIDs: [Int32] = []
    /// Per row: the id of its type and sorted tables.
    private(set) var subjects: [Int32] = []

    init() {}

    /// Appends the next row's databases and owning tasks, and its subject (`type` and `tables`; rows without tables
    /// each get their own, so they never count as alike).
    mutating func append(databases: [String], tasks: [String], type: String = "", tables: [String] = []) {
        subjects.append(tables.isEmpty ? -1 - Int32(subjects.count)
            : intern("subject:" + type + ":" + Set(tables).sorted().joined(separator: ",")))
        for name in Set(databases).sorted() { databaseIDs.append(intern("db:" + name)) }
        databaseStart.append(Int32(databaseIDs.count))
        for name in Set(tasks).sorted() { taskIDs.append(intern("task:" + name)) }
        taskStart.append(Int32(taskIDs.count))
    }

    /// No rows, the same interned names: `append(row:of:)` copies rows of `self` into it.
    func withoutRows() -> TrainingRowScopes {
        var empty = TrainingRowScopes()
        empty.names = names
        return empty
    }

    /// Appends row `row` of `other`, whose names this one shares (`other.withoutRows()`).
    mutating func append(row: Int, of other: TrainingRowScopes) {
        let subject = other.subjects[row]
        // A row without tables is its own subject, numbered by its (new) position.
        subjects.append(subject < 0 ? -1 - Int32(subjects.count) : subject)
        databaseIDs += other.databaseIDs[Int(other.databaseStart[row])..<Int(other.databaseStart[row + 1])]
        databaseStart.append(Int32(databaseIDs.count))
        taskIDs += other.taskIDs[Int(other.taskStart[row])..<Int(other.taskStart[row + 1])]
        taskStart.append(Int32(taskIDs.count))
    }

    private mutating func intern(_ key: String) -> Int32 {
        if let id = names[key] { return id }
        let id = Int32(names.count)
        names[key] = id
        return id
    }

    /// A test for rows within both filters (nil filter: any row). A filter naming nothing stored matches no row.
    func filter(dbName: String?, taskID: String?) -> (Int) -> Bool {
        let database = dbName.map { names["db:" + $0] ?? -1 }
        let task = taskID.map { names["task:" + $0] ?? -1 }
        return { row in
            if let database, !Self.has(database, self.databaseIDs, self.databaseStart, row) { return false }
            if let task, !Self.has(task, self.taskIDs, self.taskStart, row) { return false }
            return true
        }
    }

    private static func has(_ id: Int32, _ ids: [Int32], _ start: [Int32], _ row: Int) -> Bool {
        guard id >= 0 else { return false }
        for index in Int(start[row])..<Int(start[row + 1]) where ids[index] == id { return true }
        return false
    }
}
