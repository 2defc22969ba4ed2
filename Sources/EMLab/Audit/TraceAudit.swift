import Foundation

/// Checks someone else's EM run, step by step, against EM's own map
/// (`emlab audit`).
///
/// For each row t of the trace it computes EM's step F(θ_t) under the
/// declared model with the engine's own E- and M-step (``AuditedStep``) and
/// compares it with row t + 1 to the tolerance of ``AuditTolerance``. A run
/// whose steps are all F's is EM. Otherwise the first row that is not
/// F(previous row) is reported, with the parameter furthest off and the
/// blocks (weights, means, sds) that deviate, and the catalogue of defects
/// (``TraceDefect``, alone or up to three together) is searched for a step
/// F_d that reproduces every step of the trace to the same tolerance. None
/// fitting, the run is "a generalised-EM step" when every deviating step
/// raises ℓ by more than rounding (a step that deviates and leaves ℓ where
/// it was, as at a defective map's fixed point, is not one) (Dempster, Laird & Rubin 1977, §3: any step that raises Q, and
/// so ℓ, is a GEM step), and "not EM" otherwise.
///
/// It also computes ℓ(θ_t) at every row and checks that it never falls
/// (exact changes, ``LogLikelihoodChange``), and says what the trace's own
/// ℓ column holds (``LogLikelihoodColumnVerdict``).
public enum TraceAudit {
    /// Audits `trace` of a fit to `data` under the model of `configuration` (its weights and variance).
    ///
    /// - Parameters:
    ///   - data: the data the implementation fitted (at least one value, finite).
    ///   - trace: its trace.
    ///   - configuration: the model declared: `.free`/`.fixed` weights,
    ///     `.perComponent`, `.shared` or `.known(sd)` variances.
    ///   - tolerance: the rule's τ.
    /// - Returns: the verdicts and every step's residuals.
    /// - Throws: ``EMLabError`` `.invalidOption` when n·K responsibilities
    ///   would not fit in memory (``MemoryBudget``); `.invalidData` naming the file, row and column
    ///   when the trace contradicts the model: an sd other than the known σ,
    ///   a start whose sds differ under a shared σ, weights or sds the model
    ///   needs but the trace lacks.
    /// - Complexity: O(rows·n·K) for the steps (×3K for a trace written
    ///   rounded), plus O(C·n·K) for the C combinations of defects tried at
    ///   the first deviation and O(rows·n·K) for each that fits it.
    public static func run(
        data: [Double], trace: EMTrace, configuration: EMConfiguration, tolerance: AuditTolerance = AuditTolerance()
    ) throws -> TraceAuditOutcome {
        guard !data.isEmpty else { throw EMLabError(.invalidData, "the data are empty; the audit needs the data the trace was fitted to") }
        let k = trace.componentCount
        let n = data.count
        let scale = AuditTolerance.dataScale(data)
        // The defect search keeps n·K responsibilities; the engine's E-step work space is O(K).
        try MemoryBudget.require(
            8 * Double(n) * Double(k) + Double(trace.rows.count) * 4 * MemoryBudget.mixtureBytes(components: k),
            for: "auditing \(trace.file) (K = \(k)) on \(n) values")
        let parameters = try checkedParameters(trace: trace, configuration: configuration, tolerance: tolerance, scale: scale)

        // F(θ_t), ℓ(θ_t), and how the trace's rounding of θ_t carries into both.
        var statistics = SufficientStatistics(componentCount: k)
        var expected: [TraceParameters] = []
        var logLikelihoods: [Double] = []
        var propagated: [[Double]] = []
        var propagatedLogLikelihood: [Double] = []
        var checkedRows = trace.rows.count
        var uncheckedNote: String?
        for (t, row) in trace.rows.enumerated() {
            let theta = parameters[t]
            let (next, l) = AuditedStep.em(data: data, theta, configuration: configuration, statistics: &statistics)
            logLikelihoods.append(l)
            let rounding = row.weightRounding + row.meanRounding + (trace.hasSDs ? row.sdRounding : [Double](repeating: 0, count: k))
            var spread = [Double](repeating: 0, count: 3 * k)
            var spreadLogLikelihood = 0.0
            if t < trace.rows.count - 1, rounding.contains(where: { $0 > 0 }) {
                for (p, h) in rounding.enumerated() where h > 0 {
                    let moved = theta.moving(p, by: h)
                    let (other, otherL) = AuditedStep.em(data: data, moved, configuration: configuration, statistics: &statistics)
                    for (q, pair) in zip(other.flattened, next.flattened).enumerated() where (pair.0 - pair.1).isFinite {
                        spread[q] += abs(pair.0 - pair.1)
                    }
                    if (otherL - l).isFinite { spreadLogLikelihood += abs(otherL - l) }
                }
            } else if rounding.contains(where: { $0 > 0 }) {
                for (p, h) in rounding.enumerated() where h > 0 {
                    let moved = theta.moving(p, by: h)
                    let otherL = MixtureLogLikelihood.evaluate(data: data, weights: moved.weights, means: moved.means, sds: moved.sds)
                    if (otherL - l).isFinite { spreadLogLikelihood += abs(otherL - l) }
                }
            }
            expected.append(next)
            propagated.append(spread)
            propagatedLogLikelihood.append(spreadLogLikelihood)
            if checkedRows == trace.rows.count, t < trace.rows.count - 1,
                !theta.allFinite || theta.sds.contains(where: { $0 <= 0 }) || !l.isFinite
            {
                checkedRows = t + 1
                uncheckedNote =
                    "\(trace.place(row)) has a parameter that is zero or not finite, or ℓ = \(formatNumber(l)): EM cannot step from it, so the \(trace.rows.count - 1 - t) step(s) after it are not checked"
            }
        }

        var steps: [TraceAuditOutcome.Step] = []
        for t in 0..<(checkedRows - 1) {
            let row = trace.rows[t + 1]
            let printed = row.weightRounding + row.meanRounding + (trace.hasSDs ? row.sdRounding : [Double](repeating: 0, count: k))
            let plain = logLikelihoods[t + 1] - logLikelihoods[t]
            var change = plain
            if LogLikelihoodChange.plainIsUntrusted(plain, logLikelihood: logLikelihoods[t + 1], count: n) {
                let exact = LogLikelihoodChange.exact(
                    data: data, fromWeights: parameters[t].weights, means: parameters[t].means, sds: parameters[t].sds,
                    toWeights: parameters[t + 1].weights, means: parameters[t + 1].means, sds: parameters[t + 1].sds,
                    normalizingWeights: false)
                if exact.isFinite { change = exact }
            }
            let allowance =
                LogLikelihoodChange.decisionMargin(logLikelihood: logLikelihoods[t + 1], count: n)
                + 2 * (propagatedLogLikelihood[t] + propagatedLogLikelihood[t + 1])
            steps.append(
                TraceAuditOutcome.Step(
                    iteration: row.iteration, line: row.line, expected: expected[t].flattened, actual: parameters[t + 1].flattened,
                    tolerance: tolerance.perParameter(componentCount: k, scale: scale, printed: printed, propagated: propagated[t]),
                    logLikelihoodChange: change, fallAllowance: allowance))
        }

        var verdict = TraceAuditOutcome.Verdict.em
        var deviation: TraceAuditOutcome.Deviation?
        if let d = steps.firstIndex(where: { !$0.agrees }) {
            let step = steps[d]
            let ratios = zip(step.residuals, step.tolerance).map { $1 > 0 ? $0 / $1 : .infinity }
            let worst = ratios.indices.max { ratios[$0] < ratios[$1] || (ratios[$0].isNaN && !ratios[$1].isNaN) }!
            let blockNames = ["weights", "means", "sds"]
            let blocks = (0..<3).filter { b in (0..<k).contains { ratios[b * k + $0] > 1 } }.map { blockNames[$0] }
            deviation = TraceAuditOutcome.Deviation(
                iteration: step.iteration, line: step.line, parameter: parameterName(worst, componentCount: k),
                expected: step.expected[worst], actual: step.actual[worst], blocks: blocks)
            if let defects = matchDefects(
                data: data, parameters: parameters, steps: steps, firstDeviation: d, configuration: configuration)
            {
                verdict = .defect(defects)
            } else {
                let deviating = steps.filter { !$0.agrees }
                let raises = deviating.allSatisfy { $0.logLikelihoodChange > $0.fallAllowance }
                verdict = raises ? .generalizedEM : .notEM
            }
        }

        var column: TraceAuditOutcome.Column?
        if trace.hasLogLikelihood {
            column = checkColumn(
                data: data, trace: trace, parameters: parameters, logLikelihoods: logLikelihoods,
                propagated: propagatedLogLikelihood, tolerance: tolerance)
        }
        return TraceAuditOutcome(
            file: trace.file, componentCount: k, dataCount: n, rowCount: trace.rows.count, configuration: configuration,
            tolerance: tolerance, dataScale: scale, verdict: verdict, steps: steps, firstDeviation: deviation,
            logLikelihoods: logLikelihoods, logLikelihoodColumn: column, uncheckedNote: uncheckedNote)
    }

