import OrderedCollections
import Testing

@testable import WeftCore

/// The example prompt from the ComfyUI API spec (§1.1), plus a negative prompt node so every link resolves.
let sampleAPIPrompt = #"""
    {"4": {"inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}, "class_type": "CheckpointLoaderSimple", "_meta": {"title": "Load Checkpoint"}},
     "6": {"inputs": {"text": "a cat", "clip": ["4", 1]}, "class_type": "CLIPTextEncode", "_meta": {"title": "CLIP Text Encode (Prompt)"}},
     "7": {"inputs": {"text": "blurry", "clip": ["4", 1]}, "class_type": "CLIPTextEncode"},
     "5": {"inputs": {"width": 512, "height": 512, "batch_size": 1}, "class_type": "EmptyLatentImage"},
     "3": {"inputs": {"seed": 156680208700286, "steps": 20, "cfg": 8.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
                      "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}, "class_type": "KSampler"},
     "8": {"inputs": {"samples": ["3", 0], "vae": ["4", 2]}, "class_type": "VAEDecode"},
     "9": {"inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}, "class_type": "SaveImage"}}
    """#

@Suite("Workflow parser")
struct WorkflowParserTests {
    // MARK: accepted shapes

    @Test func bareAPIPrompt() throws {
        let request = try parseRequest(sampleAPIPrompt)
        let workflow = request.workflow
        #expect(Array(workflow.nodes.keys) == ["4", "6", "7", "5", "3", "8", "9"])
        #expect(request.extraData.isEmpty)
        #expect(request.clientID == nil)
        #expect(request.promptID == nil)
        #expect(request.number == nil)
        #expect(request.front == false)
        #expect(request.partialExecutionTargets == nil)

        let sampler = try #require(workflow.nodes["3"])
        #expect(sampler.id == "3")
        #expect(sampler.classType == "KSampler")
        #expect(
            Array(sampler.inputs.keys) == [
                "seed", "steps", "cfg", "sampler_name", "scheduler", "denoise", "model", "positive", "negative", "latent_image",
            ])
        #expect(sampler.inputs["seed"] == .literal(.integer(156_680_208_700_286)))
        #expect(sampler.inputs["cfg"] == .literal(.double(8.0)))
        #expect(sampler.inputs["sampler_name"] == .literal("euler"))
        #expect(sampler.inputs["model"] == .link("4", 0))
        #expect(sampler.inputs["latent_image"] == .link("5", 0))
        #expect(sampler.meta == nil)
        #expect(sampler.title == nil)
        #expect(workflow.nodes["4"]?.title == "Load Checkpoint")
        #expect(workflow.nodes["4"]?.meta == ["title": "Load Checkpoint"])
        #expect(workflow.nodes["8"]?.inputs["vae"] == .link("4", 2))
    }

    @Test func envelope() throws {
        let text = """
            {"prompt": \(sampleAPIPrompt),
             "extra_data": {"extra_pnginfo": {"workflow": {"nodes": [], "links": []}}, "api_key_comfy_org": "k"},
             "client_id": "8b0c2f0e", "prompt_id": "my-id", "number": 12, "front": true,
             "partial_execution_targets": ["9", "8"]}
            """
        let request = try parseRequest(text)
        #expect(request.workflow.nodes.count == 7)
        #expect(request.workflow == (try parseRequest(sampleAPIPrompt)).workflow)
        #expect(Array(request.extraData.keys) == ["extra_pnginfo", "api_key_comfy_org", "client_id"])
        #expect(request.extraData["client_id"] == "8b0c2f0e")
        #expect(request.extraData["extra_pnginfo"] == ["workflow": ["nodes": [], "links": []]])
        #expect(request.clientID == "8b0c2f0e")
        #expect(request.promptID == "my-id")
        #expect(request.number == 12)
        #expect(request.front == true)
        #expect(request.partialExecutionTargets == ["9", "8"])
    }

    @Test func envelopeWithOptionalFieldsAbsentOrNull() throws {
        let minimal = try parseRequest(#"{"prompt": {}}"#)
        #expect(minimal.workflow.nodes.isEmpty)
        #expect(minimal.extraData.isEmpty)
        #expect(minimal.clientID == nil)

        let nulls = try parseRequest(
            #"{"prompt": {"1": {"class_type": "A"}}, "extra_data": null, "client_id": null, "prompt_id": null, "number": null, "front": null, "partial_execution_targets": null}"#
        )
        #expect(Array(nulls.workflow.nodes.keys) == ["1"])
        #expect(nulls.extraData.isEmpty)
        #expect(nulls.clientID == nil && nulls.promptID == nil && nulls.number == nil && nulls.front == false)
        #expect(nulls.partialExecutionTargets == nil)

        let numeric = try parseRequest(#"{"prompt": {}, "prompt_id": 7, "number": -1.5, "partial_execution_targets": []}"#)
        #expect(numeric.promptID == "7")
        #expect(numeric.number == -1.5)
        #expect(numeric.partialExecutionTargets == [])
        // extra_data is kept as given, and client_id is copied into it (overwriting a stale one).
        let copied = try parseRequest(#"{"prompt": {}, "extra_data": {"client_id": "old", "x": 1}, "client_id": "new"}"#)
        #expect(copied.extraData == ["client_id": "new", "x": 1])
    }

    @Test func envelopeFieldErrors() {
        let error = workflowError(
            #"{"prompt": {"1": {"class_type": 5}}, "extra_data": "x", "client_id": 3, "prompt_id": [1], "number": "1", "front": "yes", "partial_execution_targets": ["9", 4, null]}"#
        )
        #expect(
            problemLines(error) == [
                #"$.prompt["1"].class_type: expected a string, found number"#,
                "$.extra_data: expected an object, found string",
                "$.client_id: expected a string, found number",
                "$.prompt_id: expected a string, found array",
                #"$.number: expected a finite number, found "1""#,
                "$.front: expected a boolean, found string",
                "$.partial_execution_targets[1]: expected a node id string, found number",
                "$.partial_execution_targets[2]: expected a node id string, found null",
            ])
        #expect(problemLines(workflowError(#"{"prompt": {}, "number": NaN}"#)) == ["$.number: expected a finite number, found NaN"])
        #expect(problemLines(workflowError(#"{"prompt": {}, "number": -Infinity}"#)) == ["$.number: expected a finite number, found -Infinity"])
        #expect(
            problemLines(workflowError(#"{"prompt": {}, "partial_execution_targets": "9"}"#)) == [
                "$.partial_execution_targets: expected an array of node ids, found string"
            ])
        #expect(problemLines(workflowError(#"{"prompt": [1, 2]}"#)) == ["$.prompt: expected a JSON object of nodes, found array"])
        #expect(problemLines(workflowError(#"{"prompt": "3"}"#)) == ["$.prompt: expected a JSON object of nodes, found string"])
    }

    @Test func nodeNamedPromptInBarePromptIsStillBare() throws {
        let request = try parseRequest(
            #"{"prompt": {"class_type": "CLIPTextEncode", "inputs": {"text": "hi"}}, "2": {"class_type": "Show", "inputs": {"v": ["prompt", 0]}}}"#
        )
        #expect(Array(request.workflow.nodes.keys) == ["prompt", "2"])
        #expect(request.workflow.nodes["prompt"]?.classType == "CLIPTextEncode")
        #expect(request.workflow.nodes["2"]?.inputs["v"] == .link("prompt", 0))
        #expect(request.extraData.isEmpty)
        // Its problems are reported as a node's, not as an envelope's.
        #expect(
            problemLines(workflowError(#"{"prompt": {"class_type": "A", "inputs": 3}}"#)) == [#"$.prompt.inputs: expected an object, found number"#])
    }

    @Test func envelopeWhosePromptHasANodeNamedClassType() throws {
        let request = try parseRequest(
            #"{"prompt": {"class_type": {"class_type": "A", "inputs": {}}, "2": {"class_type": "B", "inputs": {"x": ["class_type", 0]}}}, "client_id": "c"}"#
        )
        #expect(Array(request.workflow.nodes.keys) == ["class_type", "2"])
        #expect(request.workflow.nodes["class_type"]?.classType == "A")
        #expect(request.workflow.nodes["2"]?.inputs["x"] == .link("class_type", 0))
        #expect(request.clientID == "c")
    }

    @Test func duplicateNodeIDsKeepFirstPositionAndLastBody() throws {
        let workflow = try parseRequest(
            #"{"1": {"class_type": "Old"}, "2": {"class_type": "B", "inputs": {"x": ["1", 0]}}, "1": {"class_type": "New", "inputs": {"v": 3}}}"#
        ).workflow
        #expect(Array(workflow.nodes.keys) == ["1", "2"])
        #expect(workflow.nodes["1"]?.classType == "New")
        #expect(workflow.nodes["1"]?.inputs["v"] == .literal(3))
    }

    // MARK: inputs

    @Test func links() throws {
        let workflow = try parseRequest(
            #"{"1": {"class_type": "A"}, "2": {"class_type": "B", "inputs": {"a": ["1", 0], "b": ["1", 1.0], "c": ["1", 3], "d": ["1", -0.0], "e": ["1", 2147483647]}}}"#
        ).workflow
        let inputs = try #require(workflow.nodes["2"]?.inputs)
        #expect(inputs["a"] == .link("1", 0))
        #expect(inputs["b"] == .link("1", 1))
        #expect(inputs["c"] == .link("1", 3))
        #expect(inputs["d"] == .link("1", 0))
        #expect(inputs["e"] == .link("1", 2_147_483_647))
        #expect(workflow.nodes["1"]?.inputs.isEmpty == true)
    }

    @Test func wrappedValuesAreUnwrapped() throws {
        let workflow = try parseRequest(
            #"{"1": {"class_type": "A", "inputs": {"list": {"__value__": [1, "two", [3]]}, "curve": {"__type__": "CURVE", "__value__": [[0, 0], [1, 1]]}, "scalar": {"__value__": 5}, "object": {"k": [1, 2]}, "link": {"__value__": ["1", 0]}}}}"#
        ).workflow
        let inputs = try #require(workflow.nodes["1"]?.inputs)
        #expect(inputs["list"] == .literal([1, "two", [3]]))
        #expect(inputs["curve"] == .literal([[0, 0], [1, 1]]))
        #expect(inputs["scalar"] == .literal(5))
        #expect(inputs["object"] == .literal(["k": [1, 2]]))
        // A wrapped array that looks like a link is a literal, not a link.
        #expect(inputs["link"] == .literal(["1", 0]))
    }

    @Test func literalsOfEveryKind() throws {
        let node = try #require(
            try parseRequest(
                #"{"1": {"class_type": "A", "inputs": {"n": null, "b": false, "i": -3, "d": 0.5, "s": "", "o": {}}}}"#
            ).workflow.nodes["1"])
        #expect(Array(node.inputs.values) == [.literal(nil), .literal(false), .literal(-3), .literal(0.5), .literal(""), .literal([:])])
    }

    @Test func malformedLinksAreKeptForValidation() throws {
        let workflow = try parseRequest(
            #"{"1": {"class_type": "A", "inputs": {"three": ["1", 0, 0], "numeric": [1, 0], "empty": [], "one": ["1"], "nested": [["1"], 0], "missing": ["nope", 0, 1], "nulls": [null, null]}}}"#
        ).workflow
        let inputs = try #require(workflow.nodes["1"]?.inputs)
        #expect(inputs["three"] == .malformedLink(["1", 0, 0]))
        #expect(inputs["numeric"] == .malformedLink([1, 0]))
        #expect(inputs["empty"] == .malformedLink([]))
        #expect(inputs["one"] == .malformedLink(["1"]))
        #expect(inputs["nested"] == .malformedLink([["1"], 0]))
        #expect(inputs["missing"] == .malformedLink(["nope", 0, 1]))
        #expect(inputs["nulls"] == .malformedLink([nil, nil]))
        #expect(inputs.count == 7)
    }

    @Test func nullOrMissingInputsAreEmpty() throws {
        let workflow = try parseRequest(#"{"1": {"class_type": "A", "inputs": null}, "2": {"class_type": "B", "_meta": {"title": 3}}}"#).workflow
        #expect(workflow.nodes["1"]?.inputs.isEmpty == true)
        #expect(workflow.nodes["2"]?.inputs.isEmpty == true)
        #expect(workflow.nodes["2"]?.meta == ["title": 3])
        #expect(workflow.nodes["2"]?.title == nil)
    }

    // MARK: errors

    @Test func topLevelMustBeAnObject() {
        #expect(problemLines(workflowError("[1]")) == ["$: expected a JSON object of nodes, found array"])
        #expect(problemLines(workflowError("42")) == ["$: expected a JSON object of nodes, found number"])
        #expect(problemLines(workflowError("null")) == ["$: expected a JSON object of nodes, found null"])
        #expect(problemLines(workflowError(#""x""#)) == ["$: expected a JSON object of nodes, found string"])
        #expect(throws: WorkflowError.self) { try WorkflowParser().parseWorkflow(.bool(true), at: JSONPath([.key("p")])) }
        #expect(problemLines(workflowError("{\n\"1\": }")) == ["$: invalid JSON at line 2, column 6: unexpected character '}'"])
    }

    @Test func nodeShapeErrors() {
        #expect(problemLines(workflowError(#"{"3": 5}"#)) == [#"$["3"]: expected a node object, found number"#])
        #expect(problemLines(workflowError(#"{"3": [1]}"#)) == [#"$["3"]: expected a node object, found array"#])
        #expect(problemLines(workflowError(#"{"3": {"inputs": {}}}"#)) == [#"$["3"]: node is missing the class_type property"#])
        #expect(problemLines(workflowError(#"{"3": {"class_type": 5}}"#)) == [#"$["3"].class_type: expected a string, found number"#])
        #expect(problemLines(workflowError(#"{"3": {"class_type": null}}"#)) == [#"$["3"].class_type: expected a string, found null"#])
        #expect(problemLines(workflowError(#"{"3": {"class_type": "A", "inputs": []}}"#)) == [#"$["3"].inputs: expected an object, found array"#])
        #expect(problemLines(workflowError(#"{"3": {"class_type": "A", "inputs": "x"}}"#)) == [#"$["3"].inputs: expected an object, found string"#])
        #expect(
            problemLines(workflowError(#"{"node_a": {"class_type": "A", "inputs": 1}}"#)) == ["$.node_a.inputs: expected an object, found number"])
    }

    @Test(arguments: [
        ("-1", "-1"), ("0.5", "0.5"), ("-2.0", "-2.0"), (#""0""#, #""0""#), ("NaN", "NaN"), ("1e300", "1e+300"),
        ("99999999999999999999", "99999999999999999999"), ("null", "null"),
    ])
    func badOutputIndexes(literal: String, shown: String) {
        let text = #"{"1": {"class_type": "A"}, "3": {"class_type": "K", "inputs": {"model": ["1", "# + literal + "]}}}"
        #expect(problemLines(workflowError(text)) == [#"$["3"].inputs.model[1]: bad output index "# + shown + ": expected a whole number ≥ 0"])
    }

    @Test func linkErrors() {
        let base = #""1": {"class_type": "A"}, "3": {"class_type": "K", "inputs": {"model": "#
        #expect(
            problemLines(workflowError("{" + base + #"["9", 0]}}}"#)) == [#"$["3"].inputs.model: links to node '9', which is not in the workflow"#])
        // A link to a node that is present but malformed is reported once, on that node.
        #expect(
            problemLines(workflowError(#"{"1": {"inputs": {}}, "3": {"class_type": "K", "inputs": {"model": ["1", 0]}}}"#)) == [
                #"$["1"]: node is missing the class_type property"#
            ])
    }

    @Test func cycles() {
        // Self loop.
        #expect(problemLines(workflowError(#"{"5": {"class_type": "A", "inputs": {"x": ["5", 0]}}}"#)) == [#"$["5"]: links form a cycle: 5 → 5"#])
        // Two nodes; "2" feeds "1" feeds "2".
        #expect(
            problemLines(
                workflowError(#"{"1": {"class_type": "A", "inputs": {"x": ["2", 0]}}, "2": {"class_type": "A", "inputs": {"x": ["1", 0]}}}"#))
                == [#"$["2"]: links form a cycle: 2 → 1 → 2"#])
        // A consumer of the cycle listed first is not part of the cycle.
        let tail =
            #"{"3": {"class_type": "A", "inputs": {"x": ["2", 0]}}, "1": {"class_type": "A", "inputs": {"x": ["2", 0]}}, "2": {"class_type": "A", "inputs": {"x": ["1", 0]}}}"#
        #expect(problemLines(workflowError(tail)) == [#"$["1"]: links form a cycle: 1 → 2 → 1"#])
        // A longer cycle behind an acyclic prefix, inside an envelope.
        let long =
            #"{"prompt": {"0": {"class_type": "S"}, "a": {"class_type": "A", "inputs": {"s": ["0", 0], "x": ["c", 0]}}, "b": {"class_type": "A", "inputs": {"x": ["a", 0]}}, "c": {"class_type": "A", "inputs": {"x": ["b", 0]}}}}"#
        #expect(problemLines(workflowError(long)) == [#"$.prompt.b: links form a cycle: b → c → a → b"#])
        // A diamond is not a cycle.
        #expect(
            workflowError(
                #"{"a": {"class_type": "A"}, "b": {"class_type": "B", "inputs": {"x": ["a", 0]}}, "c": {"class_type": "C", "inputs": {"x": ["a", 1]}}, "d": {"class_type": "D", "inputs": {"x": ["b", 0], "y": ["c", 0], "z": ["a", 0]}}}"#
            ) == nil)
    }

    @Test func reportsSeveralProblemsAtOnce() {
        let text = #"""
            {"1": 5,
             "2": {},
             "3": {"class_type": "X", "inputs": {"a": ["9", 0], "b": ["4", -1], "c": ["4", 0]}},
             "4": {"class_type": true},
             "5": {"class_type": "Y", "inputs": [1]},
             "6": {"class_type": "Z", "inputs": {"x": ["gone", 2]}}}
            """#
        let error = workflowError(text)
        #expect(
            problemLines(error) == [
                #"$["1"]: expected a node object, found number"#,
                #"$["2"]: node is missing the class_type property"#,
                #"$["3"].inputs.b[1]: bad output index -1: expected a whole number ≥ 0"#,
                #"$["4"].class_type: expected a string, found boolean"#,
                #"$["5"].inputs: expected an object, found array"#,
                #"$["3"].inputs.a: links to node '9', which is not in the workflow"#,
                #"$["6"].inputs.x: links to node 'gone', which is not in the workflow"#,
            ])
        #expect(error?.description == problemLines(error).joined(separator: "\n"))
        #expect(error?.problems.first?.path == JSONPath([.key("1")]))
    }

    @Test func uiFormatGetsAClearMessage() {
        let ui =
            #"{"last_node_id": 9, "last_link_id": 9, "nodes": [{"id": 4, "type": "CheckpointLoaderSimple"}], "links": [[1, 4, 0, 3, 0, "MODEL"]], "version": 0.4}"#
        let message =
            "this is a UI-format workflow (it has 'nodes' and 'links' arrays); export it in API format (\"Export (API)\" in ComfyUI) and run that"
        #expect(problemLines(workflowError(ui)) == ["$: " + message])
        #expect(problemLines(workflowError(#"{"prompt": "# + ui + "}")) == ["$.prompt: " + message])
        // Nodes that happen to be called "nodes" and "links" are fine.
        #expect(workflowError(#"{"nodes": {"class_type": "A"}, "links": {"class_type": "B", "inputs": {"x": ["nodes", 0]}}}"#) == nil)
    }

    // MARK: serialisation

    @Test func workflowJSONReproducesTheAPIDocument() throws {
        let original = try parseJSON(sampleAPIPrompt)
        let workflow = try parseRequest(sampleAPIPrompt).workflow
        #expect(workflow.json == original)
        #expect(workflow.json.serialized(style: .python) == original.serialized(style: .python))
        #expect(try WorkflowParser().parseRequest(workflow.json).workflow == workflow)
    }

    @Test func workflowJSONRewrapsArrays() throws {
        let text =
            #"{"1": {"class_type": "A", "inputs": {"list": {"__value__": [1, 2]}, "bad": [1, 0], "idx": ["2", 1.0], "curve": {"__type__": "CURVE", "__value__": [0]}, "nested": {"__value__": {"__value__": 3}}}}, "2": {"class_type": "B"}}"#
        let workflow = try parseRequest(text).workflow
        #expect(
            workflow.json.serialized()
                == #"{"1":{"inputs":{"list":{"__value__":[1,2]},"bad":[1,0],"idx":["2",1],"curve":{"__value__":[0]},"nested":{"__value__":{"__value__":3}}},"class_type":"A"},"2":{"inputs":{},"class_type":"B"}}"#
        )
        #expect(workflow.nodes["1"]?.inputs["nested"] == .literal(["__value__": 3]))
        // Parsing the serialised form gives the same workflow back.
        #expect(try WorkflowParser().parseRequest(workflow.json).workflow == workflow)
        #expect(InputValue.literal([1]).json == ["__value__": [1]])
        #expect(InputValue.literal("x").json == "x")
        #expect(InputValue.link("7", 2).json == ["7", 2])
        #expect(InputValue.malformedLink(["7"]).json == ["7"])
    }

    @Test func jsonPathDescriptions() {
        #expect(JSONPath().description == "$")
        #expect(JSONPath().appending("3").appending("inputs").appending("model").description == #"$["3"].inputs.model"#)
        #expect(JSONPath().appending("a b").appending(index: 2).appending("_x9").description == #"$["a b"][2]._x9"#)
        #expect(JSONPath().appending("").appending("q\"\\").description == #"$[""]["q\"\\"]"#)
        #expect(JSONPath().appending("9a").appending("é").description == #"$["9a"]["é"]"#)
    }
}
