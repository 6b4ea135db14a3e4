package import Hummingbird
import Synchronization
package import WeftCore

/// One request a mock server received.
package struct RecordedRequest: Sendable {
    package var method: String
    package var path: String
    /// The raw (still percent-encoded) query, empty when there is none.
    package var query: String
    /// Header values by lowercased name.
    package var headers: [String: String]
    package var body: [UInt8]

    /// The body parsed as JSON, nil when it is not JSON.
    package var json: JSONValue? { try? JSONParser().parse(body) }
}

/// Everything a mock server received, in order.
package final class RequestLog: Sendable {
    private let entries = Mutex<[RecordedRequest]>([])

    /// Records `request` (reading its body) and returns the record.
    @discardableResult
    package func record(_ request: Request) async throws -> RecordedRequest {
        let body = try await request.body.collect(upTo: 1 << 22)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers,
            body: Array(body.readableBytesView))
        entries.withLock { $0.append(recorded) }
        return recorded
    }

    /// Every request so far.
    package var all: [RecordedRequest] { entries.withLock { $0 } }

    /// The requests so far with `method` whose path starts with `pathPrefix`.
    package func matching(_ method: String, _ pathPrefix: String) -> [RecordedRequest] {
        all.filter { $0.method == method && $0.path.hasPrefix(pathPrefix) }
    }
}
