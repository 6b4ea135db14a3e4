// The error a benchmark step reports when it cannot run.

/// A benchmark step that could not run, with the reason.
struct BenchmarkFailure: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    /// A failure described by `description`.
    init(_ description: String) {
        self.description = description
    }
}
