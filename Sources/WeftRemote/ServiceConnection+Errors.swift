extension ServiceConnection {
    /// Codes by which services report an exhausted quota.
    private static let quotaCodes: Set<String> = ["insufficient_quota", "quota_exceeded", "Arrearage"]
    /// Codes by which services report a content-filter refusal.
    private static let filterCodes: Set<String> = ["content_filter", "content_policy_violation", "DataInspectionFailed", "data_inspection_failed"]

    /// Whether a response says the account's quota is used up, which no retry can cure (OpenAI sends it as a 429).
    static func reportsExhaustedQuota(_ response: RemoteResponse) -> Bool {
        !response.isSuccess && quotaCodes.contains(OpenAIErrorBody(bytes: response.body).code)
    }

    /// The error for a failed response (or a 2xx one that carries an error object), after `attempts` attempts.
    func error(status: Int, body: OpenAIErrorBody, model: String, attempts: Int) -> RemoteServiceError {
        let message = redact(String(body.message.prefix(500)))
        if body.code == "model_not_found" { return .modelNotFound(model: model, message: message) }
        if Self.quotaCodes.contains(body.code) { return .quotaExceeded(message: message) }
        if Self.filterCodes.contains(body.code) { return .contentFiltered(message: message) }
        switch status {
        case 401, 403: return .badKey(status: status, message: message)
        case 404: return .modelNotFound(model: model, message: message)
        case 429: return .rateLimited(attempts: attempts, message: message)
        case 500...: return .serverError(status: status, message: message)
        case 200..<300: return .malformedResponse("the answer holds an error: \(message.isEmpty ? body.code : message)")
        default: return .requestRejected(status: status, message: message)
        }
    }

    /// `text` with the API key, if any, replaced by `[redacted]`.
    func redact(_ text: String) -> String {
        guard let apiKey, !apiKey.isEmpty else { return text }
        return text.replacing(apiKey, with: "[redacted]")
    }
}
