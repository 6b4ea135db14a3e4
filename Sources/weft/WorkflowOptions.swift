import ArgumentParser

/// The arguments `run` and `validate` share: the workflow file and the `--set` overrides.
struct WorkflowOptions: ParsableArguments {
    @Argument(help: "An API-format workflow JSON file (bare or {\"prompt\": …} envelope); '-' reads standard input.")
    var file: String

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Set a node's input before running, e.g. --set 3.seed=7 or --set '6.text=\"a cat\"'. VALUE is JSON when it parses as JSON, else plain text. Repeatable.",
            valueName: "NODE.INPUT=VALUE"
        )
    )
    var overrides: [String] = []
}
