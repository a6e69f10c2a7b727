import Foundation
import PipelineCore

/// What a completed step reports: written to `<step>_result.json` and under the task's `result` (FORMATS.md,
/// docs/api.md). Each step has one such type; its coding keys are the wire names clients read.
public protocol StepResultSummary: Encodable, Sendable {}

extension StepResultSummary {
    /// The summary as the free-form JSON the task's result stores (integers become numbers, absent optionals are
    /// left out, as `JSONEncoder` writes them).
    public func jsonValue() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(self))
    }
}

/// A step that never completes (`UnavailableStep`) has no summary.
extension Never: StepResultSummary {}
