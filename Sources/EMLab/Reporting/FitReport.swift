import Foundation

/// Renders a ``FitResult`` for people (a small table), for programs (one
/// JSON object) and as a per-iteration trace CSV.
public enum FitReport {
    /// `%.6g`, for tables people read; files use ``formatNumber(_:)``.
    public static func short(_ value: Double) -> String { formatShort(value) }

    /// The text report: a header line, the stop reason in words, the
    /// log-likelihood, and a table with one row per component. With `truth`,
    /// each estimate stands beside the true value. An accelerated fit names
    /// its acceleration in the header and its E-step passes beside its
    /// iterations, since the two counts differ.
    public static func text(
        _ result: FitResult, dataCount: Int, configuration: EMConfiguration,
        truth: GaussianMixture? = nil
    ) -> String {
        let m = result.mixture
        var lines: [String] = []
        lines.append(
            "EM fit: \(m.componentCount) component\(m.componentCount == 1 ? "" : "s"), \(dataCount) values, "
                + "\(configuration.variance) variance, \(configuration.weights.rawValue) weights, stop when \(configuration.stoppingRule)"
                + acceleration(configuration.acceleration))
        let eSteps = configuration.acceleration == .none ? "" : " (\(result.eSteps) E-step\(result.eSteps == 1 ? "" : "s"))"
        lines.append("\(result.stopReason.explanation) after \(result.iterations) iteration\(result.iterations == 1 ? "" : "s")\(eSteps)")
        lines.append("log-likelihood: " + logLikelihoodWords(result))
        lines += remedyLines(result, configuration: configuration)
        if result.largestRelativeDecrease > 1e-10 {
            lines.append(
                "warning: the log-likelihood fell by a relative \(short(result.largestRelativeDecrease)) at some step (EM never lowers it; this is a bug signal)"
            )
        }
        lines.append("")
        var header = ["component", "weight", "mean", "sd"]
        if truth != nil { header = ["component", "weight", "true weight", "mean", "true mean", "sd", "true sd"] }
        var rows = [header]
        for k in 0..<m.componentCount {
            if let truth {
                rows.append([
                    "\(k + 1)", short(m.weights[k]), short(truth.weights[k]), short(m.means[k]), short(truth.means[k]),
                    short(m.standardDeviations[k]), short(truth.standardDeviations[k])
                ])
            } else {
                rows.append(["\(k + 1)", short(m.weights[k]), short(m.means[k]), short(m.standardDeviations[k])])
            }
        }
        lines += table(rows)
        return lines.joined(separator: "\n") + "\n"
    }

    /// ℓ for the text report: the number, or for a fit without a finite
    /// one, what that means. An infinite ℓ is never a maximum: a component
    /// sits on one value with σ = 0, where its density is infinite.
    public static func logLikelihoodWords(_ result: FitResult) -> String {
        let value = result.logLikelihood
        if value.isFinite { return formatNumber(value) }
        if value == .infinity {
            let zero = result.mixture.standardDeviations.indices.filter { result.mixture.standardDeviations[$0] == 0 }.map { "\($0 + 1)" }
            let which =
                zero.isEmpty
                ? "a component sits on a single value with σ = 0"
                : "component\(zero.count == 1 ? "" : "s") \(zero.count <= 1 ? zero.joined() : zero.dropLast().joined(separator: ", ") + " and " + zero.last!) \(zero.count == 1 ? "sits" : "sit") on a single value with σ = 0"
            return "+∞ — a degenerate fit, not an estimate: \(which), where the normal density is infinite"
        }
        return "\(formatNumber(value)) — the fit went non-finite: there is no estimate"
    }

    /// The remedy's lines of the text report (none without a remedy): which
    /// remedy, its objective and that the stopping rule reads it, and
    /// whether it was active at the solution.
    static func remedyLines(_ result: FitResult, configuration: EMConfiguration) -> [String] {
        let remedy = configuration.remedy
        guard remedy != .none else { return [] }
        var lines = ["remedy: \(remedy)"]
        if case .varianceRatio = remedy {
            lines[0] += " — ℓ maximised under max σ²/min σ² ≤ C; the stopping rule reads ℓ"
        } else {
            lines[0] += " — the stopping rule reads the \(remedy.objectiveName)"
            lines.append("\(remedy.objectiveName): \(formatNumber(result.objective))")
        }
        if !remedy.increasesItsObjective {
            lines.append(
                "note: this iteration is not the EM of the objective it reports (a_n differs between its update and its objective), so that objective may fall")
        }
        if let active = result.remedyActive, let effect = result.remedyEffect {
            let moved = effect.isFinite ? "\(short(100 * effect))%" : "from 0"
            lines.append(
                "remedy active at the solution: \(active ? "yes" : "no") (it moves a variance by \(moved) from the ML update of the same E-step)")
        }
        return lines
    }

