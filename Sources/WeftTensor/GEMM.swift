internal import COpenBLAS

/// One single-precision row-major GEMM, `c = op(a) · op(b) + beta · c`, through `cblas_sgemm`. `op(a)` is
/// `m × k` and `op(b)` is `k × n`; a transposed operand is read in place (CblasTrans), never copied.
struct GEMM {
    /// Rows of `op(a)` and of `c`.
    var m: Int
    /// Columns of `op(b)` and of `c`.
    var n: Int
    /// Columns of `op(a)`, rows of `op(b)`.
    var k: Int
    /// Whether `a` is stored as `k × m` and used transposed.
    var transposeA: Bool
    /// Whether `b` is stored as `n × k` and used transposed.
    var transposeB: Bool

    /// Whether every leading dimension fits BLAS's 32-bit integers.
    var fitsBLASIndices: Bool {
        [m, n, k].allSatisfy { $0 <= Int(Int32.max) }
    }

    /// Multiplies the matrices at `a` and `b` into `c` (which holds `m × n` floats); `beta` 0 overwrites `c`, 1
    /// accumulates into it. Does nothing when `m`, `n` or `k` is 0.
    func run(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, beta: Float) {
        guard m > 0, n > 0, k > 0 else { return }
        BLASThreads.ensureConfigured()
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k),
            1,
            a, Int32(transposeA ? m : k),
            b, Int32(transposeB ? k : n),
            beta,
            c, Int32(n)
        )
    }
}
