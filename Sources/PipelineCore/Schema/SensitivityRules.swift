import Foundation

/// Which columns look like personal data: their samples are never shown in documents nor sent to an LLM.
public struct SensitivityRules: Sendable {
    /// Lower-cased substrings of column names (`phone`, `mobile`, `email`, `id_card`, `身份证`, …).
    public var nameFragments: [String]
    /// Regular expressions a sample value is tested against (whole value).
    public var valuePatterns: [String]

    public init(nameFragments: [String], valuePatterns: [String]) {
        self.nameFragments = nameFragments
        self.valuePatterns = valuePatterns
    }

    public static let standard = SensitivityRules(
        nameFragments: ["phone", "mobile", "tel", "email", "e_mail", "mail_addr", "id_card", "idcard", "id_no",
                        "identity", "sfz", "sfzh", "passport", "bank_card", "bankcard", "card_no", "cardno",
                        "account_no", "iban", "password", "passwd", "secret", "token", "手机", "电话", "邮箱", "身份证",
                        "银行卡", "卡号", "密码"],
        valuePatterns: [
            #"^\+?(86)?1[3-9]\d{9}$"#,                        // mainland mobile number
            #"^0\d{2,3}-?\d{7,8}$"#,                          // landline
            #"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"#,              // e-mail
            #"^\d{17}[\dXx]$"#,                               // resident ID card
            #"^\d{16,19}$"#,                                  // bank card
        ])

    /// Whether the column name alone marks it sensitive.
    public func isSensitive(columnName: String) -> Bool {
        let lowered = columnName.lowercased()
        return nameFragments.contains { fragment in
            // Short ASCII fragments like "tel" must be whole words of a snake_case name ("hotel_name" is fine).
            if fragment.count <= 3, fragment.allSatisfy(\.isASCII) {
                return lowered.split(separator: "_").contains { $0 == fragment }
            }
            return lowered.contains(fragment)
        }
    }

    /// Whether any sample value looks like personal data.
    public func isSensitive(values: [String]) -> Bool {
        values.contains { value in
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return valuePatterns.contains { trimmed.range(of: $0, options: .regularExpression) != nil }
        }
    }
}
