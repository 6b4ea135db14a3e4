import Foundation
import OrderedCollections
public import WeftCore
import WeftImage
import WeftTensor

/// `LoadImageMask` ("Load Image (as Mask)"): reads one channel of an image from input/ as MASK `[1, H, W]`:
/// `value / 255` for red, green or blue, `1 - alpha / 255` for alpha (an image without alpha is opaque: mask 0).
public struct LoadImageMask: Node {
    private let settings: ImageNodeSettings

    /// The node; `settings.directories` gives the input folder its combo lists.
    public init(settings: ImageNodeSettings = ImageNodeSettings()) {
        self.settings = settings
    }

    /// `image` (files in input/, with upload) and `channel`; outputs MASK.
    public var schema: NodeSchema {
        NodeSchema(
            className: "LoadImageMask",
            displayName: "Load Image (as Mask)",
            category: "mask",
            inputs: [
                InputImageFiles.comboInput(named: "image", folder: settings.directories?.input),
                .combo("channel", ColorChannel.allCases.map(\.rawValue)),
            ],
            outputs: [OutputSpec("MASK")]
        )
    }

    /// Loads the image and takes the channel.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let name = try inputs.string("image")
        let channelName = try inputs.string("channel")
        guard let channel = ColorChannel(rawValue: channelName) else {
            throw ImageNodeError.invalidSize("channel '\(channelName)' is not alpha, red, green or blue")
        }
        let url = try InputImageFiles.locate(name, input: "image", directories: context.directories)
        let mask = try await TensorCompute.run { () throws -> Tensor in
            ImageTensors.mask(from: try InputImageFiles.load(url, name: name, input: "image"), channel: channel)
        }
        return NodeOutput(.mask(mask))
    }

    /// The file's SHA-256.
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try InputImageFiles.fingerprint(of: inputs, input: "image", directories: context.directories)
    }

    /// The name is checked by ``validateInputs(_:)`` instead of the combo.
    public var customValidatedInputs: Set<String> { ["image"] }

    /// The name must stay inside its folder and, where the input folder is known, name an existing file.
    public func validateInputs(_ inputs: NodeInputs) -> [InputValidationFailure] {
        InputImageFiles.validate(inputs, input: "image", settings: settings)
    }
}
