/// One page of a listing: `page` (1-based) and `pageSize`, with the rows to skip computed without trapping.
/// Clients choose both numbers, so `(page - 1) * pageSize` can exceed `Int.max` (issue 20: one request crashed the
/// responder); the offset saturates instead, and a page far beyond the end is simply empty.
public struct PageWindow: Sendable, Equatable {
    public let page: Int
    public let pageSize: Int

    /// Values below 1 are raised to 1 (the API refuses them earlier; stores stay total).
    public init(page: Int, pageSize: Int) {
        self.page = max(1, page)
        self.pageSize = max(1, pageSize)
    }

    /// `(page - 1) * pageSize`, or `Int.max` when that does not fit.
    public var offset: Int {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max : product
    }
}
