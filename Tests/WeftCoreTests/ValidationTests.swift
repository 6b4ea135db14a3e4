import OrderedCollections
import Testing

@testable import WeftCore

@Suite("Validation")
struct ValidationTests {
    /// Nodes shaped like ComfyUI's, for exact error shapes.
    static let registry: NodeRegistry = {
        let noop: @Sendable (NodeInputs, NodeContext) async throws -> NodeOutput = { _, _ in NodeOutput() }
        return try! NodeRegistry([
            ClosureNode(
                schema: NodeSchema(
                    className: "Loader",
                    inputs: [.combo("ckpt_name", ["v1-5.safetensors", "sdxl.safetensors"])],
                    outputs: [OutputSpec("MODEL"), OutputSpec("CLIP")]
                ),
                body: { _, _ in NodeOutput(.null, .null) }
            ),
            ClosureNode(
                schema: NodeSchema(
                    className: "Sampler",
                    inputs: [
                        .socket("model", "MODEL"),
                        .int("steps", default: 20, min: 1, max: 10000),
                        .float("cfg", default: 8.0, min: 0.0, max: 100.0, step: 0.1, round: 0.01),
                        .boolean("enabled", default: true),
                        .string("label"),
                        InputSpec.socket("extra", "INT,FLOAT").optional,
                    ],
                    outputs: [OutputSpec("LATENT")]
                ),
                body: { _, _ in NodeOutput(.null) }
            ),
            ClosureNode(
                schema: NodeSchema(className: "Number", inputs: [.int("value")], outputs: [OutputSpec("INT")]),
                body: { inputs, _ in NodeOutput(.int(try inputs.int128("value"))) }
            ),
            ClosureNode(
                schema: NodeSchema(className: "Save", inputs: [.socket("samples", "LATENT")], outputs: [], isOutputNode: true),
                body: noop
            ),
            ClosureNode(
                schema: NodeSchema(className: "Any", inputs: [.socket("value", "*")], outputs: [], isOutputNode: true),
                body: noop
            ),
            ClosureNode(
                schema: NodeSchema(className: "Pass", inputs: [.socket("value", "*")], outputs: [OutputSpec("*")]),
                body: { inputs, _ in NodeOutput(try inputs.value("value")) }
            ),
            EvenOnlyNode(),
        ])
    }()

    private func validate(_ json: String, targets: [NodeID]? = nil) throws -> ValidationOutcome {
        let request = try WorkflowParser().parseRequest(Array(json.utf8))
        return PromptValidator(registry: Self.registry).validate(request.workflow, partialExecutionTargets: targets)
    }

    private func onlyError(_ outcome: ValidationOutcome, node: NodeID, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let report = try #require(outcome.nodeErrors[node], sourceLocation: sourceLocation)
        #expect(report.errors.count == 1, sourceLocation: sourceLocation)
        return try #require(report.errors.first, sourceLocation: sourceLocation).json
    }

