import Foundation
import PipelineCore
import Postgres
import XCTest
@testable import PipelineStore

/// Writes, listing and counts of `PostgresTrainingDataStore`; search and backup have their own files.
final class TrainingDataStoreTests: TrainingStoreTestCase {
    private var sample: [EmbeddedTrainingItem] {
        [
            pair("统计各服务区的总营收", "SELECT service_name, SUM(pay_sum) FROM bss_business_day_data GROUP BY 1;",
                 tables: ["public.bss_business_day_data"], taskID: "task_20260105_100000"),
            ddl("CREATE TABLE bss_company (id varchar(32) PRIMARY KEY);", tables: ["public.bss_company"],
                taskID: "task_20260105_100000"),
            documentation("## bss_company（公司信息表）", tables: ["public.bss_company"], taskID: "task_20260105_100000"),
        ]
    }

    func testUpsertTwiceAddsNothingTheSecondTime() throws {
        XCTAssertEqual(try store.upsert(sample, model: model), TrainingUpsertOutcome(inserted: 3, existing: 0))
        XCTAssertEqual(try store.upsert(sample, model: model), TrainingUpsertOutcome(inserted: 0, existing: 3))
        XCTAssertEqual(try storedIDs(), sample.map(\.item.id).sorted())
    }

    func testUpsertCountsNewAndExistingItemsOfOneCall() throws {
        try load(Array(sample.prefix(1)))
        let outcome = try store.upsert(sample + [sample[2]], model: model)
        XCTAssertEqual(outcome, TrainingUpsertOutcome(inserted: 2, existing: 2))
    }

    func testUpsertKeepsTheTagsOfTheFirstLoader() throws {
        try load([ddl("CREATE TABLE t (id int);", tables: ["public.t"], taskID: "task_a")])
        try load([ddl("CREATE TABLE t (id int);", tables: ["public.t"], taskID: "task_b")])
        XCTAssertEqual(try store.query(TrainingQuery()).items.map(\.taskID), ["task_a"])
    }

    func testUpsertOfAnotherModelOrDimensionIsRefused() throws {
        try load(sample)
        let other = EmbeddedTrainingItem(item: TrainingItem(type: .ddl, question: nil, content: "CREATE TABLE x ();"),
                                         vector: [Float](repeating: 0.125, count: 64))
        XCTAssertThrowsError(try store.upsert([other], model: "text-embedding-v4")) { error in
            XCTAssertEqual(error as? TrainingStoreError, .embeddingMismatch(
                stored: model, storedDimension: 64, given: "text-embedding-v4", givenDimension: 64))
        }
        let shorter = EmbeddedTrainingItem(item: other.item, vector: [Float](repeating: 0.25, count: 16))
        XCTAssertThrowsError(try store.upsert([shorter], model: model)) { error in
            XCTAssertEqual(error as? TrainingStoreError, .embeddingMismatch(
                stored: model, storedDimension: 64, given: model, givenDimension: 16))
        }
        XCTAssertEqual(try storedIDs(), sample.map(\.item.id).sorted())
    }

    func testAnEmptiedStoreTakesANewModel() throws {
        try load(sample)
        XCTAssertEqual(try store.truncate(), 3)
        let other = EmbeddedTrainingItem(item: sample[0].item, vector: [1, 0, 0, 0])
        XCTAssertEqual(try store.upsert([other], model: "other-model"), TrainingUpsertOutcome(inserted: 1, existing: 0))
    }

    func testUpsertWithAVectorOfTheWrongLengthInsertsNothing() throws {
        var items = sample
        items[2].vector.removeLast()
        XCTAssertThrowsError(try store.upsert(items, model: model)) { error in
            XCTAssertEqual(error as? TrainingStoreError, .badVector(id: items[2].item.id, expected: 64, actual: 63))
        }
        XCTAssertEqual(try storedIDs(), [])
    }

    func testRemoveStaleDeletesOnlyThisTasksStaleItemsOfThoseTables() throws {
        let kept = pair("保留的问题", "SELECT 1 FROM a;", tables: ["public.a"], taskID: "task_1")
        let stale = pair("过时的问题", "SELECT 2 FROM a;", tables: ["public.a"], taskID: "task_1")
        let staleJoin = pair("过时的联表问题", "SELECT 3 FROM a JOIN c ON true;", tables: ["public.a", "public.c"],
                             taskID: "task_1")
        let otherTable = pair("另一张表", "SELECT 4 FROM b;", tables: ["public.b"], taskID: "task_1")
        let otherTask = pair("另一个任务", "SELECT 5 FROM a;", tables: ["public.a"], taskID: "task_2")
        let manual = pair("手工添加", "SELECT 6 FROM a;", tables: ["public.a"], taskID: nil)
        let all = [kept, stale, staleJoin, otherTable, otherTask, manual]
        try load(all)

        let deleted = try store.removeStale(taskID: "task_1", tables: ["public.a"], keeping: [kept.item.id])
        XCTAssertEqual(deleted, 2)
        let remaining = [kept, otherTable, otherTask, manual].map(\.item.id).sorted()
        XCTAssertEqual(try storedIDs(), remaining)
        XCTAssertEqual(try store.removeStale(taskID: "task_1", tables: [], keeping: []), 0)
    }

