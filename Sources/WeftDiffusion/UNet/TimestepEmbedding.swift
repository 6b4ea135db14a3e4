import Foundation
import WeftTensor

/// ComfyUI's sinusoidal timestep embedding (`timestep_embedding`), `[B, width]` for one (possibly fractional)
/// timestep per batch entry: with `half = width / 2` frequencies `f_i = exp(-ln(10000) · i / half)`, each row is the
/// cosines of `t · f_i` followed by their sines, and a zero column when `width` is odd. Evaluated in Float32 in the
/// same order as ComfyUI.
func sinusoidalTimestepEmbedding(_ timesteps: [Float], width: Int) throws(TensorError) -> Tensor {
    let half = width / 2
    let exponent = Float(-log(10000.0))
    let frequencies = (0..<half).map { index in Foundation.exp(exponent * Float(index) / Float(half)) }
    var values: [Float] = []
    values.reserveCapacity(timesteps.count * width)
    for timestep in timesteps {
        let arguments = frequencies.map { timestep * $0 }
        values += arguments.map { Foundation.cos($0) }
        values += arguments.map { Foundation.sin($0) }
        if width % 2 == 1 { values.append(0) }
    }
    return try Tensor(shape: [timesteps.count, width], values: values)
}
