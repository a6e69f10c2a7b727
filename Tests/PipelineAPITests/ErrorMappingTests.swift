@testable import PipelineAPI
import PipelineCore
import PipelineWording
import XCTest

/// Core throws typed reasons; `ErrorMapping` gives each an HTTP status and `ReasonWording` its Chinese text
/// (issue 17, item 4). Every reason is covered, and the texts clients already read stay byte for byte the same.
final class ErrorMappingTests: XCTestCase {
    /// One sample of every reason, every case of the nested reason enums included.
    private static let samples: [PipelineError] = {
        var all: [PipelineError] = [
            .taskNotFound(TaskID("t_1")!), .fileNotFound("a.md"),
            .tableList(.tooMany(limit: 1000)),
            .fileNameUnicodeTwin(existing: "café.md", requested: "cafe\u{301}.md"),
            .uploadBackupVersionsExhausted, .driftWithoutTableDocuments, .invalidBackupTimestamp("x.y"),
            .connectionRefused(.notAPostgresURL), .connectionRefused(.hostOption), .connectionRefused(.invalidPort),
            .connectionRefused(.invalidSSLMode), .connectionRefused(.invalidTargetSessionAttrs),
            .connectionRefused(.invalidConnectTimeout), .connectionRefused(.invalidApplicationName),
            .connectionRefused(.optionNotAllowed(keyword: "passfile")), .connectionRefused(.optionNotAllowed(keyword: nil)),
            .connectionRefused(.missingHost), .connectionRefused(.unixSocket), .connectionRefused(.hostNotAllowed),
            .sqlRejected("只允许SELECT查询语句（发现: DELETE）"), .stateStoreUnavailable,
            .businessDatabaseFailure("database \"x\" does not exist"), .businessDatabaseUnavailable("Connection refused"),
            .internalFailure("detail for the log"),
        ]
        for source in TableListSource.allCases {
            all += [.tableList(.invalidNames(["1a"], source: source)), .tableList(.empty(source))]
        }
        all += SessionRefusal.allCases.map { .sessionRefused($0) }
        return all
    }()

    /// A number per case: the switch has no default, so a new reason does not compile until it is sampled here.
    private static func caseIndex(_ error: PipelineError) -> Int {
        switch error {
        case .taskNotFound: 0
        case .fileNotFound: 1
        case .tableList: 2
        case .fileNameUnicodeTwin: 3
        case .uploadBackupVersionsExhausted: 4
        case .driftWithoutTableDocuments: 5
        case .invalidBackupTimestamp: 6
        case .connectionRefused: 7
        case .sessionRefused: 8
        case .sqlRejected: 9
        case .stateStoreUnavailable: 10
        case .businessDatabaseFailure: 11
        case .businessDatabaseUnavailable: 12
        case .internalFailure: 13
        }
    }

    func test_theSamplesCoverEveryReason() {
        XCTAssertEqual(Set(Self.samples.map(Self.caseIndex)), Set(0...13))
    }

    func test_everyReason_mapsToAnErrorStatusAndANonEmptyChineseText() {
        for reason in Self.samples {
            let (error, _) = ErrorMapping.apiError(for: reason)
            XCTAssertTrue((400...599).contains(error.kind.status), "\(reason): \(error.kind.status)")
            XCTAssertFalse(error.response.isEmpty, "\(reason)")
            XCTAssertTrue(error.response.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
                          "\(reason): \(error.response)")
            XCTAssertFalse(ReasonWording.stepFailure(reason).isEmpty, "\(reason)")
        }
    }

    func test_onlyAnInternalFailure_isUnexpectedAndSaysNothingOfItsDetail() {
        for reason in Self.samples {
            let (error, unexpected) = ErrorMapping.apiError(for: reason)
            XCTAssertEqual(unexpected, Self.caseIndex(reason) == 13, "\(reason)")
            XCTAssertFalse(error.response.contains("detail for the log"))
        }
    }

    /// Texts and statuses the routes answered before the reasons were typed, byte for byte.
    func test_representativeTexts_areUnchanged() {
        let expected: [(PipelineError, Int, String)] = [
            (.taskNotFound(TaskID("t_1")!), 404, "任务不存在: t_1"),
            (.fileNotFound("a.md"), 404, "文件不存在: a.md"),
            (.tableList(.empty(.request)), 400, "表名列表不能为空"),
            (.tableList(.empty(.uploadedFile)), 400, "表清单文件不包含有效的表名"),
            (.tableList(.invalidNames(["a b", "1abc"], source: .request)), 400, "包含无效的表名格式: a b, 1abc"),
            (.tableList(.invalidNames(["1a"], source: .uploadedFile)), 400, "表清单文件包含无效的表名格式: 1a"),
            (.tableList(.invalidNames(["1a"], source: .serverFile)), 400, "包含无效的表名格式: 1a"),
            (.tableList(.tooMany(limit: 1000)), 400, "表名数量不能超过 1000 个"),
            (.uploadBackupVersionsExhausted, 409, "备份版本号超出限制"),
            (.driftWithoutTableDocuments, 409,
             "任务尚未执行或没有表结构文档（*.ddl），无法检查变更；请先执行 ddl_generation 步骤，或上传表结构文档"),
            (.connectionRefused(.optionNotAllowed(keyword: nil)), 400,
             "db_connection不允许使用连接参数: （未知参数）（允许的参数: sslmode, connect_timeout, application_name, target_session_attrs, port）"),
            (.connectionRefused(.hostNotAllowed), 400, "db_connection的主机不在允许的业务数据库主机列表中（DP_BUSINESS_HOSTS）"),
            (.sessionRefused(.stateDatabase), 400,
             "业务数据库访问失败: 连接被拒绝：该连接指向服务自身的状态数据库，不能作为业务数据库使用"),
            (.stateStoreUnavailable, 503, "状态数据库暂时无法连接，请稍后重试"),
            (.businessDatabaseFailure("boom"), 400, "业务数据库访问失败: 数据库返回错误（驱动信息：boom）"),
            (.businessDatabaseUnavailable("Connection refused"), 503,
             "业务数据库暂时无法连接，请稍后重试: 无法连接数据库服务器：连接被拒绝，请检查主机和端口（驱动信息：Connection refused）"),
            (.internalFailure("x"), 500, "系统内部错误，请稍后重试"),
        ]
        for (reason, status, text) in expected {
            let (error, _) = ErrorMapping.apiError(for: reason)
            XCTAssertEqual(error.kind.status, status, "\(reason)")
            XCTAssertEqual(error.response, text, "\(reason)")
        }
    }

    /// The worker's `error_message` wording, as the orchestrator and dp-worker recorded it before.
    func test_workerWording_isUnchanged() {
        XCTAssertEqual(ReasonWording.stepFailure(.businessDatabaseFailure("boom")), "业务数据库访问失败: 数据库返回错误（驱动信息：boom）")
        XCTAssertEqual(ReasonWording.stepFailure(.sessionRefused(.viaUnixSocket)),
                       "业务数据库访问失败: 连接被拒绝：不允许通过unix socket连接业务数据库")
        XCTAssertEqual(ReasonWording.stepFailure(.businessDatabaseUnavailable("boom")), "步骤执行失败")
        XCTAssertEqual(ReasonWording.workerConnectionRefusal(PipelineError.connectionRefused(.unixSocket)),
                       "业务数据库连接被拒绝: db_connection不允许使用unix socket连接")
        XCTAssertEqual(ReasonWording.workerConnectionRefusal(CocoaError(.fileNoSuchFile)),
                       "业务数据库连接被拒绝: 连接字符串不被允许")
    }
}
