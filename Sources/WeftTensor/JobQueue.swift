import Foundation

/// The first-in first-out job list of a `TensorCompute` pool, guarded by a condition its threads wait on.
final class JobQueue: @unchecked Sendable {
    // Invariant making this Sendable: `jobs` and `closed` are only read or written while `condition` is locked.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var closed = false

    /// Adds a job and wakes one waiting thread.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the queued jobs and then exit.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs jobs on the calling thread until the queue is closed and empty.
    func serve() {
        while true {
            condition.lock()
            while jobs.isEmpty && !closed {
                condition.wait()
            }
            guard !jobs.isEmpty else {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
