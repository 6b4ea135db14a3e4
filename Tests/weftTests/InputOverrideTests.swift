import OrderedCollections
import Testing
import WeftCore
import WeftNodes

@testable import weft

/// `--set NODE.INPUT=VALUE` parsing and application, without a subprocess.
@Suite struct InputOverrideTests {
    @Test func splitsOnTheLastDotBeforeTheEqualsSign() throws {
        let override = try InputOverride(parsing: "12:5.0.seed=7")
        #expect(override.nodeID == "12:5.0")
        #expect(override.inputName == "seed")
        #expect(override.value == 7)

        let dotted = try InputOverride(parsing: "3.text=a.b=c")
        #expect(dotted.nodeID == "3")
        #expect(dotted.inputName == "text")
        #expect(dotted.value == "a.b=c")
    }

    @Test func valuesAreJSONWhenTheyParseElsePlainText() throws {
        #expect(try InputOverride(parsing: "1.a=-2.5").value == .double(-2.5))
        #expect(try InputOverride(parsing: "1.a=true").value == true)
        #expect(try InputOverride(parsing: #"1.a="true""#).value == "true")
        #expect(try InputOverride(parsing: "1.a=[1, 2]").value == [1, 2])
        #expect(try InputOverride(parsing: "1.a=a cat").value == "a cat")
        #expect(try InputOverride(parsing: "1.a=007").value == "007")
        #expect(try InputOverride(parsing: "1.a=").value == "")
    }

    @Test func malformedOptionsAreRejected() {
        for text in ["3seed=7", "3.seed", ".seed=7", "3.=7", "=7"] {
            #expect(throws: InputOverrideError.self) { try InputOverride(parsing: text) }
        }
    }

    @Test func applySetsALiteralAndChecksTheNode() throws {
        let registry = try BuiltinNodes.registry()
        var workflow = try WorkflowParser().parseRequest(
            Array(
                #"{"5": {"class_type": "IntMath", "inputs": {"a": ["6", 0], "b": 1}}, "6": {"class_type": "PrimitiveInt", "inputs": {"value": 2}}}"#
                    .utf8)
        ).workflow

        try InputOverride(parsing: "5.a=[3, 4]").apply(to: &workflow, registry: registry)
        #expect(workflow.nodes["5"]?.inputs["a"] == .literal([3, 4]))

        #expect(throws: InputOverrideError.self) { try InputOverride(parsing: "7.a=1").apply(to: &workflow, registry: registry) }
        #expect(throws: InputOverrideError.self) { try InputOverride(parsing: "5.c=1").apply(to: &workflow, registry: registry) }
    }
}
