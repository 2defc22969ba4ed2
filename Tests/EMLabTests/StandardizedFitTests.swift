import Foundation
import Testing
@testable import EMLab

/// A fit does not depend on the unit of measurement: a·x + b fits to the
/// estimates of x mapped through the same map, ℓ shifted by −n·log a.
@Suite struct StandardizedFitTests {
    /// Two overlapping groups, fixed values (so every scale sees the same x).
    static let x: [Double] = try! GaussianMixture(weights: [0.6, 0.4], means: [0, 5], standardDeviations: [1, 1.5])
        .sample(count: 300, using: try! RandomSource(seed: 4)).values

    static func close(_ a: Double, _ b: Double, scale: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(abs(a), abs(b), scale)
    }

    func fit(_ data: [Double], configuration: EMConfiguration = EMConfiguration(), start: GaussianMixture? = nil) throws -> StandardizedFit.Outcome {
        let standard = try StandardizedFit(data: data)
        let source = try RandomSource(seed: 1)
        let first = try start ?? standard.start(.quantile, componentCount: 2, random: source)
        return try standard.fit(start: first, configuration: configuration) { try standard.start(.quantile, componentCount: 2, random: source) }
    }

    @Test(arguments: [1e-250, 1e-6, 1, 1e6, 1e250])
    func anAffineMapOfTheDataMapsTheFit(a: Double) throws {
        let reference = try fit(Self.x).result
        for b in [0, 3 * a, -1e3 * a] {
            let result = try fit(Self.x.map { a * $0 + b }).result
            #expect(result.stopReason == reference.stopReason && result.iterations == reference.iterations)
            let n = Double(Self.x.count)
            #expect(Self.close(result.logLikelihood, reference.logLikelihood - n * log(a), scale: 1), "a = \(a), b = \(b)")
            for j in 0..<2 {
                #expect(Self.close(result.mixture.weights[j], reference.mixture.weights[j], scale: 0))
                #expect(Self.close(result.mixture.means[j], a * reference.mixture.means[j] + b, scale: a), "a = \(a), b = \(b)")
                #expect(Self.close(result.mixture.standardDeviations[j], a * reference.mixture.standardDeviations[j], scale: 0))
            }
        }
    }

    @Test func theTraceIsInTheDataUnitsToo() throws {
        var configuration = EMConfiguration()
        configuration.recordTrace = true
        let result = try fit(Self.x.map { 1e6 * $0 }, configuration: configuration).result
        let trace = try #require(result.trace)
        #expect(trace.logLikelihoods.last == result.logLikelihood)
        #expect(trace.mixtures.last == result.mixture)
    }

    @Test func dataNearTheEndsOfTheDoubleRangeFit() throws {
        // Near 1e300 the squares overflow; near 1e-300 the squared deviations underflow.
        for a in [1e300, 1e-300] {
            let data = Self.x.map { a * (10 + $0) }
            let outcome = try fit(data)
            #expect(outcome.result.stopReason == .converged, "a = \(a)")
            #expect(outcome.result.mixture.means.allSatisfy { $0.isFinite && $0 > 0 })
            // An explicit start in the data's units works as well.
            let start = try GaussianMixture(weights: [0.5, 0.5], means: [10 * a, 15 * a], standardDeviations: [a, a])
            let explicit = try fit(data, start: start)
            #expect(explicit.result.stopReason == .converged && explicit.result.logLikelihood.isFinite)
        }
    }

    @Test func tinyDistinctValuesAreNotEqual() throws {
        let data = [1, 1.1, 1.3, 2, 2.2, 2.5].map { $0 * 1e-300 }
        let standard = try StandardizedFit(data: data)
        #expect(standard.scale > 0 && standard.standardizedSD > 0.99)
        // Initialization measures their spread on their own scale too.
        let start = try Initialization.quantile.start(data: data, componentCount: 2, random: try RandomSource(seed: 1))
        #expect(start.standardDeviations.allSatisfy { $0 > 0 })
    }

    @Test func allEqualDataKeepTheirClearError() {
        for value in [5.0, 0, 1e-300, -1e300] {
            #expect(throws: EMLabError(.invalidData, "all 4 values are equal (\(formatNumber(value))): there is no spread to start a variance from")) {
                _ = try StandardizedFit(data: Array(repeating: value, count: 4))
            }
        }
    }

    @Test func toleranceAndKnownSDAreInTheDataUnits() throws {
        let standard = try StandardizedFit(data: Self.x.map { 1000 * $0 })
        var configuration = EMConfiguration(variance: .known(standardDeviation: 2000), stoppingRule: .meanChange(1e-3), varianceFloor: 4e6)
        configuration.maxIterations = 7
        let mapped = standard.standardized(configuration, relativeVarianceFloor: 0)
        let s = standard.scale
        guard case .known(let sd) = mapped.variance, case .meanChange(let tolerance) = mapped.stoppingRule else {
            Issue.record("the model changed: \(mapped)")
            return
        }
        #expect(abs(sd - 2000 / s) < 1e-12 * sd)
        #expect(abs(tolerance - 1e-3 / s) < 1e-12 * tolerance)
        #expect(abs(mapped.varianceFloor - 4e6 / (s * s)) < 1e-12 * mapped.varianceFloor)
        #expect(mapped.maxIterations == 7)
    }
}
