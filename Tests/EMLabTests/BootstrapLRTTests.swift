import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// The parametric bootstrap likelihood-ratio test of K against K + 1.
@Suite struct BootstrapLRTTests {
    static let faithful = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/faithful-waiting.txt").path

    static func selection(_ data: [Double], components: [Int], variance: EMConfiguration.Variance) throws -> ModelSelection {
        var configuration = EMConfiguration(maxIterations: 5000)
        configuration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(data)
        return try ModelSelection.run(
            data: data, components: components, variances: [variance], configuration: configuration,
            options: MultiStart.Options(starts: 4, initialization: .quantile, seed: 2))
    }

    /// Each sample comes from its documented seed and is refitted from the
    /// fitted mixtures (and the split start); the p-value counts as mclust does.
    @Test func statisticsAndPValueFollowTheDocumentedRule() throws {
        let data = try DataSet.read(path: Self.faithful)
        let selection = try Self.selection(data, components: [1, 2], variance: .shared)
        let steps = BootstrapLRT.steps(selection: selection, count: data.count, replicates: 19, random: StreamRecipe(seed: 3))
        let step = try #require(steps.first)
        #expect(steps.count == 1 && step.components == 1 && step.replicates == 19)
        let null = try #require(selection.models[0].search.best), alternative = try #require(selection.models[1].search.best)
        #expect(step.statistic == 2 * (alternative.logLikelihood - null.logLikelihood))
        #expect(step.usedRefits + step.failedRefits == 19 && step.bootstrapStatistics.count == step.usedRefits)
        let exceeding = step.bootstrapStatistics.filter { $0 >= step.statistic! }.count
        #expect(step.pValue == Double(1 + exceeding) / Double(1 + step.usedRefits))
        // Faithful is clearly bimodal: no sample from one normal comes near T.
        #expect(exceeding == 0 && step.statistic! > 100)
        // Sample 1, replayed alone.
        guard step.failedRefits == 0 else { return }
        let seed = BootstrapLRT.sampleSeed(test: BootstrapLRT.testSeed(study: 3, componentCount: 1, variance: .shared), replicate: 1)
        #expect(
            seed
                == SeedDerivation.seed(
                    study: SeedDerivation.seed(study: 3, condition: 1, replicate: 2, start: 0),
                    condition: 1, replicate: 1, start: 0))
        let sample = null.mixture.sample(count: data.count, using: try RandomSource(seed: seed)).values
        var configuration = selection.models[0].configuration
        configuration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(sample)
        configuration.acceleration = .squarem(SQUAREMOptions())  // the refits' scheme (refitsBySQUAREM)
        let fit0 = ExpectationMaximization.fit(data: sample, start: null.mixture, configuration: configuration)
        let fit1 = [alternative.mixture, BootstrapLRT.split(fit0.mixture)]
            .map { ExpectationMaximization.fit(data: sample, start: $0, configuration: configuration).logLikelihood }.max()!
        #expect(step.bootstrapStatistics[0] == 2 * (fit1 - fit0.logLikelihood))
    }

    /// Under the null (one normal), the test of 1 against 2 does not reject.
    @Test func nullDataAreNotRejected() throws {
        let data = try GaussianMixture(weights: [1], means: [10], standardDeviations: [2]).sample(count: 300, using: try RandomSource(seed: 21)).values
        let selection = try Self.selection(data, components: [1, 2], variance: .perComponent)
        let step = try #require(BootstrapLRT.steps(selection: selection, count: data.count, replicates: 39, random: StreamRecipe(seed: 4)).first)
        #expect(try #require(step.pValue) > 0.05, "p = \(step.pValue!)")
        #expect(step.bootstrapStatistics.allSatisfy { $0 > -1e-3 })
    }

    @Test func splitKeepsWeightMeanAndVariance() throws {
        let m = try GaussianMixture(weights: [0.3, 0.7], means: [-1, 4], standardDeviations: [0.5, 2])
        let s = BootstrapLRT.split(m)
        #expect(s.weights == [0.3, 0.35, 0.35] && s.means == [-1, 3, 5])
        let variance = 0.5 * (s.variances[1] + 1) + 0.5 * (s.variances[2] + 1)  // (μ ∓ 1 − 4)² = 1
        #expect(abs(variance - 4) < 1e-12)
    }

    /// The same seed gives the same bytes; nothing is redrawn, so failures are counted.
    @Test func selectWithBootstrapIsByteReproducible() throws {
        let arguments = [
            "select", Self.faithful, "--components", "1...3", "--starts", "3", "--bootstrap-lrt", "19", "--seed", "9",
            "--format", "json"
        ]
        let first = try Tool.run(arguments)
        let second = try Tool.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let other = try Tool.run(Array(arguments.dropLast(3)) + ["10", "--format", "json"])
        #expect(other.stdout != first.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let lrt = try #require(object["lrt"] as? [[String: Any]])
        #expect(lrt.count == 4)  // 1 vs 2 and 2 vs 3, per-component and shared
        for step in lrt {
            for key in ["components", "statistic", "pValue", "failedRefits"] { #expect(step[key] != nil, "\(key)") }
            #expect((step["usedRefits"] as! Int) + (step["failedRefits"] as! Int) == 19)
        }
        let text = try Tool.run(Array(arguments.dropLast(2)))
        #expect(
            text.stdout.contains("Bootstrap likelihood-ratio test of K against K + 1 (McLachlan 1987), B = 19")
                && text.stdout.contains("Sequential testing at 5 %"), "\(text.stdout)")
    }
}
