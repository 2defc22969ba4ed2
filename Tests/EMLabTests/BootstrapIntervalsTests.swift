import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Bootstrap intervals (`emlab fit --bootstrap B`) and the coverage of
/// Wald and bootstrap intervals on clean data.
@Suite struct BootstrapIntervalsTests {
    static let faithful = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/faithful-waiting.txt").path

    static func tightFit(_ data: [Double], k: Int, variance: EMConfiguration.Variance = .perComponent) throws -> (FitResult, EMConfiguration) {
        var configuration = EMConfiguration(variance: variance, stoppingRule: .logLikelihoodChange(1e-10), maxIterations: 5000)
        configuration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(data)
        let start = try Initialization.quantile.start(data: data, componentCount: k, random: try RandomSource(seed: 1))
        return (ExpectationMaximization.fit(data: data, start: start, configuration: configuration), configuration)
    }

    @Test func quantilesAreRsTypeSeven() {
        // R: quantile(c(1, 2, 3, 4, 10), c(0.025, 0.5, 0.975)) = 1.1, 3, 9.4
        let sorted = [1.0, 2, 3, 4, 10]
        #expect(abs(BootstrapIntervals.quantile(sorted, 0.025) - 1.1) < 1e-14)
        #expect(BootstrapIntervals.quantile(sorted, 0.5) == 3)
        #expect(abs(BootstrapIntervals.quantile(sorted, 0.975) - 9.4) < 1e-14)
        #expect(BootstrapIntervals.quantile(sorted, 0) == 1 && BootstrapIntervals.quantile(sorted, 1) == 10)
    }

