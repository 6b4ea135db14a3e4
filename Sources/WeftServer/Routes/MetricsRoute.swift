import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /metrics` in Prometheus's text exposition format.
struct MetricsRoute {
    let services: ServerServices

    func register(on router: some RouterMethods<WeftRequestContext>) {
        router.get("metrics") { _, _ in
            services.metrics.queueDepth(services.queue.queueRemaining())
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: services.metrics.exposition())))
        }
    }
}
