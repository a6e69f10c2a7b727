import Foundation
import XCTest
@testable import PipelineAPI

/// File contents that resemble the delimiter, read with chunk boundaries falling everywhere.
final class MultipartChunkingTests: MultipartTestCase {
    private static let chunkSizes = [1, 7, 64, 65_536]

    /// Sends `content` as a file part between two fields, at every chunk size, and checks it comes back byte-exactly.
    private func assertRoundTrips(_ content: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let body = MultipartFixture.body([
            .field("before", "x"),
            .file("file", filename: "tricky.bin", content: content),
            .field("after", "y"),
        ])
        for chunk in Self.chunkSizes {
            let form = try read(body, maxChunk: chunk)
            let part = try XCTUnwrap(form.file(named: "file"), "chunk \(chunk)", file: file, line: line)
            XCTAssertEqual(part.size, content.count, "chunk \(chunk)", file: file, line: line)
            XCTAssertTrue(try contents(of: part) == content, "content differs at chunk \(chunk)", file: file, line: line)
            XCTAssertEqual(form.fields, ["before": "x", "after": "y"], "chunk \(chunk)", file: file, line: line)
            try FileManager.default.removeItem(at: part.temporaryFile)
        }
    }

    private var boundary: String { MultipartFixture.boundary }

    func testContentContainingCRLFDashDashRoundTrips() throws {
        try assertRoundTrips(MultipartFixture.bytes("line\r\n--\r\n--\r\n-\r\n--x"))
    }

    func testContentContainingBoundaryMinusLastCharacterRoundTrips() throws {
        try assertRoundTrips(MultipartFixture.bytes("a\r\n--\(boundary.dropLast())\r\nb\r\n--\(boundary.dropLast())"))
    }

    func testContentContainingBoundaryWithoutCRLFRoundTrips() throws {
        // Without the CRLF in front, "--boundary" is content (RFC 2046: the CRLF belongs to the delimiter).
        try assertRoundTrips(MultipartFixture.bytes("--\(boundary)\n--\(boundary)--\rx--\(boundary)"))
    }

    func testContentStartingWithDashesRoundTrips() throws {
        try assertRoundTrips(MultipartFixture.bytes("--\(boundary.prefix(5))"))
    }

    func testContentEndingWithPartialDelimiterRoundTrips() throws {
        try assertRoundTrips(MultipartFixture.bytes("end\r\n--\(boundary.prefix(10))"))
    }

    func testContentOfOnlyCRLFAndDashesRoundTrips() throws {
        try assertRoundTrips(Array(repeating: MultipartFixture.bytes("\r\n-"), count: 500).flatMap { $0 })
    }

    func testContentEndingWithCRLFRoundTrips() throws {
        try assertRoundTrips(MultipartFixture.bytes("last line\r\n\r\n"))
    }

    func testRandomBinaryRoundTrips() throws {
        try assertRoundTrips(MultipartFixture.randomBytes(count: 20_000))
    }

    func testLargeRandomBinaryAcrossManyWindowsRoundTrips() throws {
        let content = MultipartFixture.randomBytes(count: 300_000, seed: 42)
        for chunk in [7, 4096, 65_536, .max] {
            let form = try read(MultipartFixture.body([.file("file", filename: "big.bin", content: content)]),
                                maxChunk: chunk)
            let part = try XCTUnwrap(form.file(named: "file"))
            XCTAssertTrue(try contents(of: part) == content, "chunk \(chunk)")
            try FileManager.default.removeItem(at: part.temporaryFile)
        }
    }

    func testDelimiterSplitAtEveryOffsetIsFound() throws {
        // Chunk sizes 1 ... delimiter length + 2 put a chunk edge at every position inside the delimiter.
        let content = MultipartFixture.bytes("abc\r\n--\(boundary.dropLast())")
        let body = MultipartFixture.body([.file("file", filename: "a", content: content), .field("f", "v")])
        for chunk in 1...(boundary.utf8.count + 6) {
            let form = try read(body, maxChunk: chunk)
            let part = try XCTUnwrap(form.file(named: "file"))
            XCTAssertEqual(try contents(of: part), content, "chunk \(chunk)")
            XCTAssertEqual(form.fields, ["f": "v"], "chunk \(chunk)")
            try FileManager.default.removeItem(at: part.temporaryFile)
        }
    }

    func testFieldValueResemblingDelimiterRoundTrips() throws {
        let value = "x\r\n--\(boundary.dropLast())\r\n--"
        for chunk in Self.chunkSizes {
            XCTAssertEqual(try read(MultipartFixture.body([.field("f", value)]), maxChunk: chunk).fields["f"], value)
        }
    }
}
