/// Solves the small float32 systems of UniPC's coefficients as `torch.linalg.solve` does on the CPU (LAPACK's LU
/// factorisation with partial pivoting, then the two triangular solves), in LAPACK's operation order.
enum SmallLinearSystem {
    /// x with `matrix` · x = `rhs` (`matrix` square, rows of `rhs.count` entries). A singular matrix gives
    /// non-finite entries, where PyTorch would raise.
    static func solve(_ matrix: [[Float]], _ rhs: [Float]) -> [Float] {
        var a = matrix
        var x = rhs
        let n = x.count
        for column in 0..<n {
            // The first row with the largest magnitude in this column (LAPACK's `isamax`) becomes the pivot row.
            var pivot = column
            for row in column..<n where abs(a[row][column]) > abs(a[pivot][column]) { pivot = row }
            a.swapAt(column, pivot)
            x.swapAt(column, pivot)
            let reciprocal = 1 / a[column][column]
            for row in (column + 1)..<n {
                a[row][column] *= reciprocal
                for k in (column + 1)..<n { a[row][k] -= a[row][column] * a[column][k] }
            }
        }
        for column in 0..<n {
            for row in (column + 1)..<n { x[row] -= x[column] * a[row][column] }
        }
        for column in (0..<n).reversed() {
            x[column] /= a[column][column]
            for row in 0..<column { x[row] -= x[column] * a[row][column] }
        }
        return x
    }
}
