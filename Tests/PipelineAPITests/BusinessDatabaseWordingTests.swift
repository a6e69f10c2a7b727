import PipelineWording
import XCTest

/// Business-database failures are said in Chinese first, the driver's line kept after them.
final class BusinessDatabaseWordingTests: XCTestCase {
    func test_knownDriverReasons_getTheirChineseMeaning_andKeepTheDriverLine() {
        let refused = #"connection to server at "127.0.0.1", port 1 failed: Connection refused"#
        XCTAssertEqual(BusinessDatabaseWording.chinese(refused),
                       "无法连接数据库服务器：连接被拒绝，请检查主机和端口（驱动信息：\(refused)）")
        XCTAssertTrue(BusinessDatabaseWording.chinese(#"FATAL:  password authentication failed for user "dp""#)
            .hasPrefix("用户名或密码错误（驱动信息："))
        XCTAssertTrue(BusinessDatabaseWording.chinese(#"FATAL:  database "nowhere" does not exist"#)
            .hasPrefix("数据库不存在或无权访问（"))
        XCTAssertTrue(BusinessDatabaseWording.chinese("timeout expired").hasPrefix("连接数据库超时（"))
    }

    func test_unknownReasons_areStillIntroducedInChinese() {
        XCTAssertEqual(BusinessDatabaseWording.chinese("something odd"), "数据库返回错误（驱动信息：something odd）")
    }

    func test_theServicesOwnChineseReasons_areKeptAsTheyAre() {
        let own = "连接被拒绝：不允许通过unix socket连接业务数据库"
        XCTAssertEqual(BusinessDatabaseWording.chinese(own), own)
    }
}
