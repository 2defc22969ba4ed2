/// The eigen-decomposition A = V Λ Vᵀ of a small symmetric matrix (order
/// c ≤ a fixed largest order, a few at most) by the cyclic Jacobi method
/// (Golub & Van Loan, *Matrix Computations*, 3rd ed., §8.4.2–8.4.3:
/// `sym.schur2`, Algorithm 8.4.2, inside the row-cyclic sweeps of Algorithm
/// 8.4.3), on storage allocated once.
///
/// ## Why not GSL
/// EMLab's linear algebra is GSL's. This one solver is written here for a
/// measured reason: DAAREM needs the eigen-decomposition of its m × m Gram
/// matrix ΔFᵀΔF (m ≤ 5) at every iteration, and GSL's `gsl_eigen_symmv`
/// costs 0.40 µs on a 3 × 3 matrix (`Benchmarks/least-squares.c`) —
/// 17 % of an E-step pass at n = 1000, K = 2, against the 10 % that all
/// of an accelerator's bookkeeping may cost. GSL reaches the small matrix
/// through its general Householder tridiagonalisation, BLAS calls and
/// workspace checks; the Jacobi sweeps here touch nine numbers. GSL stays
/// the reference: the tests compare both on random matrices of every
/// order up to 6, and DAAREM falls back to GSL's SVD wherever the Gram
/// matrix is ill conditioned.
///
/// ## Numerical contract
/// Each rotation is orthogonal, so the computed Λ and V are those of a
/// matrix within a few ε·‖A‖_F of A: every eigenvalue is accurate to
/// O(ε·‖A‖_F) absolutely (Golub & Van Loan §8.4.5; Demmel & Veselić 1992
/// for the better relative accuracy of Jacobi on positive-definite
/// matrices). Sweeps stop when off(A) ≤ ε·‖A‖_F (the criterion of
/// Algorithm 8.4.3); convergence is quadratic, 3–5 sweeps for c ≤ 5.
struct SmallSymmetricEigen {
    /// The largest order.
    let maximumOrder: Int
    /// A, row-major with stride ``maximumOrder``; after ``decompose(order:)`` its diagonal holds Λ.
    private var a: [Double]
    /// V, row-major with stride ``maximumOrder``: column j is the eigenvector of eigenvalue j.
    private var v: [Double]
    /// The most sweeps before a decomposition is reported as failed.
    static let maximumSweeps = 30

    /// - Parameter maximumOrder: c_max ≥ 1.
    init(maximumOrder: Int) {
        self.maximumOrder = max(1, maximumOrder)
        a = [Double](repeating: 0, count: self.maximumOrder * self.maximumOrder)
        v = a
    }

    /// Sets A[row, column] and A[column, row].
    @inline(__always) mutating func set(row: Int, column: Int, _ value: Double) {
        a[row * maximumOrder + column] = value
        a[column * maximumOrder + row] = value
    }

    /// Eigenvalue j (unordered) of the last decomposition.
    @inline(__always) func value(_ j: Int) -> Double { a[j * maximumOrder + j] }

    /// Component i of eigenvector j of the last decomposition (V[i, j]).
    @inline(__always) func vector(_ i: Int, _ j: Int) -> Double { v[i * maximumOrder + j] }

    /// Decomposes the leading `order` × `order` block of A in place.
    ///
    /// - Returns: false when an entry is not finite or the sweeps do not
    ///   converge within ``maximumSweeps`` (then A and V are meaningless).
    /// - Complexity: O(c³) per sweep, a few sweeps.
    mutating func decompose(order c: Int) -> Bool {
        guard c >= 1 && c <= maximumOrder else { return false }
        let stride = maximumOrder
        v.withUnsafeMutableBufferPointer { v in
            for i in 0..<c { for j in 0..<c { v[i * stride + j] = i == j ? 1 : 0 } }
        }
        return sweep(order: c)
    }

    /// Decomposes the 1 × 1 matrix [a]: Λ = [a], V = [1], as ``decompose(order:)``
    /// of order 1 ends (no rotation), without its sweep's set-up.
    ///
    /// - Returns: false when a² is not finite, as ``decompose(order:)``.
    /// - Complexity: O(1).
    mutating func decompose(scalar value: Double) -> Bool {
        guard (value * value).isFinite else { return false }
        a[0] = value
        v[0] = 1
        return true
    }

