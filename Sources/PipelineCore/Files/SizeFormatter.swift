/// Human sizes as the predecessor prints them: `0 B`, `220.0 B`, `102.5 KB`, `2.0 MB` (1024-based, one decimal).
public enum SizeFormatter {
    public static func format(_ bytes: Int64) -> String {
        guard bytes > 0 else { return "0 B" }
        var value = Double(bytes)
        let units = ["B", "KB", "MB", "GB"]
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(formatOneDecimal(value)) \(units[unit])"
    }

    public static func format(_ bytes: Int) -> String { format(Int64(bytes)) }

    private static func formatOneDecimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return "\(Int64(tenths) / 10).\(Int64(tenths) % 10)"
    }
}
