import Foundation

/// What `GET /_control/requests` answers: every recorded request and the most that were in flight at once.
public struct FakeRequestLog: Codable, Sendable, Equatable {
    public var requests: [RecordedRequest]
    public var maxInFlight: Int

    /// A log of these requests.
    public init(requests: [RecordedRequest], maxInFlight: Int) {
        self.requests = requests
        self.maxInFlight = maxInFlight
    }

    enum CodingKeys: String, CodingKey {
        case requests
        case maxInFlight = "max_in_flight"
    }
}
