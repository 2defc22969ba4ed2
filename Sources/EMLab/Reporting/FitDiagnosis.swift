/// What went wrong with one fit, in plain words, with what to try
/// (`emlab fit` prints these under its table). Built on the taxonomy of
/// ``FailureModes``; a clean fit gets no lines.
public enum FitDiagnosis {
    /// How many data values sit on `value` (within rounding).
    static func tiesAt(_ value: Double, in data: [Double]) -> Int {
        let tolerance = 1e-9 * max(1, abs(value))
        return data.filter { abs($0 - value) <= tolerance }.count
    }

    /// The diagnosis lines for `result`, fitted to `data`.
    ///
    /// - Parameters:
    ///   - maxIterations: the cap the fit ran under, to name it.
    ///   - restarts: how many times the fit was restarted (`--restarts`).
    public static func lines(for result: FitResult, data: [Double], assessment: FailureModes.Assessment,
                             maxIterations: Int, restarts: Int = 0) -> [String] {
        let m = result.mixture
        let k = m.componentCount
        var lines: [String] = []
        let when = assessment.collapseIteration.map { " in iteration \($0)" } ?? ""
        if assessment["collapsed"] || result.stopReason == .degenerate && m.standardDeviations.contains(where: { $0 == 0 }) {
            let j = m.standardDeviations.indices.min { m.standardDeviations[$0] < m.standardDeviations[$1] }!
            let ties = tiesAt(m.means[j], in: data)
            if ties >= 2 {
                lines.append("component \(j + 1) collapsed onto \(ties) repeated values at \(FitReport.short(m.means[j]))\(when) (σ = \(FitReport.short(m.standardDeviations[j]))): with a variance per component the likelihood is unbounded there; try --variance-floor, --variance-floor-relative or --variance shared")
            } else {
                lines.append("component \(j + 1) collapsed\(when): its σ fell to \(FitReport.short(m.standardDeviations[j])), below \(formatNumber(FailureModes.collapseRatio)) × the data's sd, around \(FitReport.short(m.means[j])); try --variance-floor-relative 1e-3, --restarts, or fewer components")
            }
        }
        if result.stopReason == .degenerate, let j = m.weights.firstIndex(of: 0) {
            lines.append("component \(j + 1) died: no point is left in it (weight 0); try fewer components (-k \(max(k - 1, 1))) or another --init (kmeans)")
        } else if assessment["componentDeath"], let j = m.weights.indices.min(by: { m.weights[$0] < m.weights[$1] }) {
            lines.append("component \(j + 1) is nearly empty: weight \(FitReport.short(m.weights[j])), under 2 points' worth of \(data.count); try fewer components (-k \(max(k - 1, 1)))")
        }
        if assessment["nonFinite"] {
            lines.append("a parameter or the log-likelihood became NaN or infinite at iteration \(result.iterations); check the data for extreme values or rescale them")
        }
        if assessment["nonMonotone"] {
            lines.append("the log-likelihood fell by a relative \(FitReport.short(result.largestRelativeDecrease)) during the fit; EM never lowers it, so this is a bug signal — please report it with the data")
        }
        if assessment["merged"] {
            lines.append("two components ended as one (their means and sds agree within \(formatNumber(FailureModes.mergeRatio)) × the data's sd); the data may hold fewer than \(k) groups: try -k \(max(k - 1, 1))")
        }
        if assessment["iterationCap"] {
            let rate = result.convergenceRate.isFinite ? " (each step shrank the change only by a factor \(FitReport.short(result.convergenceRate)))" : ""
            lines.append("EM stopped at the cap of \(maxIterations) iterations without meeting the stopping rule\(rate); try --max-iterations \(maxIterations * 10), a looser --tol, or a better start (--init kmeans)")
        } else if assessment["slowConvergence"] {
            lines.append("EM converged slowly: each step shrank the change only by a factor \(FitReport.short(result.convergenceRate)), so the stopping rule may have stopped it short of the maximum; the components overlap heavily — try a tighter --tol, or --stop relative-loglik")
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
