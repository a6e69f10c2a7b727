import Foundation
import XCTest
@testable import PipelineAPI

final class MultipartReaderTests: MultipartTestCase {
    typealias Part = MultipartFixture.Part

    func testReadsFileAndField() throws {
        let body = MultipartFixture.body([
            .field("overwrite_mode", "backup"),
            .file("file", filename: "a.txt", contentType: "text/plain", content: MultipartFixture.bytes("hello\n")),
        ])
        let form = try read(body)
        XCTAssertEqual(form.fields, ["overwrite_mode": "backup"])
        let file = try XCTUnwrap(form.file(named: "file"))
        XCTAssertEqual(file.fieldName, "file")
        XCTAssertEqual(file.fileName, "a.txt")
        XCTAssertEqual(file.rawFileName, MultipartFixture.bytes("a.txt"))
        XCTAssertEqual(file.contentType, "text/plain")
        XCTAssertEqual(file.size, 6)
        XCTAssertEqual(try contents(of: file), MultipartFixture.bytes("hello\n"))
    }

    func testReadsTwoFilesInOrder() throws {
        let body = MultipartFixture.body([
            .file("first", filename: "1.txt", content: MultipartFixture.bytes("one")),
            .file("second", filename: "2.txt", content: MultipartFixture.bytes("two")),
        ])
        let form = try read(body)
        XCTAssertEqual(form.files.map(\.fieldName), ["first", "second"])
        XCTAssertEqual(try contents(of: form.files[0]), MultipartFixture.bytes("one"))
        XCTAssertEqual(try contents(of: form.files[1]), MultipartFixture.bytes("two"))
        XCTAssertNotEqual(form.files[0].temporaryFile, form.files[1].temporaryFile)
    }

    func testEmptyFilePartIsAcceptedWithSizeZero() throws {
        let form = try read(MultipartFixture.body([.file("file", filename: "empty.txt", content: [])]))
        let file = try XCTUnwrap(form.file(named: "file"))
        XCTAssertEqual(file.size, 0)
        XCTAssertEqual(try contents(of: file), [])
    }

    func testEmptyFileNameStillMakesAFilePart() throws {
        // Browsers send filename="" for a file input left empty; the caller decides what that means.
        let form = try read(MultipartFixture.body([.file("file", filename: "", content: [])]))
        XCTAssertEqual(form.file(named: "file")?.fileName, "")
        XCTAssertEqual(form.fields, [:])
    }

    func testPartWithoutFilenameIsAField() throws {
        let form = try read(MultipartFixture.body([.field("file", "not a file")]))
        XCTAssertNil(form.file(named: "file"))
        XCTAssertEqual(form.fields["file"], "not a file")
        XCTAssertEqual(try directoryEntries(), [])
    }

    func testFirstValueWinsForRepeatedField() throws {
        let form = try read(MultipartFixture.body([.field("mode", "skip"), .field("mode", "replace")]))
        XCTAssertEqual(form.fields["mode"], "skip")
    }

    func testFieldValueMayBeEmptyOrMultiline() throws {
        let form = try read(MultipartFixture.body([.field("empty", ""), .field("lines", "a\r\nb\nc")]))
        XCTAssertEqual(form.fields, ["empty": "", "lines": "a\r\nb\nc"])
    }

    func testClosingDelimiterAloneGivesEmptyForm() throws {
        let form = try read(MultipartFixture.bytes("--\(MultipartFixture.boundary)--\r\n"))
        XCTAssertEqual(form.fields, [:])
        XCTAssertTrue(form.files.isEmpty)
    }

    func testPreambleAndEpilogueAreIgnored() throws {
        let body = MultipartFixture.body(
            [.field("a", "1")],
            preamble: "This is a preamble.\r\n--not-the-boundary\r\n",
            epilogue: "This is an epilogue with --\(MultipartFixture.boundary) inside.")
        XCTAssertEqual(try read(body).fields, ["a": "1"])
    }

    func testBoundaryWithoutLeadingCRLFInsidePreambleIsNotADelimiter() throws {
        let body = MultipartFixture.bytes("junk--\(MultipartFixture.boundary)\r\n") + MultipartFixture.body([.field("a", "1")])
        XCTAssertEqual(try read(body).fields, ["a": "1"])
    }

