import Foundation
import PipelineCore

/// Finds what a model meant in its answer text: the JSON inside code fences, prose, or reasoning blocks, and the
/// plain text without them.
///
/// Real answers seen from OpenAI-compatible endpoints: bare JSON; JSON in a ```` ```json ```` fence; "好的，以下是…"
/// before and "说明：…" after it; `<think>…</think>` first (Qwen3, DeepSeek-R1; sometimes only the closing tag,
/// when the server put the opening one into the prompt); trailing commas; the JSON object encoded once more as a
/// JSON string.
enum ModelAnswerText {
    /// Candidate starts tried in the prose before giving up.
    static let maxCandidates = 12

    /// The text without reasoning blocks: `<think>…</think>` (also `<thinking>`) removed, everything up to a lone
    /// closing tag dropped, and an unclosed opening block cut off.
    static func withoutThinking(_ text: String) -> String {
        var result = text.replacingOccurrences(
            of: #"<(think|thinking)>[\s\S]*?</(think|thinking)>"#, with: "", options: [.regularExpression, .caseInsensitive])
        if let close = result.range(of: #"</(think|thinking)>"#, options: [.regularExpression, .caseInsensitive, .backwards]) {
            result = String(result[close.upperBound...])
        }
        if let open = result.range(of: #"<(think|thinking)>"#, options: [.regularExpression, .caseInsensitive]) {
            result = String(result[..<open.lowerBound])
        }
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The contents of the first fenced code block (```` ```lang … ``` ````), or the text itself without fences.
    static func unfenced(_ text: String) -> String {
        fencedBlocks(text).first ?? text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The JSON value the answer holds, or a short Chinese description of why none was found.
    static func json(_ text: String) -> Result<JSONValue, AnswerProblem> {
        let answer = withoutThinking(text)
        guard !answer.isEmpty else { return .failure(AnswerProblem("回答为空（或只有思考过程）")) }
        var candidates = [answer] + fencedBlocks(answer)
        candidates += balancedSpans(answer)
        for candidate in candidates {
            if let value = parse(candidate) { return .success(value) }
        }
        let start = CommentText.prefix(CommentText.singleLine(answer), limit: 80)
        return .failure(AnswerProblem("回答不是有效的JSON（开头：\(start)）"))
    }

    /// The value, also after removing trailing commas; a JSON string that itself holds an object or array is opened.
    private static func parse(_ candidate: String) -> JSONValue? {
        let trimmed = candidate.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.first, first == "{" || first == "[" || first == "\"" else { return nil }
        guard let value = JSONValue.parse(trimmed) ?? JSONValue.parse(withoutTrailingCommas(trimmed)) else { return nil }
        if case .string(let inner) = value {
            let innerTrimmed = inner.trimmingCharacters(in: .whitespacesAndNewlines)
            guard innerTrimmed.hasPrefix("{") || innerTrimmed.hasPrefix("[") else { return nil }
            return JSONValue.parse(innerTrimmed)
        }
        return value
    }

    private static func fencedBlocks(_ text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"```[A-Za-z0-9_-]*[ \t]*\n?([\s\S]*?)```"#) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    /// Every `{…}` / `[…]` span that closes, from each opening bracket outside strings, in order of start.
    private static func balancedSpans(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var spans: [String] = []
        var start = 0
        var tried = 0
        // Bounded: an answer cut off mid-JSON never closes, and each try scans to the end.
        while start < scalars.count, tried < maxCandidates {
            guard scalars[start] == "{" || scalars[start] == "[" else {
                start += 1
                continue
            }
            tried += 1
            if let end = closing(scalars, from: start) {
                spans.append(String(String.UnicodeScalarView(scalars[start...end])))
            }
            start += 1
        }
        return spans
    }

    private static func closing(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            if inString {
                if scalar == "\\" { index += 1 } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == "{" || scalar == "[" {
                depth += 1
            } else if scalar == "}" || scalar == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// `[1, 2,]` → `[1, 2]`: commas directly before a closing bracket, outside strings.
    static func withoutTrailingCommas(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var kept = String.UnicodeScalarView()
        var inString = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if inString {
                kept.append(scalar)
                if scalar == "\\", index + 1 < scalars.count {
                    kept.append(scalars[index + 1])
                    index += 1
                } else if scalar == "\"" {
                    inString = false
                }
            } else if scalar == "," {
                var next = index + 1
                while next < scalars.count, scalars[next].properties.isWhitespace { next += 1 }
                if next >= scalars.count || (scalars[next] != "}" && scalars[next] != "]") { kept.append(scalar) }
            } else {
                if scalar == "\"" { inString = true }
                kept.append(scalar)
            }
            index += 1
        }
        return String(kept)
    }
}
