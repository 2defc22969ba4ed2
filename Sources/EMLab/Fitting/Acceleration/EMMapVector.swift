/// The EM map F of ``ExpectationMaximization`` on the vector of a model's
/// free parameters, the form in which ``AndersonAcceleration``, ``DAAREM``,
/// ``QuasiNewtonEM`` and ``ParabolicEM`` see it.
///
/// ## The parametrisation
/// θ = (π_1 … π_{K−1}, μ_1 … μ_K, σ_1² … σ_K²): the natural parameters of
/// the mixture with the last weight π_K = 1 − Σ_{k<K} π_k implied, the form
/// in which Walker & Ni (2011, §5: the means), Zhou, Alexander & Lange (2011,
/// §2) and Henderson & Varadhan (2019, §5) write a mixture's EM map. Only
/// what the model estimates is in θ: no weights when they are fixed, one
/// σ² when it is shared, none when σ is known. So an affine combination of
/// points (every scheme's extrapolation) keeps the weights on the simplex's
/// plane, and the dimension p is the model's number of free parameters
/// (``dimension``), which sets DAAREM's lag.
///
/// ## The parameter space
/// A vector is inside it when every parameter is finite, every π_k
/// (π_K included) lies in [0, 1] and is not 0, and every σ_k² is at least
/// the variance floor and positive with σ_k above the engine's degeneracy
/// bound ulp(max(|μ_k|, 1)) — the points EM itself can produce and
/// continue from. A scheme's extrapolation outside it is never clipped:
/// each scheme falls back as its source does.
///
/// ## Counting
/// One ``evaluate(_:image:referenceLogLikelihood:exactChange:)`` is one E-step pass:
/// ℓ(θ) and the sums for F(θ) come from the same pass, so scoring a point
/// and mapping it cost one pass together. ``eSteps`` counts them all.
struct EMMapVector {
    let data: [Double]
    let configuration: EMConfiguration
    /// K.
    let componentCount: Int
    /// p, the number of free parameters.
    let dimension: Int
    /// The start in the model's form: the fixed weights and known σ come from here.
    private let fixed: SQUAREM.Point
    private let freeWeights: Bool
    /// K (per-component), 1 (shared) or 0 (known).
    private let varianceCount: Int
    /// How θ maps onto (π, μ, σ). A stored value of its own, so a mutating
    /// method can unpack into one of this type's scratch points while
    /// reading it: both are disjoint stored properties, and the map is not
    /// copied for the access (as calling a method on `self` would need).
    private struct Layout {
        let componentCount: Int
        let freeWeights: Bool
        let varianceCount: Int
        let fixed: SQUAREM.Point

        /// Component j of the point θ = `v` stands for: (π_j, μ_j, σ_j), σ_j = √σ_j².
        /// Called for j = 0, 1, …, K − 1 in turn, with `total` the weights so far
        /// (π_K = 1 − Σ_{k<K} π_k, summed in that order).
        @inline(__always) private func component(_ j: Int, of v: [Double], total: inout Double) -> (
            weight: Double, mean: Double, sd: Double
        ) {
            let k = componentCount
            let meansStart = freeWeights ? k - 1 : 0, variancesStart = meansStart + k
            let weight: Double
            if !freeWeights {
                weight = fixed.weights[j]
            } else if j < k - 1 {
                weight = v[j]
                total += weight
            } else {
                weight = 1 - total
            }
            let sd: Double
            switch varianceCount {
            case 0: sd = fixed.sds[j]
            case 1: sd = v[variancesStart].squareRoot()
            default: sd = v[variancesStart + j].squareRoot()
            }
            return (weight, v[meansStart + j], sd)
        }

        func unpack(_ v: [Double], into p: inout SQUAREM.Point) {
            var total = 0.0
            for j in 0..<componentCount {
                (p.weights[j], p.means[j], p.sds[j]) = component(j, of: v, total: &total)
            }
        }

