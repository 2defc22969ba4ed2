import ArgumentParser
import EMLab

/// The options of a remedy for collapsed variances (``Remedy``): a prior,
/// a variance-ratio constraint or a penalty, at most one, and the
/// comparison of every remedy on the same data (`--compare-remedies`).
///
/// An untitled group, so its options are listed among the command's own.
/// Its checks are ``check()``, called where the command's checks begin.
struct RemedyOptions: ParsableArguments {
    enum PriorChoice: String, ExpressibleByArgument, CaseIterable { case mclust }

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "MAP-EM under a conjugate prior: mclust (its priorControl() default: shrinkage 0.01, mean mean(x), dof 3, scale var(x)/K²); the report adds the log-posterior, and the stopping rule reads it.",
            valueName: "prior"))
    var prior: PriorChoice?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --prior: the shrinkage κ > 0 of the means instead of 0.01.", valueName: "κ"))
    var priorShrinkage: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --prior: the prior mean μ_P, in the data's units, instead of mean(x).", valueName: "μ"))
    var priorMean: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --prior: the degrees of freedom ν_P > 0 instead of 3.", valueName: "ν"))
    var priorDof: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --prior: the scale ς² > 0, in squared data units, instead of var(x)/K².", valueName: "ς²"))
    var priorScale: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Constrain max σ²/min σ² ≤ C (Hathaway 1985), by tclust's optimal truncation in every M-step; tclust uses 12, otrimle 20.",
            valueName: "C"))
    var varianceRatio: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Penalise the variances: chen-tan (Chen, Tan & Zhang 2008, −a_n{S_x/σ² + log(σ²/S_x)} per component, a_n = n^−½), or chen-tan-as-in-mixtureinf (R MixtureInf 1.1's pmle.norm as written); the report adds the penalised log-likelihood.",
            valueName: "penalty"))
    var penalty: ChenTanPenalty.Form?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --penalty chen-tan: a_n > 0 instead of n^−½.", valueName: "a"))
    var penaltyAn: Double?

    @Flag(
        help:
            "Fit the same data from the same start with no remedy, the floor, restarts, a shared variance, the prior, the ratio constraint (C = 12) and the penalty, and print one table of what each changed."
    )
    var compareRemedies = false

    /// The remedy the options ask for (checked: at most one).
    var remedy: Remedy {
        if prior != nil {
            return .prior(ConjugatePrior(shrinkage: priorShrinkage, mean: priorMean, degreesOfFreedom: priorDof, scale: priorScale))
        }
        if let varianceRatio { return .varianceRatio(varianceRatio) }
        if let penalty { return .penalty(ChenTanPenalty(form: penalty, scale: penaltyAn)) }
        return .none
    }

    /// Checks the values as typed, before any data are read.
    func check() throws {
        let chosen = [prior != nil, varianceRatio != nil, penalty != nil].filter { $0 }.count
        if chosen > 1 { throw ValidationError("--prior, --variance-ratio and --penalty are different remedies: please give one of them.") }
        if compareRemedies && chosen > 0 {
            throw ValidationError("--compare-remedies fits every remedy itself: please drop --prior, --variance-ratio and --penalty.")
        }
        if prior == nil {
            for (name, value) in [("--prior-shrinkage", priorShrinkage), ("--prior-mean", priorMean), ("--prior-dof", priorDof), ("--prior-scale", priorScale)]
            where value != nil {
                throw ValidationError("\(name) goes with --prior mclust.")
            }
        }
        for (name, value) in [("--prior-shrinkage", priorShrinkage), ("--prior-dof", priorDof), ("--prior-scale", priorScale), ("--penalty-an", penaltyAn)] {
            if let value, !(value > 0 && value.isFinite) { throw ValidationError("Please give a positive, finite \(name); got \(formatNumber(value)).") }
        }
        if let priorMean, !priorMean.isFinite { throw ValidationError("Please give a finite --prior-mean.") }
        if let varianceRatio, !(varianceRatio >= 1 && varianceRatio.isFinite) {
            throw ValidationError(
                "Please give --variance-ratio C ≥ 1 (max σ²/min σ² ≤ C; 1 makes every variance equal), e.g. 12; got \(formatNumber(varianceRatio)).")
        }
        if penaltyAn != nil && penalty != .chenTan {
            throw ValidationError("--penalty-an goes with --penalty chen-tan (MixtureInf's replay uses its own a_n as written).")
        }
    }
}

extension ChenTanPenalty.Form: ExpressibleByArgument {}
