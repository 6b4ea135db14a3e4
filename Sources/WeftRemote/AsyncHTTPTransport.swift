public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The `HTTPTransport` over AsyncHTTPClient, with a time limit and a response-size limit.
public struct AsyncHTTPTransport: HTTPTransport {
    /// The client that makes the connections.
    public let client: HTTPClient
    /// For `send`, the longest a whole exchange may take; for `stream`, the longest wait for the response head
    /// or for the next bytes of the stream.
    public var timeout: Duration
    /// The largest response body accepted, in bytes; a longer one fails with `responseTooLarge`.
    public var maxResponseBytes: Int

    /// Creates a transport over `client` (by default `remoteServicesClient`, which follows up to 20 redirects itself;
    /// `nonRedirectingClient` returns 3xx answers instead).
    public init(client: HTTPClient = AsyncHTTPTransport.remoteServicesClient, timeout: Duration = .seconds(120), maxResponseBytes: Int = 16 << 20) {
        self.client = client
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends `request` and collects the whole response within `timeout`.
    public func send(_ request: RemoteRequest) async throws -> RemoteResponse {
        let deadline = Deadline(timeout)
        return try await deadline.run { try await perform(request, deadline: deadline, onEvent: nil) }
    }

    /// Sends `request`, delivering server-sent events as they arrive when the answer is a 2xx event stream.
    public func stream(
        _ request: RemoteRequest, onEvent: @escaping @Sendable (ServerSentEvent) async throws -> Void
    ) async throws -> RemoteResponse {
        let deadline = Deadline(timeout)
        return try await deadline.run { try await perform(request, deadline: deadline, onEvent: onEvent) }
    }

    private func perform(
        _ request: RemoteRequest, deadline: Deadline, onEvent: (@Sendable (ServerSentEvent) async throws -> Void)?
    ) async throws -> RemoteResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        let incoming: HTTPClientResponse
        do {
            incoming = try await client.execute(outgoing, timeout: .nanoseconds(Int64(timeout / .nanoseconds(1))))
        } catch {
            throw translate(error)
        }
        var response = RemoteResponse(status: Int(incoming.status.code), headers: incoming.headers.map { ($0.name, $0.value) })
        var received = 0
        if let onEvent, response.isSuccess, response.mediaType == "text/event-stream" {
            var parser = ServerSentEventParser()
            do {
                for try await buffer in incoming.body {
                    received += buffer.readableBytes
                    guard received <= maxResponseBytes else { throw RemoteServiceError.responseTooLarge(limit: maxResponseBytes) }
                    deadline.extend()
                    for event in parser.feed(buffer.readableBytesView) { try await onEvent(event) }
                }
            } catch {
                throw translate(error)
            }
            if let last = parser.finish() { try await onEvent(last) }
            return response
        }
        do {
            for try await buffer in incoming.body {
                received += buffer.readableBytes
                guard received <= maxResponseBytes else { throw RemoteServiceError.responseTooLarge(limit: maxResponseBytes) }
                response.body.append(contentsOf: buffer.readableBytesView)
            }
        } catch {
            throw translate(error)
        }
        return response
    }

    /// Maps AsyncHTTPClient's and NIO's errors onto `RemoteServiceError`; other errors pass through, and any error of
    /// a cancelled task becomes `CancellationError`, so that cancellation is never mistaken for a network failure.
    private func translate(_ error: any Error) -> any Error {
        if Task.isCancelled { return CancellationError() }
        if error is RemoteServiceError || error is CancellationError { return error }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return RemoteServiceError.timedOut(seconds: timeout / .seconds(1))
            case .invalidURL, .emptyHost, .emptyScheme:
                return RemoteServiceError.invalidRequest("\(clientError)")
            default:
                return RemoteServiceError.connectionFailed("\(clientError)")
            }
        }
        return RemoteServiceError.connectionFailed("\(error)")
    }
}
