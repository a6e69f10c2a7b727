import XCTest
@testable import PipelineCore

/// Formatting a table with `DDLFormatter` and `TableDocFormatter` and reading the two files back gives what the
/// files carry, and formatting what was read gives the same files again.
final class SchemaTableDocumentRoundTripTests: XCTestCase {
    private typealias R = SchemaReaderFixtures

    func testEveryFixtureReadsBackWhatItsFilesCarry() throws {
        for table in R.all {
            let read = try TableDocumentReader.read(ddl: DDLFormatter.format(table), detail: TableDocFormatter.format(table))
            assertCarried(table, read, withDocument: true)
        }
    }

    func testEveryFixtureFormatsToTheSameFilesAfterReadingBack() throws {
        for table in R.all {
            let ddl = DDLFormatter.format(table)
            let doc = TableDocFormatter.format(table)
            let read = try TableDocumentReader.read(ddl: ddl, detail: doc)
            XCTAssertEqual(DDLFormatter.format(read), ddl, "\(table.reference)")
            XCTAssertEqual(TableDocFormatter.format(read), doc, "\(table.reference)")
        }
    }

    func testDDLAloneReadsBackEverythingButSamplesEnumValuesAndForeignKeyTargets() throws {
        for table in R.all {
            let ddl = DDLFormatter.format(table)
            let read = try TableDocumentReader.read(ddl: ddl, detail: nil)
            assertCarried(table, read, withDocument: false)
            XCTAssertEqual(DDLFormatter.format(read), ddl, "\(table.reference)")
        }
    }

    func testViewLosesItsPrimaryKeyBecauseNeitherFileWritesOne() throws {
        let read = try TableDocumentReader.read(ddl: DDLFormatter.format(R.view), detail: TableDocFormatter.format(R.view))
        XCTAssertEqual(read.kind, .view)
        XCTAssertEqual(read.primaryKey, [])
        XCTAssertFalse(read.columns[0].isPrimaryKey)
    }

    func testCompositeForeignKeyToAnotherSchemaKeepsItsColumnsInOrder() throws {
        let read = try TableDocumentReader.read(ddl: DDLFormatter.format(R.orderLine),
                                                detail: TableDocFormatter.format(R.orderLine))
        XCTAssertEqual(read.foreignKeys.first, ForeignKeyReference(
            columns: ["order_id", "line_no"], target: TableReference(schema: "ods", name: "order_line"),
            targetColumns: ["order_id", "line_no"]))
        XCTAssertEqual(read.primaryKey, ["order_id", "line_no"])
    }

    func testQuotedNamesComeBackUnquoted() throws {
        let read = try TableDocumentReader.read(ddl: DDLFormatter.format(R.quotedNames),
                                                detail: TableDocFormatter.format(R.quotedNames))
        XCTAssertEqual(read.reference, TableReference(schema: "public", name: "门店评价"))
        XCTAssertEqual(read.columns.map(\.name), ["评价ID", "StoreId", "select", "Order Id", "a\"b"])
        XCTAssertEqual(read.foreignKeys.first?.target, TableReference(schema: "ods", name: "Order Items"))
    }

    /// Compares the fields the files carry; `withDocument` adds what only the `_detail.md` has.
    private func assertCarried(_ original: TableDescription, _ read: TableDescription, withDocument: Bool,
                               file: StaticString = #filePath, line: UInt = #line) {
        let label = "\(original.reference)"
        XCTAssertEqual(read.reference, original.reference, label, file: file, line: line)
        XCTAssertEqual(read.kind, original.kind, label, file: file, line: line)
        XCTAssertEqual(read.comment, CommentText.clean(original.comment), label, file: file, line: line)
        XCTAssertNil(read.existingComment, label, file: file, line: line)
        let primaryKey = original.isView ? [] : original.primaryKeyColumns
        XCTAssertEqual(read.primaryKey, primaryKey, label, file: file, line: line)
        let keys = original.foreignKeys.filter { !$0.columns.isEmpty }
        XCTAssertEqual(read.foreignKeys, withDocument ? keys : [], label, file: file, line: line)
        XCTAssertEqual(read.columns.count, original.columns.count, label, file: file, line: line)
        for (index, (column, expected)) in zip(read.columns, original.columns).enumerated() {
            let where_ = "\(label).\(expected.name)"
            XCTAssertEqual(column.name, expected.name, where_, file: file, line: line)
            XCTAssertEqual(column.position, index + 1, where_, file: file, line: line)
            XCTAssertEqual(column.dataType, expected.dataType, where_, file: file, line: line)
            XCTAssertEqual(column.category, expected.category, where_, file: file, line: line)
            XCTAssertEqual(column.notNull, expected.notNull, where_, file: file, line: line)
            XCTAssertEqual(column.defaultValue, expected.defaultValue, where_, file: file, line: line)
            XCTAssertEqual(column.comment, CommentText.clean(expected.comment), where_, file: file, line: line)
            XCTAssertEqual(column.isPrimaryKey, primaryKey.contains(expected.name), where_, file: file, line: line)
            XCTAssertEqual(column.isForeignKey, original.isForeignKey(expected), where_, file: file, line: line)
            let samples = withDocument ? TableDocFormatter.shownSamples(expected) : []
            XCTAssertEqual(column.samples, samples, where_, file: file, line: line)
            let enumValues = TableDocFormatter.displayValues(Array((expected.enumValues ?? []).prefix(20)))
            let shownEnum = withDocument && !expected.isSensitive && !enumValues.isEmpty ? enumValues : nil
            XCTAssertEqual(column.enumValues, shownEnum, where_, file: file, line: line)
        }
    }
}
