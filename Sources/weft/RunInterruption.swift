import WeftCore

/// Ctrl-C for one `weft run`: the first press raises the run's ``InterruptionFlag`` (the executor cancels the
/// running node and the run ends as interrupted), the second exits at once with ``ExitStatus/interrupted``.
final class RunInterruption: Sendable {
    /// The flag the run's executor watches.
    let flag: InterruptionFlag
    /// The display told about the interruption, once it exists.
    let display: ProgressDisplaySlot
    private let handler: InterruptSignalHandler

    /// Starts listening for SIGINT.
    init() {
        let (flag, display) = (InterruptionFlag(), ProgressDisplaySlot())
        self.flag = flag
        self.display = display
        handler = InterruptSignalHandler(
            onFirst: {
                flag.raise()
                if let current = display.current {
                    current.interruptRequested()
                } else {
                    StandardStream.error.writeLine("interrupting… (press Ctrl-C again to quit at once)")
                }
            },
            onSecond: {
                display.current?.abandon()
                StandardStream.error.writeLine("interrupted")
            }
        )
    }

    /// Whether Ctrl-C was pressed.
    var isRaised: Bool { flag.isRaised }

    /// Stops listening; SIGINT kills the process again.
    func stop() {
        handler.stop()
    }
}
