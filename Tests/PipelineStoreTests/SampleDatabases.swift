import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import TestSupport
import XCTest

/// The sample databases of the built-in writer's tests: `deploy/sample/highway_db.sql` and the awkward-names
/// fixture, documented the way step 1 does it, and the pairs the built-in provider writes for them.
enum SampleDatabases {
    static func loadHighway(into database: TestDatabase) throws {
        try load("highway_db", into: database)
    }

    /// `deploy/sample/<name>.sql` (highway_db, retail_db), then `ANALYZE`.
    static func load(_ name: String, into database: TestDatabase) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("deploy/sample/\(name).sql")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-d", database.url, "-f", script.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "psql loaded the sample")
        _ = try database.connect().execute(PostgresQuery("ANALYZE"))
    }

    static func loadAwkwardNames(into database: TestDatabase) throws {
        let connection = try database.connect()
        for statement in IntrospectionFixture.statements {
            try connection.execute(PostgresQuery(unsafeSQL: statement))
        }
    }

    /// Every table and view outside the system schemas, documented like step 1 does.
    static func documentedTables(in database: TestDatabase) throws -> [TableDescription] {
        let rows = try database.connect().query(PostgresQuery("""
            SELECT n.nspname AS schema_name, c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND NOT c.relispartition ORDER BY 1, 2
            """))
        let names = try rows.map { row in
            TableName("\(SQLIdentifier.quote(try row.text("schema_name")!)).\(SQLIdentifier.quote(try row.text("table_name")!))")!
        }
        let introspector = PostgresSchemaIntrospector(connectionURL: database.url, maxConnections: 2)
        let llm = BuiltinLLM()
        return try introspector.catalog(names).tables.map { table in
            let sampled = try introspector.sample(table, options: IntrospectionOptions())
            return sampled.filling(try llm.generateComments(TableCommentRequest(table: sampled, businessContext: "高速公路服务区管理系统")))
        }
    }

    /// The built-in provider's pairs for the tables, theme by theme, without repeated SQL.
    static func builtinPairs(tables: [TableDescription], themeCount: Int, pairsPerTheme: Int,
                             model: SemanticModel? = nil) throws -> [QuestionSQLPair] {
        let llm = BuiltinLLM()
        let themes = try llm.extractThemes(ThemeRequest(tables: tables, businessContext: "高速公路服务区管理系统", themeCount: themeCount,
                                                        semanticModel: model))
        var pairs: [QuestionSQLPair] = []
        var seen = Set<String>()
        for theme in themes {
            let related = tables.filter { table in
                theme.relatedTables.contains(table.reference.documentName)
            }
            for pair in try llm.generatePairs(PairRequest(theme: theme, tables: related, businessContext: "", pairCount: pairsPerTheme,
                                                          semanticModel: model))
            where seen.insert(pair.sql).inserted {
                pairs.append(pair)
            }
        }
        return pairs
    }
}
