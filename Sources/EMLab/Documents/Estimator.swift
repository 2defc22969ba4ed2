import Foundation

// An estimator is EMLab's engine or one of the documents' estimators as
// written, so it sits with the documents: below Study, which crosses
// estimators with truths, and above Fitting and Inference, which it runs.

/// Which algorithm an estimator runs.
public enum EstimatorMethod: Sendable, Equatable {
    /// EMLab's EM engine (``ExpectationMaximization``): correct, in log space.
    case engine
    /// A document's estimator exactly as written, defects included.
    case asWritten(AsWrittenEstimator)

    public var name: String {
        switch self {
        case .engine: return "engine"
        case .asWritten(let estimator): return estimator.rawValue
        }
    }
}

/// An estimator: the EM model and rules a condition fits with.
public struct Estimator: Sendable, Equatable {
    public var name: String
    public var method: EstimatorMethod = .engine
    public var configuration: EMConfiguration
    /// `variance = "known"`: the known σ is the truth's common σ.
    public var knownVarianceFromTruth: Bool
    /// The fixed weights, when `weights = "fixed"` (nil: 1/K each).
    public var fixedWeights: [Double]?
    /// K, when the estimator sets it (required for a truth given as data).
    public var components: Int?
    /// Remedy: restart a fit that collapsed, degenerated or went non-finite
    /// from a fresh start of the same strategy, up to this many times (mixtools' `maxrestarts`).
    public var maxRestarts: Int = 0
    /// Remedy: a variance floor relative to the data's variance (scikit-learn's
    /// `reg_covar` is absolute and added; this is a floor, σ² ≥ ratio · var(x)).
    /// The absolute ``EMConfiguration/varianceFloor`` applies too; the larger wins.
    public var relativeVarianceFloor: Double = 0
    /// Intervals for the selected fit of each replicate (`intervals = …`), nil: none.
    public var intervals: IntervalMethod?
    /// Their coverage level (`level`), in (0, 1).
    public var level: Double = 0.95
    /// `select_k`: the K values AIC, BIC and ICL choose among, on each data set
    /// (ascending, distinct); nil: no selection.
    public var selectComponents: [Int]?
    /// `select_starts`: the starts of each K of the selection (``MultiStart``).
    public var selectStarts: Int = 1

    /// How a study forms intervals.
    public enum IntervalMethod: Sendable, Equatable {
        /// Estimate ± z·SE, SE from the inverse observed information (``WaldIntervals``).
        case wald
        /// Percentile intervals over B refits from the estimate (``BootstrapIntervals``, all refits).
        case bootstrap(replicates: Int, kind: BootstrapIntervals.Kind)
    }

    /// Runs this estimator's algorithm.
    public func fit(data: [Double], start: GaussianMixture, configuration: EMConfiguration) -> FitResult {
        switch method {
        case .engine: return ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        case .asWritten(let estimator): return estimator.fit(data: data, start: start, configuration: configuration)
        }
    }
}