    func testAnItemLoadedByTwoTasksStaysUntilNeitherProducesIt() throws {
        let shared = pair("两个任务都有的问题", "SELECT 10 FROM a;", tables: ["public.a"], taskID: "task_1")
        var second = shared
        second.item.taskID = "task_2"
        try load([shared])
        XCTAssertEqual(try store.upsert([second], model: model), TrainingUpsertOutcome(inserted: 0, existing: 1))

        XCTAssertEqual(try store.removeStale(taskID: "task_1", tables: ["public.a"], keeping: []), 0, "task_2 still has it")
        let kept = try XCTUnwrap(try store.items(ids: [shared.item.id]).first)
        XCTAssertEqual(kept.taskID, "task_2", "the remaining owner is shown")
        XCTAssertEqual(try store.removeStale(taskID: "task_2", tables: ["public.a"], keeping: []), 1)
        XCTAssertEqual(try storedIDs(), [])
    }

    func testRemoveStaleTreatsTheTasksUntaggedItemsAsPartOfEveryLoad() throws {
        let taskLevel = pair("旧的任务级条目", "SELECT 7;", tables: [], taskID: "task_1")
        let keptTaskLevel = pair("保留的任务级条目", "SELECT 8;", tables: [], taskID: "task_1")
        let otherTaskLevel = pair("别的任务", "SELECT 9;", tables: [], taskID: "task_2")
        try load([taskLevel, keptTaskLevel, otherTaskLevel])

        XCTAssertEqual(try store.removeStale(taskID: "task_1", tables: ["public.a"], keeping: [keptTaskLevel.item.id]), 1)
        XCTAssertEqual(try storedIDs(), [keptTaskLevel, otherTaskLevel].map(\.item.id).sorted())
    }

    func testQueryPagesAndCountsEveryMatch() throws {
        let items = (1...25).map { pair("问题\($0)", "SELECT \($0);") }
        try load(items)
        let sortedIDs = items.map(\.item.id).sorted()
        let second = try store.query(TrainingQuery(page: 2, pageSize: 10, sortBy: .id, descending: false))
        XCTAssertEqual(second.total, 25)
        XCTAssertEqual(second.items.map(\.id), Array(sortedIDs[10..<20]))
        let last = try store.query(TrainingQuery(page: 3, pageSize: 10, sortBy: .id, descending: true))
        XCTAssertEqual(last.items.map(\.id), Array(sortedIDs.reversed()[20..<25]))
        let beyond = try store.query(TrainingQuery(page: 9, pageSize: 10))
        XCTAssertEqual(beyond.items.count, 0)
        XCTAssertEqual(beyond.total, 25)
        XCTAssertEqual(try store.query(TrainingQuery(page: .max, pageSize: 100)).total, 25)
    }

    func testQueryFiltersByTypeAndSortsByType() throws {
        try load(sample)
        let ddlOnly = try store.query(TrainingQuery(type: .ddl))
        XCTAssertEqual(ddlOnly.total, 1)
        XCTAssertEqual(ddlOnly.items.map(\.type), [.ddl])
        let byType = try store.query(TrainingQuery(sortBy: .type, descending: false))
        XCTAssertEqual(byType.items.map(\.type), [.ddl, .documentation, .sql])
    }

    func testQueryKeywordIsALiteralCaseInsensitiveSubstringOfQuestionOrContent() throws {
        let percent = pair("营收增长 50% 的服务区", "SELECT 1;")
        let noPercent = pair("营收增长 50 倍的服务区", "SELECT 2;")
        let underscore = ddl("CREATE TABLE pay_sum_t (x int);")
        let noUnderscore = ddl("CREATE TABLE payXsum (x int);")
        try load([percent, noPercent, underscore, noUnderscore])

        XCTAssertEqual(try store.query(TrainingQuery(keyword: "50%")).items.map(\.id), [percent.item.id])
        XCTAssertEqual(try store.query(TrainingQuery(keyword: "PAY_SUM")).items.map(\.id), [underscore.item.id])
        XCTAssertEqual(try store.query(TrainingQuery(keyword: "CREATE table PAY")).total, 2)
        XCTAssertEqual(try store.query(TrainingQuery(keyword: "select 2")).items.map(\.id), [noPercent.item.id])
        XCTAssertEqual(try store.query(TrainingQuery(keyword: "\\")).total, 0)
    }

    func testItemsReturnsTheExistingOnesInTheRequestedOrderWithEveryField() throws {
        try load(sample)
        let ids = [sample[2].item.id, "missing-sql", sample[0].item.id, sample[2].item.id]
        let found = try store.items(ids: ids)
        XCTAssertEqual(found.map(\.id), [sample[2].item.id, sample[0].item.id])
        let first = try XCTUnwrap(found.last)
        XCTAssertEqual(first.question, "统计各服务区的总营收")
        XCTAssertEqual(first.content, sample[0].item.content)
        XCTAssertEqual(first.tables, ["public.bss_business_day_data"])
        XCTAssertEqual(first.taskID, "task_20260105_100000")
        XCTAssertNotNil(first.createdAt)
        XCTAssertNil(found.first?.question)
    }

