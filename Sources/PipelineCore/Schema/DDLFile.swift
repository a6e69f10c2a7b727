/// What one `<base>.ddl` file says (FORMATS.md §1), before it is merged with the table's `_detail.md`.
struct DDLFile: Equatable {
    /// One column line.
    struct Column: Equatable {
        var name: String
        /// Lower case outside double quotes, whitespace normalised: `numeric(10,2)`, `timestamp with time zone`.
        var dataType: String
        var notNull = false
        var defaultValue: String?
        /// The text after `-- ` without the `，主键` / `，外键` marks and the separating `,`; nil when empty.
        var comment: String?
        /// Marked `主键` in its comment, or `primary key` written on the column itself.
        var isPrimaryKeyMarked = false
        /// Marked `外键` in its comment, or `references …` written on the column itself.
        var isForeignKeyMarked = false
        /// 1-based line of the file.
        var line: Int
    }

    var reference: TableReference
    var kind: RelationKind = .table
    /// `-- 中文名:`, as written.
    var chineseName: String?
    /// `-- 描述:`, as written.
    var descriptionText: String?
    var columns: [Column] = []
    /// The columns of a `primary key (…)` line; nil when the file has none.
    var primaryKey: [String]?
    /// Keys written as SQL (`foreign key (…) references …`, or `references` on a column): the formatter never
    /// writes these, a person editing the file may.
    var foreignKeys: [ForeignKeyReference] = []

    init(reference: TableReference) {
        self.reference = reference
    }

    /// The table comment the header carries: `描述`, else a `中文名` that is not just the table name (the formatter
    /// writes the name there when the table has no comment; anything else was typed by a person).
    var tableComment: String? {
        if let text = CommentText.clean(descriptionText) { return text }
        guard let name = CommentText.clean(chineseName), name != CommentText.singleLine(reference.name) else { return nil }
        return name
    }
}
