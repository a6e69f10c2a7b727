import Foundation

/// The set of paths (relative to a root) that exist under a directory, for "no new file appeared" checks.
struct FileTreeSnapshot {
    let root: URL
    let paths: Set<String>

    /// `excluding`: relative directory paths whose contents churn on their own (PostgreSQL's cluster, nginx's
    /// request-body spool) and are not walked.
    init(_ root: URL, excluding: [String] = []) {
        self.root = root.standardizedFileURL
        var found = Set<String>()
        let base = self.root.path.hasSuffix("/") ? self.root.path : self.root.path + "/"
        if let enumerator = FileManager.default.enumerator(at: self.root, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator {
                let full = url.standardizedFileURL.path
                guard full.hasPrefix(base) else { continue }
                let relative = String(full.dropFirst(base.count))
                if excluding.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) {
                    enumerator.skipDescendants()
                    continue
                }
                found.insert(relative)
            }
        }
        paths = found
    }

    /// Paths present now but not in `earlier`.
    func added(since earlier: FileTreeSnapshot) -> [String] {
        paths.subtracting(earlier.paths).sorted()
    }
}
