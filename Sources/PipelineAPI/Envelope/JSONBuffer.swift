import Foundation

/// Writes JSON text straight into bytes, for the payloads that are polled most (`JSONObjectWritable`).
///
/// It produces exactly what `Envelope.encoder` produces for the same values — sorted keys, `/` and non-ASCII
/// unescaped, the same control-character escapes — but in a single pass without Codable's boxes and dynamic
/// casts (measured: `JSONEncoder` was 45 % of the responder's CPU on a status poll, 60 % on the task list).
/// Members must be written in byte order of their keys, as `.sortedKeys` orders them; debug builds assert it,
/// and the payload tests compare both encoders' output byte for byte.
struct JSONBuffer {
    private(set) var bytes: [UInt8] = []
    /// Whether the object or array being written has an element already (a comma goes before the next one).
    private var hasElement = false
    /// The last key written in the current object, for the order assertion.
    private var lastKey: StaticString?
    /// Members of the current object that are merged in by key order (the envelope's `response`, `timestamp`).
    private var pending: ArraySlice<(key: StaticString, value: String)> = []
    /// Where each merged member's value (its opening quote) was written, in the order of the members, so that a
    /// value can be rewritten in the finished bytes (`RenderedEnvelope`'s timestamp).
    private(set) var mergedValueOffsets: [Int] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: containers

    /// `{…}`: `body` writes the members.
    mutating func object(_ body: (inout JSONBuffer) throws -> Void) rethrows {
        try object(merging: [], body)
    }

    /// `{…}` with `extra` string members (sorted by key) placed between those `body` writes, wherever their keys
    /// sort.
    mutating func object(merging extra: [(key: StaticString, value: String)],
                         _ body: (inout JSONBuffer) throws -> Void) rethrows {
        assert(zip(extra, extra.dropFirst()).allSatisfy { Self.precedes($0.key, $1.key) }, "merged keys out of order")
        separateElement()
        let outer = (hasElement, lastKey, pending)
        hasElement = false
        lastKey = nil
        pending = ArraySlice(extra)
        bytes.append(UInt8(ascii: "{"))
        try body(&self)
        while let member = pending.popFirst() {
            writeMerged(member)
        }
        bytes.append(UInt8(ascii: "}"))
        (hasElement, lastKey, pending) = outer
    }

    /// `[…]`: `body` writes the elements, each through one of the value methods.
    mutating func array(_ body: (inout JSONBuffer) throws -> Void) rethrows {
        separateElement()
        let outer = (hasElement, lastKey, pending)
        hasElement = false
        lastKey = nil
        pending = []
        bytes.append(UInt8(ascii: "["))
        try body(&self)
        bytes.append(UInt8(ascii: "]"))
        (hasElement, lastKey, pending) = outer
    }

    // MARK: members

    mutating func member(_ key: StaticString, _ value: String) {
        writeKey(key)
        string(value)
    }

    /// A member whose absent value is written as `null` (the contract's `"completed_at": null`).
    mutating func member(_ key: StaticString, _ value: String?) {
        writeKey(key)
        if let value { string(value) } else { null() }
    }

    mutating func member(_ key: StaticString, _ value: Int) {
        writeKey(key)
        integer(value)
    }

    mutating func member(_ key: StaticString, _ value: Bool) {
        writeKey(key)
        boolean(value)
    }

    /// A member whose value `body` writes (an object, an array or `null`).
    mutating func member(_ key: StaticString, _ body: (inout JSONBuffer) throws -> Void) rethrows {
        writeKey(key)
        try body(&self)
    }

    /// A key that is data (a dictionary's), escaped like a string. The caller writes keys in byte order.
    mutating func dynamicKey(_ key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
        hasElement = false
    }

    // MARK: values

    mutating func string(_ text: String) {
        separateElement()
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied at once; multi-byte UTF-8 is never escaped.
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: Int) {
        separateElement()
        if (0..<10).contains(value) {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    mutating func boolean(_ value: Bool) {
        separateElement()
        append(value ? "true" : "false")
    }

    mutating func null() {
        separateElement()
        append("null")
    }

    /// JSON text produced elsewhere (by `JSONEncoder`, for the rare values this writer does not spell itself).
    mutating func raw(_ json: some Sequence<UInt8>) {
        separateElement()
        bytes.append(contentsOf: json)
    }

    // MARK: internals

    /// Writes `"key":`, after any merged member whose key sorts before it.
    private mutating func writeKey(_ key: StaticString) {
        while let next = pending.first, Self.precedes(next.key, key) {
            pending.removeFirst()
            writeMerged(next)
        }
        writeKeyInPlace(key)
    }

    private mutating func writeMerged(_ member: (key: StaticString, value: String)) {
        writeKeyInPlace(member.key)
        mergedValueOffsets.append(bytes.count)
        string(member.value)
    }

    private mutating func writeKeyInPlace(_ key: StaticString) {
        assert(lastKey.map { Self.precedes($0, key) } ?? true, "JSON keys out of order: \(lastKey!) before \(key)")
        lastKey = key
        separateElement()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        // The value that follows must not get a comma of its own.
        hasElement = false
    }

    /// A comma unless this is the first element of its container; every value and key goes through here.
    private mutating func separateElement() {
        if hasElement { bytes.append(UInt8(ascii: ",")) }
        hasElement = true
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// The escapes `JSONEncoder` writes: the short forms, else `\u00xx` with lower-case hex digits.
    private mutating func appendEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append(#"\""#)
        case UInt8(ascii: "\\"): append(#"\\"#)
        case 0x08: append(#"\b"#)
        case 0x0C: append(#"\f"#)
        case 0x0A: append(#"\n"#)
        case 0x0D: append(#"\r"#)
        case 0x09: append(#"\t"#)
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            append(#"\u00"#)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }

    /// Byte order of two keys, the order `.sortedKeys` uses.
    private static func precedes(_ a: StaticString, _ b: StaticString) -> Bool {
        a.withUTF8Buffer { a in b.withUTF8Buffer { b in a.lexicographicallyPrecedes(b) } }
    }
}
