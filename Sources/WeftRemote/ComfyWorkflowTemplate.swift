import OrderedCollections
public import WeftCore

/// An API-format ComfyUI workflow in which some string values are placeholders for the parts of a
/// `TextToImageRequest`: `{{prompt}}`, `{{negative_prompt}}` and `{{model}}` become strings; `{{seed}}`,
/// `{{width}}`, `{{height}}` and `{{count}}` become JSON numbers. Only a string that is exactly a placeholder is
/// replaced; text merely containing one is left alone.
public struct ComfyWorkflowTemplate: Sendable, Equatable {
    /// The workflow: an object of node id → `{class_type, inputs}`.
    public var workflow: JSONValue

    /// A template over `workflow`.
    public init(_ workflow: JSONValue) {
        self.workflow = workflow
    }

    /// A plain text-to-image workflow: CheckpointLoaderSimple (`ckpt_name` = the request's model), a CLIPTextEncode
    /// for each prompt, EmptyLatentImage (width, height, `batch_size` = count), KSampler (the seed, 20 steps, cfg 7,
    /// euler, normal, denoise 1), VAEDecode and SaveImage.
    public static let standard = ComfyWorkflowTemplate([
        "4": ["class_type": "CheckpointLoaderSimple", "inputs": ["ckpt_name": "{{model}}"]],
        "6": ["class_type": "CLIPTextEncode", "inputs": ["text": "{{prompt}}", "clip": ["4", 1]]],
        "7": ["class_type": "CLIPTextEncode", "inputs": ["text": "{{negative_prompt}}", "clip": ["4", 1]]],
        "5": ["class_type": "EmptyLatentImage", "inputs": ["width": "{{width}}", "height": "{{height}}", "batch_size": "{{count}}"]],
        "3": [
            "class_type": "KSampler",
            "inputs": [
                "seed": "{{seed}}", "steps": 20, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
                "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0],
            ],
        ],
        "8": ["class_type": "VAEDecode", "inputs": ["samples": ["3", 0], "vae": ["4", 2]]],
        "9": ["class_type": "SaveImage", "inputs": ["filename_prefix": "Weft", "images": ["8", 0]]],
    ])

    /// The workflow with every placeholder replaced by the request's value.
    ///
    /// - Throws: `RemoteServiceError.invalidRequest` when the workflow is not a JSON object.
    public func filled(for request: TextToImageRequest) throws(RemoteServiceError) -> JSONValue {
        guard case .object = workflow else {
            throw .invalidRequest("the workflow is a JSON \(workflow.typeName), not an API-format object of nodes")
        }
        let values: [String: JSONValue] = [
            "{{prompt}}": .string(request.prompt), "{{negative_prompt}}": .string(request.negativePrompt),
            "{{model}}": .string(request.model), "{{seed}}": .integer(Int128(request.seed)),
            "{{width}}": .integer(Int128(request.width)), "{{height}}": .integer(Int128(request.height)),
            "{{count}}": .integer(Int128(request.count)),
        ]
        return Self.substitute(workflow, values)
    }

    private static func substitute(_ value: JSONValue, _ values: [String: JSONValue]) -> JSONValue {
        switch value {
        case .string(let text): values[text] ?? value
        case .array(let elements): .array(elements.map { substitute($0, values) })
        case .object(let members): .object(members.mapValues { substitute($0, values) })
        case .null, .bool, .integer, .double: value
        }
    }
}
