import Foundation

/// The information criteria of one fitted mixture, **lower is better** (as
/// scikit-learn's `GaussianMixture.bic()`/`aic()`):
///
/// - AIC = −2ℓ + 2p (Akaike 1974, "A new look at the statistical model
///   identification", *IEEE Trans. Automatic Control* 19(6));
/// - BIC = −2ℓ + p·log n (Schwarz 1978, "Estimating the dimension of a
///   model", *Ann. Statist.* 6(2));
/// - ICL = BIC + 2·Σ_i −log τ_{i,MAP(i)}: BIC penalised by the entropy of the
///   classification, so that overlapping components which do not make
///   separate clusters are not rewarded (Biernacki, Celeux & Govaert 2000,
///   "Assessing a mixture model for clustering with the integrated completed
///   likelihood", *IEEE TPAMI* 22(7)), in mclust's form: its `icl()` adds
///   2·Σ_i Σ_k C_ik log τ_ik, C the MAP classification, to its BIC.
///
/// with ℓ the maximised log-likelihood, p the free parameters
/// (``FreeParameterLayout/count``: K − 1 weights, K means, K or 1 variances)
/// and n the observations. mclust reports the same quantities with the
/// opposite sign, larger is better: its BIC is 2ℓ − p·log n = −BIC
/// (``mclustBIC``), its ICL −ICL (``mclustICL``).
///
/// On a collapsed fit (a variance → 0 with per-component variances) ℓ is
/// unbounded and every criterion meaningless; ``ModelSelection`` sets such
/// fits aside instead of scoring them.
public struct InformationCriteria: Equatable, Sendable {
    /// ℓ, the log-likelihood of the fit.
    public var logLikelihood: Double
    /// p, the number of free parameters.
    public var parameters: Int
    /// n, the number of observations.
    public var count: Int
    /// Σ_i −log τ_{i,MAP(i)} (``Posteriors/classificationEntropy``).
    public var classificationEntropy: Double

    public init(logLikelihood: Double, parameters: Int, count: Int, classificationEntropy: Double) {
        self.logLikelihood = logLikelihood
        self.parameters = parameters
        self.count = count
        self.classificationEntropy = classificationEntropy
    }

    /// The criteria of `mixture`, fitted to `data` under `configuration`
    /// with log-likelihood `logLikelihood`.
    ///
    /// - Complexity: O(n·K) (one pass for the responsibilities).
    public init(data: [Double], mixture: GaussianMixture, logLikelihood: Double, configuration: EMConfiguration) {
        let layout = FreeParameterLayout(
            componentCount: mixture.componentCount, weights: configuration.weights,
            variance: configuration.variance)
        self.init(
            logLikelihood: logLikelihood, parameters: layout.count, count: data.count,
            classificationEntropy: Posteriors(data: data, mixture: mixture).classificationEntropy)
    }

    /// The criteria of a fit, as `emlab fit` and `emlab select` score it.
    ///
    /// - Returns: nil when the fit collapsed, degenerated or went non-finite
    ///   (``MultiStart/isSetAside(_:)``): a likelihood without a maximum has
    ///   no criteria, and `emlab select` sets such fits aside.
    /// - Complexity: O(n·K).
    public init?(fit result: FitResult, data: [Double], configuration: EMConfiguration) {
        guard !MultiStart.isSetAside(result) else { return nil }
        self.init(data: data, mixture: result.mixture, logLikelihood: result.logLikelihood, configuration: configuration)
    }

    /// −2ℓ + 2p.
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameters) }
    /// −2ℓ + p·log n.
    public var bic: Double { -2 * logLikelihood + Double(parameters) * Foundation.log(Double(count)) }
    /// BIC + 2·Σ_i −log τ_{i,MAP(i)}.
    public var icl: Double { bic + 2 * classificationEntropy }
    /// mclust's BIC, 2ℓ − p·log n (larger is better): −``bic``.
    public var mclustBIC: Double { -bic }
    /// mclust's ICL (larger is better): −``icl``.
    public var mclustICL: Double { -icl }

    /// The criteria by name, for tables and selection.
    public enum Criterion: String, CaseIterable, Sendable {
        case aic = "AIC"
        case bic = "BIC"
        case icl = "ICL"

        /// The JSON key.
        public var key: String { rawValue.lowercased() }
    }

    /// The value of one criterion.
    public subscript(criterion: Criterion) -> Double {
        switch criterion {
        case .aic: return aic
        case .bic: return bic
        case .icl: return icl
        }
    }
}