    /// The remedy as JSON (`null` without one): `name`, `objective` (its
    /// name), `objectiveValue`, `increasesItsObjective`, `active`, `effect`
    /// (``FitResult/remedyEffect``).
    public static func remedyJSON(_ result: FitResult, configuration: EMConfiguration) -> String {
        let remedy = configuration.remedy
        guard remedy != .none else { return "null" }
        return JSONText.object([
            ("name", JSONText.string(remedy.description)), ("objective", JSONText.string(remedy.objectiveName)),
            ("objectiveValue", JSONText.number(result.objective)),
            ("increasesItsObjective", remedy.increasesItsObjective ? "true" : "false"),
            ("active", result.remedyActive.map { $0 ? "true" : "false" } ?? "null"),
            ("effect", result.remedyEffect.map(JSONText.number) ?? "null")
        ])
    }

    /// ", SQUAREM-accelerated (scheme S3)" for the header; "" for plain EM.
    static func acceleration(_ acceleration: EMConfiguration.Acceleration) -> String {
        switch acceleration {
        case .none: return ""
        case .squarem(let options): return ", SQUAREM-accelerated (scheme S\(options.scheme.rawValue))"
        case .anderson(let order): return ", Anderson-accelerated (AA(\(order)))"
        case .daarem(let options): return ", DAAREM-accelerated (order \(options.order))"
        case .quasiNewton(let secants): return ", quasi-Newton-accelerated (q = \(secants))"
        case .parabolic(let options): return ", parabolic EM (\(options.geometric ? "geometric" : "arithmetic"))"
        }
    }

    /// Rows of cells laid out in left-aligned columns two spaces apart, one line per row.
    public static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }

    /// One JSON object with keys `weights`, `means`, `sds`, `logLikelihood`,
    /// `iterations`, `eSteps` (E-step passes, the start's included),
    /// `stopReason`, `degenerate` (true when the fit has no estimate, as
    /// ``FitResult/hasNoEstimate``), `logLikelihoodInfinite` (true when ℓ = +∞, which
    /// `logLikelihood` cannot hold), in that order, then the `extra` pairs (`emlab fit` adds
    /// ``ConvergenceReport/jsonPairs(_:result:configuration:)``); arrays in component order.
    /// Non-finite numbers, which JSON cannot hold, are written as `null`.
    public static func json(_ result: FitResult, extra: [(String, String)] = []) -> String {
        let m = result.mixture
        return JSONText.object(
            [
                ("weights", JSONText.array(m.weights)), ("means", JSONText.array(m.means)), ("sds", JSONText.array(m.standardDeviations)),
                ("logLikelihood", JSONText.number(result.logLikelihood)), ("iterations", String(result.iterations)),
                ("eSteps", String(result.eSteps)), ("stopReason", JSONText.string(result.stopReason.rawValue)),
                ("degenerate", result.hasNoEstimate ? "true" : "false"),
                ("logLikelihoodInfinite", result.logLikelihood == .infinity ? "true" : "false")
            ] + extra) + "\n"
    }

    /// Several fits' traces in one CSV, each row led by its fit's name:
    /// `fit,iteration,logLikelihood,weight1..K,mean1..K,sd1..K` (as
    /// ``traceCSV(_:componentCount:)`` with a first column).
    public static func traceCSV(_ fits: [(name: String, trace: FitTrace)], componentCount k: Int) -> String {
        var header = ["fit", "iteration", "logLikelihood"]
        for name in ["weight", "mean", "sd"] { for j in 1...k { header.append("\(name)\(j)") } }
        var text = CSVFormat.row(header)
        for (name, trace) in fits {
            for (index, mixture) in trace.mixtures.enumerated() {
                var row = [name, String(trace.iterations[index]), formatNumber(trace.logLikelihoods[index])]
                row += mixture.weights.map(formatNumber) + mixture.means.map(formatNumber) + mixture.standardDeviations.map(formatNumber)
                text += CSVFormat.row(row)
            }
        }
        return text
    }

    /// The trace as CSV: `iteration,logLikelihood,weight1..K,mean1..K,sd1..K`,
    /// one row per iteration from 0 (the start).
    public static func traceCSV(_ trace: FitTrace, componentCount k: Int) -> String {
        var header = ["iteration", "logLikelihood"]
        for name in ["weight", "mean", "sd"] { for j in 1...k { header.append("\(name)\(j)") } }
        var text = CSVFormat.row(header)
        for (index, mixture) in trace.mixtures.enumerated() {
            var row = [String(trace.iterations[index]), formatNumber(trace.logLikelihoods[index])]
            row += mixture.weights.map(formatNumber) + mixture.means.map(formatNumber) + mixture.standardDeviations.map(formatNumber)
            text += CSVFormat.row(row)
        }
        return text
    }
}
