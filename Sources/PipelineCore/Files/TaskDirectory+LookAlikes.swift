import Foundation

extension TaskDirectory {
    /// An existing file whose name is canonically equivalent to `name` (same NFC form, e.g. `é` precomposed or as
    /// `e` + U+0301) but spelled with other bytes, if any. Both would show as one name while being two files, so an
    /// upload of such a twin is refused rather than stored next to the original.
    public func lookAlike(of name: SafeFileName) -> String? {
        guard name.rawValue.unicodeScalars.contains(where: { !$0.isASCII }),
              let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return nil }
        // Swift's `==` on strings is canonical equivalence; the byte comparison tells the twins from the file itself.
        return names.first { $0 == name.rawValue && !$0.utf8.elementsEqual(name.rawValue.utf8) }
    }
}
