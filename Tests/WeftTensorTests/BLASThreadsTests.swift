import Foundation
import Testing
import WeftTensor

@Suite("BLASThreads")
struct BLASThreadsTests {
    @Test("OpenBLAS uses every active core unless told otherwise")
    func defaultCount() {
        #expect(BLASThreads.count == ProcessInfo.processInfo.activeProcessorCount)
    }
}
