import Foundation
import XCTest

/// Issue 20, must show: every numeric field of every route gets extreme values through nginx and dp-fcgi; no answer
/// is a 5xx and the responder is the same process afterwards (on the code before the fix, the first huge `page`
/// killed it with an arithmetic overflow and every later request was a 503).
final class NumericInputCrashTests: EndToEndTestCase {
    func test_extremeNumbersInEveryNumericField_neverCrashTheResponderNorAnswer5xx() throws {
        let id = try createTask()
        let responder = try XCTUnwrap(stack.responderPID, "dp-fcgi pid file")
        var sent = 0
        var wrong: [String] = []
        for route in NumericInputCases.routes {
            for request in NumericInputCases.requests(for: route, taskID: id) {
                let headers = request.body == nil ? [:] : ["Content-Type": "application/json"]
                let result = try client.send(request.method, EndToEndTestCase.api + request.target, headers: headers,
                                             body: request.body)
                sent += 1
                if result.status >= 500 || result.json?["code"]?.int != result.status {
                    let body = request.body.map { String(decoding: $0, as: UTF8.self) } ?? ""
                    wrong.append("\(request.method) \(request.target) \(body) → \(result.status) \(result.text.prefix(200))")
                }
            }
        }
        XCTAssertGreaterThan(sent, 150)
        XCTAssertEqual(wrong.count, 0, "answers that were 5xx or no JSON envelope, first ones:\n"
                       + wrong.prefix(5).joined(separator: "\n"))
        XCTAssertEqual(stack.responderPID, responder, "dp-fcgi was replaced")
        XCTAssertEqual(kill(responder, 0), 0, "dp-fcgi \(responder) is gone")
        XCTAssertEqual(try client.get(EndToEndTestCase.api + "/health").status, 200)
    }

    func test_everyRouteOfTheRouteTableIsListed() throws {
        let source = try String(contentsOf: EndToEndTestCase.repositoryRoot
            .appendingPathComponent("Sources/PipelineAPI/Routing/APIRoutes.swift"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"Route\("([A-Z]+)", "([^"]+)""#)
        let routes = pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)).map { match in
            (source as NSString).substring(with: match.range(at: 1)) + " " + (source as NSString).substring(with: match.range(at: 2))
        }
        XCTAssertGreaterThan(routes.count, 20)
        XCTAssertEqual(Set(NumericInputCases.routes.map { "\($0.method) \($0.path)" }), Set(routes))
    }
}
