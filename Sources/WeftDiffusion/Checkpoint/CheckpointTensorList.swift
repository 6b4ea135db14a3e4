/// Collects the tensors of one checkpoint component under a key prefix, with shorthands for the parameterised
/// modules (normalisations, convolutions, linear layers) that make up every component.
struct CheckpointTensorList {
    /// The prefix put before every key, e.g. `first_stage_model.`.
    let prefix: String
    /// The tensors added so far, in the order they were added.
    private(set) var specs: [CheckpointTensorSpec] = []

    /// An empty list whose keys will start with `prefix`.
    init(prefix: String) {
        self.prefix = prefix
    }

    /// Adds the tensor `prefix + key` of `shape`.
    mutating func add(_ key: String, _ shape: [Int]) {
        specs.append(CheckpointTensorSpec(key: prefix + key, shape: shape))
    }

    /// Adds a normalisation's per-channel scale and shift: `module.weight` and `module.bias`, both `[channels]`.
    mutating func normalization(_ module: String, channels: Int) {
        add("\(module).weight", [channels])
        add("\(module).bias", [channels])
    }

    /// Adds a square-kernel convolution's `module.weight` `[output, input, kernel, kernel]` and `module.bias`.
    mutating func convolution(_ module: String, input: Int, output: Int, kernel: Int) {
        add("\(module).weight", [output, input, kernel, kernel])
        add("\(module).bias", [output])
    }

    /// Adds a linear layer's `module.weight` `[output, input]` and, when `bias` is true, `module.bias`.
    mutating func linear(_ module: String, input: Int, output: Int, bias: Bool = true) {
        add("\(module).weight", [output, input])
        if bias { add("\(module).bias", [output]) }
    }

    /// The tensors sorted by key, the order in which an LDM checkpoint lists each component's tensors.
    var sortedByKey: [CheckpointTensorSpec] { specs.sorted { $0.key < $1.key } }
}