    /// Decomposes A bordered by one row and column, from the decomposition
    /// of A itself: after a successful ``decompose(order:)`` or
    /// ``decomposeBordered(order:column:)`` of order c − 1, the order-c
    /// matrix [[A, b], [bᵀ, β]] with b = `column`(0 ..< c − 1) and β =
    /// `column`(c − 1). In the basis of A's eigenvectors it is
    /// diag(Λ, β) bordered by Vᵀb — an arrowhead matrix, whose sweeps start
    /// with only c − 1 entries to remove (about half the rotations of a fresh
    /// decomposition at c = 3) — and the sweeps accumulate onto V ⊕ 1.
    ///
    /// - Returns: as ``decompose(order:)``.
    /// - Complexity: O(c²) and a few O(c³) sweeps.
    mutating func decomposeBordered(order c: Int, column: (Int) -> Double) -> Bool {
        guard c >= 2 && c <= maximumOrder else { return false }
        let stride = maximumOrder, last = c - 1
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                for j in 0..<last {
                    var z = 0.0
                    for i in 0..<last { z += v[i * stride + j] * column(i) }
                    a[j * stride + last] = z
                    a[last * stride + j] = z
                    for k in 0..<last where k != j { a[j * stride + k] = 0 }
                    v[j * stride + last] = 0
                    v[last * stride + j] = 0
                }
                a[last * stride + last] = column(last)
                v[last * stride + last] = 1
            }
        }
        return sweep(order: c)
    }

    /// Cyclic Jacobi sweeps on the leading c × c block of A, accumulated onto V.
    private mutating func sweep(order c: Int) -> Bool {
        // Order 2 (DAAREM's second column of every cycle) is the same code with c a
        // constant, unrolled by the compiler: one rotation and two tests, the same
        // arithmetic in the same order, without the loops' bookkeeping around them.
        c == 2 ? sweeps(order: 2) : sweeps(order: c)
    }

    /// The body of ``sweep(order:)``, inlined into both of its calls.
    @inline(__always) private mutating func sweeps(order c: Int) -> Bool {
        let stride = maximumOrder
        return a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                var norm = 0.0
                for i in 0..<c { for j in 0..<c { norm += a[i * stride + j] * a[i * stride + j] } }
                guard norm.isFinite else { return false }
                let tolerance = Double.ulpOfOne * norm.squareRoot()
                for _ in 0..<Self.maximumSweeps {
                    var off = 0.0
                    for p in 0..<c { for q in (p + 1)..<c { off += 2 * a[p * stride + q] * a[p * stride + q] } }
                    if off.squareRoot() <= tolerance { return true }
                    for p in 0..<(c - 1) {
                        for q in (p + 1)..<c {
                            let apq = a[p * stride + q]
                            if apq == 0 { continue }
                            // sym.schur2: the rotation that zeroes A[p, q].
                            let tau = (a[q * stride + q] - a[p * stride + p]) / (2 * apq)
                            let cosine: Double, sine: Double
                            if abs(tau) > 1e8 {
                                // The small rotations of the last sweeps: t = 1/(τ + √(1 + τ²))
                                // is 1/(2τ) and c = 1/√(1 + t²) is 1 to within rounding
                                // (t² < ε/4), so no square root is needed.
                                (cosine, sine) = (1, 1 / (2 * tau))
                            } else {
                                let t = tau >= 0 ? 1 / (tau + (1 + tau * tau).squareRoot()) : -1 / (-tau + (1 + tau * tau).squareRoot())
                                cosine = 1 / (1 + t * t).squareRoot()
                                sine = t * cosine
                            }
                            // A ← Jᵀ A J: columns p and q, then rows p and q.
                            for k in 0..<c {
                                let akp = a[k * stride + p], akq = a[k * stride + q]
                                a[k * stride + p] = cosine * akp - sine * akq
                                a[k * stride + q] = sine * akp + cosine * akq
                            }
                            for k in 0..<c {
                                let apk = a[p * stride + k], aqk = a[q * stride + k]
                                a[p * stride + k] = cosine * apk - sine * aqk
                                a[q * stride + k] = sine * apk + cosine * aqk
                            }
                            // V ← V J.
                            for k in 0..<c {
                                let vkp = v[k * stride + p], vkq = v[k * stride + q]
                                v[k * stride + p] = cosine * vkp - sine * vkq
                                v[k * stride + q] = sine * vkp + cosine * vkq
                            }
                            // The entry the rotation annihilates is 0 in exact arithmetic and
                            // within a few ε·‖A‖ of it as computed: set so (as Rutishauser's
                            // `jacobi` does, Handbook for Automatic Computation II/1), which
                            // ends a 2 × 2 decomposition after one rotation.
                            a[p * stride + q] = 0
                            a[q * stride + p] = 0
                        }
                    }
                }
                return false
            }
        }
    }
}
