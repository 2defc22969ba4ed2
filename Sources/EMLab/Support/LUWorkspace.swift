import CGSL

/// A reusable LU solve of small square systems A·x = b of one order: the
/// same `gsl_linalg_LU_decomp` and `gsl_linalg_LU_solve` (partial pivoting,
/// as R's `solve`) as ``Matrix/solving(_:)``, on GSL storage allocated once,
/// so a solver that solves at every cycle (``QuasiNewtonEM``) allocates
/// nothing per solve. The same arithmetic on the same numbers: the same bits.
final class LUWorkspace {
    /// The order n.
    let order: Int
    private let a: UnsafeMutablePointer<gsl_matrix>
    private let permutation: UnsafeMutablePointer<gsl_permutation>
    private let b: UnsafeMutablePointer<gsl_vector>
    private let x: UnsafeMutablePointer<gsl_vector>

    /// - Parameter order: n ≥ 1.
    /// - Returns: nil when GSL cannot allocate the storage.
    init?(order: Int) {
        guard order > 0 else { return nil }
        GSL.returnErrorsAsStatus()
        guard let a = gsl_matrix_calloc(order, order) else { return nil }
        guard let permutation = gsl_permutation_calloc(order) else {
            gsl_matrix_free(a)
            return nil
        }
        guard let b = gsl_vector_calloc(order), let x = gsl_vector_calloc(order) else {
            gsl_matrix_free(a)
            gsl_permutation_free(permutation)
            return nil
        }
        (self.order, self.a, self.permutation, self.b, self.x) = (order, a, permutation, b, x)
    }

    deinit {
        gsl_matrix_free(a)
        gsl_permutation_free(permutation)
        gsl_vector_free(b)
        gsl_vector_free(x)
    }

    /// Sets A[row, column].
    @inline(__always) func set(row: Int, column: Int, _ value: Double) {
        a.pointee.data[row * a.pointee.tda + column] = value
    }

    /// Sets b[i].
    @inline(__always) func setRight(_ i: Int, _ value: Double) { b.pointee.data[i * b.pointee.stride] = value }

    /// Factors A = P·L·U in place and solves A·x = b.
    ///
    /// - Returns: false when A is singular (a zero pivot) or x is not finite
    ///   (where ``Matrix/solving(_:)`` returns nil).
    /// - Complexity: O(n³).
    func solve() -> Bool {
        var sign: Int32 = 0
        guard gsl_linalg_LU_decomp(a, permutation, &sign) == GSL_SUCCESS else { return false }
        for i in 0..<order where gsl_matrix_get(a, i, i) == 0 { return false }
        guard gsl_linalg_LU_solve(a, permutation, b, x) == GSL_SUCCESS else { return false }
        for i in 0..<order where !solution(i).isFinite { return false }
        return true
    }

    /// x[i] of the last solve.
    @inline(__always) func solution(_ i: Int) -> Double { x.pointee.data[i * x.pointee.stride] }
}
