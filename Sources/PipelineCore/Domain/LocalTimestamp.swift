import Foundation

/// The service's timestamp spellings: local time without a zone, as the predecessor and its clients use them.
public enum LocalTimestamp {
    /// `2026-01-05T10:00:00.123456` (ISO-8601, microseconds, server local time, no zone).
    public static func iso(_ date: Date) -> String {
        let (parts, micros) = localParts(date)
        let year = parts.tm_year + 1900
        guard (0...9999).contains(year) else {
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06d",
                          year, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, micros)
        }
        // Written digit by digit: String(format:) goes through CoreFoundation and cost ~3 µs per call, and the
        // task list formats 100+ timestamps per request.
        return String(unsafeUninitializedCapacity: 26) { buffer in
            var index = 0
            func put(_ value: Int32, digits: Int) {
                var rest = value
                for position in stride(from: index + digits - 1, through: index, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += digits
            }
            func put(_ separator: Unicode.Scalar) {
                buffer[index] = UInt8(ascii: separator)
                index += 1
            }
            put(year, digits: 4)
            put("-")
            put(parts.tm_mon + 1, digits: 2)
            put("-")
            put(parts.tm_mday, digits: 2)
            put("T")
            put(parts.tm_hour, digits: 2)
            put(":")
            put(parts.tm_min, digits: 2)
            put(":")
            put(parts.tm_sec, digits: 2)
            put(".")
            put(micros, digits: 6)
            return index
        }
    }

    /// `2026-01-05 10:00:01`, the log file's timestamp.
    public static func logTime(_ date: Date) -> String {
        let (parts, _) = localParts(date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d",
                      parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// `20260105_100001`, used in generated file names.
    public static func compact(_ date: Date) -> String {
        let (parts, _) = localParts(date)
        return String(format: "%04d%02d%02d_%02d%02d%02d",
                      parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// Parses the accepted input spellings of time filters: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`,
    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]` (local time). Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let pattern = #"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?)?$"#
        guard let match = text.range(of: pattern, options: .regularExpression), match == text.startIndex..<text.endIndex
        else { return nil }
        let digits = text.split(whereSeparator: { !("0"..."9").contains($0) }).map { String($0) }
        let numbers = digits.prefix(6).compactMap { Int32($0) }
        guard numbers.count == min(digits.count, 6), numbers.count == 3 || numbers.count == 6 else { return nil }
        var parts = tm()
        parts.tm_year = numbers[0] - 1900
        parts.tm_mon = numbers[1] - 1
        parts.tm_mday = numbers[2]
        if numbers.count == 6 {
            parts.tm_hour = numbers[3]
            parts.tm_min = numbers[4]
            parts.tm_sec = numbers[5]
        }
        guard (0...11).contains(parts.tm_mon), (1...31).contains(parts.tm_mday), parts.tm_hour < 24,
              parts.tm_min < 60, parts.tm_sec < 61 else { return nil }
        parts.tm_isdst = -1
        let requested = (parts.tm_year, parts.tm_mon, parts.tm_mday)
        let seconds = mktime(&parts)
        // mktime normalises (Feb 30 → Mar 2); a date it had to move did not exist.
        guard seconds != -1, (parts.tm_year, parts.tm_mon, parts.tm_mday) == requested else { return nil }
        var fraction = 0.0
        if digits.count == 7 { fraction = Double("0." + digits[6]) ?? 0 }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func localParts(_ date: Date) -> (tm, Int32) {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var micros = Int32(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        var parts = tm()
        localtime_r(&seconds, &parts)
        return (parts, micros)
    }
}
