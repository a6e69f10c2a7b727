import Foundation
import XCTest

/// Errors nginx generates itself, before or instead of the responder, answer with the API's JSON envelope
/// (docs/api.md §1), never nginx's HTML page. The requests go over a raw socket: no HTTP client sends them.
final class NginxOwnErrorsTests: EndToEndTestCase {
    private var socket: RawSocketClient!

    override func setUpWithError() throws {
        try super.setUpWithError()
        socket = try RawSocketClient(baseURL: stack.baseURL)
    }

    private func request(_ head: String, body: String = "") -> [UInt8] {
        Array((head + "\r\n\r\n" + body).utf8)
    }

    private var tasks: String { EndToEndTestCase.tasksPath }

    private func assertJSONError(_ label: String, _ bytes: [UInt8], status: Int, errorType: String,
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try socket.send(bytes, label: label)
        XCTAssertFalse(result.text.contains("<html"), "\(label): HTML answer", file: file, line: line)
        assertFailure(result, status: status, errorType: errorType, context: label, file: file, line: line)
    }

    func test_nulInThePath_isJSON400() throws {
        try assertJSONError("%00 in the path", request("GET \(tasks)/%00 HTTP/1.1\r\nHost: x\r\nConnection: close"),
                            status: 400, errorType: "invalid_params")
    }

    func test_brokenChunkedFraming_isJSON400() throws {
        let head = "POST \(tasks) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close"
        try assertJSONError("bad chunk size", request(head, body: "ZZ\r\n{}\r\n0\r\n\r\n"), status: 400, errorType: "invalid_params")
        try assertJSONError("chunk longer than announced", request(head, body: "2\r\n{\"a\":1}\r\n0\r\n\r\n"),
                            status: 400, errorType: "invalid_params")
    }

    func test_transferEncodingTogetherWithContentLength_isJSON400() throws {
        let head = "POST \(tasks) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + "Content-Length: 7\r\nConnection: close"
        try assertJSONError("Transfer-Encoding with Content-Length", request(head, body: "2\r\n{}\r\n0\r\n\r\n"),
                            status: 400, errorType: "invalid_params")
    }

    func test_trace_isJSON405() throws {
        try assertJSONError("TRACE", request("TRACE \(tasks) HTTP/1.1\r\nHost: x\r\nConnection: close"),
                            status: 405, errorType: "method_not_allowed")
        try assertJSONError("TRACE /", request("TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close"),
                            status: 405, errorType: "method_not_allowed")
    }

    /// RFC 9110: a 405 names the methods that are allowed (a Schemathesis finding: nginx's TRACE answer had none).
    func test_trace_namesTheAllowedMethods() throws {
        let result = try socket.send(request("TRACE \(tasks) HTTP/1.1\r\nHost: x\r\nConnection: close"), label: "TRACE")
        XCTAssertEqual(result.status, 405)
        XCTAssertEqual(result.headers["allow"], "DELETE, GET, HEAD, POST")
    }

    func test_unsupportedTransferEncoding_isJSON501() throws {
        let head = "POST \(tasks) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip\r\nConnection: close"
        try assertJSONError("Transfer-Encoding: gzip", request(head), status: 501, errorType: "not_implemented")
    }

    /// Errors found while nginx reads the request line or headers, before it knows any URI.
    func test_unparsableRequestLinesAndHeaders_areJSON() throws {
        try assertJSONError("garbage request line", request("GARBAGE"), status: 400, errorType: "invalid_params")
        try assertJSONError("HTTP/1.1 without Host", request("GET \(tasks) HTTP/1.1\r\nConnection: close"),
                            status: 400, errorType: "invalid_params")
        try assertJSONError("HTTP/2.0 request line", request("GET \(tasks) HTTP/2.0\r\nHost: x"),
                            status: 505, errorType: "http_version_not_supported")
        try assertJSONError("header over the buffers",
                            request("GET \(tasks) HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 40_000))\r\nConnection: close"),
                            status: 400, errorType: "invalid_params")
        try assertJSONError("request line over the buffers",
                            request("GET /\(String(repeating: "a", count: 40_000)) HTTP/1.1\r\nHost: x\r\nConnection: close"),
                            status: 414, errorType: "uri_too_long")
    }

    /// nginx's answers outside the API: a missing static file, a static file posted to, the internal download
    /// location asked for directly, an impossible byte range, and the error pages themselves.
    func test_staticAndInternalLocationErrors_areJSON() throws {
        try assertJSONError("missing static file", request("GET /missing.html HTTP/1.1\r\nHost: x\r\nConnection: close"),
                            status: 404, errorType: "resource_not_found")
        try assertJSONError("POST to a static file",
                            request("POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close"),
                            status: 405, errorType: "method_not_allowed")
        try assertJSONError("internal location from outside",
                            request("GET /_task_files/x/y.txt HTTP/1.1\r\nHost: x\r\nConnection: close"),
                            status: 404, errorType: "resource_not_found")
        try assertJSONError("error page from outside", request("GET /_dp_error/500 HTTP/1.1\r\nHost: x\r\nConnection: close"),
                            status: 404, errorType: "resource_not_found")
        try assertJSONError("unsatisfiable range",
                            request("GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=99999999-\r\nConnection: close"),
                            status: 416, errorType: "range_not_satisfiable")
    }

    /// The responder's own answers are not replaced by nginx's pages (fastcgi_intercept_errors stays off).
    func test_theRespondersOwnErrors_passThroughUnchanged() throws {
        let result = try socket.send(request("GET \(tasks)/no_such_task HTTP/1.1\r\nHost: x\r\nConnection: close"),
                                     label: "unknown task")
        assertFailure(result, status: 404, errorType: "resource_not_found", response: "任务不存在: no_such_task")
    }
}
