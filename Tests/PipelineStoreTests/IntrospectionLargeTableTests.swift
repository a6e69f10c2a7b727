import Foundation
import PipelineCore
import PipelineProviders
import Postgres
import TestSupport
import XCTest

/// Step 1 must never read a large table whole (the predecessor ran an exact `COUNT(*)` and full scans).
final class IntrospectionLargeTableTests: XCTestCase {
    private var database: TestDatabase!

    override func setUpWithError() throws {
        database = try TestDatabase(prefix: "dp_intro_big")
        let connection = try database.connect()
        try connection.execute(.init("""
            CREATE TABLE big_events (id bigint, kind text, note text, created_at timestamptz)
            WITH (autovacuum_enabled = off)
            """))
        try connection.execute(.init("""
            INSERT INTO big_events
            SELECT g, (ARRAY['click', 'view', 'buy'])[1 + g % 3], 'note number ' || g,
                   timestamptz '2024-01-01 00:00+00' + g * interval '1 second'
            FROM generate_series(1, 1000000) g
            """))
        try connection.execute(.init("ANALYZE big_events"))
    }

    override func tearDown() {
        database?.drop()
    }

    func testAMillionRowTableIsDocumentedWithoutBeingReadWhole() throws {
        // A small child referencing the big table's unique key, and a small parent the big table references.
        let setup = try database.connect()
        try setup.execute(.init("CREATE UNIQUE INDEX big_events_id_key ON big_events (id)"))
        try setup.execute(.init("CREATE TABLE event_note (id serial PRIMARY KEY, big_event_id bigint)"))
        try setup.execute(.init("INSERT INTO event_note (big_event_id) SELECT g * 997 FROM generate_series(1, 100) g"))
        try setup.execute(.init("CREATE TABLE kinds (kind text PRIMARY KEY)"))
        try setup.execute(.init("INSERT INTO kinds VALUES ('click'), ('view'), ('buy')"))
        try setup.execute(.init("ANALYZE"))
        let observer = try database.connect()
        let before = try sequentialTuplesRead(observer)

        var introspector: PostgresSchemaIntrospector? = PostgresSchemaIntrospector(connectionURL: database.url)
        let snapshot = try introspector!.catalog([TableName("big_events")!])
        let catalogStatements = introspector!.statementsSent
        let table = try XCTUnwrap(snapshot.tables.first)
        let sampled = try introspector!.sample(table, options: IntrospectionOptions())
        let sampleStatements = introspector!.statementsSent - catalogStatements
        print("big_events statements: catalog \(catalogStatements), sample \(sampleStatements)")
        XCTAssertLessThanOrEqual(sampleStatements, 7)

        // Relationship confirmation reads sampled blocks of the big child and looks values up through indexes.
        let both = try introspector!.catalog([TableName("big_events")!, TableName("event_note")!, TableName("kinds")!])
        let big = both.tables[0].reference, note = both.tables[1].reference, kinds = both.tables[2].reference
        let checks = try introspector!.confirm([
            RelationshipCandidate(child: note, childColumn: "big_event_id", parent: big, parentColumn: "id",
                                  rule: "entity_key", weight: 0.9, childIsLarge: false),
            RelationshipCandidate(child: big, childColumn: "kind", parent: kinds, parentColumn: "kind",
                                  rule: "same_key_name", weight: 0.9, childIsLarge: true),
        ], options: IntrospectionOptions())
        XCTAssertEqual(checks.map(\.foundValues), [20, 3])
        XCTAssertEqual(checks.map(\.sampledValues), [20, 3])
        // Closing the introspector's connections makes their backends flush their table statistics.
        introspector = nil

        let after = try settledSequentialTuplesRead(observer, above: before)
        print("big_events seq_tup_read before \(before), after \(after): +\(after - before)")
        XCTAssertLessThan(after - before, 100_000)

        let estimate = try XCTUnwrap(sampled.estimatedRows)
        XCTAssertEqual(Double(estimate), 1_000_000, accuracy: 50_000, "the estimate, not an exact count")
        XCTAssertEqual(try XCTUnwrap(sampled.columns.first { $0.name == "note" }).samples.count, 3)
        XCTAssertNotEqual(try XCTUnwrap(sampled.columns.first { $0.name == "id" }).samples, ["1", "2", "3"],
                          "rows from sampled blocks, not the first ones")
        XCTAssertEqual(Set(try XCTUnwrap(sampled.columns.first { $0.name == "kind" }).enumValues ?? []),
                       ["click", "view", "buy"])

        // The measurement itself works: a real full scan shows up in the same counter.
        try observer.execute(.init("SELECT count(*) FROM big_events"))
        try observer.execute(.init("SELECT pg_stat_force_next_flush()"))
        let control = try settledSequentialTuplesRead(observer, above: after)
        XCTAssertGreaterThanOrEqual(control - after, 1_000_000)
    }

    private func sequentialTuplesRead(_ connection: PostgresConnection) throws -> Int {
        try connection.execute(.init("SELECT pg_stat_clear_snapshot()"))
        return try XCTUnwrap(connection.query(.init(
            "SELECT seq_tup_read FROM pg_stat_user_tables WHERE relname = 'big_events'"
        )).first?.int("seq_tup_read"))
    }

    /// The counter once other backends' pending statistics have arrived: it moved past `above` and then held
    /// still for a moment, or ~2 s passed.
    private func settledSequentialTuplesRead(_ connection: PostgresConnection, above: Int) throws -> Int {
        var last = try sequentialTuplesRead(connection)
        for _ in 0..<20 {
            Thread.sleep(forTimeInterval: 0.1)
            let current = try sequentialTuplesRead(connection)
            if current > above, current == last { return current }
            last = current
        }
        return last
    }
}
