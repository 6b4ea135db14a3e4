/// Identifies a node's outputs by what determines them: class, literal inputs, the keys of the nodes feeding it,
/// its fingerprint, and its id when it is not idempotent. Same key, same outputs, so results are reused across
/// prompts and between identical subgraphs.
public struct CacheKey: Hashable, Sendable, CustomStringConvertible {
    public let digest: UInt128
    /// False when the node or an ancestor reported ``Fingerprint/alwaysChanged``; such results are never stored.
    public let isReusable: Bool

    public var description: String { String(digest, radix: 16) }
}
