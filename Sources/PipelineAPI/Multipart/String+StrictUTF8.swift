extension String {
    /// Decodes `bytes` as UTF-8, or returns `nil` if they are not valid UTF-8.
    ///
    /// Stands in for `String(validating:as:)`, which needs macOS 15 while the package supports macOS 13.
    init?(strictUTF8 bytes: some Collection<UInt8>) {
        let decoded = String(decoding: bytes, as: UTF8.self)
        // Decoding replaces invalid sequences with U+FFFD, so the bytes survive the round trip only if valid.
        guard decoded.utf8.elementsEqual(bytes) else { return nil }
        self = decoded
    }
}
