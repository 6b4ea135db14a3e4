/// Why a diffusion node (loading, encoding, sampling, decoding) could not run. Each case names the input, file or
/// setting involved.
public enum DiffusionNodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A latent, conditioning or image input has the wrong shape.
    case badShape(input: String, shape: [Int], expected: String)
    /// A model file could not be found in its models/ folder.
    case modelNotFound(input: String, name: String, folder: String)
    /// A model file exists but cannot be used; `reason` says why (corrupt, unsupported family, wrong shapes).
    case unusableModel(name: String, reason: String)
    /// A numeric setting is outside what the node can do.
    case invalidSetting(input: String, reason: String)
    /// Sampling produced values that are not finite (NaN or infinity), e.g. from an extreme cfg.
    case notFinite(String)

    /// One line for the node error.
    public var description: String {
        switch self {
        case .badShape(let input, let shape, let expected):
            "input '\(input)' has shape \(shape), expected \(expected)"
        case .modelNotFound(let input, let name, let folder):
            "input '\(input)': there is no model '\(name)' in \(folder)"
        case .unusableModel(let name, let reason):
            "cannot load '\(name)': \(reason)"
        case .invalidSetting(let input, let reason):
            "input '\(input)': \(reason)"
        case .notFinite(let reason):
            reason
        }
    }
}
