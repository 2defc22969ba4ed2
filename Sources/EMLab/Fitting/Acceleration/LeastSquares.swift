/// The small least-squares problems of the Anderson-type accelerators, on
/// GSL's singular value decomposition (``Matrix``) or, for AA, on the
/// normal equations by a small Cholesky factorisation (``RingNormalEquations``).
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
    /// `(oldest + j) % slots` is column j, stored at `ring[slot·p ..< (slot + 1)·p]`),
    /// decomposed in `workspace` (allocated once per fit) and written into
    /// `gamma`; the same arithmetic in the same order, so the same bits.
    ///
    /// - Parameters:
    ///   - count: the columns in use, 1 ≤ count ≤ slots.
    ///   - ring: the column slots, back to back, each of length p = target.count.
    ///   - slots: how many slots the ring has.
    ///   - oldest: the slot of column 0.
    ///   - target: the vector to fit.
    ///   - workspace: p × slots storage; nil (GSL could not allocate it)
    ///     solves with storage of its own.
    ///   - gamma: out, its first `count` entries.
    /// - Returns: false when the decomposition fails or every singular value is 0.
    /// - Complexity: O(p·count²).
    static func minimumNorm(
        columns count: Int, of ring: [Double], slots: Int, oldest: Int, target: [Double], workspace: SingularValueWorkspace?,
        into gamma: inout [Double]
    ) -> Bool {
        let p = target.count
        guard let workspace else {
            let columns = (0..<count).map { j in
                let s = RingNormalEquations.slot(j, oldest: oldest, slots: slots)
                return Array(ring[(s * p)..<((s + 1) * p)])
            }
            guard let solved = minimumNorm(columns: columns, target: target) else { return false }
            for j in 0..<count { gamma[j] = solved[j] }
            return true
        }
        for j in 0..<count {
            let base = RingNormalEquations.slot(j, oldest: oldest, slots: slots) * p
            for i in 0..<p { workspace.set(row: i, column: j, ring[base + i]) }
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

/// The normal equations (ΔFᵀΔF) γ = ΔFᵀ f of the least-squares problem
/// min ‖f − ΔF γ‖₂ over the columns of a ring buffer, with ΔFᵀΔF kept up to
/// date column by column (m inner products of length p when a column
/// changes, not a decomposition of the p × m matrix), solved by a Cholesky
/// factorisation on storage allocated once (``SmallCholesky``, which says
/// why it is not GSL's).
///
/// The normal equations square ΔF's condition number (Golub & Van Loan,
/// *Matrix Computations*, 3rd ed., §5.3.7–5.3.9); Walker & Ni (2011, §4)
/// prefer QR for that reason. Here they are used only while ΔF is well
/// conditioned: when the factor's smallest pivot d_j is below ``pivotRatio``
/// of its largest (the Cholesky factor's diagonal entries √d_j 10⁵ apart,
/// cond(ΔF) ≳ 10⁵, where γ would lose more than about 10⁻⁶ of its relative
/// accuracy), or the factorisation fails,
/// ``solve(columns:of:oldest:target:into:)`` returns false and the caller
/// solves by the SVD (``LeastSquares/minimumNorm(columns:of:slots:oldest:target:workspace:into:)``).
/// Either way γ only proposes a point that the next E-step pass scores.
struct RingNormalEquations {
    /// The slot of column j of a ring whose column 0 is in slot `oldest`
    /// ((oldest + j) mod slots, for 0 ≤ oldest, j < slots, without an integer division).
    @inline(__always) static func slot(_ j: Int, oldest: Int, slots: Int) -> Int {
        let s = oldest + j
        return s >= slots ? s - slots : s
    }

    /// The smallest ratio d_j / max d_i of the pivots of ΔFᵀΔF = L·D·Lᵀ at which the
    /// normal equations are trusted: (10⁻⁵)², the Cholesky factor's diagonal √d_j within 10⁵.
    static let pivotRatio = 1e-10
    let slots: Int
    /// ΔF_sᵀΔF_t by slot, `slots` × `slots`, row-major.
    private var gram: [Double]
    private var workspace: SmallCholesky

    /// - Parameter slots: the ring's size m ≥ 1.
    init(slots: Int) {
        self.slots = slots
        gram = [Double](repeating: 0, count: slots * slots)
        workspace = SmallCholesky(maximumOrder: slots)
    }

    /// Records that slot `s` of `ring` (slots of length p back to back) now
    /// holds a new column: its inner products with the `count` columns in use
    /// (oldest first from `oldest`), itself included.
    ///
    /// - Complexity: O(p·count).
    mutating func columnChanged(slot s: Int, ring: [Double], dimension p: Int, count: Int, oldest: Int) {
        ring.withUnsafeBufferPointer { r in
            for j in 0..<count {
                let t = Self.slot(j, oldest: oldest, slots: slots)
                var dot = 0.0
                for i in 0..<p { dot += r[s * p + i] * r[t * p + i] }
                gram[s * slots + t] = dot
                gram[t * slots + s] = dot
            }
        }
    }

    /// γ with (ΔFᵀΔF) γ = ΔFᵀ `target` for the `count` columns in use, into `gamma`.
    ///
    /// - Returns: false when the factorisation fails or is too ill-conditioned
    ///   to trust (see the type's note): solve by the SVD then.
    /// - Complexity: O(p·count + count³).
    mutating func solve(columns count: Int, of ring: [Double], oldest: Int, target: [Double], into gamma: inout [Double]) -> Bool {
        guard count >= 1 && count <= slots else { return false }
        let p = target.count, slots = self.slots
        ring.withUnsafeBufferPointer { ring in
            target.withUnsafeBufferPointer { target in
                gram.withUnsafeBufferPointer { gram in
                    for j in 0..<count {
                        let s = Self.slot(j, oldest: oldest, slots: slots)
                        for k in 0...j {
                            workspace.set(row: j, column: k, gram[s &* slots &+ Self.slot(k, oldest: oldest, slots: slots)])
                        }
                        let column = s &* p
                        var dot = 0.0
                        for i in 0..<p { dot += ring[column &+ i] * target[i] }
                        workspace.setRight(j, dot)
                    }
                }
            }
        }
        guard workspace.solve(order: count) else { return false }
        var smallest = Double.infinity, largest = 0.0
        for j in 0..<count {
            smallest = min(smallest, workspace.pivot(j))
            largest = max(largest, workspace.pivot(j))
        }
        guard smallest >= Self.pivotRatio * largest else { return false }
        for j in 0..<count { gamma[j] = workspace.solution(j) }
        return true
    }
}
