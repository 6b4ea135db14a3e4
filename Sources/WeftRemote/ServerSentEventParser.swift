/// Splits a `text/event-stream` body, arriving in arbitrary pieces, into events, as the WHATWG specification
/// describes: lines end in LF, CR or CRLF; a blank line ends an event; `data:` lines are joined; comments
/// (lines starting with `:`) and unknown fields are ignored.
public struct ServerSentEventParser: Sendable {
    private var pending: [UInt8] = []
    private var dataLines: [String] = []
    private var eventName: String?
    private var sawCarriageReturn = false

    /// Creates a parser at the start of a stream.
    public init() {}

    /// Feeds the next bytes of the stream and returns the events they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") && sawCarriageReturn {
                sawCarriageReturn = false
                continue
            }
            sawCarriageReturn = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if let event = endLine() { events.append(event) }
            } else {
                pending.append(byte)
            }
        }
        return events
    }

    /// Ends the stream, returning the last event if the stream stopped without a blank line after it.
    public mutating func finish() -> ServerSentEvent? {
        if !pending.isEmpty { _ = endLine() }
        return dispatch()
    }

    private mutating func endLine() -> ServerSentEvent? {
        let line = String(decoding: pending, as: UTF8.self)
        pending.removeAll(keepingCapacity: true)
        if line.isEmpty { return dispatch() }
        if line.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring = ""
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(line)
        }
        switch field {
        case "data": dataLines.append(String(value))
        case "event": eventName = String(value)
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            dataLines.removeAll()
            eventName = nil
        }
        guard !dataLines.isEmpty else { return nil }
        return ServerSentEvent(event: eventName, data: dataLines.joined(separator: "\n"))
    }
}
