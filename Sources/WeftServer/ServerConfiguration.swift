public import Foundation
import OrderedCollections
public import WeftCore

/// Everything `weft serve` can be told: where to listen, where data lives, limits, security and queue policy.
///
/// Every field has the default a new user gets from a bare `weft serve`.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback unless the user asks for more.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 picks a free one (tests).
    public var port: Int = 8188
    /// Models, input, output, temp and user folders.
    public var directories: DataDirectories
    /// The SQLite file holding the queue and history.
    public var databasePath: String
    /// The largest request body accepted, in bytes (ComfyUI's `--max-upload-size`, 100 MB).
    public var maxUploadBytes: Int = 100 * 1024 * 1024
    /// When set, every route but the static UI needs `Authorization: Bearer <token>` (or `?token=` on `/ws` and `/view`).
    public var authToken: String?
    /// How many prompts run at the same time.
    public var workers: Int = 1
    /// How many independent nodes of one prompt may run at the same time.
    public var maxConcurrentNodes: Int = 4
    /// The memory bound of the shared output cache, in bytes.
    public var cacheBytes: Int = 2 << 30
    /// Scope queue, history, input and output by the `Comfy-User` header.
    public var multiUser: Bool = false
    /// Put prompts that were running when the previous process died back in the queue instead of failing them.
    public var requeueInterrupted: Bool = false
    /// Keep at most this many history entries (ComfyUI keeps 10,000).
    public var historyMaxItems: Int? = 10_000
    /// Drop history entries older than this many seconds.
    public var historyMaxAge: TimeInterval?
    /// A URL that receives a JSON summary of every finished prompt (a prompt's `extra_data.webhook` overrides it).
    public var webhookURL: String?
    /// Attempts per webhook delivery before giving up.
    public var webhookAttempts: Int = 4
    /// Seconds before the first webhook retry; each later retry waits twice as long.
    public var webhookInitialBackoff: Double = 0.5
    /// The folder served at `/` (the web UI); nil serves nothing there.
    public var staticRoot: URL?
    /// Seconds an idle or stalled connection may stay open.
    public var idleTimeout: Int = 60

    /// A configuration for one data directory, with the database inside it.
    public init(dataDirectory: URL) {
        directories = DataDirectories(root: dataDirectory)
        databasePath = dataDirectory.appending(path: "weft.sqlite").path
    }
}
