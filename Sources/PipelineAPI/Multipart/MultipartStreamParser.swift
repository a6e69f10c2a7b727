import Foundation

/// The state machine behind `MultipartReader.read`: one instance per body, confined to the calling thread.
///
/// Body layout (RFC 2046 §5.1.1, RFC 7578): `preamble CRLF--b [ws] CRLF headers CRLF content CRLF--b ... CRLF--b--`.
/// The window starts with a synthetic CRLF so the first delimiter, which usually opens the body, matches like the
/// others; that CRLF is never part of any content.
final class MultipartStreamParser {
    private let scanner: BoundaryScanner
    private let limits: MultipartLimits
    private let window: BodyWindow
    private let temporaryDirectory: URL
    private let headerLimit: Int
    private var temporaryFiles: [UploadTemporaryFile] = []
    private var form = MultipartForm()

    init(boundary: String, limits: MultipartLimits, body: any RequestBodyStream, temporaryDirectory: URL) {
        scanner = BoundaryScanner(boundary: boundary)
        self.limits = limits
        self.temporaryDirectory = temporaryDirectory
        // The header block must fit in the window, so an absurd limit is capped rather than allocated.
        headerLimit = min(max(limits.maxHeaderBytes, 0), MultipartReader.headerBytesCap)
        // Room for a full chunk after a retained partial delimiter, or for a maximal header block.
        let capacity = MultipartReader.chunkSize + headerLimit + scanner.delimiter.count + 8
        window = BodyWindow(body: body, capacity: capacity, prefix: Array("\r\n".utf8))
    }

    /// Reads the whole form up to the closing delimiter.
    func parse() throws -> MultipartForm {
        try skipPreamble()
        var partCount = 0
        while try !consumeClosingDashes() {
            partCount += 1
            guard partCount <= limits.maxParts else { throw MultipartError.tooManyParts(limit: limits.maxParts) }
            let headers = try readHeaders()
            form.partNames.append(headers.name)
            if let fileName = headers.fileName {
                try readFile(headers, fileName: fileName)
            } else {
                try readField(headers)
            }
        }
        return form
    }

    /// Deletes every temporary file created so far; used on the failure path.
    func discardTemporaryFiles() {
        for file in temporaryFiles { file.discard() }
        temporaryFiles.removeAll()
    }

    // MARK: - Framing

    /// Discards everything before the first delimiter, and the delimiter itself.
    private func skipPreamble() throws {
        do {
            try streamUntilDelimiter { _ in }
        } catch MultipartError.truncated {
            throw MultipartError.malformed("no opening boundary")
        }
    }

    /// Called right after a delimiter: consumes `--` and returns `true` if this is the closing delimiter.
    private func consumeClosingDashes() throws -> Bool {
        guard try window.ensure(2) else { throw MultipartError.truncated }
        let bytes = window.bytes
        guard bytes[0] == UInt8(ascii: "-"), bytes[1] == UInt8(ascii: "-") else { return false }
        window.consume(2)
        return true
    }

    /// Passes content bytes to `sink` until the next delimiter, then consumes the delimiter.
    /// Throws `.truncated` if the body ends first.
    private func streamUntilDelimiter(_ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        while true {
            switch scanner.scan(window.bytes) {
            case .found(let offset):
                if offset > 0 { try sink(UnsafeRawBufferPointer(rebasing: window.bytes[..<offset])) }
                window.consume(offset + scanner.delimiter.count)
                return
            case .notFound(let safeLength):
                if safeLength > 0 {
                    try sink(UnsafeRawBufferPointer(rebasing: window.bytes[..<safeLength]))
                    window.consume(safeLength)
                }
                guard try window.fill() else { throw MultipartError.truncated }
            }
        }
    }

    /// Reads the rest of the delimiter line (only transport padding is allowed there) and the header block up to
    /// and including its blank line. Lines may end in CRLF or bare LF.
    private func readHeaders() throws -> MultipartHeaders {
        var scanned = 0            // bytes of the block already searched for newlines
        var lineStart = 0
        var headersStart: Int?     // set once the delimiter line has ended
        while true {
            let bytes = window.bytes
            if let newline = bytes[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = bytes[lineStart..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                guard newline + 1 <= headerLimit else { throw headerTooLarge() }
                if headersStart == nil {
                    guard line.allSatisfy(HeaderParameters.isWhitespace) else {
                        throw MultipartError.malformed("unexpected bytes after boundary")
                    }
                    headersStart = newline + 1
                } else if line.isEmpty {
                    let block = Array(bytes[headersStart!..<lineStart])
                    window.consume(newline + 1)
                    return try MultipartHeaders(block: block[...])
                }
                lineStart = newline + 1
                scanned = newline + 1
            } else {
                guard bytes.count <= headerLimit else { throw headerTooLarge() }
                scanned = bytes.count
                guard try window.fill() else { throw MultipartError.truncated }
            }
        }
    }

    private func headerTooLarge() -> MultipartError {
        .malformed("part header block exceeds \(headerLimit) bytes")
    }

    // MARK: - Parts

    private func readFile(_ headers: MultipartHeaders, fileName: MultipartHeaders.FileName) throws {
        let file = try UploadTemporaryFile.create(in: temporaryDirectory)
        temporaryFiles.append(file)
        let limit = limits.maxFileBytes
        try streamUntilDelimiter { chunk in
            guard file.size + chunk.count <= limit else { throw MultipartError.fileTooLarge(limit: limit) }
            try file.write(chunk)
        }
        try file.finish()
        form.files.append(MultipartFile(
            fieldName: headers.name, fileName: fileName.decoded, rawFileName: fileName.raw,
            contentType: headers.contentType, temporaryFile: file.url, size: file.size))
    }

    private func readField(_ headers: MultipartHeaders) throws {
        var value: [UInt8] = []
        let limit = limits.maxFieldBytes
        try streamUntilDelimiter { chunk in
            guard value.count + chunk.count <= limit else { throw MultipartError.fieldTooLarge(limit: limit) }
            value.append(contentsOf: chunk)
        }
        guard let text = String(strictUTF8: value) else {
            throw MultipartError.malformed("field \(headers.name.debugDescription) is not valid UTF-8")
        }
        if form.fields[headers.name] == nil { form.fields[headers.name] = text }
    }
}
