import Foundation

/// A calendar date without a time zone, for the literal ranges of relative-time questions ("上个月", "最近30天"):
/// they are anchored on the latest date in the data (from the semantic model), so the query returns rows.
struct CalendarDay: Comparable, Sendable {
    let year: Int
    let month: Int
    let day: Int

    /// The date a `YYYY-MM-DD…` text starts with (dates and timestamps as the model records them).
    init?(text: String) {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2200).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private var date: Date {
        Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    private init(_ date: Date) {
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    func adding(days: Int) -> CalendarDay {
        CalendarDay(Self.calendar.date(byAdding: .day, value: days, to: date)!)
    }

    var firstOfMonth: CalendarDay { CalendarDay(year: year, month: month, day: 1) }

    func addingMonths(_ count: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + count
        return CalendarDay(year: index / 12, month: index % 12 + 1, day: 1)
    }

    /// Whether this is the last day of its month (the month is complete in the data).
    var isMonthEnd: Bool { adding(days: 1).month != month }

    /// `'2025-06-30'`.
    var literal: String { "'" + String(format: "%04d-%02d-%02d", year, month, day) + "'" }

    /// `2025年6月`.
    var monthText: String { "\(year)年\(month)月" }

    static func < (left: CalendarDay, right: CalendarDay) -> Bool {
        (left.year, left.month, left.day) < (right.year, right.month, right.day)
    }
}
