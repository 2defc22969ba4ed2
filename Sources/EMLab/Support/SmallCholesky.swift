/// The Cholesky solve A·x = b of a small symmetric positive-definite system
/// (order c ≤ a fixed largest order, a few at most) on storage allocated
/// once: A = L·Lᵀ by the Cholesky–Banachiewicz order (Golub & Van Loan,
/// *Matrix Computations*, 3rd ed., §4.2.5, Algorithm 4.2.1's gaxpy form,
/// by rows), then L·y = b and Lᵀ·x = y.
///
/// ## Why not GSL
/// EMLab's linear algebra is GSL's. This solve is written here for the same
/// measured reason as ``SmallSymmetricEigen``: Anderson acceleration solves
/// its m × m normal equations (m ≤ p, 3 by default) at every iteration, and
/// GSL's `gsl_linalg_cholesky_decomp1` with `gsl_linalg_cholesky_solve` —
/// a recursive blocked factorisation and two BLAS `dtrsv` calls, through
/// matrix views — cost about 4 % of an E-step pass at n = 1000, K = 2 in
/// `emlab-benchmarks --profile anderson` (perf), most of the 10 % that all of
/// an accelerator's bookkeeping may cost; the loops here cost a tenth of
/// that. GSL stays the reference: the tests compare both on random systems of
/// every order up to 6.
///
/// ## Numerical contract
/// Cholesky without pivoting is backward stable for positive-definite A
/// (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
/// Theorem 10.3): the computed x solves (A + ΔA)x = b with
/// |ΔA| ≤ O(c·ε)|L||Lᵀ|. The factorisation fails, rather than take the root
/// of a non-positive number, where A is not numerically positive definite.
struct SmallCholesky {
    /// The largest order.
    let maximumOrder: Int
    /// A (its lower triangle is read), then L; row-major with stride ``maximumOrder``.
    private var a: [Double]
    /// b, then x.
    private var b: [Double]
    /// 1 / L[i, i].
    private var reciprocals: [Double]

    /// - Parameter maximumOrder: c_max ≥ 1.
    init(maximumOrder: Int) {
        self.maximumOrder = max(1, maximumOrder)
        a = [Double](repeating: 0, count: self.maximumOrder * self.maximumOrder)
        b = [Double](repeating: 0, count: self.maximumOrder)
        reciprocals = b
    }

    /// Sets A[row, column] (only the lower triangle, column ≤ row, is read).
    @inline(__always) mutating func set(row: Int, column: Int, _ value: Double) { a[row * maximumOrder + column] = value }

    /// Sets b[i].
    @inline(__always) mutating func setRight(_ i: Int, _ value: Double) { b[i] = value }

    /// x[i] of the last solve.
    @inline(__always) func solution(_ i: Int) -> Double { b[i] }

    /// L[i, i] of the last factorisation.
    @inline(__always) func pivot(_ i: Int) -> Double { a[i * maximumOrder + i] }

    /// Factors the leading `order` × `order` block of A = L·Lᵀ in place and solves A·x = b.
    ///
    /// - Returns: false when A is not (numerically) positive definite, or x is not finite.
    /// - Complexity: c³/3 + 2c² flops.
    mutating func solve(order c: Int) -> Bool {
        guard c >= 1 && c <= maximumOrder else { return false }
        let stride = maximumOrder
        return a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in
                reciprocals.withUnsafeMutableBufferPointer { reciprocals in
                    // The pivots' reciprocals, one division each, so that the factor's
                    // other entries and both substitutions multiply (at c = 3 the
                    // divisions on the critical path are what the solve costs).
                    for i in 0..<c {
                        for j in 0..<i {
                            var sum = a[i * stride + j]
                            for k in 0..<j { sum -= a[i * stride + k] * a[j * stride + k] }
                            a[i * stride + j] = sum * reciprocals[j]
                        }
                        var sum = a[i * stride + i]
                        for k in 0..<i { sum -= a[i * stride + k] * a[i * stride + k] }
                        guard sum > 0 && sum.isFinite else { return false }
                        let pivot = sum.squareRoot()
                        a[i * stride + i] = pivot
                        reciprocals[i] = 1 / pivot
                    }
                    for i in 0..<c {
                        var sum = b[i]
                        for k in 0..<i { sum -= a[i * stride + k] * b[k] }
                        b[i] = sum * reciprocals[i]
                    }
                    var i = c - 1
                    while i >= 0 {
                        var sum = b[i]
                        for k in (i + 1)..<c { sum -= a[k * stride + i] * b[k] }
                        b[i] = sum * reciprocals[i]
                        i -= 1
                    }
                    for i in 0..<c where !b[i].isFinite { return false }
                    return true
                }
            }
        }
    }
}
