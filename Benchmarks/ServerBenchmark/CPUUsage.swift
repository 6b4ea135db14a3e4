import Foundation

/// CPU time used so far by the server, by this benchmark and by the whole machine, to tell where a run's time went
/// and whether other processes competed for the cores. Server and machine figures come from Linux's `/proc`, and
/// are nil where it cannot be read.
struct CPUSnapshot {
    let at: ContinuousClock.Instant
    let server: Duration?
    let benchmark: Duration
    /// Busy time summed over all cores, from the first line of `/proc/stat`.
    let machine: Duration?

    init(server: ServerProcess) {
        at = .now
        self.server = Self.procStatTime(pid: server.processIdentifier)
        benchmark = Self.ownTime()
        machine = Self.machineBusyTime()
    }

    private static let tick = Duration.seconds(1) / sysconf(Int32(_SC_CLK_TCK))

    /// User + system time of all of this process's threads.
    private static func ownTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// utime + stime, the 14th and 15th fields of `/proc/PID/stat` (counted after the parenthesised command name).
    private static func procStatTime(pid: Int32) -> Duration? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let nameEnd = text.lastIndex(of: ")") else {
            return nil
        }
        let fields = text[text.index(after: nameEnd)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return tick * (user + system)
    }

    /// user + nice + system + irq + softirq + steal of the `cpu` line of `/proc/stat`.
    private static func machineBusyTime() -> Duration? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8), let line = text.split(separator: "\n").first else {
            return nil
        }
        let fields = line.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard fields.count >= 8 else { return nil }
        return tick * (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7])
    }
}

/// Where the CPU went between two snapshots, per prompt and as shares of all cores' time.
struct CPUUsage: Sendable {
    let serverPerPrompt: Duration?
    let benchmarkPerPrompt: Duration
    /// The server's and the benchmark's CPU time over the wall time of all cores.
    let serverAndBenchmarkShare: Double?
    /// Everything else that ran meanwhile (other processes, the kernel's own threads), over the same.
    let othersShare: Double?

    init(from start: CPUSnapshot, to end: CPUSnapshot, prompts: Int) {
        let capacity = (end.at - start.at) * ProcessInfo.processInfo.activeProcessorCount
        let server = end.server.flatMap { last in start.server.map { last - $0 } }
        let benchmark = end.benchmark - start.benchmark
        serverPerPrompt = server.map { $0 / prompts }
        benchmarkPerPrompt = benchmark / prompts
        serverAndBenchmarkShare = server.map { ($0 + benchmark) / capacity }
        othersShare = end.machine.flatMap { last in
            start.machine.flatMap { first in server.map { max(0, ((last - first) - $0 - benchmark) / capacity) } }
        }
    }
}