    func testDeleteReturnsTheIDsThatExisted() throws {
        try load(sample)
        let deleted = try store.delete(ids: [sample[0].item.id, "nope-sql", sample[1].item.id])
        XCTAssertEqual(deleted, [sample[0].item.id, sample[1].item.id])
        XCTAssertEqual(try storedIDs(), [sample[2].item.id])
        XCTAssertEqual(try store.delete(ids: [sample[0].item.id]), [])
    }

    func testReplaceSwapsTheItemInOneStep() throws {
        try load(sample)
        let replacement = pair("各服务区总营收是多少", "SELECT service_name, SUM(pay_sum) FROM bss_business_day_data GROUP BY 1;")
        XCTAssertTrue(try store.replace(id: sample[0].item.id, with: replacement, model: model))
        XCTAssertEqual(try storedIDs(), [replacement.item.id, sample[1].item.id, sample[2].item.id].sorted())
        XCTAssertEqual(try store.items(ids: [replacement.item.id]).first?.question, "各服务区总营收是多少")
    }

    func testReplaceKeepsTheOldItemWhenTheNewOneIsInvalid() throws {
        try load(sample)
        let before = try storedRows()
        var invalid = pair("新问题", "SELECT 42;")
        invalid.vector = [0.5, 0.5]
        XCTAssertThrowsError(try store.replace(id: sample[0].item.id, with: invalid, model: model)) { error in
            XCTAssertEqual(error as? TrainingStoreError, .embeddingMismatch(
                stored: model, storedDimension: 64, given: model, givenDimension: 2))
        }
        invalid.vector = []
        XCTAssertThrowsError(try store.replace(id: sample[0].item.id, with: invalid, model: model)) { error in
            XCTAssertEqual(error as? TrainingStoreError, .badVector(id: invalid.item.id, expected: 64, actual: 0))
        }
        XCTAssertThrowsError(try store.replace(id: sample[0].item.id, with: pair("新问题", "SELECT 42;"), model: "m2"))
        XCTAssertEqual(try storedRows(), before)
    }

    func testReplaceOfAMissingItemChangesNothing() throws {
        try load(sample)
        XCTAssertFalse(try store.replace(id: "0000-sql", with: pair("新问题", "SELECT 42;"), model: model))
        XCTAssertEqual(try storedIDs(), sample.map(\.item.id).sorted())
    }

    func testReplaceWithTheContentOfAnotherItemKeepsThatItemOnce() throws {
        try load(sample)
        let duplicate = embedded(TrainingItem(type: .ddl, question: nil, content: sample[1].item.content,
                                              tables: ["public.other"], taskID: "task_other"))
        XCTAssertTrue(try store.replace(id: sample[2].item.id, with: duplicate, model: model))
        XCTAssertEqual(try storedIDs(), [sample[0].item.id, sample[1].item.id].sorted())
        XCTAssertEqual(try store.items(ids: [sample[1].item.id]).first?.taskID, "task_20260105_100000")
    }

    func testStatsCountEveryTypeAndTheNewestItem() throws {
        let empty = try store.stats()
        XCTAssertEqual(empty, TrainingStats(total: 0, byType: [.sql: 0, .ddl: 0, .documentation: 0, .errorSQL: 0],
                                            lastUpdated: nil))
        try load(sample + [pair("错误的", "SELEC 1", type: .errorSQL)])
        let stats = try store.stats()
        XCTAssertEqual(stats.total, 4)
        XCTAssertEqual(stats.byType, [.sql: 1, .ddl: 1, .documentation: 1, .errorSQL: 1])
        XCTAssertEqual(try XCTUnwrap(stats.lastUpdated).timeIntervalSinceNow, 0, accuracy: 60)
    }

    func testTruncateEmptiesTheStoreAndReportsTheCount() throws {
        try load(sample)
        XCTAssertEqual(try store.truncate(), 3)
        XCTAssertEqual(try store.stats().total, 0)
        let state = try XCTUnwrap(database.connect().query(PostgresQuery(
            "SELECT embedding_model, dimension FROM training_store_state")).first)
        XCTAssertNil(try state.optionalString("embedding_model"))
        XCTAssertNil(try state.optionalInt("dimension"))
    }

    func testGenerationMovesOnlyWhenRowsChange() throws {
        let start = try generation()
        try load(sample)
        let afterInsert = try generation()
        XCTAssertGreaterThan(afterInsert, start)
        try load(sample)
        _ = try store.delete(ids: ["missing-sql"])
        XCTAssertEqual(try generation(), afterInsert, "statements that changed no row keep caches valid")
        _ = try store.delete(ids: [sample[0].item.id])
        XCTAssertGreaterThan(try generation(), afterInsert)
        let beforeTruncate = try generation()
        _ = try store.truncate()
        XCTAssertGreaterThan(try generation(), beforeTruncate)
        let beforeSQL = try generation()
        try database.connect().execute(PostgresQuery("UPDATE training_items SET task_id = 'x'"))
        XCTAssertEqual(try generation(), beforeSQL)
    }
}
