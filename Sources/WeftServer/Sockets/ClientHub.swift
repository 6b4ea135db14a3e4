import Foundation
import OrderedCollections
import Synchronization
import WeftCore

/// The WebSocket sessions of one server, by session id, and the one place messages are addressed: to a session or
/// to everyone.
///
/// Each session has a bounded outbox drained by its own writer task, so a slow client never holds up the queue or
/// other clients; a client that falls `outboxLimit` messages behind is disconnected instead of growing memory.
final class ClientHub: Sendable {
    /// A frame waiting in a session's outbox.
    enum Frame: Sendable, Equatable {
        case text(String)
        case binary([UInt8])
    }

    /// A connected client as the hub sees it.
    struct Session: Sendable {
        let generation: Int
        let user: String
        let outbox: AsyncStream<Frame>.Continuation
        var previews = PreviewPreference.none
    }

    /// Which binary preview frames a client gets. A client asks for previews by announcing `feature_flags` (the
    /// ComfyUI frontend does on connect); scripted clients that never do get text messages only.
    enum PreviewPreference: Sendable, Equatable {
        case none
        /// ComfyUI's PREVIEW_IMAGE frames (type 1).
        case plain
        /// PREVIEW_IMAGE_WITH_METADATA frames (type 4), for clients with `supports_preview_metadata`.
        case withMetadata
    }

    private struct State {
        var sessions: [String: Session] = [:]
        var nextGeneration = 0
    }

    private let state = Mutex(State())
    let outboxLimit: Int

    init(outboxLimit: Int = 10_000) {
        self.outboxLimit = outboxLimit
    }

    /// Registers a session, replacing (and closing) an older one with the same id, as ComfyUI does on reconnect.
    /// Returns the frames to write and a generation that identifies this connection when it leaves.
    func connect(sid: String, user: String) -> (frames: AsyncStream<Frame>, generation: Int) {
        let (stream, continuation) = AsyncStream.makeStream(of: Frame.self, bufferingPolicy: .bufferingOldest(outboxLimit))
        let (generation, replaced) = state.withLock { state -> (Int, Session?) in
            state.nextGeneration += 1
            let replaced = state.sessions[sid]
            state.sessions[sid] = Session(generation: state.nextGeneration, user: user, outbox: continuation)
            return (state.nextGeneration, replaced)
        }
        replaced?.outbox.finish()
        return (stream, generation)
    }

    /// Forgets a session when its socket closes, unless a newer connection already took its id.
    func disconnect(sid: String, generation: Int) {
        let removed = state.withLock { state -> Session? in
            guard state.sessions[sid]?.generation == generation else { return nil }
            return state.sessions.removeValue(forKey: sid)
        }
        removed?.outbox.finish()
    }

    /// Records the preview frames a client asked for with its `feature_flags`.
    func setPreviews(_ preference: PreviewPreference, sid: String) {
        state.withLock { $0.sessions[sid]?.previews = preference }
    }

    /// The preview frames a session asked for (`none` when it is not connected).
    func previews(sid: String) -> PreviewPreference {
        state.withLock { $0.sessions[sid]?.previews ?? .none }
    }

    /// Sends a `{"type", "data"}` message to one session; nothing happens when it is not connected.
    func send(_ message: JSONValue, to sid: String) {
        deliver(.text(message.serialized()), to: sid)
    }

    /// Sends a binary frame to one session.
    func sendBinary(_ bytes: [UInt8], to sid: String) {
        deliver(.binary(bytes), to: sid)
    }

    /// Sends a message to every connected session.
    func broadcast(_ message: JSONValue) {
        let frame = Frame.text(message.serialized())
        let sessions = state.withLock { Array($0.sessions) }
        for (sid, session) in sessions {
            enqueue(frame, sid: sid, session: session)
        }
    }

    private func deliver(_ frame: Frame, to sid: String) {
        guard let session = state.withLock({ $0.sessions[sid] }) else { return }
        enqueue(frame, sid: sid, session: session)
    }

    private func enqueue(_ frame: Frame, sid: String, session: Session) {
        if case .dropped = session.outbox.yield(frame) {
            // The client stopped reading: cut it loose rather than buffer without bound.
            disconnect(sid: sid, generation: session.generation)
        }
    }
}