    /// `weight1`, `mean2`, `sd3`: the name of parameter p of the 3K.
    static func parameterName(_ p: Int, componentCount k: Int) -> String {
        ["weight", "mean", "sd"][p / k] + String(p % k + 1)
    }

    /// Each row's parameters in the model's form, after checking the trace against the model.
    static func checkedParameters(
        trace: EMTrace, configuration: EMConfiguration, tolerance: AuditTolerance, scale: Double
    ) throws -> [TraceParameters] {
        let k = trace.componentCount
        if !trace.hasWeights && configuration.weights == .free {
            throw EMLabError(
                .invalidData, "\(trace.file):1: has no weight columns, but the model estimates the weights; add weight1..K, or declare --weights fixed")
        }
        var known: Double?
        if case .known(let sd) = configuration.variance { known = sd }
        if !trace.hasSDs && known == nil {
            throw EMLabError(.invalidData, "\(trace.file):1: has no sd or variance columns; add sd1..K (or var1..K), or declare --variance known=SD")
        }
        var result: [TraceParameters] = []
        for (t, row) in trace.rows.enumerated() {
            var p = TraceParameters(weights: row.weights, means: row.means, sds: row.sds)
            if let known {
                if trace.hasSDs {
                    for j in 0..<k {
                        let allowed = tolerance.relative * scale + 2 * row.sdRounding[j]
                        guard abs(row.sds[j] - known) <= allowed else {
                            throw EMLabError(
                                .invalidData,
                                "\(trace.place(row)), column '\(trace.sdColumns[j])': σ is \(formatNumber(row.sds[j])), but --variance known=\(formatNumber(known)) says every σ is \(formatNumber(known)); the trace contradicts the model"
                            )
                        }
                    }
                }
                p.sds = [Double](repeating: known, count: k)
            }
            if t == 0, configuration.variance == .shared {
                for j in 1..<max(k, 1) {
                    let allowed = tolerance.relative * scale + 2 * (row.sdRounding[j] + row.sdRounding[0])
                    guard abs(row.sds[j] - row.sds[0]) <= allowed else {
                        throw EMLabError(
                            .invalidData,
                            "\(trace.place(row)), column '\(trace.sdColumns[j])': the start's σ is \(formatNumber(row.sds[j])) here and \(formatNumber(row.sds[0])) in '\(trace.sdColumns[0])', but --variance shared says there is one σ; the trace contradicts the model"
                        )
                    }
                }
            }
            result.append(p)
        }
        return result
    }

