/// Why the benchmark stopped: the server misbehaved, or the command line was wrong. Printed, then exit status 1.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
