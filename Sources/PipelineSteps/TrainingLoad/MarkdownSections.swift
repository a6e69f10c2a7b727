/// Documentation chunks of a Markdown file, as the predecessor's loader cut them: a section starts at a line
/// beginning with `#`, `##` or `###` followed by a non-`#` character and runs to the next such line; text before the
/// first heading is dropped; a file without headings is one section.
enum MarkdownSections {
    static func split(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard lines.contains(where: isHeading) else {
            let whole = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return whole.isEmpty ? [] : [whole]
        }
        var sections: [String] = []
        var current: [String]?
        for line in lines {
            if isHeading(line) {
                if let section = current { sections.append(section.joined(separator: "\n")) }
                current = [line]
            } else {
                current?.append(line)
            }
        }
        if let section = current { sections.append(section.joined(separator: "\n")) }
        return sections.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    static func isHeading(_ line: String) -> Bool {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...3).contains(hashes) else { return false }
        let rest = line.dropFirst(hashes)
        return rest.first.map { $0 != "#" } ?? false
    }
}
