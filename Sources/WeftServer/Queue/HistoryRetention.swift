import Foundation
import Logging
import OrderedCollections
import WeftCore
import WeftStore

/// Keeps history within the configured count and age after each finished prompt. The count may overshoot by 1%
/// between prunes (10,100 entries for the default 10,000), which keeps the check after each prompt to two index
/// lookups instead of a walk over the whole history.
struct HistoryRetention: Sendable {
    let store: JobStore
    let maxItems: Int?
    let maxAge: TimeInterval?
    let logger: Logger

    func apply() {
        guard maxItems != nil || maxAge != nil else { return }
        let cutoff = maxAge.map { ExecutionEvent.now() - Int64($0 * 1000) }
        do {
            _ = try store.pruneHistory(maxItems: maxItems, finishedBefore: cutoff, slack: (maxItems ?? 0) / 100)
        } catch {
            logger.error("could not prune history", metadata: ["error": .string(error.description)])
        }
    }
}
