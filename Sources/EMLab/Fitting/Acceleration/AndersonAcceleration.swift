/// Anderson acceleration AA(m) of the EM map (Walker & Ni 2011,
/// "Anderson acceleration for fixed-point iterations", *SIAM J. Numer.
/// Anal.* 49(4), 1715–1735, §1 and §5), undamped (β = 1), as SUNDIALS
/// KINSOL's fixed-point solver runs Walker & Ni's EM example
/// (LLNL/sundials `examples/kinsol/CXX_parallel/kin_em_p.cpp`).
///
/// With f(θ) = F(θ) − θ and the last m_k = min(m, k) differences
/// ΔF_i = f_{i+1} − f_i and ΔG_i = F(θ_{i+1}) − F(θ_i), one iteration is
///
///     γ = argmin ‖f_k − ΔF γ‖₂,   θ_{k+1} = F(θ_k) − ΔG γ
///
/// (Walker & Ni's form (1.2) with α_i from γ), on the vector of
/// ``EMMapVector``. The least-squares problem is solved by its normal
/// equations, ΔFᵀΔF kept up to date one column at a time and factored by
/// Cholesky (``RingNormalEquations``, ``SmallCholesky``), while ΔF is well conditioned;
/// otherwise by GSL's singular value decomposition, whose minimum-norm γ
/// (singular values below 1e-14 of the largest dropped) is defined where
/// ΔF has lost rank. KINSOL updates a QR factorisation by modified
/// Gram–Schmidt instead: at full rank all three give the same γ up to
/// rounding (the normal equations to about cond(ΔF)²·ε, below 1e-6 where
/// they are used), and γ only proposes a point the next pass scores.
///
/// ## Steps outside the parameter space
/// Walker & Ni's EM example estimates means only, whose space has no
/// boundary, and the method has no rule for one. Here a θ_{k+1} outside the
/// parameter space (``EMMapVector``), or whose ℓ is not finite, is replaced by
/// the EM step F(θ_k), and the difference history is cleared — AA(0) from
/// there, the restart Walker & Ni's §4 discusses for ill-conditioned
/// histories. ℓ is not checked otherwise: AA(m) is not monotone, and its
/// falls are counted (``FitResult/nonMonotoneUpdates``).
///
/// AA(m) finds fixed points of F, not maxima of ℓ: with nothing holding ℓ
/// up it can settle on a saddle of ℓ (e.g. two merged components), which
/// EM is repelled from, and it is not invariant to rescaling the
/// coordinates (`emlab fit` fits standardized data, so its path there
/// differs from one on the raw data).
///
/// ## Counting
/// One E-step pass per iteration: the pass at θ_{k+1} gives its ℓ and
/// F(θ_{k+1}), so ``FitResult/eSteps`` is Walker & Ni's "function
/// evaluations" (+1 per fallback whose first point was scored). See
/// ``AcceleratedPath`` for the stopping rules and flags.
public enum AndersonAcceleration {
    /// Fits a mixture to `data` by AA(`order`)-accelerated EM from `start`.
    ///
    /// - Parameters:
    ///   - data: the observations; at least one, all finite.
    ///   - start: the starting parameters, put into the model's form first.
    ///   - configuration: constraints, stopping rule, cap (of E-step passes), floor, trace.
    ///   - order: m ≥ 1, the differences kept (Walker & Ni's example: 3).
    /// - Returns: the last accepted point and its counts; never throws.
    /// - Complexity: one O(n·K) pass per iteration, plus O(p·m²) for the
    ///   least-squares problem (p free parameters).
    public static func fit(data: [Double], start: GaussianMixture, configuration: EMConfiguration, order: Int) -> FitResult {
        var path = AcceleratedPath(data: data, start: start, configuration: configuration)
        let p = path.dimension
        let m = max(1, min(order, p))
        // The last m columns of ΔF and ΔG in ring buffers (slot `(oldest + j) % m`
        // holds the j-th oldest), and every per-iteration vector, allocated once:
        // AA's bookkeeping is then a few O(p·m) loops and an m × m Cholesky solve
        // (``SmallCholesky``; GSL's SVD only when ΔF is ill conditioned, on GSL
        // storage of its own, ``SingularValueWorkspace``): no allocation per iteration.
        var deltaF = [Double](repeating: 0, count: m * p), deltaG = deltaF
        var oldest = 0, stored = 0
        // GSL's SVD storage is allocated at the first ill-conditioned ΔF only.
        var workspace: SingularValueWorkspace?
        var normal = RingNormalEquations(slots: m)
        var gamma = [Double](repeating: 0, count: m)
        var f = [Double](repeating: 0, count: p), proposal = f, next = f, nextImage = f, g = f
        while true {
            if let reason = path.stop() { return path.finish(reason) }
            // F(θ_k) copied, not referenced: a reference held across `accept` would
            // make the path copy its storage there.
            for i in 0..<p {
                g[i] = path.currentImage[i]
                f[i] = g[i] - path.current[i]
                proposal[i] = g[i]
            }
            if stored > 0
                && (normal.solve(columns: stored, of: deltaF, oldest: oldest, target: f, into: &gamma)
                    || {
                        if workspace == nil { workspace = SingularValueWorkspace(rows: p, maximumColumns: m) }
                        return LeastSquares.minimumNorm(
                            columns: stored, of: deltaF, slots: m, oldest: oldest, target: f, workspace: workspace, into: &gamma)
                    }())
            {
                for j in 0..<stored {
                    let base = RingNormalEquations.slot(j, oldest: oldest, slots: m) * p, weight = gamma[j]
                    for i in 0..<p { proposal[i] -= weight * deltaG[base + i] }
                }
            }
            let extrapolated = proposal != g
            var usedProposal = extrapolated
            var evaluation: EMMapVector.Evaluation
            if usedProposal && path.isInside(proposal) {
                for i in 0..<p { next[i] = proposal[i] }
                evaluation = path.evaluate(next, image: &nextImage)
                if !evaluation.logLikelihood.isFinite { usedProposal = false }
            } else {
                usedProposal = false
                evaluation = path.currentEvaluation
            }
            if !usedProposal {
                if extrapolated { (oldest, stored) = (0, 0) }
                for i in 0..<p { next[i] = g[i] }
                evaluation = path.evaluate(next, image: &nextImage)
                path.noteEMStepFromCurrent(to: evaluation)
            }
            // The new differences, from the pass at θ_{k+1}, into the oldest slot once the ring is full.
            let slot: Int
            if stored < m {
                slot = RingNormalEquations.slot(stored, oldest: oldest, slots: m)
                stored += 1
            } else {
                slot = oldest
                oldest = RingNormalEquations.slot(1, oldest: oldest, slots: m)
            }
            for i in 0..<p {
                deltaF[slot * p + i] = (nextImage[i] - next[i]) - f[i]
                deltaG[slot * p + i] = nextImage[i] - g[i]
            }
            normal.columnChanged(slot: slot, ring: deltaF, dimension: p, count: stored, oldest: oldest)
            // `next` and `nextImage` come back as scratch: both are overwritten whole next iteration.
            path.accept(exchanging: &next, image: &nextImage, evaluation: evaluation)
        }
    }
}
