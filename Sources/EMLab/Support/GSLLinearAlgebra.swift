import CGSL

/// A dense real matrix, stored row by row: the information matrices of a
/// fit and the rate matrix of EM.
///
/// Thin wrappers over GSL's linear algebra (Cholesky factorisation,
/// symmetric and generalised symmetric-definite eigenvalues): EMLab writes
/// no factorisation or eigen solver of its own. Every wrapper copies its
/// operands into GSL matrices, so a `Matrix` is an ordinary value.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Row-major: element (i, j) is `elements[i * columns + j]`.
    public var elements: [Double]

    /// A `rows` × `columns` matrix of zeros.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        elements = Array(repeating: 0, count: rows * columns)
    }

    /// A matrix from its rows (all of the same length).
    public init(_ rowValues: [[Double]]) {
        let width = rowValues.first?.count ?? 0
        precondition(rowValues.allSatisfy { $0.count == width }, "every row needs the same number of columns")
        rows = rowValues.count
        columns = width
        elements = rowValues.flatMap { $0 }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// The rows as arrays (for JSON and tests).
    public var rowArrays: [[Double]] { (0..<rows).map { Array(elements[($0 * columns)..<(($0 + 1) * columns)]) } }

    public var description: String { rowArrays.map { $0.map(formatNumber).joined(separator: " ") }.joined(separator: "\n") }

    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns)
        var c = a
        for i in c.elements.indices { c.elements[i] -= b.elements[i] }
        return c
    }

    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns)
        var c = a
        for i in c.elements.indices { c.elements[i] += b.elements[i] }
        return c
    }

    public static func * (scale: Double, a: Matrix) -> Matrix {
        var c = a
        for i in c.elements.indices { c.elements[i] *= scale }
        return c
    }

    /// The largest |a_ij − b_ij| / max(1, |b_ij|) over all entries.
    public func largestRelativeDifference(from other: Matrix) -> Double {
        precondition(rows == other.rows && columns == other.columns)
        var largest = 0.0
        for i in elements.indices { largest = max(largest, abs(elements[i] - other.elements[i]) / max(1, abs(other.elements[i]))) }
        return largest
    }

    /// Fills the lower triangle from the upper one.
    mutating func symmetrizeFromUpper() {
        for i in 0..<rows { for j in 0..<i { self[i, j] = self[j, i] } }
    }

    // MARK: GSL

    /// Runs `body` with a GSL view of a copy of this matrix.
    func withGSLCopy<R>(_ body: (UnsafeMutablePointer<gsl_matrix>) -> R) -> R {
        GSL.returnErrorsAsStatus()
        var copy = elements
        return copy.withUnsafeMutableBufferPointer { buffer in
            var view = gsl_matrix_view_array(buffer.baseAddress, rows, columns)
            return withUnsafeMutablePointer(to: &view.matrix) { body($0) }
        }
    }

    /// A matrix read back from a GSL matrix.
    init(gsl m: UnsafePointer<gsl_matrix>) {
        self.init(rows: m.pointee.size1, columns: m.pointee.size2)
        for i in 0..<rows { for j in 0..<columns { self[i, j] = gsl_matrix_get(m, i, j) } }
    }

    /// The inverse of a symmetric positive-definite matrix, by GSL's
    /// Cholesky factorisation (`gsl_linalg_cholesky_decomp1`,
    /// `gsl_linalg_cholesky_invert`).
    ///
    /// - Returns: nil when the matrix is not (numerically) positive definite.
    /// - Complexity: O(n³).
    public func symmetricPositiveDefiniteInverse() -> Matrix? {
        precondition(rows == columns, "only a square matrix has an inverse")
        guard rows > 0 else { return self }
        return withGSLCopy { m in
            guard gsl_linalg_cholesky_decomp1(m) == GSL_SUCCESS, gsl_linalg_cholesky_invert(m) == GSL_SUCCESS else { return nil }
            let inverse = Matrix(gsl: m)
            return inverse.elements.allSatisfy(\.isFinite) ? inverse : nil
        }
    }

    /// X with A·X = B, for this matrix A symmetric positive definite, by
    /// its Cholesky factorisation (`gsl_linalg_cholesky_solve`, column by column).
    ///
    /// - Returns: nil when A is not (numerically) positive definite.
    /// - Complexity: O(n³ + n²·m) for B of m columns.
    public func solvingSymmetricPositiveDefinite(_ b: Matrix) -> Matrix? {
        precondition(rows == columns && b.rows == rows)
        guard rows > 0 else { return b }
        return withGSLCopy { factor -> Matrix? in
            guard gsl_linalg_cholesky_decomp1(factor) == GSL_SUCCESS else { return nil }
            var x = Matrix(rows: rows, columns: b.columns)
            var column = [Double](repeating: 0, count: rows), solution = column
            for j in 0..<b.columns {
                for i in 0..<rows { column[i] = b[i, j] }
                let status = column.withUnsafeMutableBufferPointer { c in
                    solution.withUnsafeMutableBufferPointer { s in
                        var bView = gsl_vector_view_array(c.baseAddress, rows)
                        var xView = gsl_vector_view_array(s.baseAddress, rows)
                        return gsl_linalg_cholesky_solve(factor, &bView.vector, &xView.vector)
                    }
                }
                guard status == GSL_SUCCESS else { return nil }
                for i in 0..<rows { x[i, j] = solution[i] }
            }
            return x.elements.allSatisfy(\.isFinite) ? x : nil
        }
    }

    /// The eigenvalues of a symmetric matrix, in descending order
    /// (`gsl_eigen_symm`: Householder tridiagonalisation and implicit QL).
    ///
    /// - Returns: nil when GSL reports a failure or a value is not finite.
    /// - Complexity: O(n³).
    public func symmetricEigenvalues() -> [Double]? {
        precondition(rows == columns)
        guard rows > 0 else { return [] }
        return withGSLCopy { m -> [Double]? in
            guard let workspace = gsl_eigen_symm_alloc(rows), let values = gsl_vector_alloc(rows) else { return nil }
            defer {
                gsl_eigen_symm_free(workspace)
                gsl_vector_free(values)
            }
            guard gsl_eigen_symm(m, values, workspace) == GSL_SUCCESS else { return nil }
            let result = (0..<rows).map { gsl_vector_get(values, $0) }
            return result.allSatisfy(\.isFinite) ? result.sorted(by: >) : nil
        }
    }

    /// The eigenvalues λ of A·u = λ·B·u for A (this matrix) symmetric and B
    /// symmetric positive definite, descending — the eigenvalues of B⁻¹A,
    /// which are real because B⁻¹A is similar to the symmetric
    /// L⁻¹A L⁻ᵀ (B = LLᵀ). GSL's `gsl_eigen_gensymm` (Golub & Van Loan,
    /// *Matrix Computations*, 3rd ed., §8.7.2).
    ///
    /// - Returns: nil when B is not positive definite or GSL fails.
    /// - Complexity: O(n³).
    public func generalizedSymmetricEigenvalues(relativeTo b: Matrix) -> [Double]? {
        precondition(rows == columns && b.rows == rows && b.columns == columns)
        guard rows > 0 else { return [] }
        return withGSLCopy { a -> [Double]? in
            b.withGSLCopy { bm -> [Double]? in
                guard let workspace = gsl_eigen_gensymm_alloc(rows), let values = gsl_vector_alloc(rows) else { return nil }
                defer {
                    gsl_eigen_gensymm_free(workspace)
                    gsl_vector_free(values)
                }
                guard gsl_eigen_gensymm(a, bm, values, workspace) == GSL_SUCCESS else { return nil }
                let result = (0..<rows).map { gsl_vector_get(values, $0) }
                return result.allSatisfy(\.isFinite) ? result.sorted(by: >) : nil
            }
        }
    }
}

/// Process-wide GSL settings.
enum GSL {
    /// GSL's default error handler aborts the process; EMLab switches it
    /// off once so every failure comes back as a status (a matrix that is
    /// not positive definite is an answer, not a crash).
    private static let errorsReturned: Void = emlab_gsl_disable_abort()

    static func returnErrorsAsStatus() { _ = errorsReturned }
}
