import Logging

/// A log handler that removes secrets from every message and metadata value before another handler writes them,
/// so an API key that reaches a log line (an echoed request, an error) never reaches the log.
struct RedactingLogHandler: LogHandler {
    /// The handler that writes the redacted events.
    var wrapped: any LogHandler
    /// Replaces secrets in a text.
    let redact: @Sendable (String) -> String

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var redacted = event
        redacted.message = "\(redact(event.message.description))"
        redacted.metadata = event.metadata?.mapValues(redacting)
        if let error = event.error { redacted.error = RedactedError(description: redact(String(describing: error))) }
        wrapped.log(event: redacted)
    }

    private func redacting(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(redact(text))
        case .stringConvertible(let item): .string(redact(item.description))
        case .array(let items): .array(items.map(redacting))
        case .dictionary(let members): .dictionary(members.mapValues(redacting))
        }
    }
}

/// An error reduced to its redacted description, for log events.
private struct RedactedError: Error, CustomStringConvertible {
    let description: String
}
