import Foundation
import Testing
@testable import PipelineCore

/// Inputs that trap inside `LocalTimestamp.parse` run in a child process (Swift Testing exit tests), so a crash
/// fails one test instead of killing the whole run.
@Suite("LocalTimestamp.parse on non-ASCII digits")
struct LocalTimestampCrashTests {
    /// `\d` in the pattern matches any Unicode decimal digit, but `Int32(_:)` reads only ASCII digits:
    /// the force-unwrap traps on full-width digits that a user may type in a time filter.
    @Test("Full-width digits are refused (nil), not a crash")
    func parseRefusesFullWidthDigits() async {
        await #expect(processExitsWith: .success) {
            if LocalTimestamp.parse("２０２６-０１-０５") != nil { exit(2) }
        }
    }

    @Test("Arabic-Indic digits are refused (nil), not a crash")
    func parseRefusesArabicIndicDigits() async {
        await #expect(processExitsWith: .success) {
            if LocalTimestamp.parse("٢٠٢٦-٠١-٠٥") != nil { exit(2) }
        }
    }
}
