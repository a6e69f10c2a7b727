/// One entry of the route table: method, path pattern (`{name}` segments capture) and handler.
struct Route {
    enum Segment: Equatable {
        case literal(String)
        case parameter(String)
    }

    let method: String
    let segments: [Segment]
    let handler: (RouteContext) throws -> HTTPResponse

    init(_ method: String, _ pattern: String, _ handler: @escaping (RouteContext) throws -> HTTPResponse) {
        self.method = method
        segments = pattern.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast()))
                : .literal(String(part))
        }
        self.handler = handler
    }

    /// The pattern as written in the route table (and as a path of the OpenAPI document): `/a/{name}`.
    var pattern: String {
        "/" + segments.map { segment in
            switch segment {
            case .literal(let literal): return literal
            case .parameter(let name): return "{\(name)}"
            }
        }.joined(separator: "/")
    }

    /// The captured parameters when `path` fits this route's pattern (whatever the method).
    func match(_ path: [String]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var captured: [String: String] = [:]
        for (segment, value) in zip(segments, path) {
            switch segment {
            case .literal(let literal): if literal != value { return nil }
            case .parameter(let name): captured[name] = value
            }
        }
        return captured
    }
}
