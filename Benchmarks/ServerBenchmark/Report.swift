import Foundation

/// Prints the figures as `|`-separated tables, with each against its target.
enum Report {
    static let promptsPerSecondTarget = 500.0
    static let readyMillisecondsTarget = 300.0

    static func header(_ options: BenchmarkOptions) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("Weft server benchmark (\(cores) cores, shared by the server and the benchmark's clients; weft: \(options.weft.path))")
    }

    /// The readiness figures of `launches` fresh starts.
    static func startup(_ times: [Duration], workers: Int) {
        let median = times.percentile(0.5).milliseconds
        print("")
        print("start-up: launch of weft serve --port 0 --workers \(workers) (fresh data dir) to first 200 on GET /system_stats, polled every 5 ms")
        print("launches | median ms | max ms | median / 300 ms target")
        print(String(format: "%d | %.1f | %.1f | %.2f", times.count, median, times.map(\.milliseconds).max() ?? 0, median / readyMillisecondsTarget))
    }

    /// The throughput figures, one row per `--workers` value.
    static func throughput(_ results: [ThroughputResult], options: BenchmarkOptions) {
        print("")
        print(
            "throughput: \(options.prompts) trivial prompts (PrimitiveString → PreviewAny, unique per prompt) from \(options.clients) clients, "
                + "each submitting one at a time and waiting on its WebSocket for execution_success; after \(options.warmup) warm-up prompts; "
                + "history checked: every prompt recorded as success")
        print(
            "--workers | prompts | prompts/s | prompts/s / 500 target | p50 submit→success ms | p99 submit→success ms | p50 POST /prompt ms "
                + "| server CPU ms/prompt | benchmark CPU ms/prompt | server + benchmark CPU % of cores | other processes CPU % of cores")
        for result in results {
            let cpu = result.cpu
            print(
                String(
                    format: "%d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %@ | %.2f | %@ | %@", result.workers, result.prompts,
                    result.promptsPerSecond, result.promptsPerSecond / promptsPerSecondTarget, result.latencyP50.milliseconds,
                    result.latencyP99.milliseconds, result.submitP50.milliseconds, optional(cpu.serverPerPrompt?.milliseconds, "%.2f"),
                    cpu.benchmarkPerPrompt.milliseconds, optional(cpu.serverAndBenchmarkShare.map { $0 * 100 }, "%.0f"),
                    optional(cpu.othersShare.map { $0 * 100 }, "%.0f")))
        }
    }

    /// A figure that may be unknown (no `/proc`): formatted, or "n/a".
    private static func optional(_ value: Double?, _ format: String) -> String {
        value.map { String(format: format, $0) } ?? "n/a"
    }
}
