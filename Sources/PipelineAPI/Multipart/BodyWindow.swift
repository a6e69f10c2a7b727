import Foundation

/// A fixed-size window over a `RequestBodyStream`: bytes are read in at the end and consumed from the front, so
/// memory stays bounded however large the body is.
final class BodyWindow {
    private let storage: UnsafeMutableRawBufferPointer
    private let body: any RequestBodyStream
    private var start = 0
    private var end = 0
    private var bodyEnded = false

    /// Creates a window of `capacity` bytes that initially holds `prefix`.
    init(body: any RequestBodyStream, capacity: Int, prefix: [UInt8]) {
        precondition(capacity > prefix.count)
        self.body = body
        storage = .allocate(byteCount: capacity, alignment: 16)
        prefix.withUnsafeBytes { storage.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        end = prefix.count
    }

    deinit { storage.deallocate() }

    /// Number of unconsumed bytes.
    var count: Int { end - start }

    /// The unconsumed bytes; valid until the next `consume` or `fill`.
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage.baseAddress! + start, count: end - start)
    }

    /// Drops `n` bytes from the front.
    func consume(_ n: Int) {
        precondition(n >= 0 && n <= count)
        start += n
    }

    /// Moves the unconsumed bytes to the front and reads until the window is full or the body ends.
    /// Returns `false` when not a single byte could be added because the body had ended.
    func fill() throws -> Bool {
        if start > 0 {
            if count > 0 { memmove(storage.baseAddress!, storage.baseAddress! + start, count) }
            end -= start
            start = 0
        }
        precondition(end < storage.count, "window full: callers must consume before filling")
        let before = end
        // Reading until full (not just once) keeps file writes large when the transport hands over small pieces.
        while !bodyEnded, end < storage.count {
            let read = try body.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
            if read == 0 { bodyEnded = true } else { end += read }
        }
        return end > before
    }

    /// Makes at least `n` bytes available; returns `false` if the body ends first.
    func ensure(_ n: Int) throws -> Bool {
        while count < n {
            guard try fill() else { return false }
        }
        return true
    }
}
