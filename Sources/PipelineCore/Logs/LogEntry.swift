/// One parsed entry of `data_pipeline.log` (FORMATS.md §5).
public struct LogEntry: Sendable, Equatable {
    /// `YYYY-MM-DD HH:MM:SS`, the first 19 characters of the entry's first line.
    public var timestamp: String
    public var level: String
    /// The second bracket group (the step name for the worker's lines), empty when absent.
    public var logger: String
    /// The rest of the first line plus its continuation lines, joined with `\n`.
    public var message: String
    /// 1-based line of the entry's first line in the file; 0 when read from the tail (unknown).
    public var lineNumber: Int

    public init(timestamp: String, level: String, logger: String, message: String, lineNumber: Int = 0) {
        self.timestamp = timestamp
        self.level = level
        self.logger = logger
        self.message = message
        self.lineNumber = lineNumber
    }

    /// The pipeline step this entry belongs to, when its logger is a step name.
    public var step: StepName? { StepName(rawValue: logger) }
}

/// Recognises the first line of an entry: `2026-01-05 10:00:01 [INFO] [logger] message`.
/// A `:` anywhere in the message is just text (the predecessor split on it).
public enum LogLineParser {
    public static func parseHeader(_ line: Substring) -> LogEntry? {
        let bytes = Array(line.utf8.prefix(23))
        guard bytes.count >= 22, isTimestamp(bytes) else { return nil }
        var rest = line.dropFirst(19)
        guard rest.hasPrefix(" ["), let close = rest.firstIndex(of: "]") else { return nil }
        let level = rest[rest.index(rest.startIndex, offsetBy: 2)..<close]
        guard !level.isEmpty, level.allSatisfy({ $0.isLetter }) else { return nil }
        rest = rest[rest.index(after: close)...]
        var logger: Substring = ""
        if rest.hasPrefix(" ["), let loggerClose = rest.firstIndex(of: "]") {
            logger = rest[rest.index(rest.startIndex, offsetBy: 2)..<loggerClose]
            rest = rest[rest.index(after: loggerClose)...]
        }
        if rest.hasPrefix(" ") { rest = rest.dropFirst() }
        return LogEntry(timestamp: String(line.prefix(19)), level: String(level).uppercased(),
                        logger: String(logger), message: String(rest))
    }

    /// `dddd-dd-dd dd:dd:dd`
    private static func isTimestamp(_ b: [UInt8]) -> Bool {
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        for i in digitPositions where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) { return false }
        return b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-") && b[10] == UInt8(ascii: " ")
            && b[13] == UInt8(ascii: ":") && b[16] == UInt8(ascii: ":")
    }
}
