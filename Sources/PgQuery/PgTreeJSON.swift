import Glibc

/// A small JSON reader for the parser's output (well-formed JSON from a C library, not user input): objects,
/// arrays, strings with escapes, numbers, booleans, null. Nesting is bounded so that a deeply nested statement
/// cannot exhaust a thread's stack, here or in the recursive walks of the tree that follow: 300 levels are about
/// 35 nested subqueries (a query of training data has a few), read and walked on a 512 KiB stack in a debug build.
enum PgTreeJSON {
    struct Malformed: Error {}

    static let maxDepth = 300

    static func parse(_ text: UnsafePointer<CChar>) throws(Malformed) -> PgNode {
        let length = strlen(text)
        return try text.withMemoryRebound(to: UInt8.self, capacity: length) { (bytes) throws(Malformed) -> PgNode in
            var reader = Reader(bytes: UnsafeBufferPointer(start: bytes, count: length))
            return try reader.value(depth: 0)
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func value(depth: Int) throws(Malformed) -> PgNode {
            guard depth < PgTreeJSON.maxDepth else { throw Malformed() }
            skipSpace()
            guard position < bytes.count else { throw Malformed() }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default: return try number()
            }
        }

        private mutating func object(depth: Int) throws(Malformed) -> PgNode {
            position += 1
            var fields: [(key: String, value: PgNode)] = []
            skipSpace()
            if try consume("}") { return .object(fields) }
            repeat {
                skipSpace()
                let key = try string()
                skipSpace()
                guard try consume(":") else { throw Malformed() }
                fields.append((key, try value(depth: depth + 1)))
                skipSpace()
            } while try consume(",")
            guard try consume("}") else { throw Malformed() }
            return .object(fields)
        }

        private mutating func array(depth: Int) throws(Malformed) -> PgNode {
            position += 1
            var items: [PgNode] = []
            skipSpace()
            if try consume("]") { return .array(items) }
            repeat {
                items.append(try value(depth: depth + 1))
                skipSpace()
            } while try consume(",")
            guard try consume("]") else { throw Malformed() }
            return .array(items)
        }

        private mutating func string() throws(Malformed) -> String {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw Malformed() }
            position += 1
            // Most strings (node names, keys, identifiers) have no escape: made from the bytes in one step, and
            // without any allocation when short (Swift keeps up to 15 UTF-8 bytes inline).
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
                position += 1
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(position - 1)]), as: UTF8.self)
            }
            var utf8 = Array(bytes[start..<position])
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    try escape(into: &utf8)
                default:
                    utf8.append(byte)
                }
            }
            throw Malformed()
        }

        private mutating func escape(into utf8: inout [UInt8]) throws(Malformed) {
            guard position < bytes.count else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
                   bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default: utf8.append(byte)
            }
        }

        private mutating func hex4() throws(Malformed) -> UInt32 {
            guard position + 4 <= bytes.count else { throw Malformed() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = hexDigit(bytes[position]) else { throw Malformed() }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        private func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }

        private mutating func number() throws(Malformed) -> PgNode {
            let start = position
            while position < bytes.count, isNumberByte(bytes[position]) { position += 1 }
            guard position > start else { throw Malformed() }
            return .number(String(decoding: bytes[start..<position], as: UTF8.self))
        }

        private func isNumberByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E")
        }

        private mutating func literal(_ word: StaticString, _ node: PgNode) throws(Malformed) -> PgNode {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw Malformed() }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { throw Malformed() }
            position += count
            return node
        }

        private mutating func consume(_ character: Unicode.Scalar) throws(Malformed) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }

        private mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }
    }
}
