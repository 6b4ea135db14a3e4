/// A model's weights could not be used: a tensor is missing, has an unexpected shape, or the file could not be read.
/// Every case names the component ("unet", "clip", "vae") and the full key, so a node error says exactly what is
/// wrong with which file.
public struct ModelWeightsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The part of the model being built, e.g. `unet`.
    public var component: String
    /// The full key of the tensor at fault, or the empty string for problems with the file as a whole.
    public var key: String
    /// What is wrong, in a short sentence.
    public var message: String

    /// A failure of `component` at `key`.
    public init(component: String, key: String, message: String) {
        self.component = component
        self.key = key
        self.message = message
    }

    /// `unet: input_blocks.0.0.weight: expected shape [32, 4, 3, 3], found [32, 4, 1, 1]`.
    public var description: String {
        key.isEmpty ? "\(component): \(message)" : "\(component): \(key): \(message)"
    }
}
