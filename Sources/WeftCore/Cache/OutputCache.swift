import Synchronization

/// Node outputs kept across prompts, least recently used first out, bounded by approximate memory.
///
/// Shared by every prompt a process runs; safe to use from any task.
public final class OutputCache: Sendable {
    /// Counters for tests, logs and metrics.
    public struct Statistics: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        public var evictions = 0
        public var entries = 0
        public var bytes = 0
    }

    /// The most memory the cached results may hold, in bytes.
    public let capacityBytes: Int
    private let state: Mutex<LRUStore>

    /// - Parameter capacityBytes: the memory bound; 2 GiB by default.
    public init(capacityBytes: Int = 2 << 30) {
        self.capacityBytes = capacityBytes
        state = Mutex(LRUStore())
    }

    /// The result stored under a key, marking it as recently used.
    public func lookup(_ key: CacheKey) -> NodeResult? {
        state.withLock { $0.lookup(key.digest) }
    }

    /// Stores a result unless its key is not reusable or it alone exceeds the capacity; evicts the least recently
    /// used results until the total fits.
    public func store(_ result: NodeResult, for key: CacheKey) {
        guard key.isReusable else { return }
        let bytes = result.byteCount
        guard bytes <= capacityBytes else { return }
        state.withLock { $0.insert(result, bytes: bytes, for: key.digest, capacity: capacityBytes) }
    }

    /// Forgets everything (ComfyUI's `/free` with `free_memory`).
    public func removeAll() {
        state.withLock { $0 = LRUStore() }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }
}

/// The cache's storage: a dictionary into a slab of entries threaded on a doubly linked recency list,
/// so lookups, inserts and evictions are O(1).
private struct LRUStore {
    private struct Entry {
        var key: UInt128
        var result: NodeResult
        var bytes: Int
        var newer: Int?
        var older: Int?
    }

    private var slots: [Entry?] = []
    private var freeSlots: [Int] = []
    private var slotByKey: [UInt128: Int] = [:]
    private var newest: Int?
    private var oldest: Int?
    private(set) var statistics = OutputCache.Statistics()

    mutating func lookup(_ key: UInt128) -> NodeResult? {
        guard let slot = slotByKey[key] else {
            statistics.misses += 1
            return nil
        }
        statistics.hits += 1
        moveToFront(slot)
        return slots[slot]!.result
    }

    mutating func insert(_ result: NodeResult, bytes: Int, for key: UInt128, capacity: Int) {
        if let existing = slotByKey[key] { remove(existing) }
        while statistics.bytes + bytes > capacity, let victim = oldest {
            remove(victim)
            statistics.evictions += 1
        }
        let entry = Entry(key: key, result: result, bytes: bytes, newer: nil, older: nil)
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[slot] = entry
        } else {
            slot = slots.count
            slots.append(entry)
        }
        slotByKey[key] = slot
        link(slot)
        statistics.entries += 1
        statistics.bytes += bytes
    }

    private mutating func remove(_ slot: Int) {
        unlink(slot)
        let entry = slots[slot]!
        slotByKey[entry.key] = nil
        slots[slot] = nil
        freeSlots.append(slot)
        statistics.entries -= 1
        statistics.bytes -= entry.bytes
    }

    private mutating func moveToFront(_ slot: Int) {
        guard newest != slot else { return }
        unlink(slot)
        link(slot)
    }

    private mutating func link(_ slot: Int) {
        slots[slot]!.older = newest
        slots[slot]!.newer = nil
        if let newest { slots[newest]!.newer = slot }
        newest = slot
        if oldest == nil { oldest = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (slots[slot]!.newer, slots[slot]!.older)
        if let newer { slots[newer]!.older = older } else { newest = older }
        if let older { slots[older]!.newer = newer } else { oldest = newer }
    }
}
