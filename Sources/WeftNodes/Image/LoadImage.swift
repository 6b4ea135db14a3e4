import Foundation
import OrderedCollections
public import WeftCore
import WeftImage
import WeftTensor

/// `LoadImage` ("Load Image"): reads an image from input/ (or the folder its ` [output]`/` [temp]` annotation
/// names) as IMAGE `[1, H, W, 3]` and its alpha channel as MASK `[1, H, W]` (`1 - alpha`, so transparent = 1; a
/// 64 × 64 zero mask when the image has no alpha, as ComfyUI returns). EXIF orientation is applied. The cache
/// fingerprint is the file's SHA-256, so replacing the file reloads it.
public struct LoadImage: Node {
    private let settings: ImageNodeSettings

    /// The node; `settings.directories` gives the input folder its combo lists.
    public init(settings: ImageNodeSettings = ImageNodeSettings()) {
        self.settings = settings
    }

    /// `image`: a combo of the image files in input/ with the upload button; outputs IMAGE and MASK.
    public var schema: NodeSchema {
        NodeSchema(
            className: "LoadImage",
            displayName: "Load Image",
            category: "image",
            inputs: [InputImageFiles.comboInput(named: "image", folder: settings.directories?.input)],
            outputs: [OutputSpec("IMAGE"), OutputSpec("MASK")]
        )
    }

    /// Loads, orients and converts the image.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        let name = try inputs.string("image")
        let url = try InputImageFiles.locate(name, input: "image", directories: context.directories)
        let (image, mask) = try await TensorCompute.run { () throws -> (Tensor, Tensor) in
            let raster = try InputImageFiles.load(url, name: name, input: "image")
            return InputImageFiles.imageAndMask(of: raster)
        }
        return NodeOutput(.image(image), .mask(mask))
    }

    /// The file's SHA-256.
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try InputImageFiles.fingerprint(of: inputs, input: "image", directories: context.directories)
    }

    /// The name is checked by ``validateInputs(_:)`` instead of the combo, so subfolders and annotated names work.
    public var customValidatedInputs: Set<String> { ["image"] }

    /// The name must stay inside its folder and, where the input folder is known, name an existing file.
    public func validateInputs(_ inputs: NodeInputs) -> [InputValidationFailure] {
        InputImageFiles.validate(inputs, input: "image", settings: settings)
    }
}
