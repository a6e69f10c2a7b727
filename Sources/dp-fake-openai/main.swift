// dp-fake-openai: the fake OpenAI-compatible server as a process, for end-to-end tests and benchmarks, where the
// worker under test is another process. Scripted over HTTP (`/_control/*`, see FakeOpenAIServer).
//
//   dp-fake-openai [--port N] [--latency-ms N]
//
// Prints `listening on <port>` once it accepts connections; stops cleanly on SIGTERM or SIGINT (exit 0).
import FakeOpenAI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dp-fake-openai: \(message)\n".utf8))
    exit(2)
}

var port: UInt16 = 0
var latency = 0
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port":
        guard let value = arguments.popFirst().flatMap({ UInt16($0) }) else { fail("--port needs a number 0-65535") }
        port = value
    case "--latency-ms":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 0 else { fail("--latency-ms needs a number ≥ 0") }
        latency = value
    case "-h", "--help":
        print("usage: dp-fake-openai [--port N] [--latency-ms N]")
        exit(0)
    default:
        fail("unknown argument \(argument)")
    }
}

// Blocked before any thread exists, so every thread inherits the mask and only sigwait below sees the signals.
var signals = sigset_t()
sigemptyset(&signals)
sigaddset(&signals, SIGTERM)
sigaddset(&signals, SIGINT)
pthread_sigmask(SIG_BLOCK, &signals, nil)
signal(SIGPIPE, SIG_IGN)

let server: FakeOpenAIServer
do {
    server = try FakeOpenAIServer(port: port)
} catch {
    fail("cannot listen: \(error)")
}
server.setLatency(milliseconds: latency)
// Unbuffered: whoever started us waits for this line.
FileHandle.standardOutput.write(Data("listening on \(server.port)\n".utf8))

var received: Int32 = 0
while sigwait(&signals, &received) != 0 {}
server.stop()
FileHandle.standardError.write(Data("dp-fake-openai: stopped (signal \(received))\n".utf8))
exit(0)