        /// Whether the point ``unpack(_:into:)`` makes of `v` is inside the parameter
        /// space (see ``EMMapVector``), read from `v` as it is unpacked, without
        /// writing the point: the same values and the same verdict, and no array
        /// written (each write checks its array's uniqueness).
        ///
        /// - Parameter lowestSD: √(variance floor).
        func isInside(_ v: [Double], lowestSD: Double) -> Bool {
            var total = 0.0
            for j in 0..<componentCount {
                let (weight, mean, sd) = component(j, of: v, total: &total)
                // Finite; not degenerate as the engine defines it (a weight of 0, or
                // σ_k ≤ ulp(max(|μ_k|, 1))); σ_k² at least the floor; π_k in (0, 1].
                guard weight.isFinite && mean.isFinite && sd.isFinite, !MaximizationStep.isDegenerate(sd: sd, mean: mean),
                    sd >= lowestSD,
                    weight > 0 && weight <= 1
                else { return false }
            }
            return true
        }
    }
    private let layout: Layout
    /// √(variance floor), the least σ inside the parameter space.
    private let lowestSD: Double
    private var statistics: SufficientStatistics
    /// Scratch for unpacking the vector a pass scores, which the pass's M-step
    /// then overwrites with F(θ) in place (as the engine's own loop updates its point).
    private var point: SQUAREM.Point
    /// The accepted point θ of the fit (``accept(_:collapseThreshold:)``),
    /// unpacked once when it is accepted: every pass measures its change from
    /// it, and the next accepted point's step length is taken from it, so
    /// neither unpacks it again.
    private var accepted: SQUAREM.Point
    /// Scratch for unpacking a second vector (a new accepted point, the
    /// parameter rule's other end), so a pass allocates nothing here.
    private var other: SQUAREM.Point
    /// E-step passes so far.
    private(set) var eSteps = 0

    /// The result of one pass at a point.
    struct Evaluation {
        /// ℓ(θ).
        var logLikelihood: Double
        /// ℓ(θ) − ℓ(reference): exact (``LogLikelihoodChange``) when `exact`,
        /// else the plain difference of the two rounded values; NaN without a reference.
        var change: Double
        var exact: Bool
        /// Whether F(θ) is degenerate (as ``MaximizationStep`` reports it).
        var imageDegenerate: Bool
        /// Whether every parameter of F(θ) is finite.
        var imageFinite: Bool
    }

    /// - Parameters:
    ///   - data: the observations.
    ///   - start: the start, already in the model's form.
    ///   - configuration: the constraints, floor and stopping rule.
    init(data: [Double], start: SQUAREM.Point, configuration: EMConfiguration) {
        self.data = data
        self.configuration = configuration
        let k = start.weights.count
        componentCount = k
        // Read, never written: it may share the caller's storage.
        fixed = start
        freeWeights = configuration.weights == .free
        switch configuration.variance {
        case .perComponent: varianceCount = k
        case .shared: varianceCount = 1
        case .known: varianceCount = 0
        }
        dimension = (freeWeights ? k - 1 : 0) + k + varianceCount
        layout = Layout(componentCount: k, freeWeights: freeWeights, varianceCount: varianceCount, fixed: fixed)
        lowestSD = configuration.varianceFloor.squareRoot()
        statistics = SufficientStatistics(componentCount: k)
        point = SQUAREM.Point(copying: start)
        accepted = SQUAREM.Point(copying: start)
        other = SQUAREM.Point(copying: start)
        // The start is the first accepted point, as θ = vector(of: start) unpacks
        // (σ_k = √(σ_k²), which may differ from the start's σ_k in the last bit).
        layout.unpack(vector(of: start), into: &accepted)
    }

    /// θ of a point in (π, μ, σ).
    func vector(of p: SQUAREM.Point) -> [Double] {
        var v = [Double]()
        v.reserveCapacity(dimension)
        if freeWeights { for j in 0..<(componentCount - 1) { v.append(p.weights[j]) } }
        v.append(contentsOf: p.means)
        for j in 0..<varianceCount { v.append(p.sds[j] * p.sds[j]) }
        return v
    }

    /// The point (π, μ, σ) of θ, written into `p`; σ_k = √σ_k² (NaN for a negative σ_k²).
    func unpack(_ v: [Double], into p: inout SQUAREM.Point) { layout.unpack(v, into: &p) }

    /// The mixture of θ.
    func mixture(of v: [Double]) -> GaussianMixture {
        var p = SQUAREM.Point(copying: fixed)
        unpack(v, into: &p)
        return p.mixture
    }

