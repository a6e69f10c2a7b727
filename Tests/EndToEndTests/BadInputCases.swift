import Foundation

/// One hostile or malformed request and the refusal it must get.
struct BadInputCase {
    var name: String
    var method: String
    /// Request target as sent (`--path-as-is`), already percent-encoded.
    var path: String
    var headers: [String: String] = [:]
    var body: Data?
    var status: Int
    var errorType: String?
    /// nginx answers it (its own JSON envelope, whose timestamp is nginx's `$time_iso8601`).
    var answeredByNginx = false
}

/// The table of bad inputs (API.md §1–§2): every one is a 4xx JSON envelope, never a 500 or a file elsewhere.
/// File names carry the marker `e2eesc` so an escaped file could be found by name.
enum BadInputCases {
    static let marker = "e2eesc"

    static func all(task id: String) -> [BadInputCase] {
        json(task: id) + contentTypes(task: id) + sizes(task: id) + multipart(task: id) + fileNames(task: id)
            + paths(task: id) + parameters(task: id)
    }

    private static let tasks = "/api/v0/data_pipeline/tasks"
    private static let jsonType = ["Content-Type": "application/json"]

    private static func bytes(_ text: String) -> Data { Data(text.utf8) }

    private static func json(task id: String) -> [BadInputCase] {
        [
            BadInputCase(name: "malformed JSON", method: "POST", path: tasks, headers: jsonType,
                         body: bytes(#"{"task_name": "x","#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "enable_sql_validation is a string", method: "POST", path: tasks, headers: jsonType,
                         body: bytes(#"{"task_name": "x", "enable_sql_validation": "yes"}"#), status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "enable_sql_validation is a number", method: "POST", path: tasks, headers: jsonType,
                         body: bytes(#"{"enable_sql_validation": 1}"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "task_name is a number", method: "POST", path: tasks, headers: jsonType,
                         body: bytes(#"{"task_name": 12}"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "task_name over 255 characters", method: "POST", path: tasks, headers: jsonType,
                         body: bytes(#"{"task_name": ""# + String(repeating: "名", count: 256) + #""}"#), status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "tables is a number", method: "POST", path: "\(tasks)/\(id)/table-list",
                         headers: jsonType, body: bytes(#"{"tables": 5}"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "page is a string", method: "POST", path: "\(tasks)/query", headers: jsonType,
                         body: bytes(#"{"page": "x"}"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "log query page is a string", method: "POST", path: "\(tasks)/\(id)/logs/query",
                         headers: jsonType, body: bytes(#"{"page": "x"}"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "missing body", method: "POST", path: tasks, headers: jsonType, body: Data(), status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "whitespace body", method: "POST", path: "\(tasks)/\(id)/table-list", headers: jsonType,
                         body: bytes(" \n"), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "JSON null body", method: "POST", path: tasks, headers: jsonType, body: bytes("null"),
                         status: 400, errorType: "invalid_params"),
            BadInputCase(name: "JSON array body", method: "POST", path: tasks, headers: jsonType,
                         body: bytes(#"[{"task_name": "x"}]"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "JSON number body", method: "POST", path: tasks, headers: jsonType, body: bytes("42"),
                         status: 400, errorType: "invalid_params"),
            BadInputCase(name: "JSON string body", method: "POST", path: "\(tasks)/query", headers: jsonType,
                         body: bytes(#""x""#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "JSON null body on delete", method: "DELETE", path: tasks, headers: jsonType,
                         body: bytes("null"), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "task_ids is a string", method: "DELETE", path: tasks, headers: jsonType,
                         body: bytes(#"{"task_ids": "\#(id)", "confirm": true}"#), status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "confirm is a string", method: "DELETE", path: tasks, headers: jsonType,
                         body: bytes(#"{"task_ids": ["\#(id)"], "confirm": "yes"}"#), status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "schema is a number", method: "POST", path: "/api/v0/database/tables", headers: jsonType,
                         body: bytes(#"{"schema": 5}"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "db_connection is not PostgreSQL", method: "POST", path: tasks, headers: jsonType,
                         body: bytes(#"{"db_connection": "mysql://root:x@127.0.0.1/db"}"#), status: 400,
                         errorType: "invalid_params"),
        ]
    }

    private static func contentTypes(task id: String) -> [BadInputCase] {
        [
            BadInputCase(name: "text/plain on a JSON route", method: "POST", path: tasks,
                         headers: ["Content-Type": "text/plain"], body: bytes(#"{"task_name": "x"}"#), status: 415,
                         errorType: "unsupported_media_type"),
            BadInputCase(name: "form encoding on a JSON route", method: "POST", path: "\(tasks)/\(id)/table-list",
                         headers: ["Content-Type": "application/x-www-form-urlencoded"], body: bytes("tables=a,b"),
                         status: 415, errorType: "unsupported_media_type"),
            BadInputCase(name: "JSON on the upload route", method: "POST", path: "\(tasks)/\(id)/files",
                         headers: jsonType, body: bytes("{}"), status: 415, errorType: "unsupported_media_type"),
            BadInputCase(name: "upload without content type", method: "POST", path: "\(tasks)/\(id)/upload-table-list",
                         headers: ["Content-Type": ""], body: bytes("a\n"), status: 415,
                         errorType: "unsupported_media_type"),
        ]
    }

    private static func sizes(task id: String) -> [BadInputCase] {
        let megabyte = 1024 * 1024
        func upload(_ size: Int) -> MultipartBody {
            MultipartBody([MultipartBody.file("\(marker)-big.txt", content: Data(repeating: 0x61, count: size))])
        }
        let overNginx = upload(13 * megabyte), overApp = upload(11 * megabyte), oneOver = upload(10 * megabyte + 1)
        return [
            BadInputCase(name: "body over nginx's 12 MB limit", method: "POST", path: "\(tasks)/\(id)/files",
                         headers: ["Content-Type": overNginx.contentType], body: overNginx.data, status: 413,
                         errorType: "payload_too_large", answeredByNginx: true),
            BadInputCase(name: "upload of 11 MB (over the app's 10 MB)", method: "POST", path: "\(tasks)/\(id)/files",
                         headers: ["Content-Type": overApp.contentType], body: overApp.data, status: 413,
                         errorType: "payload_too_large"),
            BadInputCase(name: "file one byte over 10 MB", method: "POST", path: "\(tasks)/\(id)/files",
                         headers: ["Content-Type": oneOver.contentType], body: oneOver.data, status: 413,
                         errorType: "payload_too_large"),
            BadInputCase(name: "table list over 2 MB", method: "POST", path: "\(tasks)/\(id)/upload-table-list",
                         headers: ["Content-Type": upload(3 * megabyte).contentType], body: upload(3 * megabyte).data,
                         status: 413, errorType: "payload_too_large"),
            BadInputCase(name: "chunked body over nginx's 12 MB limit", method: "POST", path: "\(tasks)/\(id)/files",
                         headers: ["Content-Type": overNginx.contentType, "Transfer-Encoding": "chunked"],
                         body: overNginx.data, status: 413, errorType: "payload_too_large", answeredByNginx: true),
            BadInputCase(name: "chunked upload of 11 MB (no Content-Length for the app)", method: "POST",
                         path: "\(tasks)/\(id)/files",
                         headers: ["Content-Type": overApp.contentType, "Transfer-Encoding": "chunked"],
                         body: overApp.data, status: 413, errorType: "payload_too_large"),
            BadInputCase(name: "JSON body over the JSON limit", method: "POST", path: tasks, headers: jsonType,
                         body: bytes(#"{"task_name": ""# + String(repeating: "x", count: 2 * megabyte) + #""}"#),
                         status: 413, errorType: "payload_too_large"),
        ]
    }

    private static func multipart(task id: String) -> [BadInputCase] {
        let files = "\(tasks)/\(id)/files"
        let valid = MultipartBody([MultipartBody.file("\(marker)-trunc.txt", text: String(repeating: "t", count: 500))])
        let truncated = valid.data.prefix(valid.data.count - 40)
        var noFile = MultipartBody([MultipartBody.field("overwrite_mode", "backup")])
        noFile.boundary = "e2eNoFileBoundary"
        let badMode = MultipartBody([MultipartBody.file("\(marker)-mode.txt", text: "x"),
                                     MultipartBody.field("overwrite_mode", "delete-all")])
        let tooManyParts = MultipartBody((0..<17).map { MultipartBody.field("f\($0)", "v") }
            + [MultipartBody.file("\(marker)-parts.txt", text: "x")])
        var hugeHeader = MultipartBody.file("\(marker)-header.txt", text: "x")
        hugeHeader.headers.append(Data("X-Padding: \(String(repeating: "p", count: 20_000))".utf8))
        let hugeHeaderBody = MultipartBody([hugeHeader])
        let hugeField = MultipartBody([MultipartBody.file("\(marker)-field.txt", text: "x"),
                                       MultipartBody.field("overwrite_mode", String(repeating: "b", count: 70_000))])
        return [
            BadInputCase(name: "more parts than allowed", method: "POST", path: files,
                         headers: ["Content-Type": tooManyParts.contentType], body: tooManyParts.data, status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "part header over 16 KB", method: "POST", path: files,
                         headers: ["Content-Type": hugeHeaderBody.contentType], body: hugeHeaderBody.data, status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "form field over 64 KB", method: "POST", path: files,
                         headers: ["Content-Type": hugeField.contentType], body: hugeField.data, status: 413,
                         errorType: "payload_too_large"),
            BadInputCase(name: "truncated multipart", method: "POST", path: files,
                         headers: ["Content-Type": valid.contentType], body: Data(truncated), status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "multipart without boundary", method: "POST", path: files,
                         headers: ["Content-Type": "multipart/form-data"], body: valid.data, status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "multipart with empty boundary", method: "POST", path: files,
                         headers: ["Content-Type": "multipart/form-data; boundary="], body: valid.data, status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "multipart with another boundary", method: "POST", path: files,
                         headers: ["Content-Type": "multipart/form-data; boundary=notTheOneUsed"], body: valid.data,
                         status: 400, errorType: "invalid_params"),
            BadInputCase(name: "multipart without a file part", method: "POST", path: files,
                         headers: ["Content-Type": noFile.contentType], body: noFile.data, status: 400,
                         errorType: "missing_required_params"),
            BadInputCase(name: "unknown overwrite_mode", method: "POST", path: files,
                         headers: ["Content-Type": badMode.contentType], body: badMode.data, status: 400,
                         errorType: "invalid_params"),
        ]
    }

    private static func fileNames(task id: String) -> [BadInputCase] {
        var names: [(String, Data)] = [
            ("../ in file name", bytes("../\(marker)-dotdot.txt")),
            ("../../ in file name", bytes("../../\(marker)-dotdot2.txt")),
            ("absolute file name", bytes("/\(marker)-abs.txt")),
            ("absolute file name in /tmp", bytes("/tmp/\(marker)-abs.txt")),
            ("literal %2e%2e file name", bytes("%2e%2e")),
            ("NUL in file name", bytes("\(marker)\u{0}nul.txt")),
            ("control character in file name", bytes("\(marker)\u{1}ctl.txt")),
            ("escape sequence in file name", bytes("\(marker)\u{1b}[31m.txt")),
            ("DEL in file name", bytes("\(marker)\u{7f}.txt")),
            ("backslash in file name", bytes("..\\\\\(marker)-bs.txt")),
            ("Windows device name CON.txt", bytes("CON.txt")),
            ("Windows device name lpt1.json", bytes("lpt1.json")),
            ("Windows device name nul.md", bytes("nul.md")),
            ("Windows device name COM9.sql", bytes("COM9.sql")),
            ("file name .", bytes(".")),
            ("file name ..", bytes("..")),
            ("file name of 256 bytes", bytes(String(repeating: "n", count: 252) + ".txt")),
            ("unsupported extension .exe", bytes("\(marker).exe")),
            ("unsupported extension .sh", bytes("\(marker).sh")),
            ("no extension", bytes("\(marker)")),
            ("empty file name", bytes("")),
        ]
        names.append(("non-UTF-8 bytes in file name", Data([0xFF, 0xFE, 0x2E]) + bytes("\(marker).txt")))
        let files = "\(tasks)/\(id)/files"
        var cases = names.map { name, raw -> BadInputCase in
            let body = MultipartBody([MultipartBody.file(raw, content: bytes("payload\n"))])
            return BadInputCase(name: name, method: "POST", path: files, headers: ["Content-Type": body.contentType],
                                body: body.data, status: 400, errorType: "invalid_params")
        }
        for (name, encoded) in [("filename* decoding to ../", "%2e%2e%2f\(marker)-enc.txt"),
                                ("filename* decoding to /abs", "%2F\(marker)-enc-abs.txt"),
                                ("filename* with NUL", "\(marker)%00nul.txt"),
                                ("filename* with non-UTF-8 bytes", "%FF%FE\(marker).txt")] {
            let body = MultipartBody([MultipartBody.file(extendedFileName: encoded, content: bytes("payload\n"))])
            cases.append(BadInputCase(name: name, method: "POST", path: files,
                                      headers: ["Content-Type": body.contentType], body: body.data, status: 400,
                                      errorType: "invalid_params"))
        }
        for (name, raw) in [("table list named ../", "../\(marker)-list.txt"), ("table list not .txt", "\(marker).csv"),
                            ("table list named CON.txt", "CON.txt")] {
            let body = MultipartBody([MultipartBody.file(raw, text: "bss_company\n")])
            cases.append(BadInputCase(name: name, method: "POST", path: "\(tasks)/\(id)/upload-table-list",
                                      headers: ["Content-Type": body.contentType], body: body.data, status: 400,
                                      errorType: "invalid_params"))
        }
        return cases
    }

    private static func paths(task id: String) -> [BadInputCase] {
        let upload = MultipartBody([MultipartBody.file("\(marker)-path.txt", text: "x\n")])
        let uploadHeaders = ["Content-Type": upload.contentType]
        return [
            BadInputCase(name: "task id ..%2F..", method: "GET", path: "\(tasks)/..%2F..", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "task id %2E%2E", method: "GET", path: "\(tasks)/%2E%2E/files", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "task id ..%2F..%2Ftmp (upload)", method: "POST", path: "\(tasks)/..%2F..%2Ftmp/files",
                         headers: uploadHeaders, body: upload.data, status: 400, errorType: "invalid_params"),
            BadInputCase(name: "task id ..%2F.. (table list)", method: "POST",
                         path: "\(tasks)/..%2F../upload-table-list", headers: uploadHeaders, body: upload.data,
                         status: 400, errorType: "invalid_params"),
            BadInputCase(name: "task id with a dot", method: "GET", path: "\(tasks)/task.1/logs", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "task id %2E%2E (drift)", method: "GET", path: "\(tasks)/%2E%2E/drift", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "task id of 65 characters", method: "GET", path: "\(tasks)/\(String(repeating: "a", count: 65))",
                         status: 400, errorType: "invalid_params"),
            BadInputCase(name: "file name ..%2F..%2F..%2Fetc%2Fpasswd", method: "GET",
                         path: "\(tasks)/\(id)/files/..%2F..%2F..%2Fetc%2Fpasswd", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "file name %2e%2e", method: "GET", path: "\(tasks)/\(id)/files/%2e%2e", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "file name CON.txt", method: "GET", path: "\(tasks)/\(id)/files/CON.txt", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "file name not UTF-8 (%FF)", method: "GET", path: "\(tasks)/\(id)/files/%FF.txt",
                         status: 400, errorType: "invalid_params"),
        ]
    }

    private static func parameters(task id: String) -> [BadInputCase] {
        [
            BadInputCase(name: "limit is not a number", method: "GET", path: "\(tasks)?limit=x", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "negative offset", method: "GET", path: "\(tasks)?offset=-1", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "unknown status filter", method: "GET", path: "\(tasks)?status=bogus", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "limit over the maximum", method: "GET", path: "\(tasks)?limit=101", status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "page_size over the maximum", method: "POST", path: "\(tasks)/query", headers: jsonType,
                         body: bytes(#"{"page_size": 101}"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "SQL in sort_by", method: "POST", path: "\(tasks)/query", headers: jsonType,
                         body: bytes(#"{"sort_by": "created_at; DROP TABLE tasks"}"#), status: 400,
                         errorType: "invalid_params"),
            BadInputCase(name: "created_from not a date", method: "POST", path: "\(tasks)/query", headers: jsonType,
                         body: bytes(#"{"created_from": "yesterday"}"#), status: 400, errorType: "invalid_params"),
            BadInputCase(name: "log limit not a number", method: "GET", path: "\(tasks)/\(id)/logs?limit=abc",
                         status: 400, errorType: "invalid_params"),
            BadInputCase(name: "log page_size over the maximum", method: "POST", path: "\(tasks)/\(id)/logs/query",
                         headers: jsonType, body: bytes(#"{"page_size": 501}"#), status: 400, errorType: "invalid_params"),
        ]
    }
}
