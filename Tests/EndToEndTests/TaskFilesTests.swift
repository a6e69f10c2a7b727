import Foundation
import XCTest

/// API.md §2.6: listing, downloading and uploading a task's files.
final class TaskFilesTests: EndToEndTestCase {
    func test_upload_storesFileAndAnswersUploadedFile() throws {
        let id = try createTask()
        let content = "create table t (id integer);\n"
        let result = try upload(id, "e2e.ddl", content)
        let data = assertSuccess(result, response: "文件上传成功")
        XCTAssertEqual(data["task_id"]?.string, id)
        XCTAssertEqual(data["success"], .bool(true))
        let uploaded = try XCTUnwrap(data["uploaded_file"])
        XCTAssertEqual(uploaded["filename"]?.string, "e2e.ddl")
        XCTAssertEqual(uploaded["overwrite_mode"]?.string, "backup")
        XCTAssertEqual(uploaded["size"]?.int, content.utf8.count)
        XCTAssertEqual(uploaded["size_formatted"]?.string, "\(content.utf8.count).0 B")
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(uploaded["uploaded_at"]?.string))
        XCTAssertTrue(data["backup_info"] == nil || data["backup_info"] == .null, "no backup for a new name")
        let stored = try String(contentsOf: stack.taskDirectory(id).appendingPathComponent("e2e.ddl"), encoding: .utf8)
        XCTAssertEqual(stored, content)
        XCTAssertEqual(temporaryFiles(in: id), [])
    }

    func test_uploadInBackupMode_keepsPreviousVersionAsBak1() throws {
        let id = try createTask()
        assertSuccess(try upload(id, "tables.txt", "version one\n"))
        let data = assertSuccess(try upload(id, "tables.txt", "version two\n", mode: "backup"), response: "文件上传成功")
        let backup = try XCTUnwrap(data["backup_info"])
        XCTAssertEqual(backup["had_existing_file"], .bool(true))
        XCTAssertEqual(backup["backup_filename"]?.string, "tables.txt_bak1")
        XCTAssertEqual(backup["backup_version"]?.int, 1)
        XCTAssertTrue(EnvelopeContract.isServiceTimestamp(backup["backup_created_at"]?.string))
        XCTAssertEqual(try client.get(taskPath(id, "/files/tables.txt")).text, "version two\n")
        XCTAssertEqual(try client.get(taskPath(id, "/files/tables.txt_bak1")).text, "version one\n")

        let third = assertSuccess(try upload(id, "tables.txt", "version three\n"))
        XCTAssertEqual(third["backup_info"]?["backup_filename"]?.string, "tables.txt_bak2")
        XCTAssertEqual(third["backup_info"]?["backup_version"]?.int, 2)
        XCTAssertEqual(try client.get(taskPath(id, "/files/tables.txt_bak2")).text, "version two\n")
    }

    func test_uploadInReplaceMode_overwritesWithoutBackup() throws {
        let id = try createTask()
        assertSuccess(try upload(id, "config.json", "{\"v\": 1}"))
        let data = assertSuccess(try upload(id, "config.json", "{\"v\": 2}", mode: "replace"))
        XCTAssertEqual(data["uploaded_file"]?["overwrite_mode"]?.string, "replace")
        XCTAssertTrue(data["backup_info"] == nil || data["backup_info"] == .null)
        XCTAssertEqual(try client.get(taskPath(id, "/files/config.json")).text, "{\"v\": 2}")
        XCTAssertFalse(FileManager.default.fileExists(
            atPath: stack.taskDirectory(id).appendingPathComponent("config.json_bak1").path))
    }

    func test_uploadInSkipMode_keepsExistingFileAndSaysSkipped() throws {
        let id = try createTask()
        assertSuccess(try upload(id, "q.sql", "select 1;\n"))
        let data = assertSuccess(try upload(id, "q.sql", "select 2;\n", mode: "skip"))
        XCTAssertEqual(data["skipped"], .bool(true))
        XCTAssertEqual(data["task_id"]?.string, id)
        XCTAssertEqual(try client.get(taskPath(id, "/files/q.sql")).text, "select 1;\n")
        XCTAssertEqual(temporaryFiles(in: id), [])
    }

    func test_concurrentBackupUploadsOfOneName_loseNoVersion() throws {
        let id = try createTask()
        let client = self.client!
        let path = taskPath(id, "/files")
        final class Statuses: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int] = []
            func add(_ value: Int) { lock.lock(); values.append(value); lock.unlock() }
        }
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let body = MultipartBody([MultipartBody.file("same.sql", text: "select \(index);\n")])
            statuses.add((try? client.postMultipart(path, body).status) ?? -1)
        }
        XCTAssertEqual(statuses.values, Array(repeating: 200, count: 8))
        let directory = stack.taskDirectory(id)
        var contents: [String] = []
        for name in ["same.sql"] + (1...7).map({ "same.sql_bak\($0)" }) {
            let url = directory.appendingPathComponent(name)
            contents.append((try? String(contentsOf: url, encoding: .utf8)) ?? "missing \(name)")
        }
        XCTAssertEqual(contents.sorted(), (0..<8).map { "select \($0);\n" }.sorted(), "every version kept once")
        XCTAssertEqual(temporaryFiles(in: id), [])
    }

    func test_chunkedUpload_isStored() throws {
        let id = try createTask()
        let body = MultipartBody([MultipartBody.file("chunked.md", text: "# chunked\n")])
        let result = try raw.send("POST", taskPath(id, "/files"),
                                  headers: ["Content-Type": body.contentType, "Transfer-Encoding": "chunked"],
                                  body: body.data)
        assertSuccess(result, response: "文件上传成功")
        XCTAssertEqual(try client.get(taskPath(id, "/files/chunked.md")).text, "# chunked\n")
    }

    func test_fileList_describesEachFileNewestFirst() throws {
        let id = try createTask()
        let listEmpty = assertSuccess(try client.get(taskPath(id, "/files")), response: "获取任务文件列表成功")
        XCTAssertEqual(listEmpty["files"], .array([]))
        XCTAssertEqual(listEmpty["directory_info"]?["exists"], .bool(true))
        XCTAssertEqual(listEmpty["directory_info"]?["total_files"]?.int, 0)
        XCTAssertEqual(listEmpty["directory_info"]?["total_size_formatted"]?.string, "0 B")

        let uploads: [(String, String)] = [
            ("a.ddl", "ddl"), ("b_detail.md", "markdown"), ("c.json", "json"), ("d.sql", "sql"), ("e.txt", "text"),
            ("f.csv", "other"),
        ]
        for (name, _) in uploads {
            assertSuccess(try upload(id, name, String(repeating: "x", count: 220)))
            Thread.sleep(forTimeInterval: 0.02) // distinct modification times
        }
        let data = assertSuccess(try client.get(taskPath(id, "/files")), response: "获取任务文件列表成功")
        let files = try XCTUnwrap(data["files"]?.array)
        XCTAssertEqual(files.map { $0["file_name"]?.string ?? "?" }, uploads.map(\.0).reversed(), "newest first")
        for file in files {
            let name = file["file_name"]?.string ?? "?"
            XCTAssertEqual(file.keys, ["file_name", "file_type", "file_size", "file_size_formatted", "created_at",
                                       "modified_at", "is_readable"], name)
            XCTAssertEqual(file["file_type"]?.string, uploads.first { $0.0 == name }?.1, name)
            XCTAssertEqual(file["file_size"]?.int, 220, name)
            XCTAssertEqual(file["file_size_formatted"]?.string, "220.0 B", name)
            XCTAssertEqual(file["is_readable"], .bool(true), name)
            XCTAssertTrue(EnvelopeContract.isServiceTimestamp(file["created_at"]?.string), name)
            XCTAssertTrue(EnvelopeContract.isServiceTimestamp(file["modified_at"]?.string), name)
        }
        let info = try XCTUnwrap(data["directory_info"])
        XCTAssertEqual(info["exists"], .bool(true))
        XCTAssertEqual(info["total_files"]?.int, 6)
        XCTAssertEqual(info["total_size"]?.int, 1320)
        XCTAssertEqual(info["total_size_formatted"]?.string, "1.3 KB")
        XCTAssertNil(info["directory_path"], "no absolute server path")
    }

    func test_fileSizes_areFormattedWithOneDecimalUpToGB() throws {
        let id = try createTask()
        let sizes: [(String, Int, String)] = [
            ("s0.txt", 0, "0 B"), ("s220.txt", 220, "220.0 B"), ("s1023.txt", 1023, "1023.0 B"),
            ("s1024.txt", 1024, "1.0 KB"), ("s104982.txt", 104_982, "102.5 KB"), ("s1572864.txt", 1_572_864, "1.5 MB"),
        ]
        for (name, size, _) in sizes {
            try Data(repeating: 0x78, count: size).write(to: stack.taskDirectory(id).appendingPathComponent(name))
        }
        let files = assertSuccess(try client.get(taskPath(id, "/files")))["files"]?.array ?? []
        for (name, size, formatted) in sizes {
            let file = files.first { $0["file_name"]?.string == name }
            XCTAssertEqual(file?["file_size"]?.int, size, name)
            XCTAssertEqual(file?["file_size_formatted"]?.string, formatted, name)
        }
    }

    func test_download_sendsFileWithAttachmentHeaders() throws {
        let id = try createTask()
        let content = "-- 中文名: 公司信息表\ncreate table public.bss_company (id varchar(32));\n"
        assertSuccess(try upload(id, "bss_company.ddl", content))
        let result = try client.get(taskPath(id, "/files/bss_company.ddl"))
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.text, content)
        XCTAssertEqual(result.header("content-type"), "text/plain; charset=utf-8")
        let disposition = try XCTUnwrap(result.header("content-disposition"))
        XCTAssertTrue(disposition.hasPrefix("attachment"), disposition)
        XCTAssertTrue(disposition.contains("filename=\"bss_company.ddl\""), disposition)
    }

    func test_downloadOfNonASCIIName_usesRFC5987FileNameStar() throws {
        let id = try createTask()
        let name = "报表说明.md"
        assertSuccess(try upload(id, name, "# 报表\n"))
        let listed = assertSuccess(try client.get(taskPath(id, "/files")))["files"]?.array?.first?["file_name"]?.string
        XCTAssertEqual(listed, name)
        let result = try client.get(taskPath(id, "/files/" + EndToEndTestCase.encodeSegment(name)))
        XCTAssertEqual(result.status, 200, result.printable)
        XCTAssertEqual(result.text, "# 报表\n")
        XCTAssertTrue(result.header("content-type")?.hasPrefix("text/markdown") ?? false, "\(result.headers)")
        let disposition = try XCTUnwrap(result.header("content-disposition"), "\(result.headers)")
        XCTAssertTrue(disposition.hasPrefix("attachment"), disposition)
        XCTAssertTrue(disposition.contains("filename*=UTF-8''%E6%8A%A5%E8%A1%A8%E8%AF%B4%E6%98%8E.md"), disposition)
        XCTAssertTrue(disposition.unicodeScalars.allSatisfy { $0.isASCII }, "header must be ASCII: \(disposition)")
    }

    func test_download_contentTypeFollowsTheExtension() throws {
        let id = try createTask()
        let expected: [(String, String)] = [
            ("t.ddl", "text/plain; charset=utf-8"), ("t.sql", "text/plain; charset=utf-8"),
            ("t.txt", "text/plain; charset=utf-8"), ("t.log", "text/plain; charset=utf-8"),
            ("t.md", "text/markdown"), ("t.json", "application/json"), ("t.csv", "text/csv"),
        ]
        for (name, _) in expected {
            // Written directly: .log cannot be uploaded, the worker writes it.
            try Data("x\n".utf8).write(to: stack.taskDirectory(id).appendingPathComponent(name))
        }
        for (name, type) in expected {
            let result = try client.get(taskPath(id, "/files/\(name)"))
            XCTAssertEqual(result.status, 200, name)
            XCTAssertTrue(result.header("content-type")?.hasPrefix(type) ?? false,
                          "\(name): \(result.header("content-type") ?? "no content type")")
            XCTAssertTrue(result.header("content-disposition")?.hasPrefix("attachment") ?? false, name)
        }
    }

    func test_downloadOfNamesWithURLSpecialCharacters_roundTrips() throws {
        let id = try createTask()
        for name in ["50%off.txt", "what?.txt", "a#b.txt", "sp ace.txt", "semi;colon.txt", "plus+sign.txt",
                     "amp&er.txt", "..dots.txt", "emoji😀.txt"] {
            assertSuccess(try upload(id, name, "content of \(name)"), response: "文件上传成功")
            let result = try client.get(taskPath(id, "/files/" + EndToEndTestCase.encodeSegment(name)))
            XCTAssertEqual(result.status, 200, name)
            XCTAssertEqual(result.text, "content of \(name)", name)
        }
    }

    /// `.dp-*` names are the service's internal files and are left out of the list; an upload must not be able to
    /// store a file the list then hides (either refuse the name or list the file).
    func test_uploadNamedLikeAnInternalFile_isRefusedOrListed() throws {
        let id = try createTask()
        let result = try upload(id, ".dp-notes.txt", "notes\n")
        if result.status == 200 {
            let names = assertSuccess(try client.get(taskPath(id, "/files")))["files"]?.array?
                .compactMap { $0["file_name"]?.string } ?? []
            XCTAssertTrue(names.contains(".dp-notes.txt"), "uploaded .dp-notes.txt is stored but not listed: \(names)")
        } else {
            assertFailure(result, status: 400, errorType: "invalid_params")
        }
    }

    func test_symlinkInTaskDirectory_isNeitherListedNorDownloaded() throws {
        let id = try createTask()
        let outside = stack.tasksParent.appendingPathComponent("e2e-secret-\(UUID().uuidString).txt")
        try Data("outside the task\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(
            at: stack.taskDirectory(id).appendingPathComponent("link.txt"), withDestinationURL: outside)
        let names = assertSuccess(try client.get(taskPath(id, "/files")))["files"]?.array?
            .compactMap { $0["file_name"]?.string } ?? []
        XCTAssertFalse(names.contains("link.txt"), "a symlink is listed")
        let result = try client.get(taskPath(id, "/files/link.txt"))
        XCTAssertFalse(result.text.contains("outside the task"), "a symlink's target was served")
        assertFailure(result, status: 404, errorType: "resource_not_found")
    }

    func test_downloadOfMissingFile_is404WithItsName() throws {
        let id = try createTask()
        assertFailure(try client.get(taskPath(id, "/files/nope.txt")), status: 404, errorType: "resource_not_found",
                      response: "文件不存在: nope.txt")
    }

    func test_filesOfUnknownTask_are404() throws {
        assertFailure(try client.get(taskPath("task_19990101_000002", "/files")), status: 404,
                      errorType: "resource_not_found", response: "任务不存在: task_19990101_000002")
    }

    /// §2.14: no report before an execution wrote one (404 with a clear text); a file uploaded under that name that is
    /// not a JSON object is a 409, never a 5xx; a valid one is served as written.
    func test_qualityReport_isA404BeforeAnyRun_a409WhenNotAnObject_andServedAsWritten() throws {
        let id = try createTask()
        let missing = assertFailure(try client.get(taskPath(id, "/quality")), status: 404)
        XCTAssertTrue(missing["response"]?.string?.contains("还没有质量报告") ?? false, "\(missing)")
        assertFailure(try client.get(taskPath("no_such_task_42", "/quality")), status: 404)

        assertSuccess(try upload(id, "quality_report.json", "[1, 2, 3]", mode: "replace"))
        assertFailure(try client.get(taskPath(id, "/quality")), status: 409)

        assertSuccess(try upload(id, "quality_report.json", #"{"version": 1, "measures": {"pairs": {"value": 7}}, "表": "中文"}"#, mode: "replace"))
        let data = assertSuccess(try client.get(taskPath(id, "/quality")))
        XCTAssertEqual(data["quality"]?["measures"]?["pairs"]?["value"]?.int, 7)
        XCTAssertEqual(data["quality"]?["表"]?.string, "中文", "keys as written")
    }
}
