import Foundation

/// A task's identifier, validated once: `^[A-Za-z0-9_]{1,64}$`, so it is always safe as a path component.
public struct TaskID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Returns nil for anything that is not 1–64 ASCII letters, digits or underscores (so never `..`, `/`, `%2E`).
    public init?(_ rawValue: String) {
        guard (1...64).contains(rawValue.utf8.count),
              rawValue.utf8.allSatisfy({ TaskID.isAllowed($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// `task_YYYYMMDD_HHMMSS` in the given time zone (the predecessor's format, which clients parse).
    public static func base(for date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "task_%04d%02d%02d_%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The n-th candidate for a base: the base itself, then `_2`, `_3`, … for tasks created in the same second.
    public static func candidate(base: String, attempt: Int) -> TaskID {
        TaskID(attempt <= 1 ? base : "\(base)_\(attempt)")!
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = TaskID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid task id"))
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
