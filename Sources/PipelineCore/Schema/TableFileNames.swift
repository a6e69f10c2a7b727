import Foundation

/// Base names of the per-table files of step 1 (FORMATS.md "Base names"): `<base>.ddl` and `<base>_detail.md`.
public enum TableFileNames {
    /// Longest base in UTF-8 bytes, so that `<base>_detail.md` stays well inside a 255-byte file name.
    public static let maxBaseBytes = 200

    /// A distinct base name for every table, allocated in list order: when two tables map to the same name the later
    /// one gets `_2` (then `_3`, …). Names are compared case-insensitively, since `T.ddl` and `t.ddl` are one file on
    /// macOS and Windows. A table listed twice keeps its first name.
    public static func allocate(_ tables: [TableReference]) -> [TableReference: String] {
        var result: [TableReference: String] = [:]
        var used = Set<String>()
        for table in tables where result[table] == nil {
            let natural = base(for: table)
            var candidate = natural
            var counter = 2
            while used.contains(candidate.lowercased()) {
                let suffix = "_\(counter)"
                candidate = truncated(natural, bytes: maxBaseBytes - suffix.utf8.count) + suffix
                counter += 1
            }
            used.insert(candidate.lowercased())
            result[table] = candidate
        }
        return result
    }

    /// The base name of one table before collisions: `t` for `public.t`, `<schema>__<table>` otherwise, with every
    /// character other than ASCII letters, digits, `_`, `-` and CJK replaced by `_`.
    ///
    /// The double underscore is never collapsed (the predecessor collapsed it and mapped `ods.a_b` and `ods_a.b` to
    /// one file). Windows device names get a trailing `_` (`con` → `con_`).
    public static func base(for table: TableReference) -> String {
        let name = sanitized(table.name)
        var base = table.schema == "public" ? name : sanitized(table.schema) + "__" + name
        base = truncated(base, bytes: maxBaseBytes - 1)
        if SafeFileName.isWindowsDeviceName(base) { base += "_" }
        return base
    }

    /// `<base>.ddl`.
    public static func ddlFileName(_ base: String) -> String { base + ".ddl" }

    /// `<base>_detail.md`.
    public static func docFileName(_ base: String) -> String { base + "_detail.md" }

    static func sanitized(_ part: String) -> String {
        // NFC first, so a name typed in decomposed form maps to the same file as its composed spelling.
        var result = String.UnicodeScalarView()
        for scalar in part.precomposedStringWithCanonicalMapping.unicodeScalars {
            result.append(isKept(scalar) ? scalar : "_")
        }
        return result.isEmpty ? "_" : String(result)
    }

    static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D: return true     // 0-9 A-Z a-z _ -
        case 0x3040...0x30FF: return true                                        // Hiragana, Katakana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return true      // CJK ideographs (+ Ext A, compat.)
        case 0x20000...0x2FA1F: return true                                      // CJK Ext B–F, compat. supplement
        case 0xAC00...0xD7A3: return true                                        // Hangul syllables
        default: return false
        }
    }

    /// The longest prefix of whole characters within `bytes` UTF-8 bytes.
    static func truncated(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var result = ""
        var count = 0
        for character in text {
            count += character.utf8.count
            if count > bytes { break }
            result.append(character)
        }
        return result
    }
}
