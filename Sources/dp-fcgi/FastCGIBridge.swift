import FastCGI
import Foundation
import Logging
import PipelineAPI

/// Adapts one FastCGI request to the transport-free API and writes the answer back.
struct FastCGIBridge {
    let router: APIRouter
    let logger: Logger
    static let fileChunkSize = 64 * 1024

    func serve(_ request: FastCGIRequest) {
        let headers: [String: String] = [
            "content-type": request.param("CONTENT_TYPE") ?? "",
            "content-length": request.param("CONTENT_LENGTH") ?? "",
            "authorization": request.param("HTTP_AUTHORIZATION") ?? "",
        ].filter { !$0.value.isEmpty }
        let httpRequest = HTTPRequest(
            method: request.param("REQUEST_METHOD") ?? "GET",
            target: request.param("REQUEST_URI") ?? "/",
            headers: headers,
            remoteUser: request.param("REMOTE_USER"),
            body: FastCGIRequestBody(request))
        let response = router.handle(httpRequest)
        write(response, to: request, headOnly: httpRequest.method == "HEAD")
    }

    private func write(_ response: HTTPResponse, to request: FastCGIRequest, headOnly: Bool) {
        switch response.body {
        case .bytes(let bytes):
            var headers = response.headers
            if !headers.contains(where: { $0.0.lowercased() == "content-length" }) {
                headers.append(("Content-Length", String(bytes.count)))
            }
            request.writeHead(status: response.status, headers: headers)
            if !headOnly { request.write(bytes) }
        case .file(let url, _):
            guard let handle = try? FileHandle(forReadingFrom: url) else {
                logger.error("download vanished before it could be opened", metadata: ["file": "\(url.lastPathComponent)"])
                request.writeHead(status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")])
                return
            }
            defer { try? handle.close() }
            request.writeHead(status: response.status, headers: response.headers)
            if headOnly { return }
            while let chunk = try? handle.read(upToCount: FastCGIBridge.fileChunkSize), !chunk.isEmpty {
                chunk.withUnsafeBytes { request.write($0) }
            }
        }
    }
}

/// The request body as the API reads it: straight from libfcgi, chunk by chunk.
final class FastCGIRequestBody: RequestBodyStream {
    private let request: FastCGIRequest

    init(_ request: FastCGIRequest) {
        self.request = request
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        request.readBody(into: buffer)
    }
}
