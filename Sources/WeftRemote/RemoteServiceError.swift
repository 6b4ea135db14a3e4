/// What went wrong talking to a remote service, in words a user can act on.
///
/// Messages carry what the service said, with the API key removed; they never contain a key.
public enum RemoteServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The service refused the API key (HTTP 401 or 403).
    case badKey(status: Int, message: String)
    /// The service does not know the model.
    case modelNotFound(model: String, message: String)
    /// The service kept answering 429 (too many requests) after every retry.
    case rateLimited(attempts: Int, message: String)
    /// The account has no quota or credit left.
    case quotaExceeded(message: String)
    /// The service's content filter refused the request or cut off the answer.
    case contentFiltered(message: String)
    /// No complete answer arrived within the time limit.
    case timedOut(seconds: Double)
    /// The service could not be reached or the connection broke.
    case connectionFailed(String)
    /// The answer was longer than the size limit.
    case responseTooLarge(limit: Int)
    /// The answer was not what the protocol promises; the text says what was wrong.
    case malformedResponse(String)
    /// The service failed (5xx) after every retry.
    case serverError(status: Int, message: String)
    /// The service refused the request as invalid (another 4xx).
    case requestRejected(status: Int, message: String)
    /// A streamed answer broke off after part of it had arrived.
    case streamInterrupted(String)
    /// The request could not be built (a bad base URL, for instance).
    case invalidRequest(String)
    /// A job the service accepted ended there without a result (a task `FAILED` or `CANCELED`, a workflow that
    /// raised): `status` is the service's word for how it ended, `code` and `message` what it said about why.
    case taskFailed(status: String, code: String, message: String)
    /// A file could not be downloaded from `url`: a refused scheme or redirect, an HTTP error, or an answer that is
    /// not an image; `reason` says which.
    case downloadFailed(url: String, reason: String)

    /// A sentence saying what happened.
    public var description: String {
        switch self {
        case .badKey(let status, let message):
            "the service rejected the API key (HTTP \(status))" + detail(message)
        case .modelNotFound(let model, let message):
            "the service does not know the model \"\(model)\"" + detail(message)
        case .rateLimited(let attempts, let message):
            "the service is rate limiting requests (HTTP 429 after \(attempts) attempts)" + detail(message)
        case .quotaExceeded(let message):
            "the account's quota is used up" + detail(message)
        case .contentFiltered(let message):
            "the service's content filter blocked the request or its answer" + detail(message)
        case .timedOut(let seconds):
            "the service did not answer within \(seconds) seconds"
        case .connectionFailed(let reason):
            "could not reach the service: \(reason)"
        case .responseTooLarge(let limit):
            "the service's answer is larger than the \(limit)-byte limit"
        case .malformedResponse(let reason):
            "the service's answer is malformed: \(reason)"
        case .serverError(let status, let message):
            "the service failed with HTTP \(status)" + detail(message)
        case .requestRejected(let status, let message):
            "the service rejected the request with HTTP \(status)" + detail(message)
        case .streamInterrupted(let reason):
            "the streamed answer broke off: \(reason)"
        case .invalidRequest(let reason):
            "the request cannot be sent: \(reason)"
        case .taskFailed(let status, let code, let message):
            "the remote job ended with status \(status)" + (code.isEmpty ? "" : " (\(code))") + detail(message)
        case .downloadFailed(let url, let reason):
            "could not download \(url): \(reason)"
        }
    }

    private func detail(_ message: String) -> String {
        message.isEmpty ? "" : ": \(message)"
    }
}
