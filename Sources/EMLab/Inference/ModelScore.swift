import Foundation

/// A fitted mixture applied to data it may not have been fitted on (`emlab
/// score`): each value's log-density log f(x_i), its responsibilities, MAP
/// component and uncertainty (``Posteriors``), and the total log-likelihood.
///
/// The per-value log-density is scikit-learn's `score_samples` and the mean
/// of them its `score` (`sklearn.mixture.GaussianMixture`, the
/// `BaseMixture.score_samples` log-sum-exp of the weighted log-densities);
/// AIC and BIC on the scored data are scikit-learn's `aic(X)` and `bic(X)`:
/// −2ℓ + 2p and −2ℓ + p·log n (Akaike 1974; Schwarz 1978), with p the free
/// parameters of the model that was fitted.
public struct ModelScore: Sendable {
    /// The values scored, in order.
    public let data: [Double]
    /// log f(x_i) for each value, by log-sum-exp (finite even where every
    /// component density underflows).
    public let logDensities: [Double]
    /// The responsibilities, MAP components and uncertainties.
    public let posteriors: Posteriors
    /// ℓ = Σ_i log f(x_i), summed with Neumaier's compensation.
    public let logLikelihood: Double
    /// p, the free parameters of the model scored with.
    public let parameters: Int

    /// Scores `data` under `model`.
    ///
    /// - Parameters:
    ///   - data: the values (finite, as ``DataSet`` reads them).
    ///   - model: the saved model.
    /// - Complexity: O(n·K) time and memory.
    public init(data: [Double], model: SavedModel) {
        self.data = data
        let mixture = model.mixture
        logDensities = data.map { mixture.logDensity($0) }
        posteriors = Posteriors(data: data, mixture: mixture)
        var sum = CompensatedSum()
        for value in logDensities { sum.add(value) }
        logLikelihood = sum.value
        parameters = model.parameters
    }

    /// ℓ / n, scikit-learn's `score(X)`.
    public var meanLogLikelihood: Double { logLikelihood / Double(data.count) }

    /// −2ℓ + 2p on the scored data (scikit-learn's `aic(X)`).
    public var aic: Double { -2 * logLikelihood + 2 * Double(parameters) }

    /// −2ℓ + p·log n on the scored data (scikit-learn's `bic(X)`).
    public var bic: Double { -2 * logLikelihood + Double(parameters) * Foundation.log(Double(data.count)) }
}
