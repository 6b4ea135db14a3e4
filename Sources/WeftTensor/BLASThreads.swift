internal import COpenBLAS
import Foundation
import Synchronization

/// The number of threads OpenBLAS uses for GEMM, set explicitly rather than left to OpenBLAS's environment defaults.
///
/// The first GEMM (or the first read of `count`) sets it to every active core, `ProcessInfo.activeProcessorCount`,
/// unless `set(_:)` was called before. OpenBLAS's threads then own all cores while a GEMM runs, so Weft's own
/// multi-threaded kernels (element-wise, norms; they come later) must not run at the same time as a BLAS call, or
/// the cores are oversubscribed. Running heavy work through `TensorCompute.run`, whose shared pool runs one job at a
/// time, keeps the two apart.
public enum BLASThreads {
    /// The thread count last given to OpenBLAS, or nil before the first configuration.
    private static let configured = Mutex<Int?>(nil)

    /// The number of threads OpenBLAS uses, after applying the default (every active core) if nothing set it yet.
    public static var count: Int {
        ensureConfigured()
        return Int(openblas_get_num_threads())
    }

    /// Makes OpenBLAS use `threads` threads (≥ 1) from now on, replacing the default.
    public static func set(_ threads: Int) {
        precondition(threads >= 1 && threads <= Int(Int32.max), "BLASThreads.set: thread count \(threads) must be ≥ 1")
        configured.withLock { current in
            openblas_set_num_threads(Int32(threads))
            current = threads
        }
    }

    /// Applies the default thread count once, before the first BLAS call.
    static func ensureConfigured() {
        configured.withLock { current in
            guard current == nil else { return }
            let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
            openblas_set_num_threads(Int32(threads))
            current = threads
        }
    }
}
