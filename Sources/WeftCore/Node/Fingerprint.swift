/// What a node's fingerprint hook (ComfyUI's `IS_CHANGED`) says about its inputs' outside state.
public enum Fingerprint: Sendable, Hashable {
    /// Outside state summarised by a value (a file's content hash, a modification time): a different value
    /// means the cached result is stale.
    case value(JSONValue)
    /// Never reuse a cached result (ComfyUI's `float("nan")`).
    case alwaysChanged
}
