import Foundation

/// The fake server's control API, for tests that run it as a separate process (`dp-fake-openai`).
enum FakeControlRoutes {
    private struct Latency: Decodable {
        var milliseconds: Int
    }

    private struct Acknowledgement: Encodable {
        var ok = true
    }

    static func answer(_ request: FakeHTTPConnection.Request, state: FakeOpenAIState) -> FakeHTTPConnection.Response {
        let path = String(request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        switch (request.method, path) {
        case ("POST", "/_control/script"):
            guard let script = try? JSONDecoder().decode(FakeScript.self, from: request.body) else {
                return FakeOpenAIResponder.error(400, "body must be a FakeScript JSON object", type: "control_error")
            }
            state.apply(script)
        case ("POST", "/_control/reset"):
            state.reset()
        case ("POST", "/_control/latency"):
            guard let latency = try? JSONDecoder().decode(Latency.self, from: request.body), latency.milliseconds >= 0 else {
                return FakeOpenAIResponder.error(400, #"body must be {"milliseconds": <n ≥ 0>}"#, type: "control_error")
            }
            state.setLatency(milliseconds: latency.milliseconds)
        case ("GET", "/_control/requests"):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let log = FakeRequestLog(requests: state.requests, maxInFlight: state.highestInFlight)
            return .json(200, (try? encoder.encode(log)) ?? Data("{}".utf8))
        default:
            return FakeOpenAIResponder.error(404, "unknown control route \(request.method) \(path)", type: "control_error")
        }
        return .json(200, FakeOpenAIResponder.encode(Acknowledgement()))
    }
}
