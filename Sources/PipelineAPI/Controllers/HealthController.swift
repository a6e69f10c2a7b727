import Foundation
import PipelineCore

/// `GET /health`: liveness plus a state-database round trip (503 when it fails).
struct HealthController {
    let store: TaskStore
    let clock: @Sendable () -> Date

    func health(_ context: RouteContext) throws -> HTTPResponse {
        try store.ping()
        return Envelope.success(HealthPayload(status: "ok", stateDatabase: "ok"), response: "服务运行正常", now: clock())
    }

    struct HealthPayload: Encodable {
        var status: String
        var stateDatabase: String
    }
}
