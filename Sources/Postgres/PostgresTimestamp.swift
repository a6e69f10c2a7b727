import Foundation

/// Formatting and parsing of `timestamptz`/`timestamp` text, done by hand on integer microseconds so the sixth
/// decimal survives (DateFormatter stops at milliseconds) and no time zone database is involved.
enum PostgresTimestamp {
    /// `2026-01-05 10:00:00.123456+00`; always UTC.
    static func format(_ date: Date) -> String {
        let totalMicros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, micros) = floorDivide(totalMicros, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let time = "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        let yearText = year > 0 ? pad(year, 4) : pad(1 - year, 4)
        let era = year > 0 ? "" : " BC"
        return "\(yearText)-\(pad(month, 2))-\(pad(day, 2)) \(time).\(pad(micros, 6))+00\(era)"
    }

    /// Accepts `YYYY-MM-DD[ |T]HH:MM:SS[.ffffff][Z|±HH[:MM[:SS]]][ BC]`, a bare date, and `±infinity`
    /// (mapped to `Date.distantFuture`/`.distantPast`). Text without an offset is taken as UTC.
    static func parse(_ text: String) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var bytes = Array(text.utf8)[...]
        var isBC = false
        if bytes.count > 3, bytes.suffix(3).elementsEqual(" BC".utf8) {
            isBC = true
            bytes = bytes.dropLast(3)
        }
        var scanner = Scanner(bytes: bytes)
        guard var year = scanner.number(minDigits: 4, maxDigits: 9), scanner.take("-"),
              let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.take("-"),
              let day = scanner.number(minDigits: 2, maxDigits: 2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        if isBC { year = 1 - year }
        var secondOfDay: Int64 = 0
        var micros: Int64 = 0
        var offsetSeconds: Int64 = 0
        if scanner.take(" ") || scanner.take("T") {
            guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.take(":"),
                  let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.take(":"),
                  let second = scanner.number(minDigits: 2, maxDigits: 2),
                  hour <= 24, minute < 60, second < 61
            else { return nil }
            secondOfDay = hour * 3600 + minute * 60 + second
            if scanner.take(".") {
                guard let (fraction, digits) = scanner.digits(max: 6) else { return nil }
                var scale: Int64 = 1
                for _ in digits..<6 { scale *= 10 }
                micros = fraction * scale
            }
            if scanner.take("Z") {
                offsetSeconds = 0
            } else if let sign = scanner.sign() {
                guard let hours = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                var offset = hours * 3600
                if scanner.take(":") {
                    guard let minutes = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                    offset += minutes * 60
                    if scanner.take(":") {
                        guard let seconds = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                        offset += seconds
                    }
                }
                offsetSeconds = sign * offset
            }
        }
        guard scanner.isAtEnd else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + secondOfDay - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    // MARK: - Calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days, proleptic Gregorian)

    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let quotient = a / b, remainder = a % b
        return remainder < 0 ? (quotient - 1, remainder + b) : (quotient, remainder)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        var bytes: ArraySlice<UInt8>
        var isAtEnd: Bool { bytes.isEmpty }

        mutating func take(_ character: Character) -> Bool {
            guard let first = bytes.first, first == character.asciiValue else { return false }
            bytes.removeFirst()
            return true
        }

        mutating func sign() -> Int64? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }

        mutating func digits(max: Int) -> (Int64, Int)? {
            var value: Int64 = 0, count = 0
            while let first = bytes.first, (48...57).contains(first) {
                if count < max { value = value * 10 + Int64(first - 48) }
                count += 1
                bytes.removeFirst()
            }
            // Digits beyond microseconds are dropped (PostgreSQL never prints them).
            return count == 0 ? nil : (value, Swift.min(count, max))
        }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
            let saved = bytes
            guard let (value, count) = digits(max: maxDigits), count >= minDigits, saved.count - bytes.count <= maxDigits
            else { bytes = saved; return nil }
            return value
        }
    }
}
