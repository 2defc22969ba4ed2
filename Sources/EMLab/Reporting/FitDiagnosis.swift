import Foundation

/// What went wrong with one fit, in plain words, with what to try
/// (`emlab fit` prints these under its table). Built on the taxonomy of
/// ``FailureModes``; a clean fit gets no lines.
public enum FitDiagnosis {
    /// What the fit was asked for, so that the advice never suggests an
    /// option already given (`--init kmeans` is not told to try `--init kmeans`).
    public struct Request: Sendable {
        public var initialization: Initialization
        public var variance: EMConfiguration.Variance
        /// The absolute floor on σ² (`--variance-floor`).
        public var varianceFloor: Double
        /// The floor as a fraction of the data's variance (`--variance-floor-relative`).
        public var relativeVarianceFloor: Double
        /// How many restarts were allowed (`--restarts`).
        public var maxRestarts: Int
        public var stoppingRule: EMConfiguration.StoppingRule
        /// Whether the fit ran with SQUAREM (its cap counts E-steps).
        public var accelerated: Bool = false

        public init(
            initialization: Initialization = .quantile, variance: EMConfiguration.Variance = .perComponent,
            varianceFloor: Double = 0, relativeVarianceFloor: Double = 0, maxRestarts: Int = 0,
            stoppingRule: EMConfiguration.StoppingRule = .logLikelihoodChange(1e-8), accelerated: Bool = false
        ) {
            self.accelerated = accelerated
            self.initialization = initialization
            self.variance = variance
            self.varianceFloor = varianceFloor
            self.relativeVarianceFloor = relativeVarianceFloor
            self.maxRestarts = maxRestarts
            self.stoppingRule = stoppingRule
        }

        /// A start worth trying instead of this one.
        var otherStart: String { initialization == .kmeans ? "small-em" : "kmeans" }

        /// The variance-floor remedy, worded for what was given.
        var floorAdvice: String {
            relativeVarianceFloor > 0
                ? "a larger --variance-floor-relative than \(formatNumber(relativeVarianceFloor))"
                : varianceFloor > 0
                    ? "a larger --variance-floor than \(formatNumber(varianceFloor)), or --variance-floor-relative 1e-3"
                    : "--variance-floor-relative 1e-3"
        }

        /// The restart remedy, worded for what was given.
        var restartAdvice: String { maxRestarts > 0 ? "more --restarts than \(maxRestarts)" : "--restarts 10" }
    }

    /// "a, b or c".
    static func either(_ options: [String]) -> String {
        options.count <= 1 ? options.joined() : options.dropLast().joined(separator: ", ") + " or " + options.last!
    }

    /// The empirical rate of convergence in plain words: "each step is 0.9991
    /// of the one before, so each further digit takes about 2600 iterations".
    static func rateInWords(_ rate: Double) -> String {
        // Enough digits to tell the rate from 1: 0.99996, not 1.
        let distance = abs(1 - rate)
        let digits = distance > 0 && distance < 1e-3 ? min(Int((-log10(distance)).rounded(.up)) + 2, 17) : 4
        let ratio = String(format: "%.\(digits)g", rate)
        if rate == 1 { return "each step is as long as the one before: EM is not converging" }
        guard rate < 1 && rate > 0 else { return "each step is \(ratio) times the one before: the steps are growing" }
        let perDigit = (log(0.1) / log(rate)).rounded(.up)
        return "each step is \(ratio) of the one before, so each further digit takes about \(FitReport.short(perDigit)) iterations"
    }

    /// How many data values sit on `value` (within rounding, relative to the data's own scale).
    static func tiesAt(_ value: Double, in data: [Double]) -> Int {
        let low = data.min() ?? 0, high = data.max() ?? 0
        let range = high - low
        let tolerance = 1e-9 * max(abs(value), range.isFinite ? range : abs(value))
        return data.filter { abs($0 - value) <= tolerance }.count
    }

