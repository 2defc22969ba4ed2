/// Renders a ``ConvergenceAnalysis`` of one fit: in words for people, and
/// as the extra keys of `emlab fit --format json`.
public enum ConvergenceReport {
    /// The convergence paragraph and the standard-error table, for `emlab fit`.
    public static func text(_ a: ConvergenceAnalysis, result: FitResult, configuration: EMConfiguration) -> String {
        var lines = ["Convergence:"]
        let isRate = TheoryReport.isConvergenceRate(a.rateTheoretical)
        if a.rateTheoretical.isFinite {
            lines += TheoryReport.rateWords(a.rateTheoretical).enumerated().map { $0 == 0 ? "- theory: at this estimate " + $1 : "  " + $1 }
        } else {
            lines.append("- theory: no rate (\(a.unavailableReason ?? "it could not be computed"))")
        }
        let measuredRate = TheoryReport.rateNumber(a.rateEmpirical)
        if a.rateEmpirical.isFinite && configuration.acceleration.measuresOwnContraction {
            lines.append(
                "- measured: the last two accepted steps of \(configuration.acceleration) \(a.rateEmpirical < 1 ? "shrank by" : "grew by a factor") \(measuredRate) "
                    + "(the scheme's own contraction, not EM's rate; slowConvergence reads EM's rate from theory)")
        } else if a.rateEmpirical.isFinite {
            var measured =
                a.rateEmpirical < 1
                ? "- measured: each of the last EM steps was \(measuredRate) of the one before"
                : "- measured: each of the last EM steps was \(measuredRate) times the one before (the steps were not shrinking)"
            if agreesWithTheory(a, result: result, configuration: configuration) {
                measured += max(a.rateTheoretical, a.rateEmpirical) < 1e-6 ? " (as theory says: EM is done in a step or two)" : " (as theory says)"
            } else if isRate && a.rateTheoretical > 1e-6 && a.rateEmpirical >= 0 {
                if result.stopReason != .converged {
                    measured +=
                        " (theory at this estimate: \(TheoryReport.rateNumber(a.rateTheoretical)); the fit did not converge, so this is no test of theory)"
                } else if !closeRates(a) {
                    measured +=
                        " (theory: \(TheoryReport.rateNumber(a.rateTheoretical)); the run had not yet reached its linear regime, or stopped far from the maximum)"
                }
            } else if a.rateTheoretical.isFinite && !isRate {
                measured += "; with no rate from theory there is nothing to compare it with"
            }
            lines.append(measured)
        } else {
            lines.append("- measured: too few steps for an empirical rate")
        }
        if a.logLikelihoodGap.isFinite || a.logLikelihoodGapTheoretical.isFinite {
            var gap = "- left at the stop: about "
            gap +=
                a.logLikelihoodGap.isFinite
                ? "\(FitReport.short(a.logLikelihoodGap)) of log-likelihood still to gain (Aitken's estimate from the last changes)"
                : "\(FitReport.short(a.logLikelihoodGapTheoretical)) of log-likelihood still to gain (by theory)"
            if a.logLikelihoodGap.isFinite && a.logLikelihoodGapTheoretical.isFinite {
                gap += "; theory says \(FitReport.short(a.logLikelihoodGapTheoretical))"
            }
            lines.append(gap)
        }
        if let predicted = a.iterationsPredicted, result.stopReason == .converged || result.stopReason == .iterationCap {
            let capped = result.stopReason == .iterationCap ? " and stopped at the cap" : ""
            let took =
                configuration.acceleration == .none
                ? "EM took \(result.iterations)\(capped)"
                : "\(configuration.acceleration.isSQUAREM ? "SQUAREM" : configuration.acceleration.description) took \(result.iterations) updates (\(result.eSteps) E-steps)\(capped)"
            lines.append(
                "- the rule \(configuration.stoppingRule) needs about \(TheoryReport.grouped(predicted)) EM iterations from this start by theory; \(took)")
        }
        if let se = a.standardErrors {
            lines.append("")
            lines.append("Standard errors (Wald, from the inverse observed information I_obs = I_c − I_m; sds by the delta method):")
            lines += TheoryReport.standardErrorLines(se, mixture: result.mixture)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether the measured rate confirms theory's: only for a plain-EM fit
    /// that converged at a point where λ is a rate, the two within 1 %
    /// (or both below 1e-6). The text's "as theory says" and the JSON's
    /// `rateEmpiricalAgrees` are this.
    public static func agreesWithTheory(_ a: ConvergenceAnalysis, result: FitResult, configuration: EMConfiguration) -> Bool {
        guard result.stopReason == .converged, configuration.acceleration == .none,
            TheoryReport.isConvergenceRate(a.rateTheoretical), a.rateEmpirical.isFinite, a.rateEmpirical >= 0
        else { return false }
        return max(a.rateTheoretical, a.rateEmpirical) < 1e-6 || closeRates(a)
    }

    static func closeRates(_ a: ConvergenceAnalysis) -> Bool {
        a.rateTheoretical > 0 && abs(a.rateEmpirical / a.rateTheoretical - 1) < 0.01
    }

    /// The keys `emlab fit --format json` adds, in order: `rateTheoretical`,
    /// `rateIsConvergenceRate` (false when λ is missing or ≥ 1: the estimate
    /// is not a local maximum and λ is no rate), `rateEigenvalues`,
    /// `iterationsPerDigit` and `inverseOneMinusRate` (null unless λ is a
    /// rate), `rateEmpirical`, `rateEmpiricalAgrees` (the text's "as theory
    /// says": a converged plain-EM fit whose two rates agree),
    /// `logLikelihoodGap`, `iterationsPredicted`, `standardErrors`.
    public static func jsonPairs(_ a: ConvergenceAnalysis, result: FitResult, configuration: EMConfiguration) -> [(String, String)] {
        let isRate = TheoryReport.isConvergenceRate(a.rateTheoretical)
        var pairs: [(String, String)] = [
            ("rateTheoretical", JSONText.number(a.rateTheoretical)),
            ("rateIsConvergenceRate", isRate ? "true" : "false"),
            ("rateEigenvalues", JSONText.array(a.rateEigenvalues)),
            ("iterationsPerDigit", JSONText.number(isRate ? ConvergenceTheory.iterationsPerDigit(rate: a.rateTheoretical) : .nan)),
            ("inverseOneMinusRate", JSONText.number(isRate ? 1 / (1 - a.rateTheoretical) : .nan)),
            ("rateEmpirical", JSONText.number(a.rateEmpirical)),
            ("rateEmpiricalAgrees", agreesWithTheory(a, result: result, configuration: configuration) ? "true" : "false"),
            ("logLikelihoodGap", JSONText.number(a.logLikelihoodGap)),
            ("iterationsPredicted", JSONText.number(a.iterationsPredicted))
        ]
        if let se = a.standardErrors { pairs.append(("standardErrors", TheoryReport.standardErrorsJSON(se))) }
        return pairs
    }
}
