/// The small least-squares problems of the Anderson-type accelerators, on
/// GSL's singular value decomposition (``Matrix``).
enum LeastSquares {
    /// A p × m matrix from m columns of length p.
    static func matrix(columns: [[Double]]) -> Matrix {
        let p = columns[0].count
        var a = Matrix(rows: p, columns: columns.count)
        for (j, column) in columns.enumerated() { for i in 0..<p { a[i, j] = column[i] } }
        return a
    }

    /// The minimum-norm γ minimising ‖target − A γ‖₂ for A with the given
    /// columns (p ≥ m rows): γ = V diag(1/s) Uᵀ target over the singular
    /// values s above 1e-14 of the largest (Golub & Van Loan, *Matrix
    /// Computations*, 3rd ed., §5.5.4).
    ///
    /// - Returns: nil when the decomposition fails or every singular value is 0.
    /// - Complexity: O(p·m²).
    static func minimumNorm(columns: [[Double]], target: [Double]) -> [Double]? {
        let a = matrix(columns: columns)
        guard let (u, s, v) = a.thinSingularValueDecomposition(), let largest = s.first, largest > 0 else { return nil }
        let m = columns.count, p = target.count
        var gamma = [Double](repeating: 0, count: m)
        for j in 0..<m where s[j] > 1e-14 * largest {
            var projection = 0.0
            for i in 0..<p { projection += u[i, j] * target[i] }
            let scaled = projection / s[j]
            for r in 0..<m { gamma[r] += v[r, j] * scaled }
        }
        return gamma
    }
}
