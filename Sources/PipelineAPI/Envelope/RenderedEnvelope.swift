import Foundation
import PipelineCore

/// A success envelope as bytes plus the place of its `timestamp` value, so the same answer can be sent again later
/// stamped with the time of that request.
struct RenderedEnvelope {
    let status: Int
    let bytes: [UInt8]
    /// The timestamp's characters (inside the quotes); nil for an answer without one.
    let timestampRange: Range<Int>?

    init(status: Int, bytes: [UInt8], timestampRange: Range<Int>?) {
        self.status = status
        self.bytes = bytes
        self.timestampRange = timestampRange
    }

    /// A finished response sent as it is, whatever the time.
    init(_ response: HTTPResponse) {
        self.init(status: response.status, bytes: response.bodyBytes, timestampRange: nil)
    }

    /// The envelope as first written.
    var response: HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", Envelope.contentType)], body: .bytes(bytes))
    }

    /// The envelope with its timestamp replaced by `now`.
    func response(at now: Date) -> HTTPResponse {
        guard let timestampRange else { return response }
        var body = bytes
        body.replaceSubrange(timestampRange, with: LocalTimestamp.iso(now).utf8)
        return HTTPResponse(status: status, headers: [("Content-Type", Envelope.contentType)], body: .bytes(body))
    }
}
