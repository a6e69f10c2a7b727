import Foundation

/// Finds a multipart delimiter (`CRLF--boundary`) in a window of bytes that may end in the middle of it.
///
/// Candidates are located with `memchr` on the delimiter's first byte and confirmed with `memcmp`, so the common
/// case costs a few library calls per window rather than a Swift loop per byte.
struct BoundaryScanner {
    /// The outcome of scanning one window.
    enum Match: Equatable {
        /// The delimiter starts at this offset.
        case found(at: Int)
        /// No delimiter; bytes before this offset can never be part of one, the rest may be its beginning.
        case notFound(safeLength: Int)
    }

    /// The full delimiter, including the leading CRLF.
    let delimiter: [UInt8]

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// Scans `window` for the delimiter.
    func scan(_ window: UnsafeRawBufferPointer) -> Match {
        guard let base = window.baseAddress, window.count > 0 else { return .notFound(safeLength: 0) }
        return delimiter.withUnsafeBytes { pattern -> Match in
            let patternBase = pattern.baseAddress!
            let first = Int32(pattern[0])
            var offset = 0
            while offset < window.count {
                guard let hit = memchr(base + offset, first, window.count - offset) else { break }
                let position = UnsafeRawPointer(hit) - base
                let available = min(pattern.count, window.count - position)
                if memcmp(base + position, patternBase, available) == 0 {
                    // A match cut short by the end of the window is only a possible delimiter: keep it for later.
                    return available == pattern.count ? .found(at: position) : .notFound(safeLength: position)
                }
                offset = position + 1
            }
            return .notFound(safeLength: window.count)
        }
    }
}
