import Foundation

/// `scripts/stack.sh` (DP_TEST_STACK_SCRIPT): stopping and starting the state database under the running stack.
struct StackControl {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let script: String
    let varDirectory: URL

    /// `stack.sh pg stop` / `stack.sh pg start`.
    func postgres(_ action: String) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DP_VAR_DIR"] = varDirectory.path
        let output = try ProcessRunner.run("/bin/bash", [script, "pg", action], environment: environment)
        guard output.status == 0 else {
            throw Failure(description: "\(script) pg \(action) failed (exit \(output.status)): \(Redaction.redact(output.standardError))")
        }
    }
}
