/// Where the listening socket comes from.
public enum FastCGIListenSource: Sendable {
    /// Bind a unix socket under a temporary name, `chmod` it to `mode` (e.g. `0o660`), listen, rename it to `path`.
    ///
    /// An existing socket at `path` is replaced atomically (that is how a new instance takes over from an old one,
    /// with no failed connects); an existing file that is not a socket is refused. The path must be under 96 bytes
    /// (sun_path's limit, minus room for the temporary suffix).
    case unixSocket(path: String, mode: UInt16, backlog: Int32)
    /// The listening socket is file descriptor 0, as handed over by spawn-fcgi or systemd socket activation.
    ///
    /// The server moves it to a close-on-exec descriptor above 2 and puts `/dev/null` on fd 0, so child processes
    /// inherit neither the socket nor a surprising standard input.
    case inheritedStandardInput
}
