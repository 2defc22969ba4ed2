/// Damped Anderson acceleration with restarts and ε-monotonicity (DAAREM;
/// Henderson & Varadhan 2019, *J. Comput. Graph. Statist.* 28(4),
/// 834–846, Algorithm 1), as the R package daarem 0.7 runs it with an
/// objective function (cran/daarem `R/daarem_base_objfn.R`), ℓ the objective,
/// on the vector of ``EMMapVector``.
///
/// From θ_0 and θ_1 = F(θ_0), with f = F(θ) − θ, each iteration stores the
/// differences ΔF, ΔX of the current restart cycle (at most the lag
/// m = min(order, ⌈p/2⌉) columns; after m iterations the cycle restarts),
/// takes the SVD ΔF = U D Vᵀ, finds the ridge λ (``DAAREMDamping``), and proposes
///
///     γ = V (D Uᵀ f)/(D² + λ),   θ' = θ_k − ΔX γ + f_k − ΔF γ.
///
/// θ' is accepted when ℓ(θ') ≥ ℓ(θ_k) − mon.tol (the damping then relaxes,
/// s_k + 1); otherwise θ_{k+1} = F(θ_k). At each restart, when ℓ has fallen
/// below its value at the last restart, the damping tightens (s_k − m,
/// at least −2κ).
///
/// ## Steps outside the parameter space
/// The package knows no parameter space: an objective that cannot be
/// evaluated (an error, NaN — what a mixture's log-likelihood gives for a
/// negative variance or weight) sends it to the EM step and restarts the
/// cycle (`count <- 0`). A θ' outside the space of ``EMMapVector`` is
/// treated so, without a pass (the package pays an objective evaluation).
///
/// ## Counting
/// A pass scores θ' (and gives F(θ')); a rejected θ' costs one more pass,
/// at F(θ_k). Falls within mon.tol are accepted and counted
/// (``FitResult/nonMonotoneUpdates``). See ``AcceleratedPath``.
public enum DAAREM {
    /// Fits a mixture to `data` by DAAREM-accelerated EM from `start`.
    ///
    /// - Parameters:
    ///   - data: the observations; at least one, all finite.
    ///   - start: the starting parameters, put into the model's form first.
    ///   - configuration: constraints, stopping rule, cap (of E-step passes), floor, trace.
    ///   - options: order, mon.tol, κ, α.
    /// - Returns: the last accepted point and its counts; never throws.
    /// - Complexity: one or two O(n·K) passes per iteration, plus O(p·m²).
    public static func fit(
        data: [Double], start: GaussianMixture, configuration: EMConfiguration, options: DAAREMOptions
    ) -> FitResult {
        var path = AcceleratedPath(data: data, start: start, configuration: configuration)
        let p = path.dimension
        let lag = options.lag(parameters: p)
        if let reason = path.stop() { return path.finish(reason) }
        // θ_1 = F(θ_0).
        // Every vector DAAREM keeps, allocated once, and GSL's SVD on storage of its
        // own (``SingularValueWorkspace``): no allocation per iteration. Without that
        // storage (GSL could not allocate a few doubles) every step is an EM step,
        // as when the decomposition fails.
        let workspace = SingularValueWorkspace(rows: p, maximumColumns: lag)
        var xOld = path.current
        var fOld = path.currentImage
        for i in 0..<p { fOld[i] -= xOld[i] }
        var next = path.currentImage, nextImage = next
        var evaluation = path.evaluate(next, image: &nextImage)
        path.noteEMStepFromCurrent(to: evaluation)
        path.accept(next, image: nextImage, evaluation: evaluation)
        var fDiff = [[Double]](repeating: [Double](repeating: 0, count: p), count: lag), xDiff = fDiff
        var fNew = [Double](repeating: 0, count: p), proposal = fNew
        var uy = [Double](repeating: 0, count: lag), uySquared = uy, d = uy, gamma = uy
        var count = 0
        var shrinkCount = 0.0
        var lambda = 100_000.0, r = 0.0
        var ellStar = path.logLikelihood
        while true {
            if let reason = path.stop() { return path.finish(reason) }
            let xNew = path.current, gNew = path.currentImage
            for i in 0..<p { fNew[i] = gNew[i] - xNew[i] }
            for i in 0..<p {
                fDiff[count][i] = fNew[i] - fOld[i]
                xDiff[count][i] = xNew[i] - xOld[i]
            }
            count += 1
            var hasProposal = false
            if let workspace {
                for j in 0..<count { for i in 0..<p { workspace.set(row: i, column: j, fDiff[j][i]) } }
                hasProposal = workspace.decompose(columns: count)
            }
            if hasProposal, let workspace {
                for j in 0..<count {
                    d[j] = workspace.singularValue(j)
                    uy[j] = 0
                    for i in 0..<p { uy[j] += workspace.u(i, j) * fNew[i] }
                    uySquared[j] = uy[j] * uy[j]
                }
                var ftf = 0.0
                for j in 0..<count { ftf += uySquared[j] * d[j] * d[j] }
                (lambda, r) = DAAREMDamping.find(
                    projectedSquares: uySquared, singularValues: d, count: count, alpha: options.alpha, kappa: options.kappa,
                    shrinkCount: shrinkCount, norm: ftf.squareRoot(), lambdaStart: lambda, rStart: r)
                for j in 0..<count { gamma[j] = 0 }
                for j in 0..<count {
                    let dd = d[j] * uy[j] / (d[j] * d[j] + lambda)
                    for row in 0..<count { gamma[row] += workspace.v(row, j) * dd }
                }
                for i in 0..<p {
                    var shift = 0.0
                    for j in 0..<count { shift += xDiff[j][i] * gamma[j] + fDiff[j][i] * gamma[j] }
                    proposal[i] = xNew[i] + fNew[i] - shift
                }
            }
            for i in 0..<p {
                fOld[i] = fNew[i]
                xOld[i] = xNew[i]
            }
            var takeEMStep = true
            if hasProposal && path.isInside(proposal) {
                for i in 0..<p { next[i] = proposal[i] }
                evaluation = path.evaluate(next, image: &nextImage)
                if !evaluation.logLikelihood.isNaN
                    && (evaluation.exact
                        ? evaluation.change >= -options.monotonicityTolerance
                        : evaluation.logLikelihood >= path.logLikelihood - options.monotonicityTolerance)
                {
                    takeEMStep = false
                    shrinkCount += 1
                } else if evaluation.logLikelihood.isNaN {
                    count = 0
                }
            } else {
                count = 0
            }
            if takeEMStep {
                for i in 0..<p { next[i] = gNew[i] }
                evaluation = path.evaluate(next, image: &nextImage)
                path.noteEMStepFromCurrent(to: evaluation)
            }
            path.accept(next, image: nextImage, evaluation: evaluation)
            if count == lag {
                count = 0
                if path.logLikelihood < ellStar { shrinkCount = max(shrinkCount - Double(lag), -2 * options.kappa) }
                ellStar = path.logLikelihood
            }
        }
    }
}
