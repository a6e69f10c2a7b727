import PipelineCore
import Postgres

/// The tables of some schemas, for a drift report: one catalog statement, whatever their number.
enum SchemaTablesQuery {
    /// Ordinary and partitioned tables of `schemas` (partitions left out, as `/database/tables` lists them), each
    /// marked when its OID is greater than every documented table's: OIDs are handed out in increasing order, so
    /// such a table was created after all of them (up to the counter's wrap-around at 2³²).
    static func tables(
        _ connection: CountedConnection, schemas: [String], documented: [TableReference]
    ) throws(PostgresError) -> [SchemaTableEntry] {
        let rows = try connection.query(PostgresQuery("""
            WITH documented AS (
                SELECT max(c.oid) AS newest
                FROM unnest($2::text[], $3::text[]) AS d(schema_name, table_name)
                JOIN pg_catalog.pg_namespace n ON n.nspname = d.schema_name
                JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = d.table_name
            )
            SELECT n.nspname AS schema_name, c.relname AS table_name,
                   coalesce(c.oid > (SELECT newest FROM documented), false) AS is_newer
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY($1::text[])
            ORDER BY n.nspname, c.relname
            """, [schemas, documented.map(\.schema), documented.map(\.name)]))
        var entries: [SchemaTableEntry] = []
        for row in rows {
            entries.append(SchemaTableEntry(
                reference: TableReference(schema: try row.string("schema_name"), name: try row.string("table_name")),
                isNewerThanDocumented: try row.bool("is_newer")))
        }
        return entries
    }
}
