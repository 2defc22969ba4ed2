/// The Cholesky solve A·x = b of a small symmetric positive-definite system
/// (order c ≤ a fixed largest order, a few at most) on storage allocated
/// once, in its square-root-free form A = L·D·Lᵀ, L unit lower triangular
/// and D diagonal (Golub & Van Loan, *Matrix Computations*, 3rd ed.,
/// §4.1.2 and Algorithm 4.1.2, by rows), then L·y = b, D·z = y and Lᵀ·x = z.
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
/// ## Why L·D·Lᵀ
/// At c = 3 the solve is a chain of dependent operations, each pivot waiting
/// for the last, and its cost is that chain's latency. L·Lᵀ puts a square
/// root and a division on the chain at every pivot; L·D·Lᵀ only the division.
///
/// ## Numerical contract
/// L·D·Lᵀ is L̃·L̃ᵀ with L̃ = L·D^½, the same factorisation rounded
/// differently, and is backward stable for positive-definite A as Cholesky is
/// (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.,
/// Theorem 10.3 and §10.4 on the square-root-free form): the computed x
/// solves (A + ΔA)x = b with |ΔA| ≤ O(c·ε)|L̃||L̃ᵀ|. The factorisation fails
/// where a pivot d_i is not positive and finite, that is where A is not
/// numerically positive definite.
struct SmallCholesky {
    /// The largest order.
    let maximumOrder: Int
    /// One block, so that a solve reaches it through one pointer: A (its lower
    /// triangle is read), then L below the diagonal and D on it, row-major
    /// with stride ``maximumOrder``, at 0 ..< c²; b, then x, at c² ..< c² + c;
    /// 1 / d_i at c² + c ..< c² + 2c (c = ``maximumOrder``).
    private var storage: [Double]
    private let right: Int, reciprocal: Int

    /// - Parameter maximumOrder: c_max ≥ 1.
    init(maximumOrder: Int) {
        let c = max(1, maximumOrder)
        self.maximumOrder = c
        storage = [Double](repeating: 0, count: c * c + 2 * c)
        right = c * c
        reciprocal = c * c + c
    }

    /// Sets A[row, column] (only the lower triangle, column ≤ row, is read).
    @inline(__always) mutating func set(row: Int, column: Int, _ value: Double) {
        storage[row * maximumOrder + column] = value
    }

    /// Sets b[i].
    @inline(__always) mutating func setRight(_ i: Int, _ value: Double) { storage[right + i] = value }

    /// x[i] of the last solve.
    @inline(__always) func solution(_ i: Int) -> Double { storage[right + i] }

    /// d_i of the last factorisation (L̃[i, i]² of the form L̃·L̃ᵀ).
    @inline(__always) func pivot(_ i: Int) -> Double { storage[i * maximumOrder + i] }

    /// Factors the leading `order` × `order` block of A = L·D·Lᵀ in place and solves A·x = b.
    ///
    /// - Returns: false when A is not (numerically) positive definite, or x is not finite.
    /// - Complexity: c³/3 + 2c² flops, c divisions.
    mutating func solve(order c: Int) -> Bool {
        guard c >= 1 && c <= maximumOrder else { return false }
        let stride = maximumOrder, right = self.right, reciprocal = self.reciprocal
        return storage.withUnsafeMutableBufferPointer { block in
            guard let a = block.baseAddress else { return false }
            let b = a + right, reciprocals = a + reciprocal
            // Row i: t_ij = a_ij − Σ_{k<j} t_ik·l_jk (the entries of L·D), then
            // l_ik = t_ik / d_k by the pivots' reciprocals and
            // d_i = a_ii − Σ_{k<i} t_ik·l_ik; the t_ij stay in the row until
            // every one is formed, as the sums of its later columns read them.
            for i in 0..<c {
                let row = a + i &* stride
                for j in 0..<i {
                    let other = a + j &* stride
                    var sum = row[j]
                    for k in 0..<j { sum -= row[k] * other[k] }
                    row[j] = sum
                }
                var pivot = row[i]
                for k in 0..<i {
                    let scaled = row[k] * reciprocals[k]
                    pivot -= row[k] * scaled
                    row[k] = scaled
                }
                guard pivot > 0 && pivot.isFinite else { return false }
                row[i] = pivot
                reciprocals[i] = 1 / pivot
            }
            // L·y = b, then Lᵀ·x = D⁻¹·y.
            for i in 0..<c {
                let row = a + i &* stride
                var sum = b[i]
                for k in 0..<i { sum -= row[k] * b[k] }
                b[i] = sum
            }
            var i = c &- 1
            while i >= 0 {
                var sum = b[i] * reciprocals[i]
                var k = i &+ 1
                while k < c {
                    sum -= a[k &* stride &+ i] * b[k]
                    k &+= 1
                }
                b[i] = sum
                i &-= 1
            }
            for i in 0..<c where !b[i].isFinite { return false }
            return true
        }
    }
}
