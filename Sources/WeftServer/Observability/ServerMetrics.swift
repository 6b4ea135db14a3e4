import CoreMetrics
import Metrics
import Prometheus
import Synchronization
import WeftStore

/// The server's metrics, recorded through swift-metrics into this server's own Prometheus registry (no global
/// bootstrap, so several servers in one process, as in tests, keep separate counts): queue depth, prompts by
/// outcome, and node run time by class.
final class ServerMetrics: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let depth: CoreMetrics.Gauge
    private let accepted: CoreMetrics.Counter
    private let finishedCounters: Mutex<[JobStatus: CoreMetrics.Counter]> = Mutex([:])
    private let nodeTimers: Mutex<[String: CoreMetrics.Timer]> = Mutex([:])

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500),
            .seconds(1), .seconds(5), .seconds(30), .seconds(120), .seconds(600),
        ]
        self.factory = factory
        depth = CoreMetrics.Gauge(label: "weft_queue_depth", factory: factory)
        accepted = CoreMetrics.Counter(label: "weft_prompts_accepted_total", factory: factory)
    }

    /// Pending plus running prompts.
    func queueDepth(_ value: Int) { depth.record(value) }

    func promptAccepted() { accepted.increment() }

    /// A prompt ended: `completed` or `failed` (interrupted prompts count as failed, as in ComfyUI's history).
    func promptFinished(status: JobStatus) {
        let counter = finishedCounters.withLock { counters in
            if let counter = counters[status] { return counter }
            let counter = CoreMetrics.Counter(label: "weft_prompts_total", dimensions: [("outcome", status.rawValue)], factory: factory)
            counters[status] = counter
            return counter
        }
        counter.increment()
    }

    /// One node run, by node class.
    func nodeRan(classType: String, duration: Duration) {
        let timer = nodeTimers.withLock { timers in
            if let timer = timers[classType] { return timer }
            let timer = CoreMetrics.Timer(label: "weft_node_duration_seconds", dimensions: [("class", classType)], factory: factory)
            timers[classType] = timer
            return timer
        }
        timer.recordNanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// Everything in Prometheus's text exposition format.
    func exposition() -> [UInt8] { registry.emitToBuffer() }
}
