/// The two spellings of a stored vector: the `bytea` column as hex (little-endian float32, see migration 4), and the
/// backup file's `[f1,f2,…]` text.
enum TrainingVectorCodec {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Hex of the little-endian float32 bytes, for `decode($n, 'hex')`.
    static func hex(_ vector: [Float]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 8)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            for shift in stride(from: 0, to: 32, by: 8) {
                let byte = UInt8(truncatingIfNeeded: bits >> UInt32(shift))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the floats of `encode(embedding, 'hex')` text to `output`; false (output unchanged) when the text is
    /// not hex of whole floats.
    static func appendDecodedHex(_ hex: String, to output: inout [Float]) -> Bool {
        var hex = hex
        return hex.withUTF8 { bytes in
            guard bytes.count % 8 == 0 else { return false }
            let start = output.count
            output.reserveCapacity(start + bytes.count / 8)
            var index = 0
            while index < bytes.count {
                var bits: UInt32 = 0
                // Byte k of the little-endian float is bits 8k…8k+7.
                for byteIndex in 0..<4 {
                    guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else {
                        output.removeSubrange(start...)
                        return false
                    }
                    bits |= UInt32(high << 4 | low) << UInt32(8 * byteIndex)
                    index += 2
                }
                output.append(Float(bitPattern: bits))
            }
            return true
        }
    }

    /// The floats of hex text, or nil.
    static func decodeHex(_ hex: String) -> [Float]? {
        var vector: [Float] = []
        return appendDecodedHex(hex, to: &vector) ? vector : nil
    }

    /// `[f1,f2,…]`; Swift prints the shortest decimal that reads back as the same `Float`, so the text is exact.
    static func text(_ vector: [Float]) -> String {
        "[" + vector.map(\.description).joined(separator: ",") + "]"
    }

    /// The floats of `[f1,f2,…]` text; nil unless every element is a finite number.
    static func parseText(_ text: String) -> [Float]? {
        guard text.hasPrefix("["), text.hasSuffix("]"), text.count >= 2 else { return nil }
        let body = text.dropFirst().dropLast()
        if body.allSatisfy({ $0 == " " }) { return [] }
        var vector: [Float] = []
        for element in body.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = element.trimmingSpaces()
            guard let value = Float(trimmed), value.isFinite else { return nil }
            vector.append(value)
        }
        return vector
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

private extension Substring {
    func trimmingSpaces() -> Substring {
        var slice = self
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return slice
    }
}
