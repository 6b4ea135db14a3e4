import OrderedCollections
import WeftCore

/// Checks that the server's history holds every prompt of a run, each with status `success`.
struct HistoryCheck {
    let api: WeftAPI

    /// Waits up to 5 s for `GET /history?max_items=expected` to hold `expected` entries (a prompt's history row is
    /// written just after its `execution_success` is sent), then requires every entry to be a success and every
    /// id in `promptIDs` to be among them.
    func verify(expected: Int, including promptIDs: [String]) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        var entries = try await api.history(maxItems: expected).objectValue ?? [:]
        while entries.count < expected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
            entries = try await api.history(maxItems: expected).objectValue ?? [:]
        }
        guard entries.count == expected else {
            throw BenchmarkFailure("GET /history?max_items=\(expected) holds \(entries.count) entries, expected \(expected)")
        }
        let failed = entries.filter { $0.value["status"]?["status_str"]?.stringValue != "success" }
        guard failed.isEmpty else {
            throw BenchmarkFailure("\(failed.count) history entries are not successes, such as \(failed.keys[0]): \(failed.values[0])")
        }
        let missing = promptIDs.filter { entries[$0] == nil }
        guard missing.isEmpty else {
            throw BenchmarkFailure("\(missing.count) measured prompts are missing from history, such as \(missing[0])")
        }
    }
}
