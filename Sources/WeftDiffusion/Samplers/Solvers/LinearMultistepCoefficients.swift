/// The weights of k-diffusion's linear multistep sampler, computed as ComfyUI computes them: the integral over
/// [σ_i, σ_{i+1}] of the Lagrange basis polynomial through the last `order` sigmas, by SciPy's `quad`.
///
/// The basis polynomial has degree below 4, so `quad`'s first 21-point Gauss–Kronrod pass already meets its
/// tolerance and is the answer; and since the sigmas are a float32 NumPy array, NumPy evaluates the polynomial in
/// float32 at each node. Both are reproduced here, giving SciPy's doubles to the last bit.
enum LinearMultistepCoefficients {
    /// Kronrod nodes in (0, 1], outermost first; the last is the centre (QUADPACK's `xgk` for `qk21`).
    private static let nodes: [Double] = [
        0.995657163025808080735527280689003, 0.973906528517171720077964012084452, 0.930157491355708226001207180059508,
        0.865063366688984510732096688423493, 0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
        0.562757134668604683339000099272694, 0.433395394129247190799265943165784, 0.294392862701460198131126603103866,
        0.148874338981631210884826001129720, 0,
    ]
    /// The Kronrod weights of those nodes (`wgk`).
    private static let weights: [Double] = [
        0.011694638867371874278064396062192, 0.032558162307964727478818972459390, 0.054755896574351996031381300244580,
        0.075039674810919952767043140916190, 0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
        0.123491976262065851077208799938293, 0.134709217311473325928054001771707, 0.142775938577060080797094273138717,
        0.147739104901338491374841515972068, 0.149445554002916905664936468389821,
    ]

    /// The weights for step `step` at order `order` (≤ step + 1), for the derivatives from step `step` back to step
    /// `step − order + 1`.
    static func coefficients(order: Int, sigmas: [Float], step: Int) -> [Double] {
        (0..<order).map { term in
            integral(from: Double(sigmas[step]), to: Double(sigmas[step + 1])) { tau in
                basis(at: tau, order: order, sigmas: sigmas, step: step, term: term)
            }
        }
    }

    /// The Lagrange basis polynomial that is 1 at σ_{step−term} and 0 at the other sigmas, in float32.
    private static func basis(at tau: Double, order: Int, sigmas: [Float], step: Int, term: Int) -> Double {
        var product: Float = 1
        for k in 0..<order where k != term {
            product *= (Float(tau) - sigmas[step - k]) / (sigmas[step - term] - sigmas[step - k])
        }
        return Double(product)
    }

    /// QUADPACK's 21-point Kronrod sum over [a, b], in its order: the centre, the Gauss nodes, the other nodes.
    private static func integral(from a: Double, to b: Double, _ f: (Double) -> Double) -> Double {
        let centre = 0.5 * (a + b)
        let halfLength = 0.5 * (b - a)
        var sum = weights[10] * f(centre)
        for index in [1, 3, 5, 7, 9] + [0, 2, 4, 6, 8] {
            let offset = halfLength * nodes[index]
            sum += weights[index] * (f(centre - offset) + f(centre + offset))
        }
        return sum * halfLength
    }
}