    /// Makes θ the accepted point, from which the next passes measure their
    /// change (``evaluate(_:image:referenceLogLikelihood:exactChange:)``).
    ///
    /// - Parameters:
    ///   - v: the new accepted point θ.
    ///   - collapseThreshold: the engine's collapse bound on σ (0: no test).
    /// - Returns: the step length from the last accepted point on (π, μ, σ),
    ///   the engine's ``SQUAREM/Point/distance(to:)``,
    ///   and whether some σ_k of θ is below the bound or not a number (the engine's collapse test).
    /// - Complexity: O(K): θ is unpacked once.
    mutating func accept(_ v: [Double], collapseThreshold: Double) -> (stepLength: Double, collapsed: Bool) {
        layout.unpack(v, into: &other)
        let step = accepted.distance(to: other)
        let collapsed = collapseThreshold > 0 && other.sds.contains { !($0 >= collapseThreshold) }
        swap(&accepted, &other)
        return (step, collapsed)
    }

    /// Whether θ is inside the parameter space (see the type's notes).
    ///
    /// - Complexity: O(K), nothing written.
    func isInside(_ v: [Double]) -> Bool { layout.isInside(v, lowestSD: lowestSD) }

    /// One E-step pass at θ: ℓ(θ), and F(θ) written into `image`.
    ///
    /// - Parameters:
    ///   - v: θ, inside the parameter space.
    ///   - image: out, F(θ) (its size is ``dimension``).
    ///   - referenceLogLikelihood: ℓ of the accepted point
    ///     (``accept(_:collapseThreshold:)``; the start until then), from which the change is
    ///     measured, or nil (no change).
    ///   - exactChange: compute the change directly in this pass (the caller
    ///     expects it below the rounding of ℓ); when false and the plain
    ///     difference proves untrusted, the pass runs again with it (the same
    ///     bits; counted once, as ``SQUAREM`` counts it).
    /// - Complexity: O(n·K).
    mutating func evaluate(
        _ v: [Double], image: inout [Double], referenceLogLikelihood: Double?, exactChange: Bool
    ) -> Evaluation {
        layout.unpack(v, into: &point)
        eSteps += 1
        var logLikelihood: Double
        var exact = Double.nan
        if referenceLogLikelihood != nil && exactChange {
            (logLikelihood, exact) = statistics.accumulate(
                data: data, weights: point.weights, means: point.means, sds: point.sds,
                referenceWeights: accepted.weights, referenceMeans: accepted.means, referenceSDs: accepted.sds)
        } else {
            logLikelihood = statistics.accumulate(data: data, weights: point.weights, means: point.means, sds: point.sds)
            if let referenceLogLikelihood,
                LogLikelihoodChange.plainIsUntrusted(
                    logLikelihood - referenceLogLikelihood, logLikelihood: logLikelihood, count: data.count)
            {
                (logLikelihood, exact) = statistics.accumulate(
                    data: data, weights: point.weights, means: point.means, sds: point.sds,
                    referenceWeights: accepted.weights, referenceMeans: accepted.means, referenceSDs: accepted.sds)
            }
        }
        let isExact = exact.isFinite && logLikelihood.isFinite && (referenceLogLikelihood?.isFinite ?? false)
        let change = isExact ? exact : logLikelihood - (referenceLogLikelihood ?? .nan)
        // F(θ) from the pass's sums, over θ's unpacking (the M-step reads each
        // component's old value before it writes the new one).
        let degenerate = MaximizationStep.apply(
            statistics: statistics, count: Double(data.count), configuration: configuration,
            weights: &point.weights, means: &point.means, sds: &point.sds)
        let finite = point.allFinite
        var index = 0
        if freeWeights {
            for j in 0..<(componentCount - 1) { image[j] = point.weights[j] }
            index = componentCount - 1
        }
        for j in 0..<componentCount { image[index + j] = point.means[j] }
        index += componentCount
        for j in 0..<varianceCount { image[index + j] = point.sds[j] * point.sds[j] }
        return Evaluation(
            logLikelihood: logLikelihood, change: change, exact: isExact, imageDegenerate: degenerate,
            imageFinite: finite)
    }

    /// Whether the step θ → F(θ) meets a parameter stopping rule
    /// (`.meanChange`, `.parameterChange`), on (π, μ, σ) as the engine tests
    /// its steps: the fixed-point residual at θ, the test Walker & Ni (2011,
    /// §5) and Henderson & Varadhan (2019, §4) stop on.
    mutating func residualMeetsParameterRule(_ v: [Double], image: [Double]) -> Bool {
        switch configuration.stoppingRule {
        case .meanChange, .parameterChange: break
        default: return false
        }
        layout.unpack(v, into: &other)
        layout.unpack(image, into: &point)
        return other.meetsParameterRule(configuration.stoppingRule, after: point)
    }

}
