import Foundation
import XCTest
@testable import PipelineAPI

/// Builds multipart bodies byte by byte, so tests control every CRLF.
enum MultipartFixture {
    static let boundary = "----TestBoundary7MA4YWxkTrZu0gW"

    /// One part: raw header lines (joined with CRLF) and content.
    struct Part {
        var headers: [[UInt8]]
        var content: [UInt8]

        static func file(_ name: String, filename: String, contentType: String? = "application/octet-stream",
                         content: [UInt8]) -> Part {
            var headers = [bytes("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"")]
            if let contentType { headers.append(bytes("Content-Type: \(contentType)")) }
            return Part(headers: headers, content: content)
        }

        static func field(_ name: String, _ value: String) -> Part {
            Part(headers: [bytes("Content-Disposition: form-data; name=\"\(name)\"")], content: bytes(value))
        }
    }

    static func body(_ parts: [Part], boundary: String = boundary, preamble: String = "",
                     epilogue: String = "") -> [UInt8] {
        var body = bytes(preamble)
        for part in parts {
            body += bytes("--\(boundary)\r\n")
            for header in part.headers { body += header + bytes("\r\n") }
            body += bytes("\r\n") + part.content + bytes("\r\n")
        }
        body += bytes("--\(boundary)--\r\n" + epilogue)
        return body
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
    static func randomBytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        var result = [UInt8](repeating: 0, count: count)
        for index in 0..<count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            result[index] = UInt8(truncatingIfNeeded: state)
        }
        return result
    }
}

/// A body whose read fails after some bytes, to check that transport errors pass through.
final class FailingRequestBody: RequestBodyStream {
    struct Failure: Error, Equatable {}
    private let inner: BufferedRequestBody
    private var remaining: Int

    init(_ bytes: [UInt8], failAfter: Int) {
        inner = BufferedRequestBody(bytes, maxChunk: 1024)
        remaining = failAfter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard remaining > 0 else { throw Failure() }
        let count = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, remaining)]))
        remaining -= count
        return count
    }
}

/// Gives each test its own temporary directory and helpers to read bodies into it.
class MultipartTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("multipart-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    func read(_ body: [UInt8], maxChunk: Int = .max, limits: MultipartLimits = MultipartLimits(maxFileBytes: 10_000_000),
              boundary: String = MultipartFixture.boundary) throws -> MultipartForm {
        try MultipartReader(boundary: boundary, limits: limits)
            .read(from: BufferedRequestBody(body, maxChunk: maxChunk), temporaryDirectory: directory)
    }

    func contents(of file: MultipartFile) throws -> [UInt8] {
        Array(try Data(contentsOf: file.temporaryFile))
    }

    /// Every entry of the test directory, hidden ones included.
    func directoryEntries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
    }

    /// Asserts that reading `body` fails with `expected` and leaves no file behind.
    func assertReadFails(_ body: [UInt8], with expected: MultipartError, maxChunk: Int = .max,
                         limits: MultipartLimits = MultipartLimits(maxFileBytes: 10_000_000),
                         file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertThrowsError(try read(body, maxChunk: maxChunk, limits: limits), file: file, line: line) { error in
            XCTAssertEqual(error as? MultipartError, expected, file: file, line: line)
        }
        XCTAssertEqual(try directoryEntries(), [], "temporary files left behind", file: file, line: line)
    }

    /// Asserts that reading `body` fails with some `.malformed` error and leaves no file behind.
    func assertReadIsMalformed(_ body: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertThrowsError(try read(body), file: file, line: line) { error in
            guard case .malformed = error as? MultipartError else {
                return XCTFail("expected .malformed, got \(error)", file: file, line: line)
            }
        }
        XCTAssertEqual(try directoryEntries(), [], "temporary files left behind", file: file, line: line)
    }
}
