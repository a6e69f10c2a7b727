import Foundation

/// Requests sent with `curl --path-as-is`, for request targets and bodies that URLSession would normalise or refuse
/// (`..%2F..`, dot segments, huge bodies, no Content-Type at all). Answers go to the `ResponseRecorder` too.
struct RawHTTPClient: Sendable {
    let baseURL: String
    let recorder: ResponseRecorder

    init(baseURL: String, recorder: ResponseRecorder = .shared) {
        self.baseURL = baseURL
        self.recorder = recorder
    }

    /// Sends `body` bytes exactly. `headers` with an empty value remove curl's own header of that name
    /// (so `["Content-Type": ""]` sends none).
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) throws -> HTTPResult {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("e2e-curl-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let headerFile = scratch.appendingPathComponent("headers")
        let bodyFile = scratch.appendingPathComponent("body")
        var arguments = ["-sS", "--path-as-is", "--max-time", "120", "-X", method,
                         "-D", headerFile.path, "-o", bodyFile.path, "-w", "%{http_code}",
                         // curl would wait a second for "100 Continue" on big bodies; nginx answers 413 at once.
                         "-H", "Expect:"]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            arguments += ["-H", value.isEmpty ? "\(name):" : "\(name): \(value)"]
        }
        if let body {
            let requestFile = scratch.appendingPathComponent("request")
            try body.write(to: requestFile)
            arguments += ["--data-binary", "@" + requestFile.path]
        }
        arguments.append(baseURL + path)
        let run = try ProcessRunner.run("/usr/bin/curl", arguments)
        let description = "\(method) \(path) [curl]"
        guard run.status == 0, let status = Int(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)),
              status > 0 else {
            throw HTTPTestClient.TransportError(request: description,
                                                underlying: "curl exit \(run.status): \(run.standardError)")
        }
        let headerText = (try? String(contentsOf: headerFile, encoding: .isoLatin1)) ?? ""
        let headerMap = RawHTTPClient.lastHeaderBlock(headerText)
        let data = (try? Data(contentsOf: bodyFile)) ?? Data()
        recorder.record(.init(request: description, status: status, headers: headerMap, body: data))
        return HTTPResult(request: description, status: status, headers: headerMap, body: data)
    }

    /// Header fields of the final response (after any `100 Continue`), names lower-cased.
    static func lastHeaderBlock(_ text: String) -> [String: String] {
        let blocks = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .filter { $0.hasPrefix("HTTP/") }
        var headers: [String: String] = [:]
        for line in (blocks.last ?? "").split(separator: "\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}
