/// Renders a ``ConvergenceAnalysis`` of one fit: in words for people, and
/// as the extra keys of `emlab fit --format json`.
public enum ConvergenceReport {
    /// The convergence paragraph and the standard-error table, for `emlab fit`.
    public static func text(_ a: ConvergenceAnalysis, result: FitResult, configuration: EMConfiguration) -> String {
        var lines = ["Convergence:"]
        if a.rateTheoretical.isFinite {
            lines += TheoryReport.rateWords(a.rateTheoretical).enumerated().map { $0 == 0 ? "- theory: at this estimate " + $1 : "  " + $1 }
        } else {
            lines.append("- theory: no rate (\(a.unavailableReason ?? "it could not be computed"))")
        }
        if a.rateEmpirical.isFinite && configuration.acceleration != .none {
            lines.append("- measured: the last cycle's two plain EM steps shrank by \(FitReport.short(a.rateEmpirical)) "
                         + "(not EM's asymptotic rate: SQUAREM's extrapolation removes the slow direction)")
        } else if a.rateEmpirical.isFinite {
            var measured = "- measured: each of the last EM steps was \(FitReport.short(a.rateEmpirical)) of the one before"
            if a.rateTheoretical.isFinite && max(a.rateTheoretical, a.rateEmpirical) < 1e-6 {
                measured += " (as theory says: EM is done in a step or two)"
            } else if a.rateTheoretical.isFinite && a.rateTheoretical > 0 {
                let ratio = a.rateEmpirical / a.rateTheoretical
                measured += abs(ratio - 1) < 0.01 ? " (as theory says)" : " (theory: \(FitReport.short(a.rateTheoretical)); the run had not yet reached its linear regime, or stopped far from the maximum)"
            }
            lines.append(measured)
        } else {
            lines.append("- measured: too few steps for an empirical rate")
        }
        if a.logLikelihoodGap.isFinite || a.logLikelihoodGapTheoretical.isFinite {
            var gap = "- left at the stop: about "
            gap += a.logLikelihoodGap.isFinite ? "\(FitReport.short(a.logLikelihoodGap)) of log-likelihood still to gain (Aitken's estimate from the last changes)"
                : "\(FitReport.short(a.logLikelihoodGapTheoretical)) of log-likelihood still to gain (by theory)"
            if a.logLikelihoodGap.isFinite && a.logLikelihoodGapTheoretical.isFinite {
                gap += "; theory says \(FitReport.short(a.logLikelihoodGapTheoretical))"
            }
            lines.append(gap)
        }
        if let predicted = a.iterationsPredicted, result.stopReason == .converged || result.stopReason == .iterationCap {
            let capped = result.stopReason == .iterationCap ? " and stopped at the cap" : ""
            let took = configuration.acceleration == .none ? "EM took \(result.iterations)\(capped)"
                : "SQUAREM took \(result.iterations) updates (\(result.eSteps) E-steps)\(capped)"
            lines.append("- the rule \(configuration.stoppingRule) needs about \(TheoryReport.grouped(predicted)) EM iterations from this start by theory; \(took)")
        }
        if let se = a.standardErrors {
            lines.append("")
            lines.append("Standard errors (Wald, from the inverse observed information I_obs = I_c − I_m; sds by the delta method):")
            lines += TheoryReport.standardErrorLines(se, mixture: result.mixture)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The keys `emlab fit --format json` adds, in order: `rateTheoretical`,
    /// `rateEigenvalues`, `rateEmpirical`, `logLikelihoodGap`,
    /// `iterationsPredicted`, `standardErrors`.
    public static func jsonPairs(_ a: ConvergenceAnalysis) -> [(String, String)] {
        var pairs: [(String, String)] = [
            ("rateTheoretical", JSONText.number(a.rateTheoretical)),
            ("rateEigenvalues", JSONText.array(a.rateEigenvalues)),
            ("rateEmpirical", JSONText.number(a.rateEmpirical)),
            ("logLikelihoodGap", JSONText.number(a.logLikelihoodGap)),
            ("iterationsPredicted", JSONText.number(a.iterationsPredicted)),
        ]
        if let se = a.standardErrors { pairs.append(("standardErrors", TheoryReport.standardErrorsJSON(se))) }
        return pairs
    }
}
