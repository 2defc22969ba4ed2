/// DAAREM's Gram matrix at the last column of a restart cycle, left as an
/// arrowhead matrix: no eigen-decomposition of the full m × m matrix.
///
/// ## Why
/// At column c of a cycle, G = ΔFᵀΔF is the (c − 1) × (c − 1) matrix of the
/// step before, already decomposed as V_q E V_qᵀ (q = c − 1), bordered by
/// the new column (g, β). In the basis Q = V_q ⊕ 1 it is the arrowhead
///
///     A = QᵀGQ = [[E, z], [zᵀ, β]],   z = V_qᵀg,
///
/// and A + λI = L Δ Lᵀ with L = [[I, 0], [zᵀ(E + λI)⁻¹, 1]] and Δ =
/// diag(E + λI, s(λ)), s(λ) = β + λ − Σ_j z_j²/(e_j + λ) (the Schur
/// complement; Golub & Van Loan, *Matrix Computations*, 3rd ed., §8.5.3
/// for the arrowhead, §4.2 for the block factorisation). So every ridge
/// solution y(λ) = (A + λI)⁻¹w, w = Qᵀ(ΔFᵀf), and the two norms the damping
/// reads cost q + 1 divisions, and Q y(λ) is the package's step γ(λ)
/// exactly in exact arithmetic. A cycle's last column is never bordered
/// again (the cycle restarts), so its decomposition — the Jacobi sweeps of
/// the largest matrix of the cycle — is not needed at all.
///
/// ## Numerical contract
/// Q is orthogonal to the accuracy of the step before's decomposition, and
/// s(λ) ≥ λ_min(A) + λ is formed with an absolute error of a few
/// ε·(β + λ + Σ z_j²/(e_j + λ)), so each norm is accurate to a few ε·cond(A)
/// relatively — the accuracy of the eigenvalues of G that the Gram route
/// trusts (``DAAREM/gramConditionLimit``). The route is taken only when
/// ‖A‖_F·trace(A⁻¹) ≤ 1/``DAAREM/gramConditionLimit``, a bound on cond(A)
/// (λ_max ≤ ‖A‖_F, 1/λ_min ≤ trace(A⁻¹)) at most c^{3/2} times it.
struct DAAREMArrowheadSpectrum: DAAREMSpectrum {
    /// e_j: the eigenvalues of the leading q × q block, all positive.
    let values: UnsafePointer<Double>
    /// z = V_qᵀg.
    let border: UnsafePointer<Double>
    /// β, the new column's diagonal entry.
    let corner: Double
    /// w = Qᵀ(ΔFᵀf): q + 1 entries.
    let right: UnsafePointer<Double>
    /// q = c − 1 ≥ 0.
    let q: Int
    /// Scratch for q reciprocals 1/(e_j + λ).
    let reciprocals: UnsafeMutablePointer<Double>

    /// Writes 1/(e_j + λ) and returns 1/s(λ) and the first solve's t_q =
    /// w_q − Σ z_j w_j/(e_j + λ).
    @inline(__always) private func factor(at lambda: Double) -> (inverseSchur: Double, last: Double) {
        var schur = corner + lambda, last = right[q]
        for j in 0..<q {
            let r = 1 / (values[j] + lambda)
            reciprocals[j] = r
            let zr = border[j] * r
            schur -= zr * border[j]
            last -= zr * right[j]
        }
        return (1 / schur, last)
    }

    /// y(λ) = (A + λI)⁻¹w into `y` (q + 1 entries); ‖y‖² and yᵀ(A + λI)⁻¹y.
    ///
    /// - Complexity: O(q), q + 1 divisions.
    @inline(__always) func solve(at lambda: Double, into y: UnsafeMutablePointer<Double>?) -> (
        squares: Double, derivative: Double
    ) {
        let (inverseSchur, last) = factor(at: lambda)
        let yq = last * inverseSchur
        y?[q] = yq
        var squares = yq * yq, derivative = 0.0, folded = yq
        for j in 0..<q {
            let r = reciprocals[j]
            let yj = r * (right[j] - border[j] * yq)
            y?[j] = yj
            squares += yj * yj
            derivative += r * yj * yj
            folded -= border[j] * r * yj
        }
        derivative += folded * folded * inverseSchur
        return (squares, derivative)
    }

    @inline(__always) func ridgeNorms(at lambda: Double) -> (squares: Double, derivative: Double) {
        solve(at: lambda, into: nil)
    }

    @inline(__always) func leastSquaresNorms() -> (squares: Double, fourth: Double) {
        let (squares, derivative) = solve(at: 0, into: nil)
        return (squares, derivative)
    }

    /// ‖A‖_F·trace(A⁻¹) ≥ cond(A); +∞ when A is not positive definite (some
    /// e_j or s(0) not positive) or not finite.
    ///
    /// - Complexity: O(q).
    func conditionBound() -> Double {
        var frobenius = corner * corner, trace = 0.0, schur = corner, weighted = 0.0
        for j in 0..<q {
            guard values[j] > 0 else { return .infinity }
            let r = 1 / values[j], z = border[j]
            frobenius += values[j] * values[j] + 2 * z * z
            trace += r
            schur -= z * z * r
            weighted += z * z * r * r
        }
        guard schur > 0 else { return .infinity }
        let bound = frobenius.squareRoot() * (trace + (1 + weighted) / schur)
        return bound.isFinite ? bound : .infinity
    }
}
