import Foundation
import XCTest
@testable import PipelineAPI

/// Rejected bodies: each test also checks that no temporary file survives.
final class MultipartFailureTests: MultipartTestCase {
    typealias Part = MultipartFixture.Part

    private var boundary: String { MultipartFixture.boundary }

    func testBodyEndingBeforeClosingDelimiterIsTruncatedAndRemovesTemporaryFiles() throws {
        let complete = MultipartFixture.body([
            .file("a", filename: "a.bin", content: MultipartFixture.randomBytes(count: 5_000)),
            .file("b", filename: "b.bin", content: MultipartFixture.randomBytes(count: 5_000)),
        ])
        for length in [complete.count - 4, complete.count - 2_000, 6_000] {
            try assertReadFails(Array(complete.prefix(length)), with: .truncated, maxChunk: 100)
        }
    }

    func testEveryProperPrefixOfABodyFailsAndLeavesNoFile() throws {
        let body = MultipartFixture.body([.field("a", "1"), .file("f", filename: "x.txt", content: MultipartFixture.bytes("data\r\n-"))])
        // The final CRLF after "--boundary--" is not needed, so only shorter prefixes must fail.
        for length in 0..<(body.count - 2) {
            XCTAssertThrowsError(try read(Array(body.prefix(length))), "prefix \(length)") { error in
                XCTAssertNotNil(error as? MultipartError, "prefix \(length): \(error)")
            }
            XCTAssertEqual(try directoryEntries(), [], "prefix \(length)")
        }
        XCTAssertEqual(try read(Array(body.prefix(body.count - 2))).files.count, 1)
    }

    func testBodyEndingInsideHeaderBlockIsTruncated() throws {
        try assertReadFails(MultipartFixture.bytes("--\(boundary)\r\nContent-Disposition: form-data; na"),
                            with: .truncated)
    }

    func testBodyEndingRightAfterDelimiterIsTruncated() throws {
        try assertReadFails(MultipartFixture.bytes("--\(boundary)"), with: .truncated)
    }

    func testBodyWithoutAnyBoundaryIsMalformed() throws {
        try assertReadIsMalformed(MultipartFixture.bytes("just some text, no boundary at all\r\n"))
        try assertReadIsMalformed([])
    }

    func testBodyWithDifferentBoundaryIsMalformed() throws {
        try assertReadIsMalformed(MultipartFixture.body([.field("a", "1")], boundary: "other"))
    }

    func testFileOverLimitThrowsFileTooLargeAndRemovesTemporaryFile() throws {
        let body = MultipartFixture.body([.file("file", filename: "big", content: MultipartFixture.randomBytes(count: 1_001))])
        for chunk in [1, 64, .max] {
            try assertReadFails(body, with: .fileTooLarge(limit: 1_000), maxChunk: chunk,
                                limits: MultipartLimits(maxFileBytes: 1_000))
        }
    }

    func testFileExactlyAtLimitIsAccepted() throws {
        let content = MultipartFixture.randomBytes(count: 1_000)
        let form = try read(MultipartFixture.body([.file("file", filename: "f", content: content)]),
                            limits: MultipartLimits(maxFileBytes: 1_000))
        XCTAssertEqual(form.file(named: "file")?.size, 1_000)
    }

    func testEarlierFilesAreRemovedWhenALaterPartFails() throws {
        let body = MultipartFixture.body([
            .file("a", filename: "a", content: [1, 2, 3]),
            .file("b", filename: "b", content: [4, 5, 6]),
            .file("c", filename: "c", content: Array(repeating: 7, count: 200)),
        ])
        try assertReadFails(body, with: .fileTooLarge(limit: 100), limits: MultipartLimits(maxFileBytes: 100))
    }

    func testMorePartsThanLimitThrowsTooManyParts() throws {
        let parts = (0..<4).map { Part.file("f\($0)", filename: "\($0)", content: [1]) }
        try assertReadFails(MultipartFixture.body(parts), with: .tooManyParts(limit: 3),
                            limits: MultipartLimits(maxFileBytes: 10, maxParts: 3))
    }

