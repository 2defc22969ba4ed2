import CGSL

/// A reusable thin singular value decomposition of p × c matrices, c ≤ a
/// fixed largest column count: the same `gsl_linalg_SV_decomp` as
/// ``Matrix/thinSingularValueDecomposition()``, on GSL storage allocated once
/// (GSL's `gsl_matrix_submatrix` and `gsl_vector_subvector` views for the
/// columns in use), so a solver that decomposes at every iteration (the
/// Anderson-type accelerators) allocates nothing per decomposition.
///
/// Load the columns with ``set(row:column:_:)``, call
/// ``decompose(columns:)``, then read U, the singular values and V.
/// GSL's arithmetic is the same on a view as on a matrix of its own, so the
/// results are the bits ``Matrix/thinSingularValueDecomposition()`` gives.
final class SingularValueWorkspace {
    /// p.
    let rows: Int
    /// The largest column count.
    let maximumColumns: Int
    private let a: UnsafeMutablePointer<gsl_matrix>
    private let v: UnsafeMutablePointer<gsl_matrix>
    private let s: UnsafeMutablePointer<gsl_vector>
    private let work: UnsafeMutablePointer<gsl_vector>
    /// The columns of the last successful decomposition.
    private(set) var columns = 0

    /// - Parameters:
    ///   - rows: p ≥ 1.
    ///   - maximumColumns: 1 ≤ c_max ≤ p.
    /// - Returns: nil when GSL cannot allocate the storage.
    init?(rows: Int, maximumColumns: Int) {
        guard rows >= maximumColumns, maximumColumns > 0 else { return nil }
        GSL.returnErrorsAsStatus()
        guard let a = gsl_matrix_calloc(rows, maximumColumns) else { return nil }
        guard let v = gsl_matrix_calloc(maximumColumns, maximumColumns) else {
            gsl_matrix_free(a)
            return nil
        }
        guard let s = gsl_vector_calloc(maximumColumns), let work = gsl_vector_calloc(maximumColumns) else {
            gsl_matrix_free(a)
            gsl_matrix_free(v)
            return nil
        }
        (self.rows, self.maximumColumns, self.a, self.v, self.s, self.work) = (rows, maximumColumns, a, v, s, work)
    }

    deinit {
        gsl_matrix_free(a)
        gsl_matrix_free(v)
        gsl_vector_free(s)
        gsl_vector_free(work)
    }

    /// Sets A[row, column] of the matrix to decompose next.
    @inline(__always) func set(row: Int, column: Int, _ value: Double) {
        a.pointee.data[row * a.pointee.tda + column] = value
    }

    /// Decomposes the first `count` columns A = U·diag(s)·Vᵀ in place.
    ///
    /// - Returns: false when GSL fails or a value is not finite (as
    ///   ``Matrix/thinSingularValueDecomposition()`` returns nil).
    /// - Complexity: O(p·c²).
    func decompose(columns count: Int) -> Bool {
        guard count > 0 && count <= maximumColumns else { return false }
        var aView = gsl_matrix_submatrix(a, 0, 0, rows, count)
        var vView = gsl_matrix_submatrix(v, 0, 0, count, count)
        var sView = gsl_vector_subvector(s, 0, count)
        var workView = gsl_vector_subvector(work, 0, count)
        columns = 0
        guard gsl_linalg_SV_decomp(&aView.matrix, &vView.matrix, &sView.vector, &workView.vector) == GSL_SUCCESS else { return false }
        for j in 0..<count where !singularValueRaw(j).isFinite { return false }
        for i in 0..<rows { for j in 0..<count where !u(i, j).isFinite { return false } }
        for i in 0..<count { for j in 0..<count where !vRaw(i, j).isFinite { return false } }
        columns = count
        return true
    }

    /// U[i, j] of the last decomposition.
    @inline(__always) func u(_ i: Int, _ j: Int) -> Double { a.pointee.data[i * a.pointee.tda + j] }
    /// The j-th singular value (descending) of the last decomposition.
    @inline(__always) func singularValue(_ j: Int) -> Double { singularValueRaw(j) }
    /// V[i, j] of the last decomposition.
    @inline(__always) func v(_ i: Int, _ j: Int) -> Double { vRaw(i, j) }

    @inline(__always) private func singularValueRaw(_ j: Int) -> Double { s.pointee.data[j * s.pointee.stride] }
    @inline(__always) private func vRaw(_ i: Int, _ j: Int) -> Double { v.pointee.data[i * v.pointee.tda + j] }
}
