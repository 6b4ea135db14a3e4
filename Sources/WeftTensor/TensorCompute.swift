import Foundation

/// A small pool of dedicated threads for CPU-heavy tensor work, so async code (nodes) can run BLAS and other kernels
/// without blocking Swift's cooperative thread pool.
///
/// `TensorCompute.run { … }` uses the shared pool, which has one thread: jobs run one at a time, in submission order,
/// and each may use every core itself (OpenBLAS's threads, see `BLASThreads`), so two heavy jobs never compete for
/// the cores. A pool's threads live as long as the pool; the shared pool lives as long as the process.
public final class TensorCompute: Sendable {
    /// The process-wide pool behind `TensorCompute.run`: one thread, so heavy jobs never overlap.
    public static let shared = TensorCompute(threads: 1)

    /// The jobs waiting for a thread, shared with the threads.
    private let queue = JobQueue()

    /// Starts a pool of `threads` dedicated threads (≥ 1).
    public init(threads: Int) {
        precondition(threads >= 1, "TensorCompute(threads:): thread count \(threads) must be ≥ 1")
        for index in 0..<threads {
            let queue = self.queue
            // Named from inside: on Linux a name set before `start()` is not applied to the thread.
            let thread = Thread {
                Thread.current.name = "weft-tensor-\(index)"
                queue.serve()
            }
            thread.start()
        }
    }

    deinit {
        queue.close()
    }

    /// Runs `work` on one of this pool's threads and returns its result, or rethrows its error, to the awaiting task.
    public func run<Result: Sendable, Failure: Error>(
        _ work: @escaping @Sendable () throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = await withCheckedContinuation { continuation in
            queue.submit {
                do throws(Failure) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try outcome.get()
    }

    /// Runs `work` on the shared pool (see `shared`) and returns its result, or rethrows its error.
    public static func run<Result: Sendable, Failure: Error>(
        _ work: @escaping @Sendable () throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        try await shared.run(work)
    }
}
