import PipelineCore
import Postgres

/// A listed name resolved to a relation (one row of the relation query).
struct CatalogRelationRow {
    /// 1-based position in the table list.
    var listPosition: Int
    var oid: String
    var schema: String
    var name: String
    var relkind: String
    var comment: String?
    var estimatedRows: Int64?
}

/// One live column of a resolved relation.
struct CatalogColumnRow {
    var relationOID: String
    var name: String
    var formattedType: String
    /// `typname` of the base type (a domain's base, an array's element).
    var baseType: String
    var typeCategory: String
    var notNull: Bool
    var defaultExpression: String?
    var isGenerated: Bool
    var comment: String?
}

/// A primary key, foreign key or check constraint of a resolved relation, columns in constraint order.
struct CatalogConstraintRow {
    var relationOID: String
    var isPrimaryKey: Bool
    var columns: [String]
    var target: TableReference?
    var targetColumns: [String]
    /// `pg_get_constraintdef` of a check constraint; nil for keys.
    var checkDefinition: String?
}

/// The catalog queries of step 1: three set-based statements for all listed tables together, whatever their number.
enum CatalogQueries {
    /// Resolves the listed names (ordinary tables, partitioned tables and their partitions, views, materialized and
    /// foreign tables) with their comments and row estimates.
    ///
    /// An unquoted name in the list means what PostgreSQL would make of it (folded to lower case), but the name as
    /// written wins when both exist; `schemas`/`names` are the real names, `foldedSchemas`/`foldedNames` the folded.
    static func relations(
        _ connection: CountedConnection, schemas: [String], names: [String], foldedSchemas: [String], foldedNames: [String]
    ) throws(PostgresError) -> [CatalogRelationRow] {
        let rows = try connection.query(PostgresQuery("""
            WITH wanted(schema_name, table_name, folded_schema, folded_table, ord) AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY
            )
            SELECT DISTINCT ON (w.ord)
                   w.ord, c.oid::text AS oid, n.nspname, c.relname, c.relkind::text AS relkind,
                   obj_description(c.oid, 'pg_class') AS comment,
                   -- reltuples is -1 until the first ANALYZE; a partitioned parent that was never analyzed itself
                   -- is the sum of its analyzed leaves.
                   CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint
                        WHEN c.relkind = 'p' THEN (
                            SELECT sum(leaf.reltuples)::bigint FROM pg_partition_tree(c.oid) tree
                            JOIN pg_class leaf ON leaf.oid = tree.relid
                            WHERE tree.isleaf AND leaf.reltuples >= 0)
                   END AS estimate
            FROM wanted w
            JOIN pg_namespace n ON n.nspname IN (w.schema_name, w.folded_schema)
            JOIN pg_class c ON c.relnamespace = n.oid AND c.relname IN (w.table_name, w.folded_table)
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
            ORDER BY w.ord, (n.nspname = w.schema_name AND c.relname = w.table_name) DESC,
                     (c.relname = w.table_name) DESC
            """, [schemas, names, foldedSchemas, foldedNames]))
        return try rows.map { row throws(PostgresError) in
            CatalogRelationRow(
                listPosition: try row.int("ord"), oid: try row.string("oid"), schema: try row.string("nspname"),
                name: try row.string("relname"), relkind: try row.string("relkind"),
                comment: try row.optionalString("comment"),
                estimatedRows: try row.optionalInt("estimate").map(Int64.init)
            )
        }
    }

    /// The live columns of the relations, in column order, with types, defaults and comments.
    static func columns(_ connection: CountedConnection, oids: [String]) throws(PostgresError) -> [CatalogColumnRow] {
        let rows = try connection.query(PostgresQuery("""
            SELECT a.attrelid::text AS rel, a.attname, format_type(a.atttypid, a.atttypmod) AS formatted,
                   COALESCE(element.typname, base.typname, t.typname)::text AS base_type,
                   t.typcategory::text AS category, a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attgenerated <> '' AS generated,
                   col_description(a.attrelid, a.attnum) AS comment
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type base ON base.oid = t.typbasetype AND t.typtype = 'd'
            LEFT JOIN pg_type element ON element.oid = t.typelem AND t.typcategory = 'A'
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """, [oids]))
        return try rows.map { row throws(PostgresError) in
            CatalogColumnRow(
                relationOID: try row.string("rel"), name: try row.string("attname"),
                formattedType: try row.string("formatted"), baseType: try row.string("base_type"),
                typeCategory: try row.string("category"), notNull: try row.bool("attnotnull"),
                defaultExpression: try row.optionalString("default_expr"), isGenerated: try row.bool("generated"),
                comment: try row.optionalString("comment")
            )
        }
    }

    /// Primary keys, foreign keys and check constraints of the relations.
    ///
    /// A foreign key that references a partitioned table is stored once more per partition (with `conparentid`
    /// pointing at the original on the same table); those copies are left out. Keys that partitions inherit from
    /// their parent are kept: they are the partition's own.
    static func constraints(_ connection: CountedConnection, oids: [String]) throws(PostgresError) -> [CatalogConstraintRow] {
        let rows = try connection.query(PostgresQuery("""
            SELECT con.conrelid::text AS rel, con.contype = 'p' AS is_primary,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                         ORDER BY k.i)::text[] AS columns,
                   target_ns.nspname AS target_schema, target.relname AS target_table,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                         ORDER BY k.i)::text[] AS target_columns,
                   CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid) END AS check_definition
            FROM pg_constraint con
            LEFT JOIN pg_class target ON target.oid = con.confrelid
            LEFT JOIN pg_namespace target_ns ON target_ns.oid = target.relnamespace
            WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'f', 'c')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint parent
                              WHERE parent.oid = con.conparentid AND parent.conrelid = con.conrelid)
            ORDER BY con.conrelid, con.contype DESC, con.conname
            """, [oids]))
        return try rows.map { row throws(PostgresError) in
            let target: TableReference?
            if let schema = try row.optionalString("target_schema"), let table = try row.optionalString("target_table") {
                target = TableReference(schema: schema, name: table)
            } else {
                target = nil
            }
            return CatalogConstraintRow(
                relationOID: try row.string("rel"), isPrimaryKey: try row.bool("is_primary"),
                columns: try row.stringArray("columns"), target: target,
                targetColumns: try row.stringArray("target_columns"),
                checkDefinition: try row.optionalString("check_definition")
            )
        }
    }
}
