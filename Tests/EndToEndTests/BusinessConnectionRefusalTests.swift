import Foundation
import XCTest

/// Issue 20, item 2: a client-supplied connection must never reach the state database's cluster as the superuser
/// (unix socket), nor the state database itself (TCP, checked by the server's identity after connecting) — on
/// every business path: `/database/table/ddl`, `/database/tables`, task create and execute.
final class BusinessConnectionRefusalTests: ExecutionTestCase {
    override class var fixtureStatements: [String] { ["CREATE TABLE shared_cluster_table (id integer PRIMARY KEY, name text)"] }

    /// The reported request: the stack's socket directory and port, the state database, role postgres.
    private var socketURLToStateAsPostgres: String {
        let admin = stack.adminDatabaseURL
        let query = admin.split(separator: "?", maxSplits: 1).last.map(String.init) ?? ""
        return "postgresql:///\(stateDatabaseName)?\(query)&user=postgres"
    }

    private var stateDatabaseName: String {
        let path = stack.stateDatabaseURL.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        return path.split(separator: "/").last.map(String.init) ?? "dp_state"
    }

    func test_tableDDL_withSocketURLToTheStateDatabaseAsPostgres_is400() throws {
        XCTAssertTrue(socketURLToStateAsPostgres.contains("host=/"), socketURLToStateAsPostgres)
        let result = try client.postJSON(EndToEndTestCase.api + "/database/table/ddl",
                                         ["table": "data_pipeline_tasks", "db_connection": socketURLToStateAsPostgres])
        assertFailure(result, status: 400, errorType: "invalid_params")
        XCTAssertTrue(result.text.contains("不允许"), result.printable)
        XCTAssertFalse(result.text.contains("CREATE TABLE"), result.printable)
    }

    func test_tables_withSocketURLToTheStateDatabaseAsPostgres_is400() throws {
        let result = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["db_connection": socketURLToStateAsPostgres])
        assertFailure(result, status: 400, errorType: "invalid_params")
        XCTAssertFalse(result.text.contains("data_pipeline_tasks"), result.printable)
    }

    func test_taskCreate_withSocketURLToTheStateDatabaseAsPostgres_is400() throws {
        let result = try client.postJSON(EndToEndTestCase.tasksPath,
                                         ["task_name": "e2e-socket", "db_connection": socketURLToStateAsPostgres])
        assertFailure(result, status: 400, errorType: "invalid_params")
    }

    /// A task row that already holds such a URL (written before the policy): execute refuses before any worker.
    func test_execute_ofATaskStoredWithTheSocketURL_is400_andStartsNoWorker() throws {
        let id = try createFixtureTask(tables: ["shared_cluster_table"])
        let literal = socketURLToStateAsPostgres.replacingOccurrences(of: "'", with: "''")
        try admin.run(["""
            UPDATE data_pipeline_tasks
            SET parameters = jsonb_set(parameters - 'db_connection_sealed', '{db_connection}', to_jsonb('\(literal)'::text))
            WHERE task_id = '\(id)'
            """], database: stateDatabaseName)
        _ = try waitForStatus(id, timeout: 10, "the stored socket URL") {
            $0["parameters"]?["db_connection"]?.string?.contains("host=/") == true
        }
        let result = try execute(id, ["execution_mode": "complete"])
        assertFailure(result, status: 400, errorType: "invalid_params")
        XCTAssertNil(try workerPID(id))
        XCTAssertEqual(try status(id)["status"]?.string, "pending")
    }

    /// Over TCP as the state's own role the URL passes the policy; the server's identity does not.
    func test_theStateDatabaseOverTCP_isRefusedByTheIdentityCheck_onEveryProbe() throws {
        let state = stack.stateDatabaseURL
        let tables = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["db_connection": state])
        assertFailure(tables, status: 400)
        XCTAssertTrue(tables.text.contains("状态数据库"), tables.printable)
        XCTAssertFalse(tables.text.contains("data_pipeline_tasks"), tables.printable)
        let ddl = try client.postJSON(EndToEndTestCase.api + "/database/table/ddl",
                                      ["table": "data_pipeline_tasks", "db_connection": state])
        assertFailure(ddl, status: 400)
        XCTAssertTrue(ddl.text.contains("状态数据库"), ddl.printable)
        // The same database under another host name of the same server.
        let alias = state.replacingOccurrences(of: "@127.0.0.1:", with: "@localhost:")
        XCTAssertNotEqual(alias, state)
        assertFailure(try client.postJSON(EndToEndTestCase.api + "/database/tables", ["db_connection": alias]), status: 400)
    }

    /// A run on the state URL fails its first step with the identity refusal and reads nothing.
    func test_executeOnTheStateDatabaseOverTCP_failsTheRunWithTheRefusal() throws {
        let id = try createTask(["db_connection": stack.stateDatabaseURL, "business_context": "状态库"])
        assertSuccess(try client.postJSON(taskPath(id, "/table-list"), ["tables": ["data_pipeline_tasks"]]))
        assertSuccess(try execute(id, ["execution_mode": "step", "step_name": "ddl_generation"]), status: 202)
        let finished = try waitUntilFinished(id)
        XCTAssertEqual(finished["status"]?.string, "failed", finished.description)
        XCTAssertTrue(logText(id).contains("状态数据库"), logText(id))
        XCTAssertNil(taskFile(id, "data_pipeline_tasks.ddl"))
    }

    /// A business database on the state's (shared, development) cluster still works as an ordinary role.
    func test_anotherDatabaseOfTheSameCluster_asOrdinaryRole_isAllowed() throws {
        let result = try client.postJSON(EndToEndTestCase.api + "/database/tables", ["db_connection": try fixtureURL()])
        let data = assertSuccess(result)
        XCTAssertEqual(data["tables"], .array([.string("public.shared_cluster_table")]))
    }
}
