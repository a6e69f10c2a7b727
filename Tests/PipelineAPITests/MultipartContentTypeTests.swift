import Foundation
import XCTest
@testable import PipelineAPI

final class MultipartContentTypeTests: XCTestCase {
    private func boundary(_ contentType: String?) throws(MultipartError) -> String {
        try MultipartReader.boundary(fromContentType: contentType)
    }

    private func assertFails(_ contentType: String?, with expected: MultipartError,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try boundary(contentType), file: file, line: line) { error in
            XCTAssertEqual(error as? MultipartError, expected, file: file, line: line)
        }
    }

    func testUnquotedBoundaryIsParsed() throws {
        XCTAssertEqual(try boundary("multipart/form-data; boundary=----WebKitFormBoundaryABC123"),
                       "----WebKitFormBoundaryABC123")
    }

    func testQuotedBoundaryWithSpecialCharactersIsParsed() throws {
        XCTAssertEqual(try boundary(#"multipart/form-data; boundary="a b:c=d?e/f""#), "a b:c=d?e/f")
    }

    func testMediaTypeAndParameterNamesAreCaseInsensitive() throws {
        XCTAssertEqual(try boundary("Multipart/Form-Data; BOUNDARY=xyz"), "xyz")
    }

    func testExtraParametersAndWhitespaceAreTolerated() throws {
        XCTAssertEqual(try boundary("  multipart/form-data ;charset=utf-8;  boundary = \"xyz\" ; foo=bar "), "xyz")
    }

    func testNilContentTypeIsNotMultipart() {
        assertFails(nil, with: .notMultipart)
    }

    func testOtherMediaTypesAreNotMultipart() {
        assertFails("application/json", with: .notMultipart)
        assertFails("multipart/mixed; boundary=xyz", with: .notMultipart)
        assertFails("multipart/form-data-x; boundary=xyz", with: .notMultipart)
    }

    func testMissingBoundaryParameterIsRejected() {
        assertFails("multipart/form-data", with: .missingBoundary)
        assertFails("multipart/form-data; charset=utf-8", with: .missingBoundary)
    }

    func testEmptyBoundaryIsRejected() {
        assertFails("multipart/form-data; boundary=", with: .missingBoundary)
        assertFails(#"multipart/form-data; boundary="""#, with: .missingBoundary)
    }

    func testBoundaryLongerThan70CharactersIsRejected() throws {
        XCTAssertEqual(try boundary("multipart/form-data; boundary=" + String(repeating: "a", count: 70)).count, 70)
        assertFails("multipart/form-data; boundary=" + String(repeating: "a", count: 71), with: .missingBoundary)
    }

    func testBoundaryWithInvalidCharactersIsRejected() {
        assertFails("multipart/form-data; boundary=\"abc\u{7F}\"", with: .missingBoundary)
        assertFails("multipart/form-data; boundary=\"边界\"", with: .missingBoundary)
        assertFails("multipart/form-data; boundary=\"ends with space \"", with: .missingBoundary)
    }

    func testUnterminatedQuotedBoundaryIsRejected() {
        assertFails("multipart/form-data; boundary=\"abc", with: .missingBoundary)
    }

    func testReaderRejectsInvalidBoundary() throws {
        let reader = MultipartReader(boundary: "", limits: MultipartLimits(maxFileBytes: 10))
        // A directory that does not exist: the reader must refuse before writing anything, and if it ever wrote,
        // it would fail here instead of leaving a file in the shared temporary directory.
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("multipart-none-\(UUID().uuidString)")
        XCTAssertThrowsError(try reader.read(from: BufferedRequestBody("--\r\n"), temporaryDirectory: nowhere)) {
            XCTAssertEqual($0 as? MultipartError, .missingBoundary)
        }
    }
}
