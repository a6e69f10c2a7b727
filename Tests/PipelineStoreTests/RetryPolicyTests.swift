import Foundation
import XCTest
@testable import PipelineProviders

/// When the OpenAI-compatible clients retry, and how long they wait.
final class RetryPolicyTests: XCTestCase {
    private let policy = RetryPolicy(maxRetries: 3, baseDelay: 0.5, maxDelay: 4, retryAfterCap: 60)
    private let now = Date(timeIntervalSince1970: 1_445_412_480) // Wed, 21 Oct 2015 07:28:00 GMT

    func testRetryableStatuses() {
        for status in [429, 408, 500, 502, 503, 504, 599] {
            XCTAssertTrue(RetryPolicy.isRetryable(status: status), "\(status)")
        }
        for status in [400, 401, 403, 404, 413, 422] {
            XCTAssertFalse(RetryPolicy.isRetryable(status: status), "\(status)")
        }
    }

    func testRetryAfterInSeconds() {
        XCTAssertEqual(RetryPolicy.parseRetryAfter("120", now: now), 120)
        XCTAssertEqual(RetryPolicy.parseRetryAfter(" 1.5 ", now: now), 1.5)
        XCTAssertEqual(RetryPolicy.parseRetryAfter("-3", now: now), 0)
    }

    func testRetryAfterAsHTTPDate() {
        XCTAssertEqual(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now), 30)
        XCTAssertEqual(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now), 0, "a past date means now")
        XCTAssertNil(RetryPolicy.parseRetryAfter("soon", now: now))
    }

    func testRetryAfterWinsOverBackoffButIsCapped() {
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: "7", now: now), 7)
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: "3600", now: now), 60)
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: "Wed, 21 Oct 2015 09:28:00 GMT", now: now), 60)
    }

    func testBackoffGrowsExponentiallyWithJitterUpToTheMaximum() {
        for (attempt, ceiling) in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)] {
            let delays = (0..<50).map { _ in policy.delay(afterAttempt: attempt, retryAfter: nil) }
            XCTAssertGreaterThanOrEqual(delays.min()!, ceiling / 2, "attempt \(attempt)")
            XCTAssertLessThanOrEqual(delays.max()!, ceiling, "attempt \(attempt)")
            XCTAssertGreaterThan(Set(delays).count, 1, "jittered")
        }
        XCTAssertGreaterThanOrEqual(policy.delay(afterAttempt: 1, retryAfter: "garbage"), 0.25, "unreadable: backoff")
    }
}
