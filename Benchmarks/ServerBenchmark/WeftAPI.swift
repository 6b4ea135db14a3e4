import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import WeftCore

/// The few HTTP routes of one Weft server the benchmark calls, over a shared client.
struct WeftAPI: Sendable {
    let client: HTTPClient
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Whether `GET /system_stats` answers 200 now; false while the server does not accept connections yet.
    func systemStatsAnswers() async -> Bool {
        guard let response = try? await client.execute(HTTPClientRequest(url: "\(baseURL)/system_stats"), timeout: .seconds(1)) else {
            return false
        }
        _ = try? await response.body.collect(upTo: 1 << 20)
        return response.status == .ok
    }

    /// `POST /prompt` with `body`; returns the prompt id the server assigned.
    func submit(_ body: JSONValue) async throws -> String {
        var request = HTTPClientRequest(url: "\(baseURL)/prompt")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body.serialized()))
        let (status, text) = try await fetch(request)
        guard status == .ok, let promptID = (try? JSONParser().parse(text))?["prompt_id"]?.stringValue else {
            throw BenchmarkFailure("POST /prompt answered \(status.code): \(text)")
        }
        return promptID
    }

    /// `GET /history?max_items=N`: the newest `maxItems` entries by prompt id.
    func history(maxItems: Int) async throws -> JSONValue {
        let (status, text) = try await fetch(HTTPClientRequest(url: "\(baseURL)/history?max_items=\(maxItems)"))
        guard status == .ok else { throw BenchmarkFailure("GET /history answered \(status.code): \(text)") }
        return try JSONParser().parse(text)
    }

    private func fetch(_ request: HTTPClientRequest) async throws -> (HTTPResponseStatus, String) {
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 256 << 20)
        return (response.status, String(buffer: body))
    }
}