    /// Percentile [q(α/2), q(1−α/2)], basic [2θ̂ − q(1−α/2), 2θ̂ − q(α/2)],
    /// over every finite refit and over the clean ones; every sample kept
    /// and replayable from its seed.
    @Test(arguments: [BootstrapIntervals.Kind.nonparametric, .parametric])
    func intervalsFollowTheirDefinitions(kind: BootstrapIntervals.Kind) throws {
        let data = try DataSet.read(path: Self.faithful)
        let (fit, configuration) = try Self.tightFit(data, k: 2)
        let b = BootstrapIntervals.run(
            data: data, fit: fit.mixture, configuration: configuration, kind: kind, replicates: 60,
            level: 0.9, random: StreamRecipe(seed: 12))
        #expect(b.refits.count == 60 && b.all.refits == 60 - b.nonFinite)
        #expect(b.clean.refits == b.refits.filter { $0.finite && $0.outcome == .clean }.count)
        for (summary, refits) in [(b.all, b.refits.filter(\.finite)), (b.clean, b.refits.filter { $0.finite && $0.outcome == .clean })] {
            for j in 0..<2 {
                let values = refits.map { $0.mixture.means[j] }.sorted()
                let alpha = 1 - 0.9  // as the level arrives: 0.09999999999999998
                let low = BootstrapIntervals.quantile(values, alpha / 2), high = BootstrapIntervals.quantile(values, 1 - alpha / 2)
                #expect(summary.percentile.means[j] == WaldIntervals.Interval(low: low, high: high))
                let estimate = fit.mixture.means[j]
                #expect(summary.basic.means[j] == WaldIntervals.Interval(low: 2 * estimate - high, high: 2 * estimate - low))
                let mean = values.reduce(0, +) / Double(values.count)
                let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
                #expect(abs(summary.standardErrors.means[j]! - sd) <= 1e-12 * sd)
            }
        }
        // Sample 7, replayed alone: the same data, the same refit, the same labels.
        let sample = BootstrapIntervals.sample(7, data: data, mixture: fit.mixture, kind: kind, random: StreamRecipe(seed: 12))
        let seed = SeedDerivation.seed(
            study: SeedDerivation.seed(study: 12, condition: 0, replicate: 2, start: kind == .nonparametric ? 1 : 2),
            condition: 1, replicate: 7, start: 0)
        #expect(seed == BootstrapIntervals.sampleSeed(study: 12, componentCount: 2, kind: kind, replicate: 7))
        if kind == .nonparametric { #expect(Set(sample).isSubset(of: Set(data))) }
        var sampleConfiguration = configuration
        sampleConfiguration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(sample)
        let refit = ExpectationMaximization.fit(data: sample, start: fit.mixture, configuration: sampleConfiguration).mixture
        #expect(LabelAlignment.relabel(refit, by: LabelAlignment.bestPermutation(estimate: refit, truth: fit.mixture)) == b.refits[6].mixture)
    }

    /// Labels are aligned to the original fit: on overlapping components,
    /// every refit is in the order closest to the estimate.
    @Test func refitsAreAlignedToTheEstimate() throws {
        let data = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1.5], standardDeviations: [1, 1])
            .sample(count: 120, using: try RandomSource(seed: 5)).values
        let (fit, configuration) = try Self.tightFit(data, k: 2, variance: .shared)
        let b = BootstrapIntervals.run(
            data: data, fit: fit.mixture, configuration: configuration, kind: .parametric,
            replicates: 100, level: 0.95, random: StreamRecipe(seed: 5))
        for refit in b.refits where refit.finite {
            #expect(LabelAlignment.bestPermutation(estimate: refit.mixture, truth: fit.mixture) == [0, 1])
        }
    }

    /// Collapsed refits are kept and counted, not redrawn: document 002's
    /// ties make some resamples collapse, and the interval over all refits
    /// then reaches σ = 0 while the clean one does not.
    @Test func collapsedRefitsAreCountedAndShownApart() throws {
        let data = DocumentPreset.document002Data
        var configuration = EMConfiguration()
        configuration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(data)
        let start = try GaussianMixture(weights: [0.54, 0.3, 0.16], means: [44.34, 37.58, 24.57], standardDeviations: [0.38, 4.95, 0.38])
        let fit = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        #expect(fit.stopReason == .converged)
        let b = BootstrapIntervals.run(
            data: data, fit: fit.mixture, configuration: configuration, kind: .nonparametric,
            replicates: 200, level: 0.95, random: StreamRecipe(seed: 1))
        #expect(b.refits.count == 200 && b.degenerate > 0 && b.clean.refits < b.all.refits)
        #expect(b.refits.filter { $0.outcome == .clean }.count == 200 - b.capped - b.degenerate)
        let allLows = b.all.percentile.sds.compactMap { $0.map(\.low) }
        let cleanLows = b.clean.percentile.sds.compactMap { $0.map(\.low) }
        let allLow = try #require(allLows.min()), cleanLow = try #require(cleanLows.min())
        #expect(allLow == 0 && cleanLow > 0)
    }

    /// The same seed gives the same bytes; another seed other numbers.
    @Test func fitWithBootstrapIsByteReproducible() throws {
        let arguments = [
            "fit", Self.faithful, "-k", "2", "--bootstrap", "40", "--bootstrap-type", "parametric", "--seed", "3",
            "--format", "json"
        ]
        let first = try Tool.run(arguments), second = try Tool.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        var other = arguments
        other[8] = "4"
        #expect(try Tool.run(other).stdout != first.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let bootstrap = try #require(object["bootstrap"] as? [String: Any])
        #expect(bootstrap["type"] as? String == "parametric" && bootstrap["replicates"] as? Int == 40 && bootstrap["level"] as? Double == 0.95)
        for key in ["cleanRefits", "cappedRefits", "degenerateRefits", "nonFiniteRefits"] { #expect(bootstrap[key] is Int, "\(key)") }
        let all = try #require(bootstrap["all"] as? [String: Any])
        let percentile = try #require(all["percentile"] as? [String: [[Double]]])
        #expect(percentile["means"]?.count == 2 && percentile["means"]![0][0] < percentile["means"]![0][1])
        let text = try Tool.run(Array(arguments.dropLast(2)))
        #expect(text.stdout.contains("Bootstrap (parametric, B = 40; every refit starts from this estimate, its labels aligned to it):"))
    }

    /// On clean, well-separated data with large n, 95 % intervals cover each
    /// mean within Monte Carlo error of 0.95: over R replicates the share of
    /// intervals holding the truth is within 4 MCSE = 4·√(0.95·0.05/R) of 0.95.
    @Test func intervalsCoverAtTheirLevelOnCleanData() throws {
        let truth = try GaussianMixture(weights: [0.4, 0.6], means: [0, 6], standardDeviations: [1, 1.5])
        let replicates = 200
        var waldHits = [0, 0], bootstrapHits = [0, 0]
        for r in 1...replicates {
            let data = truth.sample(count: 1000, using: try RandomSource(seed: SeedDerivation.seed(study: 77, condition: 1, replicate: r, start: 0))).values
            let (fit, configuration) = try Self.tightFit(data, k: 2)
            #expect(fit.stopReason == .converged)
            let m = LabelAlignment.relabel(fit.mixture, by: LabelAlignment.bestPermutation(estimate: fit.mixture, truth: truth))
            let errors = try #require(ConvergenceAnalysis(result: fit, data: data, configuration: configuration).standardErrors)
            let alignedErrors = LabelAlignment.bestPermutation(estimate: fit.mixture, truth: truth).map { errors.means[$0]! }
            let wald = WaldIntervals(
                mixture: m, standardErrors: StandardErrors(weights: [nil, nil], means: alignedErrors, sds: [nil, nil], reason: nil),
                level: 0.95)
            let boot = BootstrapIntervals.run(
                data: data, fit: m, configuration: configuration, kind: .nonparametric,
                replicates: 99, level: 0.95, random: StreamRecipe(seed: UInt64(r)))
            for j in 0..<2 {
                if let i = wald.means[j], i.low <= truth.means[j] && truth.means[j] <= i.high { waldHits[j] += 1 }
                if let i = boot.all.percentile.means[j], i.low <= truth.means[j] && truth.means[j] <= i.high { bootstrapHits[j] += 1 }
            }
        }
        let mcse = (0.95 * 0.05 / Double(replicates)).squareRoot()
        for j in 0..<2 {
            let wald = Double(waldHits[j]) / Double(replicates), boot = Double(bootstrapHits[j]) / Double(replicates)
            #expect(abs(wald - 0.95) <= 4 * mcse, "Wald coverage of mean \(j + 1): \(wald)")
            #expect(abs(boot - 0.95) <= 4 * mcse, "bootstrap coverage of mean \(j + 1): \(boot)")
        }
    }
}
