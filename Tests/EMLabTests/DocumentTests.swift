import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Each document's signature, seeded, with bands from the standard error.
@Suite struct DocumentTests {
    func sample(_ preset: DocumentPreset, _ sampler: Sampler, n: Int, seed: UInt64) throws -> [Double] {
        sampler.draw(from: preset.truth, data: preset.data, count: n, using: try RandomSource(seed: seed)).values
    }

    func median(_ xs: [Double]) -> Double { StudySummary.quantile(xs.sorted(), 0.5) }

    /// Standard normal CDF.
    func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    @Test func doc001RandnPicksComponentOneWithProbabilityPhiOfPi1() throws {
        let n = 100_000
        let (_, components) = Sampler.doc001Randn.draw(from: DocumentPreset.doc001.truth, count: n, using: try RandomSource(seed: 17))
        let share = Double(components.filter { $0 == 0 }.count) / Double(n)
        let p = phi(0.3)  // ≈ 0.618
        #expect(abs(share - p) < 4 * (p * (1 - p) / Double(n)).squareRoot(), "share \(share), Φ(0.3) = \(p)")
        #expect(abs(share - 0.3) > 100 * (0.3 * 0.7 / Double(n)).squareRoot())
    }

    @Test func doc001CurveDataLieInTheCurveRangeAndFitsLandWhereTheDocumentPrinted() throws {
        let preset = DocumentPreset.doc001
        var lowMeans: [Double] = [], highMeans: [Double] = [], sigmas: [Double] = []
        var nonFinite = 0
        for seed in 1...24 as ClosedRange<UInt64> {
            let data = try sample(preset, .doc001Curve, n: 10_000, seed: seed)
            #expect(data.allSatisfy { $0 >= 0 && $0 <= 0.7 })
            let startStream = try RandomSource(seed: 1000 + seed)
            let start = try Initialization.doc001.start(data: data, componentCount: 2, random: startStream)
            let result = AsWrittenEstimator.doc001.fit(data: data, start: start, configuration: preset.asWritten.configuration)
            guard result.stopReason != .nonFinite else {
                nonFinite += 1
                continue
            }
            lowMeans.append(result.mixture.means.min()!)
            highMeans.append(result.mixture.means.max()!)
            sigmas.append(result.mixture.standardDeviations[0])
        }
        // The document printed μ ≈ (0.043, 0.041), σ ≈ 0.126. Medians over seeds land there.
        #expect(abs(median(lowMeans) - 0.042) < 0.01, "\(lowMeans)")
        #expect(abs(median(highMeans) - 0.042) < 0.01, "\(highMeans)")
        #expect(abs(median(sigmas) - 0.124) < 0.01, "\(sigmas)")
        #expect(nonFinite < 24)
    }

