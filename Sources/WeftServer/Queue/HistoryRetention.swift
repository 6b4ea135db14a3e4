import Foundation
import Logging
import OrderedCollections
import WeftCore
import WeftStore

/// Keeps history within the configured count and age after each finished prompt.
struct HistoryRetention: Sendable {
    let store: JobStore
    let maxItems: Int?
    let maxAge: TimeInterval?
    let logger: Logger

    func apply() {
        guard maxItems != nil || maxAge != nil else { return }
        let cutoff = maxAge.map { ExecutionEvent.now() - Int64($0 * 1000) }
        do {
            _ = try store.pruneHistory(maxItems: maxItems, finishedBefore: cutoff)
        } catch {
            logger.error("could not prune history", metadata: ["error": .string(error.description)])
        }
    }
}
