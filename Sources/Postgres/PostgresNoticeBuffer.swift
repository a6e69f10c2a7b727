import CLibPQ

/// Keeps the last NOTICE/WARNING messages of one connection, so libpq never prints them to stderr.
final class PostgresNoticeBuffer {
    /// Enough to debug a statement; old notices are dropped so a chatty server cannot grow memory.
    static let capacity = 32
    private(set) var notices: [String] = []

    func append(_ notice: String) {
        if notices.count == Self.capacity { notices.removeFirst() }
        notices.append(notice)
    }

    func removeAll() {
        notices.removeAll()
    }

    /// Installs the processor; `self` must outlive `connection` (the owning `PostgresConnection` guarantees it).
    func install(on connection: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        PQsetNoticeProcessor(connection, { context, message in
            guard let context, let message else { return }
            let buffer = Unmanaged<PostgresNoticeBuffer>.fromOpaque(context).takeUnretainedValue()
            var text = String(cString: message)
            while text.last?.isNewline == true { text.removeLast() }
            buffer.append(text)
        }, context)
    }
}
