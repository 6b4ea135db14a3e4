import Synchronization

/// Shares loaded models between prompts without keeping them alive: it remembers each model weakly under a key (a
/// file's identity and the part loaded from it), so a second load of an unchanged file returns the object still in
/// use (by the executor's output cache or a running prompt), and once nothing else holds the model its memory is
/// released.
public final class SharedModelCache<Model: AnyObject & Sendable>: Sendable {
    /// A weak reference to a loaded model.
    private struct Entry {
        weak var model: Model?
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// An empty cache.
    public init() {}

    /// The model remembered under `key`, if it is still alive.
    public func alive(_ key: String) -> Model? {
        entries.withLock { $0[key]?.model }
    }

    /// Remembers `model` under `key`, forgetting entries whose models are gone.
    public func remember(_ model: Model, for key: String) {
        entries.withLock { entries in
            entries[key] = Entry(model: model)
            entries = entries.filter { $0.value.model != nil }
        }
    }

    /// The number of models currently alive in the cache.
    public var aliveCount: Int {
        entries.withLock { $0.values.count { $0.model != nil } }
    }
}