    /// Document 000's E-step assumes variance σ²/2: its fixed point is pushed
    /// outward (μ1 up, μ2 down); the corrected engine is unbiased.
    @Test func doc000AsWrittenIsBiasedOutwardAndTheCorrectionIsNot() throws {
        let preset = DocumentPreset.doc000
        var writtenErrors: [[Double]] = [[], []], correctedErrors: [[Double]] = [[], []]
        for seed in 1...150 as ClosedRange<UInt64> {
            let data = try sample(preset, .doc000, n: 1000, seed: seed)
            let start = try Initialization.doc000.start(data: data, componentCount: 2, random: try RandomSource(seed: 5000 + seed))
            let written = AsWrittenEstimator.doc000.fit(data: data, start: start, configuration: preset.asWritten.configuration)
            let corrected = ExpectationMaximization.fit(data: data, start: start, configuration: preset.corrected.configuration)
            for (errors, result) in [(0, written), (1, corrected)] {
                #expect(result.stopReason == .converged)
                let truth = preset.truth!
                let aligned = LabelAlignment.relabel(result.mixture, by: LabelAlignment.bestPermutation(estimate: result.mixture, truth: truth))
                for k in 0..<2 {
                    let e = aligned.means[k] - truth.means[k]
                    if errors == 0 { writtenErrors[k].append(e) } else { correctedErrors[k].append(e) }
                }
            }
        }
        func biasAndSE(_ xs: [Double]) -> (Double, Double) {
            let m = xs.reduce(0, +) / Double(xs.count)
            let sd = (xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count - 1)).squareRoot()
            return (m, sd / Double(xs.count).squareRoot())
        }
        let (up, upSE) = biasAndSE(writtenErrors[0]), (down, downSE) = biasAndSE(writtenErrors[1])
        #expect(up > 4 * upSE, "μ1 (true 40) bias \(up) ± \(upSE) should be outward (positive)")
        #expect(down < -4 * downSE, "μ2 (true 20) bias \(down) ± \(downSE) should be outward (negative)")
        for k in 0..<2 {
            let (bias, se) = biasAndSE(correctedErrors[k])
            #expect(abs(bias) < 4 * se, "corrected bias \(bias) ± \(se)")
        }
    }

    /// σ from component 1 alone is consistent when σ is shared, but it uses
    /// about π1·n points instead of n: its RMSE is larger by about √(1/π1).
    @Test func doc001SigmaFromComponentOneIsConsistentButNoisier() throws {
        let preset = DocumentPreset.doc001
        let truth = preset.truth!
        var written: [Double] = [], pooled: [Double] = []
        let configuration = EMConfiguration(variance: .shared, stoppingRule: .parameterChange(1e-10), maxIterations: 5000)
        for seed in 1...300 as ClosedRange<UInt64> {
            let data = try sample(preset, .latent, n: 2000, seed: seed)
            written.append(AsWrittenEstimator.doc001.fit(data: data, start: truth, configuration: configuration).mixture.standardDeviations[0] - 2)
            pooled.append(ExpectationMaximization.fit(data: data, start: truth, configuration: configuration).mixture.standardDeviations[0] - 2)
        }
        let r = Double(written.count)
        let bias = written.reduce(0, +) / r
        let sd = (written.map { ($0 - bias) * ($0 - bias) }.reduce(0, +) / (r - 1)).squareRoot()
        // Consistent: the bias is O(1/n) and well inside 4 standard errors plus that.
        #expect(abs(bias) < 4 * sd / r.squareRoot() + 0.01, "bias \(bias)")
        let rmse = { (xs: [Double]) in (xs.map { $0 * $0 }.reduce(0, +) / r).squareRoot() }
        let ratio = rmse(written) / rmse(pooled)
        let expected = (1 / 0.3).squareRoot()
        // log-ratio SE ≈ √(1/R) for two RMSEs from R replicates: 4 SE ≈ ×/÷ e^{0.23}.
        let band = 4 * (1 / r).squareRoot()
        #expect(abs(log(ratio / expected)) < band, "ratio \(ratio), expected ≈ \(expected)")
    }

    @Test func doc002AsWrittenGivesWeightsOfOneOverNAndDuplicatedComponents() throws {
        let preset = DocumentPreset.doc002
        let data = preset.data!
        var duplicated = 0, failed = 0
        let runs = 60
        for seed in 1...UInt64(runs) {
            let start = try Initialization.doc002.start(data: data, componentCount: 3, random: try RandomSource(seed: seed))
            let result = AsWrittenEstimator.doc002.fit(data: data, start: start, configuration: preset.asWritten.configuration)
            if result.stopReason == .nonFinite || result.stopReason == .degenerate {
                failed += 1
                continue
            }
            for w in result.mixture.weights { #expect(abs(w - 1.0 / 50) < 1e-6, "weight \(w)") }
            if !DocumentComparison.duplicatedComponents(result.mixture).isEmpty { duplicated += 1 }
        }
        #expect(duplicated + failed > runs / 2, "\(duplicated) duplicated and \(failed) failed of \(runs)")
    }

    @Test func doc002CorrectedEngineCollapsesOnTiesAndAFloorPreventsIt() throws {
        let data = DocumentPreset.doc002.data!
        var collapsed = 0, flooredCollapsed = 0
        for seed in 1...40 as ClosedRange<UInt64> {
            let start = try Initialization.doc002.start(data: data, componentCount: 3, random: try RandomSource(seed: seed))
            if ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration()).stopReason == .degenerate { collapsed += 1 }
            if ExpectationMaximization.fit(data: data, start: start, configuration: EMConfiguration(varianceFloor: 0.01)).stopReason == .degenerate {
                flooredCollapsed += 1
            }
        }
        #expect(collapsed > 0 && flooredCollapsed == 0)
    }

    @Test func doc003LogLikelihoodNeverDecreases() throws {
        let preset = DocumentPreset.doc003
        for seed in 1...200 as ClosedRange<UInt64> {
            let data = try sample(preset, .doc003, n: 40, seed: seed)
            let start = try Initialization.dataPoints.start(data: data, componentCount: 2, random: try RandomSource(seed: 900 + seed))
            let result = ExpectationMaximization.fit(data: data, start: start, configuration: preset.corrected.configuration)
            #expect(result.largestRelativeDecrease <= FailureModes.nonMonotoneThreshold)
        }
    }

    @Test func theNotebooksFortyPointsComeOutExactly() throws {
        let fixture = try Data(contentsOf: Tool.packageRoot.appendingPathComponent("Tests/Fixtures/numpy-legacy.json"))
        struct Fixture: Decodable {
            struct Doc: Decodable { var x: [Double] }
            var document003: Doc
        }
        let expected = try JSONDecoder().decode(Fixture.self, from: fixture).document003.x
        let output = try Tool.run(["sample", "--preset", "doc003", "--stream", "numpy-legacy", "--seed", "42"])
        #expect(output.status == 0, "\(output.stderr)")
        let values = output.stdout.split(separator: "\n").dropFirst().map { Double($0)! }
        #expect(values == expected)
        #expect(values.count == 40)
    }

    @Test func fitPresetDoc002ExplainsWhatGoesWrong() throws {
        let output = try Tool.run(["fit", "--preset", "doc002"])
        #expect(output.status == 0, "\(output.stderr)")
        for phrase in ["Ties:", "unbounded", "Weights:", "axis", "K = 2, per-component", "K = 3, per-component", "underflow"] {
            #expect(output.stdout.contains(phrase), "missing '\(phrase)'")
        }
    }
}
