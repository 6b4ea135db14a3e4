import Synchronization

/// A flag that asks a running prompt to stop; raised by the CLI's Ctrl-C or the server's `/interrupt`.
///
/// One flag belongs to one prompt run, so an interrupt can never leak into the next prompt.
public final class InterruptionFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Asks the prompt to stop at the next check.
    public func raise() { raised.store(true, ordering: .releasing) }

    /// Whether an interrupt was asked for.
    public var isRaised: Bool { raised.load(ordering: .acquiring) }
}
