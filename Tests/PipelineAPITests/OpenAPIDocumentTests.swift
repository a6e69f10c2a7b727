import Foundation
import XCTest
@testable import PipelineAPI

/// The served OpenAPI document (docs/openapi.yaml, compiled in by scripts/gen-openapi.sh) against the route table.
final class OpenAPIDocumentTests: RouterTestCase {
    private static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    private func servedDocument() throws -> [String: Any] {
        let response = send("GET", "/api/v0/openapi.json")
        XCTAssertEqual(response.status, 200)
        let object = try JSONSerialization.jsonObject(with: Data(response.bodyBytes))
        return try XCTUnwrap(object as? [String: Any])
    }

    /// "METHOD /path/{param}" for every operation of the document.
    private func documentedOperations() throws -> Set<String> {
        let paths = try XCTUnwrap(try servedDocument()["paths"] as? [String: [String: Any]])
        var operations = Set<String>()
        for (path, item) in paths {
            for method in item.keys where Self.methods.contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    func testEveryRouteOfTheTableIsDocumented() throws {
        let documented = try documentedOperations()
        let undocumented = router.routes.map { "\($0.method) \($0.pattern)" }.filter { !documented.contains($0) }
        XCTAssertEqual(undocumented, [], "routes missing from docs/openapi.yaml")
    }

    func testEveryDocumentedOperationHasARoute() throws {
        let routed = Set(router.routes.map { "\($0.method) \($0.pattern)" })
        let unrouted = try documentedOperations().subtracting(routed).sorted()
        XCTAssertEqual(unrouted, [], "operations of docs/openapi.yaml that the route table does not have")
    }

    func testTheDocumentIsOpenAPI31UnderTheAPIPrefix() throws {
        let document = try servedDocument()
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let servers = try XCTUnwrap(document["servers"] as? [[String: Any]])
        XCTAssertEqual(servers.first?["url"] as? String, "/" + APIRouter.prefix.joined(separator: "/"))
    }

    func testTheDocumentIsServedAsJSONWithoutTheEnvelope() throws {
        let response = send("GET", "/api/v0/openapi.json")
        XCTAssertEqual(response.headers.first { $0.0 == "Content-Type" }?.1, "application/json; charset=utf-8")
        XCTAssertNil(try servedDocument()["success"])
    }

    func testEveryReferenceResolves() throws {
        let document = try servedDocument()
        var missing: [String] = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String, resolve(reference, in: document) == nil {
                    missing.append(reference)
                }
                object.values.forEach(visit)
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        visit(document)
        XCTAssertEqual(missing, [])
    }

    private func resolve(_ reference: String, in document: [String: Any]) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any? = document
        for part in reference.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)]
        }
        return node
    }
}
