import OrderedCollections
import Testing
import WeftCore
import WeftNodes
import WeftRemote

@Suite struct BuiltinNodesTests {
    @Test func registryHoldsEveryBuiltinNodeInOrder() throws {
        let registry = try BuiltinNodes.registry()
        #expect(
            Array(registry.nodes.keys) == [
                "PrimitiveInt", "PrimitiveFloat", "PrimitiveString", "PrimitiveStringMultiline", "PrimitiveBoolean",
                "StringConcatenate", "ComfySwitchNode", "IntMath", "FloatMath", "PreviewAny", "SaveText", "Delay",
                "LoadImage", "LoadImageMask", "SaveImage", "PreviewImage", "ImageScale", "ImageScaleBy", "ImageScaleToTotalPixels",
                "ImageInvert", "ImageBatch", "ImageCrop", "ImagePadForOutpaint", "EmptyImage", "ImageCompositeMasked", "SolidMask",
                "InvertMask", "MaskToImage", "ImageToMask", "CheckpointLoaderSimple", "VAELoader", "CLIPLoader", "UNETLoader",
                "CLIPTextEncode", "CLIPSetLastLayer", "ConditioningCombine", "ConditioningZeroOut", "ConditioningSetArea",
                "EmptyLatentImage", "LatentUpscale", "LatentUpscaleBy", "SetLatentNoiseMask", "KSampler", "KSamplerAdvanced",
                "VAEDecode", "VAEEncode", "VAEDecodeTiled", "VAEEncodeTiled", "VAEEncodeForInpaint", "LLMChat", "LLMPromptEnhancer",
                "RemoteTextToImage", "LoadImageFromURL",
            ])
        #expect(registry["RemoteTextToImage"]?.schema.isAPINode == true)
        #expect(registry["LLMChat"]?.schema.input(named: "api_key_name")?.holdsSecretName == true)
        #expect(registry["KSampler"]?.schema.category == "sampling")
        #expect(registry["ComfySwitchNode"]?.schema.displayName == "Switch")
    }

    @Test(
        arguments: (BuiltinNodes.utility() + BuiltinNodes.diffusion(directories: nil, cache: DiffusionModelCache())
            + BuiltinNodes.remote(services: RemoteNodeServices(secrets: SecretStore(environment: [:])))).map(\.schema))
    func objectInfoRenders(schema: NodeSchema) throws {
        let info = schema.objectInfo
        #expect(info["name"] == .string(schema.className))
        #expect(info["display_name"] == schema.displayName.map(JSONValue.string))
        #expect(info["python_module"] == .string(schema.module))
        #expect(info["output_node"] == .bool(schema.isOutputNode))
        let required = try #require(info["input"]?["required"]?.objectValue)
        #expect(Array(required.keys) == schema.inputs.filter { $0.section == .required }.map(\.name))
        #expect(info["output"]?.arrayValue?.count == schema.outputs.count)
        #expect(!info.serialized().isEmpty)
    }

    @Test func primitiveIntRendersLikeComfyUI() {
        let info = PrimitiveNode.int.schema.objectInfo
        #expect(
            info["input"]?["required"]?["value"] == [
                "INT", ["default": 0, "min": -9_223_372_036_854_775_807, "max": 9_223_372_036_854_775_807, "control_after_generate": true],
            ])
        #expect(info["category"] == "utils/primitive")
        #expect(info["output"] == ["INT"])
    }

    @Test func switchRendersLazySockets() {
        let info = ComfySwitchNode().schema.objectInfo
        #expect(info["input"]?["required"]?["on_true"] == ["*", ["lazy": true]])
        #expect(info["output_name"] == ["output"])
        #expect(info["python_module"] == "comfy_extras.nodes_logic")
    }
}
