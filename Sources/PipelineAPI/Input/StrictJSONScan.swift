/// The strict-JSON checks `JSONDecoder` does not make, in one linear pass over a request body:
/// * a key repeated in one object (the decoder keeps one of them silently; keys are compared after unescaping, so
///   `"a"` and `"\u0061"` are the same key);
/// * a comma not followed by a value or key (`{"a": 1,}`, `[1,,2]`): Foundation's parser on Linux accepts trailing
///   commas (a JSON5 leniency), JSON does not;
/// * in any key or string value, a character `TextInputRule` refuses (NUL and the other C0 controls but tab and line
///   breaks), whether written raw or escaped (`\u0000`).
/// Malformed JSON is left to the decoder: the scan then ends without a finding. Iterative, so nesting depth costs heap,
/// never stack.
struct StrictJSONScan {
    enum Finding: Equatable {
        /// The API path of the repeated key, e.g. `task_name` or `data[1].sql`.
        case duplicateKey(String)
        /// The API path of the string holding a control character.
        case controlCharacter(String)
        /// The API path of the object or array holding a comma with nothing after it (`""` for the body itself).
        case strayComma(String)
    }

    private struct Frame {
        var isObject: Bool
        var keys: Set<String> = []
        var key: String?
        var awaitingKey = true
        var index = 0
    }

    private let bytes: [UInt8]
    private var position = 0
    private var stack: [Frame] = []
    /// Paths of numbers that are no integer fitting in `Int` (`1.5`, `1e30`, `9223372036854775808`).
    private var inexactNumbers: [String] = []

    /// The first violation in `bytes`, or nil.
    static func check(_ bytes: [UInt8]) -> Finding? {
        var scan = StrictJSONScan(bytes: bytes)
        return scan.run()
    }

    /// The path of the first number that is not an integer fitting in `Int`. The decoder on Linux reports such a
    /// number for an `Int` field as "not valid JSON" without a path; this names the field for the message.
    static func firstInexactNumber(_ bytes: [UInt8]) -> String? {
        var scan = StrictJSONScan(bytes: bytes)
        _ = scan.run()
        return scan.inexactNumbers.first
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func run() -> Finding? {
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(Frame(isObject: byte == UInt8(ascii: "{")))
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard stack.popLast() != nil else { return nil }
                position += 1
            case UInt8(ascii: ","):
                guard !stack.isEmpty else { return nil }
                if StrictJSONScan.closers.contains(nextSignificantByte(after: position) ?? 0) {
                    return .strayComma(containerPath())
                }
                if stack[stack.count - 1].isObject { stack[stack.count - 1].awaitingKey = true } else { stack[stack.count - 1].index += 1 }
                position += 1
            case UInt8(ascii: "\""):
                guard let (text, hasControl) = readString() else { return nil }
                if let top = stack.last, top.isObject, top.awaitingKey {
                    stack[stack.count - 1].awaitingKey = false
                    stack[stack.count - 1].key = text
                    if hasControl { return .controlCharacter(path()) }
                    guard stack[stack.count - 1].keys.insert(text).inserted else { return .duplicateKey(path()) }
                } else if hasControl {
                    return .controlCharacter(path())
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = position
                while position < bytes.count, !StrictJSONScan.delimiters.contains(bytes[position]) { position += 1 }
                if Int(String(decoding: bytes[start..<position], as: UTF8.self)) == nil { inexactNumbers.append(path()) }
            default:
                position += 1 // `:`, whitespace, literals: nothing to check
            }
        }
        return nil
    }

    /// Reads the string starting at `position` (a quote); returns its unescaped text and whether it holds a refused
    /// control character, or nil when it is unterminated or badly escaped.
    private mutating func readString() -> (String, Bool)? {
        var utf8: [UInt8] = []
        var hasControl = false
        var index = position + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return (String(decoding: utf8, as: UTF8.self), hasControl)
            }
            if byte != UInt8(ascii: "\\") {
                if TextInputRule.isRefused(UInt32(byte)) { hasControl = true }
                utf8.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { return nil }
            let escaped = bytes[index + 1]
            index += 2
            var scalar: UInt32
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalar = UInt32(escaped)
            case UInt8(ascii: "b"): scalar = 0x08
            case UInt8(ascii: "f"): scalar = 0x0C
            case UInt8(ascii: "n"): scalar = 0x0A
            case UInt8(ascii: "r"): scalar = 0x0D
            case UInt8(ascii: "t"): scalar = 0x09
            case UInt8(ascii: "u"):
                guard let high = hex4(at: index) else { return nil }
                index += 4
                scalar = high
                if (0xD800...0xDBFF).contains(high), index + 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                   bytes[index + 1] == UInt8(ascii: "u"), let low = hex4(at: index + 2), (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
            default:
                return nil
            }
            if TextInputRule.isRefused(scalar) { hasControl = true }
            utf8.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
        }
        return nil
    }

    /// What may not follow a comma: the container's end (a trailing comma) or another comma.
    private static let closers: Set<UInt8> = [UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ",")]

    /// The first byte after `index` that is not JSON whitespace, or nil at the end.
    private func nextSignificantByte(after index: Int) -> UInt8? {
        var next = index + 1
        while next < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[next]) { next += 1 }
        return next < bytes.count ? bytes[next] : nil
    }

    private static let delimiters: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"),
                                                  UInt8(ascii: " "), 0x0A, 0x0D, 0x09]

    private func hex4(at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// `a.b[2].c`: the keys and array indices from the body's root to the current key or value.
    private func path() -> String { StrictJSONScan.path(of: stack[...]) }

    private static func path(of frames: ArraySlice<Frame>) -> String {
        var text = ""
        for frame in frames {
            if frame.isObject {
                let key = frame.key.map(StrictJSONScan.printable) ?? ""
                text += text.isEmpty ? key : "." + key
            } else {
                text += "[\(frame.index)]"
            }
        }
        return text
    }

    /// The path of the innermost object or array itself, e.g. `data` for a stray comma inside `"data": [1,]`.
    private func containerPath() -> String { StrictJSONScan.path(of: stack.dropLast()) }

    /// A key as shown in a message: control characters written as `\u0000`.
    private static func printable(_ key: String) -> String {
        var text = ""
        for scalar in key.unicodeScalars {
            if scalar.value < 0x20 {
                text += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}
