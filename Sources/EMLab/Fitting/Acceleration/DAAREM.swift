/// Damped Anderson acceleration with restarts and ε-monotonicity (DAAREM;
/// Henderson & Varadhan 2019, *J. Comput. Graph. Statist.* 28(4),
/// 834–846, Algorithm 1), as the R package daarem 0.7 runs it with an
/// objective function (cran/daarem `R/daarem_base_objfn.R`), ℓ the objective,
/// on the vector of ``EMMapVector``.
///
/// From θ_0 and θ_1 = F(θ_0), with f = F(θ) − θ, each iteration stores the
/// differences ΔF, ΔX of the current restart cycle (at most the lag
/// m = min(order, ⌈p/2⌉) columns; after m iterations the cycle restarts),
/// takes ΔF's singular values D and right singular vectors V, finds the
/// ridge λ (``DAAREMDamping``), and proposes
///
///     γ = V (D Uᵀ f)/(D² + λ),   θ' = θ_k − ΔX γ + f_k − ΔF γ.
///
/// ## The decomposition
/// The package takes the SVD ΔF = U D Vᵀ. The step needs only D, V and
/// D Uᵀ f = Vᵀ(ΔFᵀ f), which the eigen-decomposition ΔFᵀΔF = V D² Vᵀ of the
/// m × m Gram matrix gives as well (Golub & Van Loan, *Matrix Computations*,
/// 3rd ed., §8.6.3); ΔFᵀΔF grows by one row and column an iteration (m
/// inner products of length p), so each step costs O(p·m) and a Jacobi
/// decomposition of at most 5 × 5 (``SmallSymmetricEigen``), not an SVD of
/// p × m. The Gram matrix squares ΔF's condition number, so it is used only
/// while its smallest eigenvalue is at least ``gramConditionLimit`` of its
/// largest (cond(ΔF) ≤ 10⁵, where D and V lose at most about 10⁻⁶ of their
/// relative accuracy); otherwise the step is the package's own, by GSL's SVD
/// of ΔF. At a cycle's last column, whose decomposition no later step
/// borders, the step is taken from the arrowhead form of ΔFᵀΔF in the basis
/// of the step before's decomposition instead (``DAAREMArrowheadSpectrum``:
/// q + 1 divisions per ridge solution, no sweeps), under a condition bound
/// of the same 10¹⁰. Either way the step only proposes a point the next
/// pass scores.
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
    /// The smallest ratio of the Gram matrix's eigenvalues (d²_min / d²_max)
    /// at which its decomposition is trusted in place of ΔF's SVD.
    static let gramConditionLimit = 1e-10

    /// Fits a mixture to `data` by DAAREM-accelerated EM from `start`.
    ///
    /// - Parameters:
    ///   - data: the observations; at least one, all finite.
    ///   - start: the starting parameters, put into the model's form first.
    ///   - configuration: constraints, stopping rule, cap (of E-step passes), floor, trace.
    ///   - options: order, mon.tol, κ, α.
    /// - Returns: the last accepted point and its counts; never throws.
    /// - Complexity: one or two O(n·K) passes per iteration, plus O(p·m + m³).
    public static func fit(
        data: [Double], start: GaussianMixture, configuration: EMConfiguration, options: DAAREMOptions
    ) -> FitResult {
        var path = AcceleratedPath(data: data, start: start, configuration: configuration)
        let p = path.dimension
        let lag = options.lag(parameters: p)
        if let reason = path.stop() { return path.finish(reason) }
        // Every vector DAAREM keeps, and the Gram matrix's decomposition, allocated
        // once: no allocation per iteration. GSL's SVD (``SingularValueWorkspace``)
        // is allocated at the first ill-conditioned ΔF; when GSL cannot allocate it,
        // or a decomposition fails, the step is an EM step.
        var step = Step(dimension: p, lag: lag)
        step.begin(point: path.current, image: path.currentImage)
        // θ_1 = F(θ_0).
        var next = path.currentImage, nextImage = next
        var evaluation = path.evaluate(next, image: &nextImage)
        path.noteEMStepFromCurrent(to: evaluation)
        path.accept(next, image: nextImage, evaluation: evaluation)
        var shrinkCount = 0.0
        var lambda = 100_000.0, r = 0.0
        var ellStar = path.logLikelihood
        while true {
            if let reason = path.stop() { return path.finish(reason) }
            step.append(point: path.current, image: path.currentImage)
            let hasProposal = step.propose(
                alpha: options.alpha, kappa: options.kappa, shrinkCount: shrinkCount, lambda: &lambda, r: &r)
            var takeEMStep = true
            if hasProposal { step.copyProposal(into: &next) }
            if hasProposal && path.isInside(next) {
                evaluation = path.evaluate(next, image: &nextImage)
                if !evaluation.logLikelihood.isNaN
                    && (evaluation.exact
                        ? evaluation.change >= -options.monotonicityTolerance
                        : evaluation.logLikelihood >= path.logLikelihood - options.monotonicityTolerance)
                {
                    takeEMStep = false
                    shrinkCount += 1
                } else if evaluation.logLikelihood.isNaN {
                    step.restart()
                }
            } else {
                step.restart()
            }
            if takeEMStep {
                step.copyImage(into: &next)
                evaluation = path.evaluate(next, image: &nextImage)
                path.noteEMStepFromCurrent(to: evaluation)
            }
            // `next` and `nextImage` come back as scratch: the step overwrites `next` whole.
            path.accept(exchanging: &next, image: &nextImage, evaluation: evaluation)
            if step.count == lag {
                step.restart()
                if path.logLikelihood < ellStar { shrinkCount = max(shrinkCount - Double(lag), -2 * options.kappa) }
                ellStar = path.logLikelihood
            }
        }
    }

    /// One restart cycle's differences and the damped step they propose.
    ///
    /// Every vector lives in one block of memory allocated with the step (a
    /// few times p·m doubles), read and written through pointers: at p = 5
    /// the whole step is a few hundred floating-point operations, and the
    /// uniqueness checks and reference counting of a dozen Swift arrays cost
    /// as much. A non-copyable value, not a class, so that its counters are
    /// checked for exclusive access when compiled, not at every access at run time.
    struct Step: ~Copyable {
        let p: Int
        let lag: Int
        /// Columns in the cycle.
        private(set) var count = 0
        /// θ_k, F(θ_k) and f_k = F(θ_k) − θ_k of the newest point; θ'.
        private let x: UnsafeMutablePointer<Double>, image: UnsafeMutablePointer<Double>
        private let f: UnsafeMutablePointer<Double>, proposal: UnsafeMutablePointer<Double>
        /// ΔF and ΔX, column j at j·p ..< (j + 1)·p.
        private let fDiff: UnsafeMutablePointer<Double>, xDiff: UnsafeMutablePointer<Double>
        /// ΔFᵀΔF (lag × lag, row-major), kept up to date a column at a time, and ΔFᵀf.
        private let gram: UnsafeMutablePointer<Double>, fTf: UnsafeMutablePointer<Double>
        /// D Uᵀf = Vᵀ(ΔFᵀf), (Uᵀf)², D, V (row-major, lag × lag) and γ.
        private let projected: UnsafeMutablePointer<Double>, uySquared: UnsafeMutablePointer<Double>
        private let d: UnsafeMutablePointer<Double>, v: UnsafeMutablePointer<Double>, gamma: UnsafeMutablePointer<Double>
        /// The cycle's last column (``DAAREMArrowheadSpectrum``): the block's eigenvalues,
        /// z, w, the ridge solution y and the reciprocals 1/(e_j + λ).
        private let blockValues: UnsafeMutablePointer<Double>, border: UnsafeMutablePointer<Double>
        private let rotated: UnsafeMutablePointer<Double>, ridge: UnsafeMutablePointer<Double>
        private let reciprocals: UnsafeMutablePointer<Double>
        private let storage: UnsafeMutablePointer<Double>
        private var eigen: SmallSymmetricEigen
        /// The order of ``eigen``'s last successful decomposition in this cycle (0: none).
        private var eigenOrder = 0
        private var svd: SingularValueWorkspace?
        /// Whether the Gram matrix's decomposition is tried first (false: always the SVD, as the package).
        private let byGram: Bool

        /// - Parameters:
        ///   - p: the dimension of θ.
        ///   - lag: the most columns of a cycle.
        ///   - byGram: decompose ΔFᵀΔF where it is well conditioned (false: GSL's SVD of ΔF at every step).
        init(dimension p: Int, lag: Int, byGram: Bool = true) {
            (self.p, self.lag, self.byGram) = (p, lag, byGram)
            let size = 4 * p + 2 * lag * p + 2 * lag * lag + 10 * lag
            storage = .allocate(capacity: size)
            storage.initialize(repeating: 0, count: size)
            var next = storage
            func take(_ n: Int) -> UnsafeMutablePointer<Double> {
                defer { next += n }
                return next
            }
            (x, image, f, proposal) = (take(p), take(p), take(p), take(p))
            (fDiff, xDiff) = (take(lag * p), take(lag * p))
            (gram, v) = (take(lag * lag), take(lag * lag))
            (fTf, projected, uySquared, d, gamma) = (take(lag), take(lag), take(lag), take(lag), take(lag))
            (blockValues, border, rotated, ridge, reciprocals) = (take(lag), take(lag), take(lag), take(lag), take(lag))
            eigen = SmallSymmetricEigen(maximumOrder: lag)
        }

        deinit { storage.deallocate() }

        /// Starts a new cycle: no columns.
        mutating func restart() {
            count = 0
            eigenOrder = 0
        }

        /// Records θ_0 and F(θ_0), from which the first differences are taken.
        func begin(point: [Double], image: [Double]) {
            for i in 0..<p {
                x[i] = point[i]
                self.image[i] = image[i]
                f[i] = image[i] - point[i]
            }
        }

        /// Appends the differences of the newest point θ_k (`point`, with image
        /// F(θ_k)) from the last, and ΔF's new Gram entries and ΔFᵀf.
        ///
        /// - Complexity: O(p·count).
        mutating func append(point: [Double], image: [Double]) {
            let newest = count
            for i in 0..<p {
                let residual = image[i] - point[i]
                fDiff[newest * p + i] = residual - f[i]
                xDiff[newest * p + i] = point[i] - x[i]
                x[i] = point[i]
                self.image[i] = image[i]
                f[i] = residual
            }
            count += 1
            for j in 0..<count {
                var dot = 0.0, right = 0.0
                for i in 0..<p {
                    dot += fDiff[j * p + i] * fDiff[newest * p + i]
                    right += fDiff[j * p + i] * f[i]
                }
                gram[j * lag + newest] = dot
                gram[newest * lag + j] = dot
                fTf[j] = right
            }
        }

        /// Copies θ' into `vector`.
        func copyProposal(into vector: inout [Double]) {
            for i in 0..<p { vector[i] = proposal[i] }
        }

        /// Copies F(θ_k) into `vector`.
        func copyImage(into vector: inout [Double]) {
            for i in 0..<p { vector[i] = image[i] }
        }

        /// θ' of the last ``propose(alpha:kappa:shrinkCount:lambda:r:)``.
        var proposedPoint: [Double] { (0..<p).map { proposal[$0] } }

        /// θ' = θ_k − ΔX γ + f_k − ΔF γ with γ = V (D Uᵀf)/(D² + λ), λ from
        /// ``DAAREMDamping`` (updating `lambda` and `r`), into the step's θ'.
        ///
        /// - Returns: false when neither decomposition is available (no step).
        /// - Complexity: O(p·count + count³).
        mutating func propose(alpha: Double, kappa: Double, shrinkCount: Double, lambda: inout Double, r: inout Double) -> Bool {
            guard count > 0 else { return false }
            let target = DAAREMDamping.Target(alpha: alpha, kappa: kappa, shrinkCount: shrinkCount)
            if byGram && count == lag && eigenOrder == count - 1
                && proposeByArrowhead(target: target, lambda: &lambda, r: &r)
            {
                return true
            }
            guard (byGram && decomposeGram()) || decomposeDifferences() else { return false }
            var ftf = 0.0
            for j in 0..<count { ftf += projected[j] * projected[j] }
            (lambda, r) = DAAREMDamping.find(
                DAAREMDiagonalSpectrum(projectedSquares: uySquared, singularValues: d, count: count), target: target,
                norm: ftf.squareRoot(), lambdaStart: lambda, rStart: r)
            for j in 0..<count { gamma[j] = 0 }
            for j in 0..<count {
                let scaled = projected[j] / (d[j] * d[j] + lambda)
                for row in 0..<count { gamma[row] += v[row * lag + j] * scaled }
            }
            shiftProposal()
            return true
        }

        /// The step at the cycle's last column from the arrowhead form of ΔFᵀΔF
        /// in the basis of the step before's decomposition (``DAAREMArrowheadSpectrum``).
        ///
        /// - Returns: false, with `lambda` and `r` untouched, when the arrowhead's
        ///   condition bound exceeds 1/``DAAREM/gramConditionLimit``.
        /// - Complexity: O(p·count + count²).
        private func proposeByArrowhead(target: DAAREMDamping.Target, lambda: inout Double, r: inout Double) -> Bool {
            let q = count - 1
            for j in 0..<q {
                var z = 0.0, w = 0.0
                for i in 0..<q {
                    z += eigen.vector(i, j) * gram[i * lag + q]
                    w += eigen.vector(i, j) * fTf[i]
                }
                blockValues[j] = eigen.value(j)
                border[j] = z
                rotated[j] = w
            }
            rotated[q] = fTf[q]
            let spectrum = DAAREMArrowheadSpectrum(
                values: blockValues, border: border, corner: gram[q * lag + q], right: rotated, q: q,
                reciprocals: reciprocals)
            guard spectrum.conditionBound() <= 1 / DAAREM.gramConditionLimit else { return false }
            var ftf = 0.0
            for j in 0...q { ftf += rotated[j] * rotated[j] }
            (lambda, r) = DAAREMDamping.find(
                spectrum, target: target, norm: ftf.squareRoot(), lambdaStart: lambda, rStart: r)
            _ = spectrum.solve(at: lambda, into: ridge)
            // γ = Q y.
            for i in 0..<q {
                var sum = 0.0
                for j in 0..<q { sum += eigen.vector(i, j) * ridge[j] }
                gamma[i] = sum
            }
            gamma[q] = ridge[q]
            shiftProposal()
            return true
        }

        /// θ' = θ_k + f_k − (ΔX + ΔF) γ.
        private func shiftProposal() {
            for i in 0..<p {
                var shift = 0.0
                for j in 0..<count { shift += xDiff[j * p + i] * gamma[j] + fDiff[j * p + i] * gamma[j] }
                proposal[i] = x[i] + f[i] - shift
            }
        }

        /// D, V and D Uᵀf from ΔFᵀΔF = V D² Vᵀ and Vᵀ(ΔFᵀf).
        ///
        /// - Returns: false when the decomposition fails, or ΔFᵀΔF is not
        ///   positive definite to within ``DAAREM/gramConditionLimit``.
        private mutating func decomposeGram() -> Bool {
            // A cycle's first ΔFᵀΔF is 1 × 1, its own decomposition. After that it grew
            // by one row and column since the last step of the cycle: bordered onto
            // that step's decomposition when there was one.
            let newest = count - 1, gram = self.gram, lag = self.lag
            let decomposed: Bool
            if count == 1 {
                decomposed = eigen.decompose(scalar: gram[0])
            } else if eigenOrder == newest {
                decomposed = eigen.decomposeBordered(order: count) { gram[$0 * lag + newest] }
            } else {
                for j in 0..<count { for k in 0...j { eigen.set(row: j, column: k, gram[j * lag + k]) } }
                decomposed = eigen.decompose(order: count)
            }
            eigenOrder = decomposed ? count : 0
            guard decomposed else { return false }
            var smallest = Double.infinity, largest = 0.0
            for j in 0..<count {
                smallest = min(smallest, eigen.value(j))
                largest = max(largest, eigen.value(j))
            }
            guard largest > 0, smallest >= DAAREM.gramConditionLimit * largest else { return false }
            for j in 0..<count {
                let squared = eigen.value(j)
                var projection = 0.0
                for row in 0..<count {
                    v[row * lag + j] = eigen.vector(row, j)
                    projection += eigen.vector(row, j) * fTf[row]
                }
                d[j] = squared.squareRoot()
                projected[j] = projection
                uySquared[j] = projection * projection / squared
            }
            return true
        }

        /// D, V and D Uᵀf from GSL's SVD of ΔF, as the package takes them.
        ///
        /// - Returns: false when GSL cannot allocate its storage or the decomposition fails.
        private mutating func decomposeDifferences() -> Bool {
            if svd == nil { svd = SingularValueWorkspace(rows: p, maximumColumns: lag) }
            guard let svd else { return false }
            for j in 0..<count { for i in 0..<p { svd.set(row: i, column: j, fDiff[j * p + i]) } }
            guard svd.decompose(columns: count) else { return false }
            for j in 0..<count {
                var uy = 0.0
                for i in 0..<p { uy += svd.u(i, j) * f[i] }
                d[j] = svd.singularValue(j)
                projected[j] = d[j] * uy
                uySquared[j] = uy * uy
                for row in 0..<count { v[row * lag + j] = svd.v(row, j) }
            }
            return true
        }
    }
}
