public import WeftTensor

/// The weights of one model component (a UNet, a text encoder, a VAE) as Float32 tensors by key, with the key prefix
/// the checkpoint stores them under already removed.
///
/// Modules read their parameters through a scope: `weights.scoped("input_blocks.1.0.")` shares the same storage and
/// prepends the prefix to every key it is asked for, so a block's code names its own parameters (`in_layers.0.weight`)
/// while errors still report the full key.
public struct ModelWeights: Sendable {
    /// The component's name used in errors, e.g. `unet`.
    public let component: String
    /// The prefix this scope adds to every key.
    public let prefix: String
    /// Every tensor of the component, keyed without the checkpoint prefix.
    private let tensors: [String: Tensor]

    /// Weights of `component` from an explicit key → tensor map.
    public init(component: String, tensors: [String: Tensor]) {
        self.component = component
        self.prefix = ""
        self.tensors = tensors
    }

    private init(component: String, prefix: String, tensors: [String: Tensor]) {
        self.component = component
        self.prefix = prefix
        self.tensors = tensors
    }

    /// Reads every tensor of `file` whose key starts with `keyPrefix`, converting F16, BF16 and F32 to Float32, and
    /// keys it without the prefix. Each tensor's file pages are released once converted, so loading holds little more
    /// than the converted weights.
    /// - Throws: `ModelWeightsError` naming the key when a tensor cannot be read, or when no key has the prefix.
    public static func load(from file: SafetensorsFile, keyPrefix: String, component: String) throws(ModelWeightsError)
        -> ModelWeights
    {
        var tensors: [String: Tensor] = [:]
        for name in file.names where name.hasPrefix(keyPrefix) {
            do {
                let info = try file.info(name)
                tensors[String(name.dropFirst(keyPrefix.count))] = try Tensor(shape: info.shape, values: file.floats(name))
                file.releasePages(of: name)
            } catch {
                throw ModelWeightsError(component: component, key: name, message: "cannot be read: \(error)")
            }
        }
        guard !tensors.isEmpty else {
            throw ModelWeightsError(
                component: component, key: "", message: "\(file.path) has no tensors under '\(keyPrefix)'")
        }
        return ModelWeights(component: component, prefix: "", tensors: tensors)
    }

    /// A view of the same weights whose keys all start with this scope's prefix followed by `prefix`.
    public func scoped(_ prefix: String) -> ModelWeights {
        ModelWeights(component: component, prefix: self.prefix + prefix, tensors: tensors)
    }

    /// Whether the tensor `key` (within this scope) exists.
    public func contains(_ key: String) -> Bool {
        tensors[prefix + key] != nil
    }

    /// The tensor `key` within this scope.
    /// - Throws: `ModelWeightsError` naming the full key when it is missing, or when `shape` is given and differs.
    public func tensor(_ key: String, shape: [Int]? = nil) throws(ModelWeightsError) -> Tensor {
        let fullKey = prefix + key
        guard let tensor = tensors[fullKey] else {
            throw ModelWeightsError(component: component, key: fullKey, message: "missing from the checkpoint")
        }
        if let shape, tensor.shape != shape {
            throw ModelWeightsError(
                component: component, key: fullKey, message: "expected shape \(shape), found \(tensor.shape)")
        }
        return tensor
    }

    /// The shape of tensor `key` within this scope, or nil when it is missing.
    public func shape(of key: String) -> [Int]? {
        tensors[prefix + key]?.shape
    }

    /// The distinct integers `n` for which some key in this scope starts with `n` followed by a dot, in order: the
    /// indices of `encoder.layers.0.`, `encoder.layers.1.`, … when scoped to `encoder.layers.`.
    public func indices() -> [Int] {
        var found = Set<Int>()
        for key in tensors.keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            guard let dot = rest.firstIndex(of: "."), let index = Int(rest[..<dot]) else { continue }
            found.insert(index)
        }
        return found.sorted()
    }

    /// The number of Float32 values held by all scopes together.
    public var parameterCount: Int {
        tensors.values.reduce(0) { $0 + $1.count }
    }
}
