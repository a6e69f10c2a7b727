import Foundation
import Logging
import PipelineCore

/// Request → Response for the whole API: path and auth checks, route lookup, and the one error mapping.
public final class APIRouter {
    let routes: [Route]
    /// With `DP_API_TOKEN` set, every route but `/health` needs it.
    private let apiToken: String?
    private let clock: @Sendable () -> Date
    private let logger: Logger
    /// The service answers under this prefix; requests without it (e.g. `/health`) are accepted too.
    static let prefix = ["api", "v0"]

    /// Builds the route table and its controllers; once per responder thread (controllers keep per-thread memos).
    public init(dependencies: APIDependencies) {
        routes = APIRoutes.table(dependencies)
        apiToken = dependencies.settings.apiToken
        clock = dependencies.clock
        logger = dependencies.logger
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        do {
            return try dispatch(request)
        } catch {
            let (apiError, unexpected) = ErrorMapping.apiError(for: error)
            if unexpected {
                logger.error("request failed", metadata: [
                    "method": "\(request.method)", "path": "\(request.rawPath)", "error": "\(String(reflecting: error))",
                ])
            } else if apiError.kind == .serviceUnavailable {
                logger.warning("state database unavailable", metadata: ["path": "\(request.rawPath)"])
            } else if apiError.kind == .storageUnavailable {
                logger.error("storage failure", metadata: [
                    "method": "\(request.method)", "path": "\(request.rawPath)", "error": "\(error)",
                ])
            }
            return Envelope.failure(apiError, now: clock())
        }
    }

    private func dispatch(_ request: HTTPRequest) throws -> HTTPResponse {
        guard var path = request.pathSegments else { throw APIError.badRequest("请求路径包含无效的编码") }
        if path.starts(with: APIRouter.prefix) { path.removeFirst(APIRouter.prefix.count) }
        try authorize(request, path: path)
        var allowed: Set<String> = []
        for route in routes {
            guard let parameters = route.match(path) else { continue }
            allowed.insert(route.method)
            if route.method == "GET" { allowed.insert("HEAD") }
            if route.method == request.method || (request.method == "HEAD" && route.method == "GET") {
                return try route.handler(RouteContext(request: request, parameters: parameters))
            }
        }
        if !allowed.isEmpty { return methodNotAllowed(request.method, allowed: allowed) }
        throw APIError.notFound("接口不存在: \(request.method) \(request.rawPath)")
    }

    /// 405 with the `Allow` header RFC 9110 requires: the methods the path does answer.
    private func methodNotAllowed(_ method: String, allowed: Set<String>) -> HTTPResponse {
        var response = Envelope.failure(APIError(.methodNotAllowed, "请求方法不支持: \(method)"), now: clock())
        response.headers.append(("Allow", allowed.sorted().joined(separator: ", ")))
        return response
    }

    /// With `DP_API_TOKEN` set, every route but `/health` needs `Authorization: Bearer <token>`.
    private func authorize(_ request: HTTPRequest, path: [String]) throws {
        guard let token = apiToken, path != ["health"] else { return }
        let presented = request.headers["authorization"].flatMap { header -> String? in
            header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst(7)) : nil
        }
        guard let presented, ConstantTime.equal(presented, token) else {
            throw APIError(.unauthorized, "缺少或无效的访问令牌")
        }
    }
}

/// Comparison whose time does not depend on where the strings differ.
enum ConstantTime {
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
