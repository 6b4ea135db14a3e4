public import WeftCore

/// A model loader node (CheckpointLoaderSimple, VAELoader, CLIPLoader, UNETLoader): one combo listing the model
/// files of a kind under models/, loading through the shared `DiffusionModelCache`, and the file's identity as the
/// cache fingerprint so a replaced or rewritten file loads again. What differs between the loaders is their
/// `Descriptor`; the catalogue is in `ModelLoaderNode+Catalogue.swift`.
public struct ModelLoaderNode: Node {
    /// What one loader is: its ComfyUI names, the model input, any extra inputs, its outputs and how it loads.
    struct Descriptor: Sendable {
        /// ComfyUI's class name.
        var className: String
        /// ComfyUI's display name.
        var displayName: String
        /// ComfyUI's category.
        var category: String
        /// The combo input naming the file.
        var fileInput: String
        /// Where the files of this kind live.
        var kind: ModelFiles.Kind
        /// Inputs after the file combo (accepted for compatibility).
        var extraInputs: [InputSpec] = []
        /// The output types.
        var outputs: [String]
        /// Loads the named file (or reuses its live parts) and returns one value per output.
        var load: @Sendable (_ name: String, _ cache: DiffusionModelCache, _ context: NodeContext) async throws -> [Value]
    }

    private let descriptor: Descriptor
    private let directories: DataDirectories?
    private let cache: DiffusionModelCache

    /// The loader `descriptor` describes, listing the files under `directories` (nil: none listed) and sharing models
    /// through `cache`.
    init(_ descriptor: Descriptor, directories: DataDirectories?, cache: DiffusionModelCache) {
        self.descriptor = descriptor
        self.directories = directories
        self.cache = cache
    }

    /// The file combo (listed now, so new files appear without a restart), the extra inputs, and the outputs.
    public var schema: NodeSchema {
        NodeSchema(
            className: descriptor.className,
            displayName: descriptor.displayName,
            category: descriptor.category,
            inputs: [ModelFiles.comboInput(named: descriptor.fileInput, kind: descriptor.kind, directories: directories)]
                + descriptor.extraInputs,
            outputs: descriptor.outputs.map { OutputSpec($0) }
        )
    }

    /// Loads (or reuses) the model.
    public func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeOutput {
        NodeOutput(slots: try await descriptor.load(try inputs.string(descriptor.fileInput), cache, context).map { [$0] })
    }

    /// The file's identity (device, inode, size, modification time).
    public func fingerprint(_ inputs: NodeInputs, context: NodeContext) async throws -> Fingerprint? {
        try ModelLoading.fingerprint(
            try inputs.string(descriptor.fileInput), kind: descriptor.kind, input: descriptor.fileInput, context: context)
    }
}