    func testBareLFLineEndingsInHeaderBlockAreAccepted() throws {
        let body = MultipartFixture.bytes(
            "--\(MultipartFixture.boundary)\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\n"
                + "Content-Type: text/plain\n\ncontent\r\n--\(MultipartFixture.boundary)--")
        let file = try XCTUnwrap(try read(body).file(named: "f"))
        XCTAssertEqual(try contents(of: file), MultipartFixture.bytes("content"))
        XCTAssertEqual(file.contentType, "text/plain")
    }

    func testHeaderNamesAreCaseInsensitive() throws {
        let part = Part(headers: [MultipartFixture.bytes("CONTENT-disposition: form-data; name=\"f\"; filename=\"x\""),
                                  MultipartFixture.bytes("content-TYPE: image/png")],
                        content: [1, 2, 3])
        let file = try XCTUnwrap(try read(MultipartFixture.body([part])).file(named: "f"))
        XCTAssertEqual(file.contentType, "image/png")
    }

    func testDispositionParametersInAnyOrderAndUnquotedAreAccepted() throws {
        let part = Part(headers: [MultipartFixture.bytes("Content-Disposition: FORM-DATA ; filename=a.txt;name=file")],
                        content: [42])
        let file = try XCTUnwrap(try read(MultipartFixture.body([part])).file(named: "file"))
        XCTAssertEqual(file.fileName, "a.txt")
    }

    func testFoldedHeaderLineIsJoined() throws {
        let part = Part(headers: [MultipartFixture.bytes("Content-Disposition: form-data;"),
                                  MultipartFixture.bytes("\tname=\"folded\"")],
                        content: MultipartFixture.bytes("v"))
        XCTAssertEqual(try read(MultipartFixture.body([part])).fields, ["folded": "v"])
    }

    func testTransportPaddingAfterBoundaryIsIgnored() throws {
        let body = MultipartFixture.bytes(
            "--\(MultipartFixture.boundary)  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + "--\(MultipartFixture.boundary)-- \r\n")
        XCTAssertEqual(try read(body).fields, ["a": "1"])
    }

    func testTemporaryFileIsPrivateAndInsideTemporaryDirectory() throws {
        let form = try read(MultipartFixture.body([.file("file", filename: "a.txt", content: [1])]))
        let file = try XCTUnwrap(form.file(named: "file"))
        XCTAssertEqual(file.temporaryFile.deletingLastPathComponent().standardizedFileURL.path,
                       directory.standardizedFileURL.path)
        XCTAssertTrue(file.temporaryFile.lastPathComponent.hasPrefix(".dp-upload-"))
        XCTAssertTrue(file.temporaryFile.lastPathComponent.hasSuffix(".part"))
        let attributes = try FileManager.default.attributesOfItem(atPath: file.temporaryFile.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    }

    func testBodyReadErrorPropagatesUnchangedAndRemovesTemporaryFiles() throws {
        let body = MultipartFixture.body([
            .file("a", filename: "a.bin", content: MultipartFixture.randomBytes(count: 10_000)),
            .file("b", filename: "b.bin", content: MultipartFixture.randomBytes(count: 10_000)),
        ])
        let reader = MultipartReader(boundary: MultipartFixture.boundary, limits: MultipartLimits(maxFileBytes: 1 << 20))
        XCTAssertThrowsError(try reader.read(from: FailingRequestBody(body, failAfter: 15_000),
                                             temporaryDirectory: directory)) { error in
            XCTAssertEqual(error as? FailingRequestBody.Failure, FailingRequestBody.Failure())
        }
        XCTAssertEqual(try directoryEntries(), [])
    }

    func testMissingTemporaryDirectoryThrowsPOSIXError() throws {
        let reader = MultipartReader(boundary: MultipartFixture.boundary, limits: MultipartLimits(maxFileBytes: 100))
        let body = BufferedRequestBody(MultipartFixture.body([.file("f", filename: "a", content: [1])]))
        XCTAssertThrowsError(try reader.read(from: body, temporaryDirectory: directory.appendingPathComponent("nope"))) {
            XCTAssertEqual(($0 as? POSIXError)?.code, .ENOENT)
        }
    }
}
