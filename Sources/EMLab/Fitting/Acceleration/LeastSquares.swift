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

    /// The same minimum-norm γ as ``minimumNorm(columns:target:)``, for the
    /// `count` columns of a ring buffer taken oldest first (slot
    /// `(oldest + j) % ring.count` is column j), decomposed in `workspace`
    /// (allocated once per fit) and written into `gamma`; the same arithmetic
    /// in the same order, so the same bits.
    ///
    /// - Parameters:
    ///   - count: the columns in use, 1 ≤ count ≤ ring.count.
    ///   - ring: the column slots, each of length p = target.count.
    ///   - oldest: the slot of column 0.
    ///   - target: the vector to fit.
    ///   - workspace: p × ring.count storage; nil (GSL could not allocate it)
    ///     solves with storage of its own.
    ///   - gamma: out, its first `count` entries.
    /// - Returns: false when the decomposition fails or every singular value is 0.
    /// - Complexity: O(p·count²).
    static func minimumNorm(
        columns count: Int, of ring: [[Double]], oldest: Int, target: [Double], workspace: SingularValueWorkspace?,
        into gamma: inout [Double]
    ) -> Bool {
        let slots = ring.count, p = target.count
        guard let workspace else {
            let columns = (0..<count).map { ring[(oldest + $0) % slots] }
            guard let solved = minimumNorm(columns: columns, target: target) else { return false }
            for j in 0..<count { gamma[j] = solved[j] }
            return true
        }
        for j in 0..<count {
            let column = ring[(oldest + j) % slots]
            for i in 0..<p { workspace.set(row: i, column: j, column[i]) }
        }
        guard workspace.decompose(columns: count) else { return false }
        let largest = workspace.singularValue(0)
        guard largest > 0 else { return false }
        for j in 0..<count { gamma[j] = 0 }
        for j in 0..<count where workspace.singularValue(j) > 1e-14 * largest {
            var projection = 0.0
            for i in 0..<p { projection += workspace.u(i, j) * target[i] }
            let scaled = projection / workspace.singularValue(j)
            for r in 0..<count { gamma[r] += workspace.v(r, j) * scaled }
        }
        return true
    }
}
