import Foundation

/// A file name that is safe as one path component inside a task directory (API.md §2: refused when it contains
/// `/`, `\`, NUL or a control character, is `.` or `..`, is longer than 255 bytes, or is a Windows device name).
/// Invisible format characters (Unicode category Cf: bidi overrides and isolates such as U+202E, zero-width spaces and
/// joiners, U+FEFF) and line/paragraph separators are refused too: they make a name display as another one
/// (`invoice\u{202E}txt.sql` shows as `invoicelqs.txt`).
public struct SafeFileName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ name: String) {
        guard !name.isEmpty, name.utf8.count <= 255, name != ".", name != ".." else { return nil }
        for scalar in name.unicodeScalars {
            if scalar == "/" || scalar == "\\" { return nil }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return nil
            default: continue
            }
        }
        if SafeFileName.isWindowsDeviceName(name) { return nil }
        rawValue = name
    }

    public var description: String { rawValue }

    /// The last extension, lower-cased, without the dot (`"a.B.Json"` → `"json"`); empty when there is none.
    public var lastExtension: String {
        guard let dot = rawValue.lastIndex(of: "."), dot != rawValue.startIndex else { return "" }
        return rawValue[rawValue.index(after: dot)...].lowercased()
    }

    /// `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, with any extension, any case.
    static func isWindowsDeviceName(_ name: String) -> Bool {
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .trimmingCharacters(in: .whitespaces).uppercased()
        if ["CON", "PRN", "AUX", "NUL"].contains(stem) { return true }
        if stem.count == 4, stem.hasPrefix("COM") || stem.hasPrefix("LPT"), let digit = stem.last {
            return ("1"..."9").contains(digit)
        }
        return false
    }
}