    /// The diagnosis lines for `result`, fitted to `data`.
    ///
    /// - Parameters:
    ///   - maxIterations: the cap the fit ran under, to name it.
    ///   - restarts: how many times the fit was restarted (`--restarts`).
    ///   - request: what was asked for, so no advice repeats it.
    public static func lines(
        for result: FitResult, data: [Double], assessment: FailureModes.Assessment,
        maxIterations: Int, restarts: Int = 0, request: Request = Request()
    ) -> [String] {
        let m = result.mixture
        let k = m.componentCount
        var lines: [String] = []
        let when = assessment.collapseIteration.map { " in iteration \($0)" } ?? ""
        let fewer = k > 1 ? ["fewer components (-k \(k - 1))"] : []
        if result.logLikelihood == .infinity {
            let few = data.count <= 2 * k ? ", and \(data.count) values are too few for K = \(k): every component can take a value or two of its own" : ""
            lines.append(
                "the fit is degenerate, not an estimate: its log-likelihood is +∞ because a component sits on a single value with σ = 0; "
                    + "with a variance per component the likelihood has no maximum\(few)")
        }
        if assessment[.collapsed] || result.stopReason == .degenerate && m.standardDeviations.contains(where: { $0 == 0 }) {
            let j = m.standardDeviations.indices.min { m.standardDeviations[$0] < m.standardDeviations[$1] }!
            let ties = tiesAt(m.means[j], in: data)
            if ties >= 2 {
                lines.append(
                    "component \(j + 1) collapsed onto \(ties) repeated values at \(FitReport.short(m.means[j]))\(when) (σ = \(FitReport.short(m.standardDeviations[j]))): with a variance per component the likelihood is unbounded there; try \(either([request.floorAdvice] + (request.variance == .shared ? [] : ["--variance shared", "--prior mclust", "--variance-ratio 12"])))"
                )
            } else {
                lines.append(
                    "component \(j + 1) collapsed\(when): its σ fell to \(FitReport.short(m.standardDeviations[j])), below \(formatNumber(FailureModes.collapseRatio)) × the data's sd, around \(FitReport.short(m.means[j])); try \(either([request.floorAdvice, request.restartAdvice] + fewer))"
                )
            }
        }
        if result.stopReason == .degenerate, let j = m.weights.firstIndex(of: 0) {
            lines.append("component \(j + 1) died: no point is left in it (weight 0); try \(either(fewer + ["another start (--init \(request.otherStart))"]))")
        } else if assessment[.componentDeath], !result.hasNoEstimate, let j = m.weights.indices.min(by: { m.weights[$0] < m.weights[$1] }) {
            lines.append(
                "component \(j + 1) is nearly empty: weight \(FitReport.short(m.weights[j])), under 2 points' worth of \(data.count); try fewer components (-k \(max(k - 1, 1)))"
            )
        }
        if assessment[.nonFinite] {
            lines.append(
                "a parameter or the log-likelihood became NaN or infinite at iteration \(result.iterations); check the data for extreme values or rescale them")
        }
        if assessment[.nonMonotone] {
            lines.append(
                "the log-likelihood fell by a relative \(FitReport.short(result.largestRelativeDecrease)) during the fit; EM never lowers it, so this is a bug signal — please report it with the data"
            )
        }
        if assessment[.merged] {
            lines.append(
                "two components ended as one (their means and sds agree within \(formatNumber(FailureModes.mergeRatio)) × the data's sd); the data may hold fewer than \(k) groups: try -k \(max(k - 1, 1))"
            )
        }
        if assessment[.iterationCap] {
            let rate = result.convergenceRate.isFinite ? " (\(rateInWords(result.convergenceRate)))" : ""
            if request.accelerated {
                lines.append(
                    "SQUAREM stopped at the cap of \(maxIterations) E-steps without meeting the stopping rule; try --max-iterations \(maxIterations * 10), a looser --tol, or another start (--init \(request.otherStart))"
                )
            } else {
                lines.append(
                    "EM stopped at the cap of \(maxIterations) iterations without meeting the stopping rule\(rate); try --accelerate squarem (the same maximum in far fewer E-steps), --max-iterations \(maxIterations * 10), a looser --tol, or another start (--init \(request.otherStart))"
                )
            }
        } else if assessment[.slowConvergence] {
            var remedies = ["a tighter --tol"]
            if case .relativeLogLikelihoodChange = request.stoppingRule {} else { remedies.append("--stop relative-loglik") }
            lines.append(
                "EM converged slowly: \(rateInWords(result.convergenceRate)), so the stopping rule may have stopped it short of the maximum; the components overlap heavily — try \(either(remedies))"
            )
        }
        if restarts > 0 {
            lines.append("the fit was restarted \(restarts) time\(restarts == 1 ? "" : "s") after a failure (--restarts); the result is the last attempt")
        }
        if assessment.floorActive {
            lines.append("the variance floor binds: some σ² sits at the floor, so that component would have collapsed without it")
        }
        return lines
    }
}
