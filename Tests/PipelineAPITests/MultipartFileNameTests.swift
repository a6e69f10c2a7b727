import Foundation
import XCTest
@testable import PipelineAPI

/// File names are returned as sent; sanitizing them is the caller's job.
final class MultipartFileNameTests: MultipartTestCase {
    private func readFile(disposition: [UInt8]) throws -> MultipartFile {
        let part = MultipartFixture.Part(headers: [MultipartFixture.bytes("Content-Disposition: ") + disposition],
                                         content: MultipartFixture.bytes("data"))
        return try XCTUnwrap(try read(MultipartFixture.body([part])).file(named: "file"))
    }

    private func readFile(disposition: String) throws -> MultipartFile {
        try readFile(disposition: MultipartFixture.bytes(disposition))
    }

    func testChineseFileNameSentAsRawUTF8IsDecoded() throws {
        let file = try readFile(disposition: #"form-data; name="file"; filename="表清单.txt""#)
        XCTAssertEqual(file.fileName, "表清单.txt")
        XCTAssertEqual(file.rawFileName, MultipartFixture.bytes("表清单.txt"))
    }

    func testRFC5987FileNameStarWinsOverFileName() throws {
        let file = try readFile(
            disposition: #"form-data; name="file"; filename="fallback.txt"; filename*=UTF-8''%E8%A1%A8%E6%B8%85%E5%8D%95.txt"#)
        XCTAssertEqual(file.fileName, "表清单.txt")
        XCTAssertEqual(file.rawFileName, MultipartFixture.bytes("表清单.txt"))
    }

    func testRFC5987FileNameStarAloneMakesAFilePart() throws {
        let file = try readFile(disposition: "form-data; name=file; filename*=utf-8'zh'%E8%A1%A8.sql")
        XCTAssertEqual(file.fileName, "表.sql")
    }

    func testRFC5987Latin1FileNameIsDecoded() throws {
        let file = try readFile(disposition: "form-data; name=file; filename*=ISO-8859-1''caf%E9.txt")
        XCTAssertEqual(file.fileName, "café.txt")
        XCTAssertEqual(file.rawFileName, [0x63, 0x61, 0x66, 0xE9, 0x2E, 0x74, 0x78, 0x74])
    }

    func testRFC5987BadPercentEncodingIsMalformed() throws {
        let part = MultipartFixture.Part(
            headers: [MultipartFixture.bytes("Content-Disposition: form-data; name=file; filename*=UTF-8''%E8%A")],
            content: [])
        try assertReadIsMalformed(MultipartFixture.body([part]))
    }

    func testNonUTF8FileNameHasNilFileNameAndKeepsRawBytes() throws {
        let gbk: [UInt8] = [0xB1, 0xED, 0x2E, 0x74, 0x78, 0x74] // "表.txt" in GBK
        let file = try readFile(disposition: MultipartFixture.bytes(#"form-data; name="file"; filename=""#) + gbk + [0x22])
        XCTAssertNil(file.fileName)
        XCTAssertEqual(file.rawFileName, gbk)
        XCTAssertEqual(try contents(of: file), MultipartFixture.bytes("data"))
    }

    func testEscapedQuoteAndBackslashAreUnescaped() throws {
        let file = try readFile(disposition: #"form-data; name="file"; filename="a\"b\\c;d.txt""#)
        XCTAssertEqual(file.fileName, #"a"b\c;d.txt"#)
    }

    func testOtherBackslashesAreKeptVerbatim() throws {
        let file = try readFile(disposition: #"form-data; name="file"; filename="C:\Users\me\a.txt""#)
        XCTAssertEqual(file.fileName, #"C:\Users\me\a.txt"#)
    }

    func testHostileFileNamesAreReturnedVerbatimAndNeverUsedAsPaths() throws {
        let hostile = ["../../etc/passwd", "/abs", "a\u{0}b", "..", "/tmp/../../x", "sub/dir/file.txt"]
        let parts = hostile.enumerated().map { index, name in
            MultipartFixture.Part.file("f\(index)", filename: name, content: MultipartFixture.bytes("\(index)"))
        }
        let form = try read(MultipartFixture.body(parts))
        XCTAssertEqual(form.files.map(\.fileName), hostile)
        XCTAssertEqual(form.files[2].rawFileName, [0x61, 0x00, 0x62])
        let entries = try directoryEntries()
        XCTAssertEqual(entries.count, hostile.count)
        XCTAssertTrue(entries.allSatisfy { $0.hasPrefix(".dp-upload-") && $0.hasSuffix(".part") }, "\(entries)")
        for file in form.files {
            XCTAssertEqual(file.temporaryFile.deletingLastPathComponent().standardizedFileURL.path,
                           directory.standardizedFileURL.path)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("sub").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/abs"))
    }
}
