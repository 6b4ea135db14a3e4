import ArgumentParser

/// `weft`: the root command, grouping the subcommands.
struct WeftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weft",
        abstract: "Run, check and inspect ComfyUI-compatible node-graph workflows.",
        discussion: """
            Workflows are ComfyUI API-format JSON ("Export (API)"), bare or inside a {"prompt": …} envelope.

            Exit codes: 0 success, 1 a node failed, 2 invalid command line or workflow, 130 interrupted.
            """,
        subcommands: [RunCommand.self, ServeCommand.self, ValidateCommand.self, NodesCommand.self, InspectCommand.self]
    )
}
