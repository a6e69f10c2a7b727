import PipelineCore
import XCTest

/// `DP_SQL_EXECUTION_CHECK`: filter by default, report or off when asked, anything else refused by name.
final class WorkerExecutionCheckConfigurationTests: XCTestCase {
    private let base = ["DP_STATE_DATABASE_URL": "postgresql://dp@localhost/dp_state"]

    func test_defaultIsFilter_andReportAndOffAreRead() throws {
        XCTAssertEqual(try WorkerConfiguration.load(from: base).executionCheck, .filter)
        for mode in SQLExecutionCheckMode.allCases {
            let environment = base.merging(["DP_SQL_EXECUTION_CHECK": mode.rawValue.uppercased()]) { $1 }
            XCTAssertEqual(try WorkerConfiguration.load(from: environment).executionCheck, mode)
        }
    }

    func test_anUnknownMode_isRefusedByName() {
        XCTAssertThrowsError(try WorkerConfiguration.load(from: base.merging(["DP_SQL_EXECUTION_CHECK": "drop"]) { $1 })) { error in
            XCTAssertEqual((error as? ConfigurationError)?.variable, "DP_SQL_EXECUTION_CHECK")
        }
    }
}
