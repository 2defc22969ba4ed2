import Foundation
@testable import EMLab

/// A seeded data set and the model fitted to it, on which SQUAREM is set beside EM.
struct AccelerationProblem: Sendable, CustomStringConvertible {
    var name: String
    var truth: GaussianMixture
    var count: Int
    var seed: UInt64
    var weights: EMConfiguration.Weights
    var variance: EMConfiguration.Variance

    var description: String { name }

    var data: [Double] { truth.sample(count: count, using: try! RandomSource(seed: seed)).values }

    /// The quantile start; with fixed weights, equal ones (as a study prepares it).
    func start(_ data: [Double]) throws -> GaussianMixture {
        let k = truth.componentCount
        let start = try Initialization.quantile.start(data: data, componentCount: k, random: try RandomSource(seed: 1))
        guard weights == .fixed else { return start }
        return GaussianMixture(
            unchecked: Array(repeating: 1 / Double(k), count: k), means: start.means,
            standardDeviations: start.standardDeviations)
    }

    func configuration(
        _ rule: EMConfiguration.StoppingRule = .aitken(1e-10),
        acceleration: EMConfiguration.Acceleration = .none
    ) -> EMConfiguration {
        var configuration = EMConfiguration(weights: weights, variance: variance, stoppingRule: rule, maxIterations: 200_000)
        configuration.acceleration = acceleration
        return configuration
    }

    /// Two unit-variance components 1.5 apart, n = 2000: EM crawls here.
    static func overlap(
        seed: UInt64 = 3, weights: EMConfiguration.Weights = .free,
        variance: EMConfiguration.Variance = .perComponent, name: String = "K=2 overlap"
    ) -> AccelerationProblem {
        AccelerationProblem(
            name: name, truth: try! GaussianMixture(weights: [0.5, 0.5], means: [0, 1.5], standardDeviations: [1, 1]),
            count: 2000, seed: seed, weights: weights, variance: variance)
    }

    static let threeComponents = try! GaussianMixture(weights: [0.2, 0.5, 0.3], means: [-3, 0, 4], standardDeviations: [1, 1.5, 1])

    static let all: [AccelerationProblem] = [
        overlap(),
        AccelerationProblem(
            name: "K=2 shared", truth: try! GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2]),
            count: 1000, seed: 4, weights: .free, variance: .shared),
        overlap(variance: .known(standardDeviation: 1), name: "K=2 overlap, known σ"),
        overlap(weights: .fixed, name: "K=2 overlap, fixed weights"),
        AccelerationProblem(name: "K=3", truth: threeComponents, count: 1500, seed: 5, weights: .free, variance: .perComponent),
        AccelerationProblem(name: "K=3 shared, fixed weights", truth: threeComponents, count: 1500, seed: 6, weights: .fixed, variance: .shared),
        AccelerationProblem(
            name: "K=3 known σ", truth: threeComponents, count: 1500, seed: 7, weights: .free,
            variance: .known(standardDeviation: 1.2))
    ]
}
