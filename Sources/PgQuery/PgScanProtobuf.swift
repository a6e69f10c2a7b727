/// Reads the scanner's answer, a `ScanResult` protobuf message (pg_query.proto), without a protobuf library: it
/// holds only varints and one repeated message, `ScanToken { int32 start = 1; int32 end = 2; Token token = 4;
/// KeywordKind keyword_kind = 5; }`. Fields left at their default are absent, as protobuf encodes them.
enum PgScanProtobuf {
    /// Token numbers of pg_query.proto's `enum Token` that matter here.
    private static let sqlComment = 275
    private static let cComment = 276

    static func tokens(_ bytes: UnsafeRawBufferPointer) -> [PgToken] {
        var reader = Reader(bytes: bytes, position: 0, end: bytes.count)
        var tokens: [PgToken] = []
        while let (field, wireType) = reader.key() {
            if field == 2, wireType == 2, let length = reader.varint() {
                var message = Reader(bytes: bytes, position: reader.position, end: min(bytes.count, reader.position + length))
                tokens.append(token(&message))
                reader.position = message.end
            } else if !reader.skip(wireType) {
                break
            }
        }
        return tokens
    }

    private static func token(_ reader: inout Reader) -> PgToken {
        var start = 0, end = 0, token = 0, keyword = 0
        while let (field, wireType) = reader.key() {
            guard wireType == 0, let value = reader.varint() else {
                if !reader.skip(wireType) { break }
                continue
            }
            switch field {
            case 1: start = value
            case 2: end = value
            case 4: token = value
            case 5: keyword = value
            default: continue
            }
        }
        let kind: PgToken.Kind
        if token == sqlComment || token == cComment {
            kind = .comment
        } else if keyword != 0 {
            kind = .keyword
        } else if token > 0, token < 128 {
            kind = .character(UInt8(token))
        } else {
            kind = .other
        }
        return PgToken(start: start, end: end, kind: kind)
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        let end: Int

        mutating func varint() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < end, shift < 64 {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return Int(truncatingIfNeeded: value) }
                shift += 7
            }
            return nil
        }

        mutating func key() -> (field: Int, wireType: Int)? {
            guard position < end, let key = varint() else { return nil }
            return (key >> 3, key & 7)
        }

        /// Steps over a field of another wire type; false when the message is cut short.
        mutating func skip(_ wireType: Int) -> Bool {
            switch wireType {
            case 0: return varint() != nil
            case 1: position += 8
            case 2:
                guard let length = varint() else { return false }
                position += length
            case 5: position += 4
            default: return false
            }
            return position <= end
        }
    }
}
