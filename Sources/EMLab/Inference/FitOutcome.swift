import Foundation

/// Everything `emlab fit` reports about one fit (``FitRequest/run(data:)``):
/// the fit, how it was found, its assessment, convergence analysis,
/// intervals, criteria and bootstrap — numbers only; ``FitReport/text(_:)``
/// and ``FitReport/json(_:)`` write them as the command prints them.
public struct FitOutcome: Sendable {
    /// What was asked for.
    public var request: FitRequest
    /// The values fitted.
    public var data: [Double]
    /// Start 1, in the data's units (before any restart).
    public var start: GaussianMixture
    /// The fit reported, in the data's units: the single fit (after its
    /// restarts), or the best of the starts that did not collapse — start 1
    /// as it ended when every start collapsed.
    public var result: FitResult
    /// How many times the single fit was restarted (0 with several starts).
    public var restarts: Int
    /// The failure flags of ``result`` (assessed on the standardised fit for a single fit).
    public var assessment: FailureModes.Assessment
    /// Every start and its fit, with ``FitRequest/starts`` > 1; nil for a single fit.
    public var search: MultiStart?
    /// The configuration the fit ran with in the data's units: the request's,
    /// its variance floor the larger of the absolute and the relative one.
    public var fittedConfiguration: EMConfiguration
    /// Rates of convergence, the log-likelihood gap and the standard errors (in the data's units).
    public var analysis: ConvergenceAnalysis
    /// Wald intervals at ``FitRequest/level``; nil when there are no standard errors.
    public var intervals: WaldIntervals?
    /// Bootstrap intervals; nil when none were asked for, or the fit has no
    /// estimate to start the refits from (``bootstrapSkipped``).
    public var bootstrap: BootstrapIntervals?
    /// AIC, BIC and ICL; nil when the fit collapsed, degenerated or went non-finite.
    public var criteria: InformationCriteria?

    /// The starts as a search: ``search``, or the single fit seen as a search of one start.
    public var starts: MultiStart {
        search ?? MultiStart(single: start, result: result, seed: request.random.seed)
    }

    /// Whether a bootstrap was asked for but not run: the fit collapsed,
    /// degenerated or went non-finite, so there is no estimate to refit from.
    public var bootstrapSkipped: Bool { request.bootstrapReplicates > 0 && bootstrap == nil }

    /// Whether the fit ended without an estimate: it degenerated (a σ or a
    /// weight reached 0, or ℓ is infinite) or went non-finite. `emlab fit`
    /// reports such a fit whole, and exits with status 1.
    public var isDegenerate: Bool { result.hasNoEstimate }
}