    func testPartsUpToLimitAreAccepted() throws {
        let parts = (0..<3).map { Part.field("f\($0)", "v") }
        let form = try read(MultipartFixture.body(parts), limits: MultipartLimits(maxFileBytes: 10, maxParts: 3))
        XCTAssertEqual(form.fields.count, 3)
    }

    func testOversizedHeaderBlockIsMalformed() throws {
        let padding = MultipartFixture.bytes("X-Padding: " + String(repeating: "p", count: 2_000))
        let part = Part(headers: [MultipartFixture.bytes(#"Content-Disposition: form-data; name="f"; filename="a""#),
                                  padding],
                        content: [1])
        let body = MultipartFixture.body([.file("first", filename: "ok", content: [1]), part])
        XCTAssertThrowsError(try read(body, limits: MultipartLimits(maxFileBytes: 10, maxHeaderBytes: 1_024))) { error in
            XCTAssertEqual(error as? MultipartError, .malformed("part header block exceeds 1024 bytes"))
        }
        XCTAssertEqual(try directoryEntries(), [])
    }

    func testEndlessHeaderLineIsMalformed() throws {
        let body = MultipartFixture.bytes("--\(boundary)\r\nX-Long: ") + Array(repeating: UInt8(ascii: "a"), count: 1_000_000)
        try assertReadIsMalformed(body)
    }

    func testHugeHeaderLimitIsCappedInsteadOfAllocated() throws {
        let form = try read(MultipartFixture.body([.field("a", "1")]),
                            limits: MultipartLimits(maxFileBytes: 10, maxHeaderBytes: .max))
        XCTAssertEqual(form.fields, ["a": "1"])
    }

    func testFieldOverLimitThrowsFieldTooLarge() throws {
        let body = MultipartFixture.body([.file("file", filename: "a", content: [1]),
                                          .field("note", String(repeating: "n", count: 101))])
        try assertReadFails(body, with: .fieldTooLarge(limit: 100),
                            limits: MultipartLimits(maxFileBytes: 10, maxFieldBytes: 100))
    }

    func testNonUTF8FieldValueIsMalformed() throws {
        let part = Part(headers: [MultipartFixture.bytes(#"Content-Disposition: form-data; name="f""#)], content: [0xFF, 0xFE])
        try assertReadIsMalformed(MultipartFixture.body([part]))
    }

    func testPartWithoutContentDispositionIsMalformed() throws {
        let part = Part(headers: [MultipartFixture.bytes("Content-Type: text/plain")], content: [1])
        try assertReadIsMalformed(MultipartFixture.body([.file("a", filename: "a", content: [1]), part]))
    }

    func testPartWithoutHeadersIsMalformed() throws {
        try assertReadIsMalformed(MultipartFixture.body([Part(headers: [], content: [1])]))
    }

    func testDispositionWithoutNameIsMalformed() throws {
        let part = Part(headers: [MultipartFixture.bytes(#"Content-Disposition: form-data; filename="a""#)], content: [1])
        try assertReadIsMalformed(MultipartFixture.body([part]))
    }

    func testDispositionOtherThanFormDataIsMalformed() throws {
        let part = Part(headers: [MultipartFixture.bytes(#"Content-Disposition: attachment; name="a""#)], content: [1])
        try assertReadIsMalformed(MultipartFixture.body([part]))
    }

    func testHeaderLineWithoutColonIsMalformed() throws {
        let part = Part(headers: [MultipartFixture.bytes(#"Content-Disposition: form-data; name="a""#),
                                  MultipartFixture.bytes("garbage")], content: [1])
        try assertReadIsMalformed(MultipartFixture.body([part]))
    }

    func testGarbageAfterBoundaryIsMalformed() throws {
        try assertReadIsMalformed(MultipartFixture.bytes(
            "--\(boundary)garbage\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--\(boundary)--"))
    }

    func testUnterminatedQuotedParameterIsMalformed() throws {
        let part = Part(headers: [MultipartFixture.bytes(#"Content-Disposition: form-data; name="a"#)], content: [1])
        try assertReadIsMalformed(MultipartFixture.body([part]))
    }
}
