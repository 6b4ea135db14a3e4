import Dispatch
import Foundation

/// Runs `body` over `0..<count` split into contiguous ranges, one per active core, in parallel when the work is large
/// enough to be worth the threads (at least `parallelMinimumWork` elements per range); otherwise on the calling thread.
///
/// Used by the norm and activation kernels. It takes every core, as OpenBLAS's threads do during a GEMM, so it must not
/// run at the same time as a BLAS call (see `BLASThreads`); running tensor work through `TensorCompute.run` keeps the
/// two apart.
/// - Parameters:
///   - count: the number of work items (rows, groups, elements).
///   - elementsPerItem: how many elements one item touches, to judge whether splitting pays.
///   - body: processes one range of items; ranges do not overlap, and together they cover `0..<count` once.
func parallelFor(count: Int, elementsPerItem: Int, _ body: (Range<Int>) -> Void) {
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    let affordable = count * max(1, elementsPerItem) / parallelMinimumWork
    let chunks = min(cores, count, max(1, affordable))
    guard chunks > 1 else {
        if count > 0 { body(0..<count) }
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let shared = UncheckedSendable(value: escapable)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            shared.value((count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }
    }
}

/// Carries `parallelFor`'s body into `concurrentPerform`'s threads. Safe because `concurrentPerform` returns only after
/// every call finished, and each call gets its own range of items, so no two threads touch the same elements.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

/// The fewest elements a range must cover before `parallelFor` hands it to another thread.
let parallelMinimumWork = 1 << 15
