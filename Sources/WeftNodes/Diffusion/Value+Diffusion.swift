public import WeftCore
public import WeftDiffusion
import WeftTensor

extension Value {
    /// A `LATENT` value.
    public static func latent(_ latent: LatentValue) -> Value { .custom(latent) }

    /// A `CONDITIONING` value holding `entries`.
    public static func conditioning(_ entries: [ConditioningEntry]) -> Value { .custom(ConditioningValue(entries)) }
}

extension NodeInputs {
    /// A `LATENT` input, its samples checked to be `[B, C, h, w]` with at least one entry.
    /// - Throws: ``NodeInputError`` when the input is absent or not a latent, ``DiffusionNodeError`` when its shape is
    ///   wrong.
    public func latent(_ name: String) throws -> LatentValue {
        let latent = try custom(name, as: LatentValue.self)
        guard latent.samples.rank == 4, latent.samples.shape[0] > 0 else {
            throw DiffusionNodeError.badShape(input: name, shape: latent.samples.shape, expected: "[batch, channels, height/8, width/8]")
        }
        return latent
    }

    /// A `CONDITIONING` input's entries.
    /// - Throws: ``NodeInputError`` when the input is absent or not conditioning.
    public func conditioning(_ name: String) throws -> [ConditioningEntry] {
        try custom(name, as: ConditioningValue.self).entries
    }
}
