import ArgumentParser

/// The process entry point: runs ``WeftCommand`` and maps ArgumentParser's usage errors to exit code 2
/// (``ExitStatus/invalid``), so every "you asked for something impossible" outcome shares one code.
@main
enum EntryPoint {
    static func main() async {
        do {
            var command = try WeftCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if WeftCommand.exitCode(for: error) == .validationFailure {
                StandardStream.error.writeLine(WeftCommand.fullMessage(for: error))
                WeftCommand.exit(withError: ExitCode(ExitStatus.invalid))
            }
            WeftCommand.exit(withError: error)
        }
    }
}
