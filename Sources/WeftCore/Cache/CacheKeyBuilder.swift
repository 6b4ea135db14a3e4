/// Computes the ``CacheKey`` of every node of a plan, sources first.
struct CacheKeyBuilder {
    /// Keys by plan position; a key depends on the keys of the nodes feeding it.
    private(set) var keys: [CacheKey] = []

    /// Computes the key of the next node of the plan; its sources' keys must have been computed already (plans are in
    /// dependency order).
    mutating func add(_ planned: PlannedNode, inputs: [(name: String, input: KeyInput)], fingerprint: Fingerprint?) {
        var hasher = StableHasher()
        var isReusable = true
        hasher.combine(planned.schema.className)
        switch fingerprint {
        case nil: hasher.combine(UInt64(0))
        case .value(let value)?:
            hasher.combine(UInt64(1))
            hasher.combine(value)
        case .alwaysChanged?:
            isReusable = false
            hasher.combine(UInt128.random(in: .min ... .max))
        }
        if planned.schema.notIdempotent || planned.schema.inputs.contains(where: { $0.hiddenKind == .uniqueID }) {
            hasher.combine(planned.id)
        }
        for (name, input) in inputs {
            hasher.combine(name)
            switch input {
            case .value(let value):
                hasher.combine(UInt64(0))
                if let json = value.json { hasher.combine(json) } else { hasher.combine(value.summary) }
            case .link(let source, let slot):
                let sourceKey = keys[source]
                isReusable = isReusable && sourceKey.isReusable
                hasher.combine(UInt64(1))
                hasher.combine(sourceKey.digest)
                hasher.combine(UInt64(slot))
            }
        }
        keys.append(CacheKey(digest: hasher.digest, isReusable: isReusable))
    }
}
