import Crypto
import Foundation
import PipelineCore

/// Seals business-database connection strings before they are written to the state database, and opens them for
/// the worker: AES-256-GCM (swift-crypto; authenticated, so a tampered or wrong-key value fails instead of
/// decrypting to garbage), a fresh random 96-bit nonce per value, stored as `aesgcm1:<base64 nonce|ciphertext|tag>`.
///
/// The key is 32 random bytes, base64, in the file `DP_SECRET_KEY_FILE` (created mode 0600 by `scripts/stack.sh`
/// and `deploy/install.sh`); a file readable by group or others is refused. It never enters the state database,
/// so a dump or a leaked row does not reveal passwords.
public struct ConnectionSecretBox: Sendable {
    /// Raw bytes (Sendable); the `SymmetricKey` is made per call, which costs nothing next to a database write.
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    static let prefix = "aesgcm1:"
    public static let keyFileVariable = "DP_SECRET_KEY_FILE"

    public init(keyBytes: [UInt8]) throws {
        guard keyBytes.count == 32 else {
            throw ConfigurationError(variable: Self.keyFileVariable, problem: "the key must be 32 bytes (base64)")
        }
        self.keyBytes = keyBytes
    }

    /// A box with a new random key (tests).
    public static func random() -> ConnectionSecretBox {
        try! ConnectionSecretBox(keyBytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// The key file named by `DP_SECRET_KEY_FILE`: required, mode 0600 (or stricter), one base64 line of 32 bytes.
    public static func load(environment: [String: String]) throws -> ConnectionSecretBox {
        guard let path = environment[keyFileVariable].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ConfigurationError(variable: keyFileVariable,
                                     problem: "required: a 0600 file with a base64 32-byte key (scripts/stack.sh and deploy/install.sh create it)")
        }
        return try load(keyFile: path)
    }

    public static func load(keyFile path: String) throws -> ConnectionSecretBox {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw ConfigurationError(variable: keyFileVariable, problem: "not a readable regular file: \(path)")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw ConfigurationError(variable: keyFileVariable, problem: "\(path) is readable by group or others (chmod 600)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ConfigurationError(variable: keyFileVariable, problem: "\(path) does not hold a base64 key")
        }
        return try ConnectionSecretBox(keyBytes: Array(bytes))
    }

    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw PipelineError.internalFailure("AES-GCM combined form unavailable") }
        return Self.prefix + combined.base64EncodedString()
    }

    /// The plaintext; `PipelineError.internalFailure` (no detail for clients) when the value is not ours, was
    /// changed, or was sealed with another key.
    public func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix(Self.prefix), let data = Data(base64Encoded: String(sealed.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: data), let plain = try? AES.GCM.open(box, using: key),
              let text = String(data: plain, encoding: .utf8) else {
            throw PipelineError.internalFailure("a stored connection string cannot be decrypted with \(Self.keyFileVariable)")
        }
        return text
    }
}
