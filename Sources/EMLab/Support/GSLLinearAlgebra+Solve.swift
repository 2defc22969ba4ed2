import CGSL

extension Matrix {
    /// The thin singular value decomposition A = U·diag(s)·Vᵀ of this m × n
    /// matrix, m ≥ n, by GSL's one-sided Golub–Reinsch method
    /// (`gsl_linalg_SV_decomp`; Golub & Van Loan, *Matrix Computations*,
    /// 3rd ed., §8.6), as R's `La.svd` gives it for the accelerators that
    /// solve small least-squares problems (``DAAREM``, ``AndersonAcceleration``).
    ///
    /// - Returns: U (m × n, orthonormal columns), the n singular values in
    ///   descending order, V (n × n); nil when GSL fails or a value is not finite.
    /// - Complexity: O(m·n²).
    func thinSingularValueDecomposition() -> (u: Matrix, values: [Double], v: Matrix)? {
        precondition(rows >= columns && columns > 0, "the thin SVD needs at least as many rows as columns")
        return withGSLCopy { a -> (u: Matrix, values: [Double], v: Matrix)? in
            guard let v = gsl_matrix_alloc(columns, columns), let s = gsl_vector_alloc(columns),
                let work = gsl_vector_alloc(columns)
            else { return nil }
            defer {
                gsl_matrix_free(v)
                gsl_vector_free(s)
                gsl_vector_free(work)
            }
            guard gsl_linalg_SV_decomp(a, v, s, work) == GSL_SUCCESS else { return nil }
            let values = (0..<columns).map { gsl_vector_get(s, $0) }
            let u = Matrix(gsl: a), right = Matrix(gsl: v)
            guard values.allSatisfy(\.isFinite), u.elements.allSatisfy(\.isFinite), right.elements.allSatisfy(\.isFinite)
            else { return nil }
            return (u, values, right)
        }
    }

    /// x with A·x = b for this square matrix A, by GSL's LU factorisation
    /// with partial pivoting (`gsl_linalg_LU_decomp`, `gsl_linalg_LU_solve`),
    /// as R's `solve` does it (LAPACK `dgesv`).
    ///
    /// - Returns: nil when A is singular (a zero pivot) or x is not finite.
    /// - Complexity: O(n³).
    func solving(_ b: [Double]) -> [Double]? {
        precondition(rows == columns && b.count == rows, "a square system with one right-hand side")
        guard rows > 0 else { return [] }
        return withGSLCopy { a -> [Double]? in
            guard let permutation = gsl_permutation_alloc(rows) else { return nil }
            defer { gsl_permutation_free(permutation) }
            var sign: Int32 = 0
            guard gsl_linalg_LU_decomp(a, permutation, &sign) == GSL_SUCCESS else { return nil }
            for i in 0..<rows where gsl_matrix_get(a, i, i) == 0 { return nil }
            var right = b, solution = [Double](repeating: 0, count: rows)
            let status = right.withUnsafeMutableBufferPointer { r in
                solution.withUnsafeMutableBufferPointer { x in
                    var bView = gsl_vector_view_array(r.baseAddress, rows)
                    var xView = gsl_vector_view_array(x.baseAddress, rows)
                    return gsl_linalg_LU_solve(a, permutation, &bView.vector, &xView.vector)
                }
            }
            guard status == GSL_SUCCESS, solution.allSatisfy(\.isFinite) else { return nil }
            return solution
        }
    }
}
