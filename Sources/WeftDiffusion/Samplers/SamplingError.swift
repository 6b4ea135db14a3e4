/// Why a sampler or noise source refused its input.
public enum SamplingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A sigma (noise level) was infinite or NaN.
    case nonFiniteSigma(Float)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .nonFiniteSigma(let value): "sampler: sigma \(value) is not a finite noise level"
        }
    }
}