    /// The fewest catalogued defects whose step F_d reproduces every checked
    /// step of the trace (to each step's tolerance), or nil.
    static func matchDefects(
        data: [Double], parameters: [TraceParameters], steps: [TraceAuditOutcome.Step], firstDeviation d: Int,
        configuration: EMConfiguration
    ) -> [TraceDefect]? {
        func reproduces(_ step: DefectiveStep, at t: Int) -> Bool {
            let made = step.apply(data: data, parameters[t], configuration: configuration).flattened
            var check = steps[t]
            check.expected = made
            return check.agrees
        }
        for candidate in TraceDefect.combinations(configuration: configuration, componentCount: parameters[0].means.count)
        where reproduces(candidate.step, at: d) {
            if steps.indices.allSatisfy({ $0 == d || reproduces(candidate.step, at: $0) }) { return candidate.defects }
        }
        return nil
    }

    /// The ℓ column's verdict: the first of ``LogLikelihoodColumnVerdict`` that agrees at every row.
    static func checkColumn(
        data: [Double], trace: EMTrace, parameters: [TraceParameters], logLikelihoods: [Double], propagated: [Double],
        tolerance: AuditTolerance
    ) -> TraceAuditOutcome.Column {
        let n = data.count
        func agrees(_ verdict: LogLikelihoodColumnVerdict, row r: Int) -> Bool {
            guard let column = trace.rows[r].logLikelihood else { return false }
            guard let value = verdict.value(data: data, logLikelihoods: logLikelihoods, row: r, parameters: parameters[r]) else { return true }
            if column.isNaN && value.isNaN { return true }
            let carried = verdict == .averagePerPoint ? propagated[r] / Double(n) : (verdict == .oneRowLate && r > 0 ? propagated[r - 1] : propagated[r])
            let allowed = tolerance.logLikelihood(value, count: n, propagated: carried) + 2 * trace.rows[r].logLikelihoodRounding
            return abs(column - value) <= allowed || column == value
        }
        for verdict in LogLikelihoodColumnVerdict.allCases where trace.rows.indices.allSatisfy({ agrees(verdict, row: $0) }) {
            return TraceAuditOutcome.Column(verdict: verdict, explanation: verdict.explanation)
        }
        let first = trace.rows.indices.first { !agrees(.matches, row: $0) }!
        let row = trace.rows[first]
        return TraceAuditOutcome.Column(
            verdict: nil,
            explanation:
                "the column is not EMLab's log-likelihood, nor any of the usual mistakes: at \(trace.place(row)) it holds \(formatNumber(row.logLikelihood!)), where ℓ is \(formatNumber(logLikelihoods[first]))"
        )
    }
}
