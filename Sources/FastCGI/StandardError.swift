import Glibc

/// Unbuffered diagnostics on fd 2: usable from any thread without touching the C `stderr` global.
enum StandardError {
    static func report(_ line: String) {
        var text = "FastCGI: " + line + "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
