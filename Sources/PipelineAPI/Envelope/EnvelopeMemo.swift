import Foundation

/// The envelope last rendered for each key on one responder thread, sent again while the value it was rendered
/// from is unchanged, with only its `timestamp` rewritten.
///
/// Status polls and list reloads ask for the same values over and over (the read cache hands out the same task
/// values until a change notification arrives), and rendering them was most of the Swift work of such a request.
/// Reuse is decided by `==` on the value itself, not by a version or an age, so a reused envelope is byte for byte
/// what rendering the value again would give. Values from the read cache share their storage, which makes `==`
/// cheap in the common case. Confined to its thread (controllers are built per responder thread), so no lock.
final class EnvelopeMemo<Key: Hashable, Value: Equatable> {
    private var entries: [Key: (value: Value, envelope: RenderedEnvelope)] = [:]
    /// Entries kept at most; when full the memo starts over (a few KB per task: bounded memory per thread).
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The envelope for `value`: the remembered one if `key` was last rendered from an equal value, else
    /// `render(value)`, remembered from now on.
    func response(for key: Key, value: Value, now: Date, render: (Value) -> RenderedEnvelope) -> HTTPResponse {
        if let entry = entries[key], entry.value == value {
            // Keep the value just compared: after the read cache re-read a page (a heartbeat elsewhere invalidates
            // lists), it holds equal values in new storage, and comparing those element by element (long Chinese
            // names and contexts compare slowly) cost more than rendering. The same storage compares by identity.
            entries[key] = (value, entry.envelope)
            return entry.envelope.response(at: now)
        }
        let envelope = render(value)
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (value, envelope)
        return envelope.response
    }
}
