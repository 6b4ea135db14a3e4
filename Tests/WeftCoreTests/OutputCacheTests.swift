import Testing

@testable import WeftCore

@Suite("Output cache")
struct OutputCacheTests {
    private func key(_ number: UInt128, reusable: Bool = true) -> CacheKey {
        CacheKey(digest: number, isReusable: reusable)
    }

    private func result(bytes: Int) -> NodeResult {
        // A string value counts 16 bytes of overhead plus its UTF-8 length.
        NodeResult(slots: [[.string(String(repeating: "x", count: bytes - 16))]])
    }

    @Test("evicts the least recently used results when the byte bound is exceeded")
    func evictsLeastRecentlyUsed() {
        let cache = OutputCache(capacityBytes: 300)
        cache.store(result(bytes: 100), for: key(1))
        cache.store(result(bytes: 100), for: key(2))
        cache.store(result(bytes: 100), for: key(3))
        #expect(cache.lookup(key(1)) != nil)  // 1 is now the most recently used
        cache.store(result(bytes: 100), for: key(4))
        #expect(cache.lookup(key(2)) == nil)
        #expect(cache.lookup(key(1)) != nil)
        #expect(cache.lookup(key(3)) != nil)
        #expect(cache.lookup(key(4)) != nil)
        #expect(cache.statistics.entries == 3)
        #expect(cache.statistics.bytes == 300)
        #expect(cache.statistics.evictions == 1)
    }

    @Test("refuses results bigger than the whole cache and results under non-reusable keys")
    func refusesWhatCannotBeKept() {
        let cache = OutputCache(capacityBytes: 100)
        cache.store(result(bytes: 101), for: key(1))
        cache.store(result(bytes: 50), for: key(2, reusable: false))
        #expect(cache.lookup(key(1)) == nil)
        #expect(cache.statistics.entries == 0)
    }

    @Test("replacing a key keeps one entry and updates the byte count")
    func replacesEntries() {
        let cache = OutputCache(capacityBytes: 1000)
        cache.store(result(bytes: 100), for: key(1))
        cache.store(result(bytes: 200), for: key(1))
        #expect(cache.statistics.entries == 1)
        #expect(cache.statistics.bytes == 200)
        cache.removeAll()
        #expect(cache.lookup(key(1)) == nil)
    }

    @Test("stable digests: the same inputs give the same key in any process")
    func stableDigest() {
        var first = StableHasher()
        first.combine("KSampler")
        first.combine(UInt64(7))
        var second = StableHasher()
        second.combine("KSampler")
        second.combine(UInt64(7))
        #expect(first.digest == second.digest)
        // FNV-1a 128 of the empty input is its offset basis.
        #expect(StableHasher().digest == 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D)
        var split = StableHasher()
        split.combine("KSam")
        split.combine("pler")
        #expect(split.digest != first.digest)
    }
}
