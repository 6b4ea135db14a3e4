import Foundation

/// The benchmark's command line: `weft-bench-server [--weft PATH] [--workers 1,2] [--prompts N] [--clients N]
/// [--warmup N] [--launches N]`.
struct BenchmarkOptions {
    /// The `weft` executable to launch; by default the one built beside this benchmark.
    var weft: URL
    /// One throughput run per value, each against a fresh server started with `--workers` set to it.
    var workers = [1, 2]
    /// Measured prompts per throughput run, spread evenly over the clients.
    var prompts = 1_000
    /// Concurrent clients, each with its own WebSocket.
    var clients = 8
    /// Prompts submitted before the measured ones, not counted.
    var warmup = 50
    /// Server starts timed for the readiness figure.
    var launches = 5

    /// Reads the options from `arguments` (without the program name); throws a usage message on anything unknown.
    init(arguments: [String]) throws {
        weft = Self.defaultWeft
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            guard Self.flags.contains(flag) else { throw Self.usage("unknown option \(flag)") }
            guard let value = remaining.popFirst() else { throw Self.usage("\(flag) needs a value") }
            switch flag {
            case "--weft": weft = URL(fileURLWithPath: value)
            case "--workers": workers = try value.split(separator: ",").map { try Self.positive(String($0), flag) }
            case "--prompts": prompts = try Self.positive(value, flag)
            case "--clients": clients = try Self.positive(value, flag)
            case "--warmup": warmup = try Self.count(value, flag)
            default: launches = try Self.positive(value, flag)  // --launches, the one flag left
            }
        }
        guard !workers.isEmpty else { throw Self.usage("--workers needs at least one value") }
    }

    private static let flags: Set = ["--weft", "--workers", "--prompts", "--clients", "--warmup", "--launches"]

    /// `weft` in the folder this executable was built into.
    private static var defaultWeft: URL {
        let me = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return me.deletingLastPathComponent().appending(path: "weft")
    }

    private static func count(_ text: String, _ flag: String) throws -> Int {
        guard let value = Int(text), value >= 0 else { throw usage("\(flag) must be a whole number, not \(text)") }
        return value
    }

    private static func positive(_ text: String, _ flag: String) throws -> Int {
        let value = try count(text, flag)
        guard value > 0 else { throw usage("\(flag) must be at least 1") }
        return value
    }

    private static func usage(_ problem: String) -> BenchmarkFailure {
        BenchmarkFailure(
            "\(problem)\nusage: weft-bench-server [--weft PATH] [--workers N[,N…]] [--prompts N] [--clients N] [--warmup N] [--launches N]")
    }
}
