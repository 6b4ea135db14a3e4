import Foundation
import OrderedCollections
import Testing

@testable import WeftCore

@Suite("/object_info")
struct ObjectInfoTests {
    /// The V1 node description given in comfy-api.md §3.3, as ComfyUI serves it (key order included).
    static let specExample = #"""
        {"input": {"required": {"ckpt_name": [["a.safetensors", "b.ckpt"], {"tooltip": "The name of the checkpoint (model) to load."}]},
                   "optional": {},
                   "hidden": {"prompt": "PROMPT", "extra_pnginfo": "EXTRA_PNGINFO"}},
         "input_order": {"required": ["ckpt_name"]},
         "output": ["MODEL", "CLIP", "VAE"],
         "output_is_list": [false, false, false],
         "output_name": ["MODEL", "CLIP", "VAE"],
         "name": "CheckpointLoaderSimple",
         "display_name": "Load Checkpoint",
         "description": "Loads a diffusion model checkpoint, ...",
         "python_module": "nodes",
         "category": "loaders",
         "output_node": false,
         "output_tooltips": ["The model used for denoising latents.", "...", "..."],
         "deprecated": true, "experimental": true, "api_node": false}
        """#

    /// The same node declared in Swift.
    static let declared = NodeSchema(
        className: "CheckpointLoaderSimple",
        displayName: "Load Checkpoint",
        category: "loaders",
        description: "Loads a diffusion model checkpoint, ...",
        module: "nodes",
        inputs: [
            InputSpec(
                name: "ckpt_name", type: .combo(["a.safetensors", "b.ckpt"]),
                options: ["tooltip": "The name of the checkpoint (model) to load."]
            ),
            .hidden("prompt", .prompt),
            .hidden("extra_pnginfo", .extraPNGInfo),
        ],
        outputs: [
            OutputSpec("MODEL", tooltip: "The model used for denoising latents."),
            OutputSpec("CLIP", tooltip: "..."),
            OutputSpec("VAE", tooltip: "..."),
        ],
        isDeprecated: true,
        isExperimental: true
    )

    @Test("a Swift-declared node renders §3.3's example field by field, in ComfyUI's key order")
    func fieldByField() throws {
        let info = try #require(Self.declared.objectInfo.objectValue)
        #expect(
            Array(info.keys) == [
                "input", "input_order", "output", "output_is_list", "output_name", "name", "display_name", "description",
                "python_module", "category", "output_node", "output_tooltips", "deprecated", "experimental",
            ])
        #expect(
            info["input"] == [
                "required": ["ckpt_name": [["a.safetensors", "b.ckpt"], ["tooltip": "The name of the checkpoint (model) to load."]]],
                "hidden": ["prompt": "PROMPT", "extra_pnginfo": "EXTRA_PNGINFO"],
            ])
        #expect(info["input_order"] == ["required": ["ckpt_name"], "hidden": ["prompt", "extra_pnginfo"]])
        #expect(info["output"] == ["MODEL", "CLIP", "VAE"])
        #expect(info["output_is_list"] == [false, false, false])
        #expect(info["output_name"] == ["MODEL", "CLIP", "VAE"])
        #expect(info["name"] == "CheckpointLoaderSimple")
        #expect(info["display_name"] == "Load Checkpoint")
        #expect(info["description"] == "Loads a diffusion model checkpoint, ...")
        #expect(info["python_module"] == "nodes")
        #expect(info["category"] == "loaders")
        #expect(info["output_node"] == false)
        #expect(info["output_tooltips"] == ["The model used for denoising latents.", "...", "..."])
        #expect(info["deprecated"] == true)
        #expect(info["experimental"] == true)
        // api_node is only present when true, as for ComfyUI's V1 nodes.
        #expect(info["api_node"] == nil)
    }

    @Test("defaults: display name falls back to the class, category to \"sd\", flags are omitted")
    func defaults() throws {
        let info = NodeSchema(className: "Bare", inputs: [.int("n")], outputs: [OutputSpec("INT", name: "count", isList: true)]).objectInfo
        #expect(
            info.serialized()
                == #"{"input":{"required":{"n":["INT",{"default":0}]}},"input_order":{"required":["n"]},"output":["INT"],"output_is_list":[true],"output_name":["count"],"name":"Bare","display_name":"Bare","description":"","python_module":"nodes","category":"sd","output_node":false}"#
        )
    }

    @Test("a node described as JSON at run time reads back into a schema that renders the same JSON")
    func runTimeDescriptionRoundTrips() throws {
        let described = try JSONParser().parse(Self.specExample)
        let schema = try NodeSchema(objectInfo: described)
        #expect(schema.className == "CheckpointLoaderSimple")
        #expect(schema.input(named: "prompt")?.hiddenKind == .prompt)
        // §3.3's example lists an empty "optional" section and "api_node": false; an empty section and a false
        // flag are not re-emitted, everything else comes back key for key.
        var expected = try #require(described.objectValue)
        expected["api_node"] = nil
        var sections = try #require(expected["input"]?.objectValue)
        sections["optional"] = nil
        expected["input"] = .object(sections)
        expected["input_order"] = ["required": ["ckpt_name"], "hidden": ["prompt", "extra_pnginfo"]]
        #expect(schema.objectInfo == .object(expected))
        #expect(schema == Self.declared)
    }

    @Test("malformed descriptions are rejected with the path of each bad field")
    func malformedDescriptions() throws {
        let described = try JSONParser().parse(
            #"""
            {"name": "", "input": {"required": {"x": "INT", "y": [7]}, "secret": {}}, "output": [1]}
            """#)
        #expect(throws: WorkflowError.self) { try NodeSchema(objectInfo: described) }
        do {
            _ = try NodeSchema(objectInfo: described)
        } catch {
            #expect(
                error.problems.map(\.path.description) == [
                    "$.output", "$.input.required.x", "$.input.required.y[0]", "$.input.secret", "$.name",
                ])
        }
    }

    @Test("a run-time described node validates and runs exactly like a built-in one")
    func runTimeNodeRuns() async throws {
        let described = try JSONParser().parse(
            #"""
            {"input": {"required": {"text": ["STRING", {"default": "", "multiline": true}], "times": ["INT", {"default": 1, "min": 1, "max": 5}]}},
             "input_order": {"required": ["text", "times"]},
             "output": ["STRING"], "output_is_list": [false], "output_name": ["STRING"],
             "name": "PluginRepeat", "display_name": "Repeat (plugin)", "description": "Repeats text.",
             "python_module": "custom_nodes.repeat", "category": "plugins", "output_node": false}
            """#)
        let plugin = ClosureNode(schema: try NodeSchema(objectInfo: described)) { inputs, _ in
            NodeOutput(.string(String(repeating: try inputs.string("text"), count: try inputs.int("times"))))
        }
        let catalogue = TestCatalogue()
        let registry = try catalogue.registry(extra: [plugin])
        #expect(registry.objectInfo["PluginRepeat"] == described)

        let invalid = PromptValidator(registry: registry).validate(
            try WorkflowParser().parseRequest(
                Array(
                    #"""
                    {"1": {"class_type": "PluginRepeat", "inputs": {"text": "ab", "times": 9}},
                     "2": {"class_type": "TestShow", "inputs": {"value": ["1", 0]}}}
                    """#.utf8)))
        #expect(invalid.nodeErrors["1"]?.errors.first?.message == "Value 9 bigger than max of 5")

        let plan = try makePlan(
            #"""
            {"1": {"class_type": "PluginRepeat", "inputs": {"text": "ab", "times": 3}},
             "2": {"class_type": "TestShow", "inputs": {"value": ["1", 0]}}}
            """#, registry: registry)
        let outcome = await run(plan, executor: PromptExecutor())
        #expect(outcome.outputs["2"] == ["text": ["\"ababab\""]])
    }
}
