import PipelineCore

/// The one rule for every numeric input, JSON field or query parameter: absent (or `null`, or an empty query value)
/// means the route's default; anything else must be an integer within the route's range, else a 400 naming the API
/// field. Values that do not fit in `Int` never get here as numbers (the JSON decoder and `Int(_:)` refuse them), and
/// page offsets are computed by `PageWindow`, which saturates: no client number can trap the responder.
enum IntegerInput {
    /// A decoded JSON integer (`field` is the wire name, e.g. `top_k`).
    static func check(_ value: Int?, field: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let value else { return fallback }
        guard range.contains(value) else { throw outOfRange(field, range) }
        return value
    }

    /// A query-string parameter (`?limit=`).
    static func parse(_ text: String?, field: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = nonEmpty(text) else { return fallback }
        guard let value = Int(text) else { throw APIError.badRequest("参数\(field)必须是整数") }
        return try check(value, field: field, default: fallback, range: range)
    }

    /// `page` (≥ 1, no upper bound: a page past the end is empty) and `page_size` (1…`maxSize`) of a paged listing.
    static func page(_ page: Int?, size: Int?, defaultSize: Int, maxSize: Int) throws -> PageWindow {
        let page = try check(page, field: "page", default: 1, range: 1...Int.max)
        let size = try check(size, field: "page_size", default: defaultSize, range: 1...maxSize)
        return PageWindow(page: page, pageSize: size)
    }

    private static func outOfRange(_ field: String, _ range: ClosedRange<Int>) -> APIError {
        if range.upperBound == Int.max {
            return APIError.badRequest("参数\(field)必须是大于等于\(range.lowerBound)的整数")
        }
        return APIError.badRequest("参数\(field)必须在\(range.lowerBound)到\(range.upperBound)之间")
    }
}
