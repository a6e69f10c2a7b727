extension FastCGIRequest {
    /// Writes the CGI response head: `Status: 200 OK`, one line per header, then the blank line.
    ///
    /// CR, LF and NUL in names and values are replaced by spaces, so no caller can split the head (header
    /// injection). A status outside 100...999 is sent as 500.
    public func writeHead(status: Int, headers: [(String, String)]) {
        let code = (100...999).contains(status) ? status : 500
        var head = "Status: \(code)"
        if let reason = Self.reasonPhrase(code) {
            head += " " + reason
        }
        head += "\r\n"
        for (name, value) in headers {
            head += Self.singleLine(name) + ": " + Self.singleLine(value) + "\r\n"
        }
        head += "\r\n"
        write(head)
    }

    private static func singleLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else { return text }
        // Work on scalars: "\r\n" is a single Character in Swift and would slip past a Character comparison.
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar == "\r" || scalar == "\n" || scalar == "\0" ? " " : scalar)
        }
        return String(scalars)
    }

    private static func reasonPhrase(_ status: Int) -> String? {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: nil
        }
    }
}
