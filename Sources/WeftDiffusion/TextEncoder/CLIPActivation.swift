public import WeftTensor

/// The activation inside a CLIP text transformer's MLP.
public enum CLIPActivation: Sendable, Equatable {
    /// `x · sigmoid(1.702 · x)`, OpenAI CLIP's activation (SD1.x).
    case quickGELU
    /// The exact (erf) GELU, used by later text encoders.
    case gelu

    /// The activation applied to every element of `x`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .quickGELU: WeftTensor.quickGELU(x)
        case .gelu: WeftTensor.gelu(x)
        }
    }
}
