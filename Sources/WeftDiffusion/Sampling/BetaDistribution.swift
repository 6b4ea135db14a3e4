import Foundation

/// The beta distribution's cumulative distribution (the regularised incomplete beta function) and its inverse, to
/// double precision, for the beta scheduler.
enum BetaDistribution {
    /// I_x(a, b), by the continued fraction (using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges faster).
    static func cdf(_ x: Double, alpha a: Double, beta b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Foundation.log(x) + b * Foundation.log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return Foundation.exp(logFront) * continuedFraction(x, a, b) / a
        }
        return 1 - Foundation.exp(logFront) * continuedFraction(1 - x, b, a) / b
    }

    /// The x with I_x(a, b) = p, by bisection to the last bit (the CDF is monotonic); an exact hit ends it early.
    static func quantile(_ p: Double, alpha a: Double, beta b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        // A symmetric distribution's median is exactly 0.5 (the CDF's last bit there is rounding noise).
        if a == b && p == 0.5 { return 0.5 }
        var low = 0.0
        var high = 1.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            let probability = cdf(middle, alpha: a, beta: b)
            if probability == p { return middle }
            if probability < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// Lentz's evaluation of the incomplete beta continued fraction.
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return result
    }
}
