/// What one throughput run measured.
struct ThroughputResult: Sendable {
    let workers: Int
    let prompts: Int
    /// Prompts over the wall clock from the first submission to the last `execution_success`.
    let promptsPerSecond: Double
    let latencyP50: Duration
    let latencyP99: Duration
    /// The `POST /prompt` round trip alone.
    let submitP50: Duration
    let cpu: CPUUsage

    init(workers: Int, samples: [PromptSample], cpu: CPUUsage) {
        self.workers = workers
        prompts = samples.count
        let start = samples.map(\.submitted).min() ?? .now
        let end = samples.map(\.succeeded).max() ?? start
        promptsPerSecond = Double(samples.count) / ((end - start).milliseconds / 1e3)
        let latencies = samples.map { $0.succeeded - $0.submitted }
        latencyP50 = latencies.percentile(0.5)
        latencyP99 = latencies.percentile(0.99)
        submitP50 = samples.map { $0.accepted - $0.submitted }.percentile(0.5)
        self.cpu = cpu
    }
}

/// One throughput measurement against a ready server: unmeasured warm-up prompts, then the measured prompts, each
/// phase spread over the same number of concurrent clients; then a check that history holds all of them as successes.
struct ThroughputRun {
    let server: ReadyServer
    let workers: Int
    let options: BenchmarkOptions

    func measure() async throws -> ThroughputResult {
        _ = try await runClients(phase: "warmup", total: options.warmup)
        let start = CPUSnapshot(server: server.process)
        let samples = try await runClients(phase: "measured", total: options.prompts)
        let cpu = CPUUsage(from: start, to: CPUSnapshot(server: server.process), prompts: samples.count)
        try await HistoryCheck(api: server.api).verify(expected: options.warmup + options.prompts, including: samples.map(\.promptID))
        return ThroughputResult(workers: workers, samples: samples, cpu: cpu)
    }

    /// Runs `options.clients` clients at once, sharing `total` prompts as evenly as possible. Client ids and prompt
    /// strings are unique per phase, so no session replaces another and no prompt is answered from the cache.
    private func runClients(phase: String, total: Int) async throws -> [PromptSample] {
        let clients = options.clients
        let api = server.api
        return try await withThrowingTaskGroup(of: [PromptSample].self) { group in
            for index in 0..<clients {
                let share = total / clients + (index < total % clients ? 1 : 0)
                guard share > 0 else { continue }
                let client = PromptClient(id: "bench-\(phase)-\(index)", api: api)
                let values = (0..<share).map { "\(phase) prompt \($0) of client \(index)" }
                group.addTask { try await client.run(values: values) }
            }
            var samples: [PromptSample] = []
            for try await clientSamples in group { samples += clientSamples }
            return samples
        }
    }
}
