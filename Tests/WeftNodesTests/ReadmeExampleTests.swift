import Foundation
import OrderedCollections
import Testing
import WeftCore
import WeftNodes

/// The node from the README's "Writing a node" section, kept here so the example always compiles and works.
private struct Repeat: Node {
    let schema = NodeSchema(
        className: "Repeat",
        displayName: "Repeat Text",
        category: "utils/string",
        inputs: [
            .string("text", multiline: true),
            .int("times", default: 2, min: 1, max: 100, tooltip: "How many copies"),
            InputSpec.string("separator", default: " ").optional,
        ],
        outputs: [OutputSpec("STRING")]
    )

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let separator = inputs.has("separator") ? try inputs.string("separator") : " "
        let copies = Array(repeating: try inputs.string("text"), count: try inputs.int("times"))
        return NodeOutput(.string(copies.joined(separator: separator)))
    }
}

@Suite struct ReadmeExampleTests {
    @Test func readmeNodeRunsBesideTheBuiltIns() async throws {
        var registry = try BuiltinNodes.registry()
        try registry.register(Repeat())
        let request = try WorkflowParser().parseRequest(
            Array(
                #"""
                {"1": {"class_type": "Repeat", "inputs": {"text": "ha", "times": 3, "separator": "-"}},
                 "2": {"class_type": "Repeat", "inputs": {"text": ["1", 0], "times": 2}},
                 "3": {"class_type": "PreviewAny", "inputs": {"source": ["2", 0]}}}
                """#.utf8))
        let plan = try #require(PromptValidator(registry: registry).validate(request).plan)
        let directories = DataDirectories(root: FileManager.default.temporaryDirectory.appending(path: "weft-readme-\(UUID())"))
        let outcome = await PromptExecutor().execute(plan, context: PromptRunContext(promptID: "readme", directories: directories))
        #expect(outcome.outputs["3"] == ["text": ["ha-ha-ha ha-ha-ha"]])
        #expect(
            PromptValidator(registry: registry).validate(
                try WorkflowParser().parseRequest(
                    Array(
                        #"""
                        {"1": {"class_type": "Repeat", "inputs": {"text": "ha", "times": 0}},
                         "2": {"class_type": "PreviewAny", "inputs": {"source": ["1", 0]}}}
                        """#.utf8))
            ).nodeErrors["1"]?.errors.first?.message == "Value 0 smaller than min of 1")
    }
}