    /// A valid sampler graph with one input replaced.
    private func sampler(_ replacement: String) -> String {
        let inputs = [
            #""model": ["1", 0]"#, #""steps": 20"#, #""cfg": 7.5"#, #""enabled": true"#, #""label": "x""#,
        ].map { line -> String in
            let name = line.prefix { $0 != ":" }
            return replacement.hasPrefix(name) ? replacement : line
        }
        let extra = inputs.contains(replacement) || replacement.isEmpty ? "" : ", " + replacement
        return #"""
            {"1": {"class_type": "Loader", "inputs": {"ckpt_name": "v1-5.safetensors"}},
             "2": {"class_type": "Sampler", "inputs": {\#(inputs.joined(separator: ", "))\#(extra)}},
             "3": {"class_type": "Save", "inputs": {"samples": ["2", 0]}}}
            """#
    }

    @Test("a valid prompt yields a plan with converted literals and no errors")
    func validPrompt() throws {
        let outcome = try validate(sampler(#""steps": "30""#))
        let plan = try #require(outcome.plan)
        #expect(outcome.error == nil)
        #expect(outcome.nodeErrors.isEmpty)
        #expect(plan.outputs == ["3"])
        #expect(Array(plan.nodes.keys) == ["1", "2", "3"])
        #expect(plan.workflow.nodes["2"]?.inputs["steps"] == .literal(30))
        guard case .value(.int(30))? = plan.nodes["2"]?.inputs["steps"] else {
            Issue.record("steps was not converted to INT 30")
            return
        }
    }

    @Test("unknown class: invalid_prompt, nothing runs")
    func unknownClass() throws {
        let outcome = try validate(#"{"1": {"class_type": "Nope", "inputs": {}}, "2": {"class_type": "Any", "inputs": {"value": 1}}}"#)
        #expect(outcome.plan == nil)
        #expect(
            outcome.errorResponseJSON == [
                "error": [
                    "type": "invalid_prompt", "message": "Cannot execute because node Nope does not exist.",
                    "details": "Node ID '#1'", "extra_info": [:],
                ],
                "node_errors": [:],
            ])
    }

    @Test("no output node: prompt_no_outputs")
    func noOutputs() throws {
        let outcome = try validate(#"{"1": {"class_type": "Number", "inputs": {"value": 1}}}"#)
        #expect(
            outcome.errorResponseJSON?["error"] == [
                "type": "prompt_no_outputs", "message": "Prompt has no outputs", "details": "", "extra_info": [:],
            ])
    }

    @Test("required_input_missing")
    func requiredInputMissing() throws {
        let outcome = try validate(#"{"1": {"class_type": "Save", "inputs": {}}}"#)
        #expect(
            try onlyError(outcome, node: "1") == [
                "type": "required_input_missing", "message": "Required input is missing", "details": "samples",
                "extra_info": ["input_name": "samples"],
            ])
        #expect(
            outcome.nodeErrors["1"]?.json == [
                "errors": [
                    [
                        "type": "required_input_missing", "message": "Required input is missing", "details": "samples",
                        "extra_info": ["input_name": "samples"],
                    ]
                ],
                "dependent_outputs": ["1"],
                "class_type": "Save",
            ])
        #expect(
            outcome.errorResponseJSON?["error"] == [
                "type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation",
                "details": "Required input is missing: samples", "extra_info": [:],
            ])
    }

    @Test("return_type_mismatch names both types and the linked node")
    func returnTypeMismatch() throws {
        let outcome = try validate(sampler(#""model": ["1", 1]"#))
        #expect(
            try onlyError(outcome, node: "2") == [
                "type": "return_type_mismatch", "message": "Return type mismatch between linked nodes",
                "details": "model, received_type(CLIP) mismatch input_type(MODEL)",
                "extra_info": [
                    "input_name": "model", "input_config": ["MODEL"], "received_type": "CLIP", "linked_node": ["1", 1],
                ],
            ])
        #expect(outcome.nodeErrors["2"]?.dependentOutputs == ["3"])
    }

    @Test("comma type lists and * are compatible by intersection")
    func compatibleTypes() throws {
        let outcome = try validate(
            #"""
            {"1": {"class_type": "Number", "inputs": {"value": 1}},
             "2": {"class_type": "Sampler", "inputs": {"model": ["9", 0], "steps": 1, "cfg": 1, "enabled": true, "label": "", "extra": ["1", 0]}},
             "9": {"class_type": "Loader", "inputs": {"ckpt_name": "v1-5.safetensors"}},
             "3": {"class_type": "Save", "inputs": {"samples": ["2", 0]}},
             "4": {"class_type": "Any", "inputs": {"value": ["9", 1]}}}
            """#)
        #expect(outcome.nodeErrors.isEmpty)
        #expect(outcome.plan?.outputs == ["3", "4"])
    }

    @Test("bad_linked_input: malformed link arrays and missing output slots")
    func badLinkedInput() throws {
        let malformed = try validate(sampler(#""model": ["1", 0, 5]"#))
        #expect(
            try onlyError(malformed, node: "2") == [
                "type": "bad_linked_input", "message": "Bad linked input, must be a length-2 list of [node_id, slot_index]",
                "details": "model", "extra_info": ["input_name": "model", "input_config": ["MODEL"], "received_value": ["1", 0, 5]],
            ])
        let missingSlot = try validate(sampler(#""model": ["1", 7]"#))
        #expect(try onlyError(missingSlot, node: "2")["message"] == "Bad linked input, node 1 (Loader) has no output 7; it has 2 outputs")
    }

    @Test("invalid_input_type, including Weft's deliberate BOOLEAN difference")
    func invalidInputType() throws {
        let outcome = try validate(sampler(#""steps": "3.5""#))
        #expect(
            try onlyError(outcome, node: "2") == [
                "type": "invalid_input_type", "message": "Failed to convert an input value to a INT value",
                "details": "steps, '3.5', invalid literal for int() with base 10: '3.5'",
                "extra_info": [
                    "input_name": "steps", "input_config": ["INT", ["default": 20, "min": 1, "max": 10000]],
                    "received_value": "3.5", "exception_message": "invalid literal for int() with base 10: '3.5'",
                ],
            ])
        // ComfyUI would turn the string "false" into true; Weft reads it as false.
        let falseString = try validate(sampler(#""enabled": "false""#))
        guard case .value(.bool(false))? = falseString.plan?.nodes["2"]?.inputs["enabled"] else {
            Issue.record("\"false\" should become false")
            return
        }
        let nonsense = try validate(sampler(#""enabled": "maybe""#))
        #expect(try onlyError(nonsense, node: "2")["type"] == "invalid_input_type")
        let notFinite = try validate(sampler(#""cfg": NaN"#))
        #expect(try onlyError(notFinite, node: "2")["extra_info"]?["exception_message"] == "NaN is not a finite number")
        let floatToInt = try validate(sampler(#""steps": 7.9"#))
        guard case .value(.int(7))? = floatToInt.plan?.nodes["2"]?.inputs["steps"] else {
            Issue.record("7.9 should truncate to 7, as Python's int() does")
            return
        }
    }

    @Test("value_smaller_than_min and value_bigger_than_max")
    func bounds() throws {
        let small = try validate(sampler(#""steps": 0"#))
        #expect(
            try onlyError(small, node: "2") == [
                "type": "value_smaller_than_min", "message": "Value 0 smaller than min of 1", "details": "steps",
                "extra_info": [
                    "input_name": "steps", "input_config": ["INT", ["default": 20, "min": 1, "max": 10000]], "received_value": 0,
                ],
            ])
        let big = try validate(sampler(#""cfg": 100.5"#))
        #expect(try onlyError(big, node: "2")["message"] == "Value 100.5 bigger than max of 100.0")
        #expect(try onlyError(big, node: "2")["type"] == "value_bigger_than_max")
    }

    @Test("value_not_in_list quotes the options as ComfyUI does")
    func valueNotInList() throws {
        let outcome = try validate(
            #"""
            {"1": {"class_type": "Loader", "inputs": {"ckpt_name": "missing.safetensors"}},
             "2": {"class_type": "Any", "inputs": {"value": ["1", 0]}}}
            """#)
        #expect(
            outcome.errorResponseJSON == [
                "error": [
                    "type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation",
                    "details": "Value not in list: ckpt_name: 'missing.safetensors' not in ['v1-5.safetensors', 'sdxl.safetensors']",
                    "extra_info": [:],
                ],
                "node_errors": [
                    "1": [
                        "errors": [
                            [
                                "type": "value_not_in_list", "message": "Value not in list",
                                "details": "ckpt_name: 'missing.safetensors' not in ['v1-5.safetensors', 'sdxl.safetensors']",
                                "extra_info": [
                                    "input_name": "ckpt_name",
                                    "input_config": [["v1-5.safetensors", "sdxl.safetensors"], ["default": "v1-5.safetensors"]],
                                    "received_value": "missing.safetensors",
                                ],
                            ]
                        ],
                        "dependent_outputs": ["2"],
                        "class_type": "Loader",
                    ]
                ],
            ])
    }

    @Test("custom_validation_failed, and custom-validated inputs skip the built-in bounds")
    func customValidation() throws {
        let odd = try validate(
            #"{"1": {"class_type": "EvenOnly", "inputs": {"value": 3}}, "2": {"class_type": "Any", "inputs": {"value": ["1", 0]}}}"#)
        #expect(
            try onlyError(odd, node: "1") == [
                "type": "custom_validation_failed", "message": "Custom validation failed for node", "details": "value - 3 is odd",
                "extra_info": ["input_name": "value", "input_config": ["INT", ["default": 0, "min": 0, "max": 10]], "received_value": 3],
            ])
        // 12 is above the declared max of 10, but EvenOnly validates `value` itself.
        let large = try validate(
            #"{"1": {"class_type": "EvenOnly", "inputs": {"value": 12}}, "2": {"class_type": "Any", "inputs": {"value": ["1", 0]}}}"#)
        #expect(large.nodeErrors.isEmpty)
    }

    @Test("every error of every node at once; only root causes; valid outputs still run")
    func allErrorsAtOnce() throws {
        let outcome = try validate(
            #"""
            {"1": {"class_type": "Loader", "inputs": {"ckpt_name": "nope"}},
             "2": {"class_type": "Sampler", "inputs": {"model": ["1", 0], "steps": 0, "cfg": 500, "enabled": true, "label": "x"}},
             "3": {"class_type": "Save", "inputs": {"samples": ["2", 0]}},
             "4": {"class_type": "Number", "inputs": {"value": 5}},
             "5": {"class_type": "Any", "inputs": {"value": ["4", 0]}},
             "6": {"class_type": "Any", "inputs": {"value": ["1", 1]}}}
            """#)
        #expect(Array(outcome.nodeErrors.keys) == ["1", "2"])
        #expect(outcome.nodeErrors["1"]?.dependentOutputs == ["3", "6"])
        #expect(outcome.nodeErrors["2"]?.errors.map(\.kind.rawValue) == ["value_smaller_than_min", "value_bigger_than_max"])
        #expect(outcome.nodeErrors["2"]?.dependentOutputs == ["3"])
        #expect(outcome.error == nil)
        #expect(outcome.plan?.outputs == ["5"])
        #expect(Array(outcome.plan?.nodes.keys ?? []) == ["4", "5"])
    }

    @Test("node_errors stay in document order when a later output reaches an earlier node")
    func nodeErrorsInDocumentOrder() throws {
        let outcome = try validate(
            #"""
            {"1": {"class_type": "Number", "inputs": {"value": "x"}},
             "2": {"class_type": "Number", "inputs": {"value": "y"}},
             "3": {"class_type": "Any", "inputs": {"value": ["2", 0]}},
             "4": {"class_type": "Any", "inputs": {"value": ["1", 0]}}}
            """#)
        #expect(Array(outcome.nodeErrors.keys) == ["1", "2"])
        #expect(outcome.nodeErrors["1"]?.dependentOutputs == ["4"])
    }

    @Test("partial execution targets select outputs; non-output targets are ignored")
    func partialTargets() throws {
        let json = #"""
            {"1": {"class_type": "Number", "inputs": {"value": 5}},
             "2": {"class_type": "Any", "inputs": {"value": ["1", 0]}},
             "3": {"class_type": "Any", "inputs": {"value": "literal"}}}
            """#
        #expect(try validate(json, targets: ["3"]).plan?.outputs == ["3"])
        #expect(try validate(json, targets: ["3"]).plan?.nodes.count == 1)
        #expect(try validate(json, targets: ["1"]).error?.kind == .promptNoOutputs)
    }

    @Test("a 100,000-node chain validates without deep recursion")
    func longChain() throws {
        var nodes = [#""0": {"class_type": "Number", "inputs": {"value": 1}}"#]
        for index in 1..<100_000 {
            nodes.append(#""\#(index)": {"class_type": "Pass", "inputs": {"value": ["\#(index - 1)", 0]}}"#)
        }
        nodes.append(#""out": {"class_type": "Any", "inputs": {"value": ["99999", 0]}}"#)
        let outcome = try validate("{" + nodes.joined(separator: ",") + "}")
        #expect(outcome.nodeErrors.isEmpty)
        #expect(outcome.plan?.nodes.count == 100_001)
        #expect(outcome.plan?.nodes.keys.first == "0")
        #expect(outcome.plan?.nodes.keys.last == "out")
    }
}

/// A node with its own VALIDATE_INPUTS: `value` must be even, and it replaces the built-in bounds check.
private struct EvenOnlyNode: Node {
    let schema = NodeSchema(
        className: "EvenOnly", inputs: [.int("value", min: 0, max: 10)], outputs: [OutputSpec("INT")]
    )
    var customValidatedInputs: Set<String> { ["value"] }

    func validateInputs(_ inputs: NodeInputs) -> [InputValidationFailure] {
        guard let value = try? inputs.int("value"), value % 2 != 0 else { return [] }
        return [InputValidationFailure(inputName: "value", message: "\(value) is odd")]
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        NodeOutput(.int(try inputs.int128("value")))
    }
}
