import Foundation
import XCTest

/// API.md §1: the envelope of every JSON answer, and the answers for unknown routes and methods.
final class EnvelopeTests: EndToEndTestCase {
    func test_successEnvelope_hasCode200MessageAndDataWithResponseAndTimestamp() throws {
        let result = try client.get(EndToEndTestCase.api + "/health")
        let data = assertSuccess(result)
        XCTAssertEqual(data["status"]?.string, "ok")
        XCTAssertEqual(result.header("content-type"), "application/json; charset=utf-8")
    }

    func test_healthThroughNginxsOwnLocation_isTheAPIHealth() throws {
        let data = assertSuccess(try client.get("/health"))
        XCTAssertEqual(data["status"]?.string, "ok")
    }

    func test_createdAnswer_isHTTP201WithBodyCode200() throws {
        let result = try client.postJSON(EndToEndTestCase.tasksPath, ["db_connection": EndToEndTestCase.connectionWithPassword])
        XCTAssertEqual(result.status, 201)
        XCTAssertEqual(result.json?["code"]?.int, 200)
        assertSuccess(result, status: 201)
    }

    func test_unknownRoute_is404ResourceNotFound() throws {
        for (method, path) in [("GET", "/api/v0/no/such/route"), ("POST", "/api/v0/data_pipeline/nothing"),
                               ("GET", "/api/v0/data_pipeline/tasks/task_1/unknown"), ("GET", "/api/v1/health")] {
            assertFailure(try client.send(method, path), status: 404, errorType: "resource_not_found",
                          context: "\(method) \(path)")
        }
    }

    func test_knownPathWithWrongMethod_is405() throws {
        let id = try createTask()
        for (method, path) in [("PUT", EndToEndTestCase.tasksPath), ("PATCH", taskPath(id)),
                               ("DELETE", taskPath(id, "/files")), ("GET", EndToEndTestCase.api + "/database/tables"),
                               ("POST", EndToEndTestCase.api + "/health"), ("GET", taskPath(id, "/table-list"))] {
            assertFailure(try client.send(method, path), status: 405, errorType: "method_not_allowed",
                          context: "\(method) \(path)")
        }
    }

    func test_errorEnvelope_of404_hasServiceTimestampAndNoCanRetry() throws {
        let data = assertFailure(try client.get(taskPath("task_19990101_000004")), status: 404)
        XCTAssertNil(data["can_retry"])
    }

    /// The training-data and vector routes refuse incomplete bodies with a JSON 4xx naming the problem (they answered
    /// 501 before they were built): never a 500 or an HTML page.
    func test_trainingAndVectorRoutes_refuseIncompleteBodiesWithJSON4xx() throws {
        let routes: [(String, String, String, Int)] = [
            ("POST", EndToEndTestCase.api + "/data_pipeline/vector/backup", #"{"task_id": "../etc"}"#, 400),
            ("GET", EndToEndTestCase.api + "/data_pipeline/vector/restore/list?task_id=..%2Fx", "", 400),
            ("POST", EndToEndTestCase.api + "/data_pipeline/vector/restore", "{}", 400),
            ("POST", EndToEndTestCase.api + "/training_data/query", #"{"page": 0}"#, 400),
            ("POST", EndToEndTestCase.api + "/training_data/create", #"{"data": []}"#, 400),
            ("POST", EndToEndTestCase.api + "/training_data/update", "{}", 400),
            ("POST", EndToEndTestCase.api + "/training_data/delete", #"{"ids": [], "confirm": true}"#, 400),
            ("POST", EndToEndTestCase.api + "/training_data/search", #"{"top_k": 5}"#, 400),
        ]
        for (method, path, body, status) in routes {
            let result = body.isEmpty ? try client.send(method, path)
                : try client.sendJSON(method, path, Data(body.utf8))
            assertFailure(result, status: status, context: "\(method) \(path)")
        }
        let stats = try client.get(EndToEndTestCase.api + "/training_data/stats")
        XCTAssertEqual(stats.status, 200)
    }

    /// nginx answers bodies over `client_max_body_size` itself; its JSON must look like the service's, timestamp
    /// included (`YYYY-MM-DDTHH:MM:SS.ffffff`).
    func test_nginxPayloadTooLargeAnswer_hasTheServiceTimestampFormat() throws {
        let id = try createTask()
        let body = MultipartBody([MultipartBody.file("big.txt", content: Data(repeating: 0x61, count: 13 * 1024 * 1024))])
        let result = try raw.send("POST", taskPath(id, "/files"), headers: ["Content-Type": body.contentType], body: body.data)
        assertFailure(result, status: 413, errorType: "payload_too_large")
    }
}
