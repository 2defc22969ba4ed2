import CGSL

/// A reusable Cholesky solve of small symmetric positive-definite systems
/// A·x = b, A of order c ≤ a fixed largest order: GSL's
/// `gsl_linalg_cholesky_decomp1` and `gsl_linalg_cholesky_solve` on storage
/// allocated once (`gsl_matrix_submatrix` and `gsl_vector_subvector` views
/// for the order in use), so a solver that factors at every iteration (the
/// normal equations of ``AndersonAcceleration``) allocates nothing per solve.
///
/// Load A's lower triangle and b with ``set(row:column:_:)`` and
/// ``setRight(_:_:)``, call ``solve(order:)``, then read x with ``solution(_:)``
/// and the factor's diagonal with ``pivot(_:)``.
final class CholeskyWorkspace {
    /// The largest order.
    let maximumOrder: Int
    private let a: UnsafeMutablePointer<gsl_matrix>
    private let b: UnsafeMutablePointer<gsl_vector>
    private let x: UnsafeMutablePointer<gsl_vector>

    /// - Parameter maximumOrder: c_max ≥ 1.
    /// - Returns: nil when GSL cannot allocate the storage.
    init?(maximumOrder: Int) {
        guard maximumOrder > 0 else { return nil }
        GSL.returnErrorsAsStatus()
        guard let a = gsl_matrix_calloc(maximumOrder, maximumOrder) else { return nil }
        guard let b = gsl_vector_calloc(maximumOrder), let x = gsl_vector_calloc(maximumOrder) else {
            gsl_matrix_free(a)
            return nil
        }
        (self.maximumOrder, self.a, self.b, self.x) = (maximumOrder, a, b, x)
    }

    deinit {
        gsl_matrix_free(a)
        gsl_vector_free(b)
        gsl_vector_free(x)
    }

    /// Sets A[row, column] (both triangles are read by GSL's factorisation only below the diagonal and on it).
    @inline(__always) func set(row: Int, column: Int, _ value: Double) {
        a.pointee.data[row * a.pointee.tda + column] = value
    }

    /// Sets b[i].
    @inline(__always) func setRight(_ i: Int, _ value: Double) { b.pointee.data[i * b.pointee.stride] = value }

    /// Factors the leading `order` × `order` block of A = L·Lᵀ in place and solves A·x = b.
    ///
    /// - Returns: false when A is not (numerically) positive definite, or x is not finite.
    /// - Complexity: O(c³).
    func solve(order: Int) -> Bool {
        guard order > 0 && order <= maximumOrder else { return false }
        var aView = gsl_matrix_submatrix(a, 0, 0, order, order)
        var bView = gsl_vector_subvector(b, 0, order)
        var xView = gsl_vector_subvector(x, 0, order)
        guard gsl_linalg_cholesky_decomp1(&aView.matrix) == GSL_SUCCESS,
            gsl_linalg_cholesky_solve(&aView.matrix, &bView.vector, &xView.vector) == GSL_SUCCESS
        else { return false }
        for i in 0..<order where !solution(i).isFinite { return false }
        return true
    }

    /// x[i] of the last solve.
    @inline(__always) func solution(_ i: Int) -> Double { x.pointee.data[i * x.pointee.stride] }
    /// L[i, i] of the last factorisation.
    @inline(__always) func pivot(_ i: Int) -> Double { a.pointee.data[i * a.pointee.tda + i] }
}
