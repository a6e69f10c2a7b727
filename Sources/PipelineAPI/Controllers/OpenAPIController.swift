/// `GET /openapi.json`: the API's OpenAPI 3.1 document (docs/openapi.yaml, compiled in by scripts/gen-openapi.sh),
/// as it is — a contract, not a payload, so not wrapped in the envelope.
struct OpenAPIController {
    /// Encoded once per process; every request sends the same bytes.
    private static let body = Array(OpenAPIDocumentJSON.text.utf8)

    func document(_ context: RouteContext) throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", Envelope.contentType)], body: .bytes(Self.body))
    }
}
