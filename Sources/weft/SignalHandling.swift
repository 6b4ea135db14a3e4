import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C for a run: the first SIGINT calls `onFirst` (which raises the run's interruption flag), the second calls
/// `onSecond` and exits at once with ``ExitStatus/interrupted``.
///
/// SIGINT is ignored for the process (so the default "die now" never happens) and read from a dispatch source
/// instead; ``stop()`` restores the default.
final class InterruptSignalHandler: Sendable {
    private let count = Mutex(0)
    nonisolated(unsafe) private let source: any DispatchSourceSignal

    /// Installs the handler. Both callbacks run on a dispatch queue, not the caller's thread.
    init(onFirst: @escaping @Sendable () -> Void, onSecond: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global(qos: .userInitiated))
        source.setEventHandler { [weak self] in
            guard let self else { return }
            let presses = count.withLock { value in
                value += 1
                return value
            }
            if presses == 1 {
                onFirst()
            } else {
                onSecond()
                _exit(ExitStatus.interrupted)
            }
        }
        source.resume()
    }

    /// Stops listening and gives SIGINT its default meaning back.
    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
