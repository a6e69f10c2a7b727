import Foundation
import PipelineCore

/// How the provider shows tables to the model: the documents step 1 wrote (FORMATS.md §1, §2), made smaller when a
/// prompt would exceed its budget. Sensitive columns carry no samples in any form (the formatters leave them out).
enum PromptDocuments {
    /// From most to least detailed.
    enum Detail: CaseIterable {
        /// The `_detail.md` document as step 1 writes it.
        case full
        /// The same document with one sample per column and at most `compactEnumValues` enum values.
        case compact
        /// One line: the table, its comment, and its columns with their comments.
        case outline
    }

    static let compactEnumValues = 8

    static func document(_ table: TableDescription, detail: Detail) -> String {
        switch detail {
        case .full:
            return TableDocFormatter.format(table)
        case .compact:
            var trimmed = table
            for index in trimmed.columns.indices {
                trimmed.columns[index].samples = Array(trimmed.columns[index].samples.prefix(1))
                trimmed.columns[index].enumValues = trimmed.columns[index].enumValues.map { Array($0.prefix(compactEnumValues)) }
            }
            return TableDocFormatter.format(trimmed)
        case .outline:
            let columns = table.columns.map { column in
                CommentText.clean(column.comment).map { "\(column.name)(\(CommentText.prefix($0, limit: 20)))" } ?? column.name
            }
            let comment = CommentText.clean(table.comment).map { "（\($0)）" } ?? ""
            return "- \(name(table.reference))\(comment)：\(columns.joined(separator: "、"))\n"
        }
    }

    /// The documents of `tables`, separated by blank lines.
    static func documents(_ tables: [TableDescription], detail: Detail) -> String {
        tables.map { document($0, detail: detail).trimmingCharacters(in: .newlines) }
            .joined(separator: detail == .outline ? "\n" : "\n\n")
    }

    /// The DDL files of `tables`, separated by blank lines.
    static func ddls(_ tables: [TableDescription]) -> String {
        tables.map { DDLFormatter.format($0).trimmingCharacters(in: .newlines) }.joined(separator: "\n\n")
    }

    /// `t` in the public schema, `schema.t` otherwise: how documents, themes and prompts name a table.
    static func name(_ reference: TableReference) -> String {
        reference.documentName
    }

    /// One table name a line.
    static func names(_ tables: [TableDescription]) -> String {
        tables.map { "- " + name($0.reference) }.joined(separator: "\n")
    }

    /// The soft-delete filter of every table that has one (`delete_ts IS NULL`, `is_deleted IS NOT TRUE`).
    static func softDeleteRules(_ tables: [TableDescription]) -> String {
        let rules = tables.compactMap { table -> String? in
            guard let condition = TableProfile(table).liveRowsCondition() else { return nil }
            return "- \(name(table.reference))：未删除的记录满足 \(condition)"
        }
        return rules.isEmpty ? "（这些表没有软删除字段）" : rules.joined(separator: "\n")
    }
}
