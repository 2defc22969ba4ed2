import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Wald intervals (estimate ± z·SE) and the posteriors file.
@Suite struct IntervalsAndPosteriorsTests {
    /// z_{0.975} = 1.95996398454005423552…, correctly rounded to a double.
    /// GSL's `gsl_cdf_ugaussian_Pinv(0.975)` (like R's `qnorm(0.975)`) returns
    /// 1.9599639845400536, two units in the last place below it.
    static let z95 = 1.959963984540054

    @Test func criticalValueIsGSLsNormalQuantile() {
        #expect(abs(StandardNormal.twoSidedCriticalValue(level: 0.95) - Self.z95) <= 1e-15 * Self.z95)
        #expect(StandardNormal.quantile(0.5) == 0)
        #expect(abs(StandardNormal.twoSidedCriticalValue(level: 0.9) - 1.6448536269514722) < 1e-15)
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(1.5).isNaN)
    }

    /// The interval is the estimate ± z·SE with the standard errors
    /// InformationTests checks against a finite-difference Hessian.
    @Test func intervalIsEstimatePlusMinusZTimesStandardError() throws {
        let data = try GaussianMixture(weights: [0.4, 0.6], means: [0, 3], standardDeviations: [1, 1.2])
            .sample(count: 800, using: try RandomSource(seed: 17)).values
        for variance in [EMConfiguration.Variance.perComponent, .shared, .known(standardDeviation: 1.1)] {
            let configuration = EMConfiguration(variance: variance, stoppingRule: .parameterChange(1e-13), maxIterations: 100_000)
            let start = try Initialization.quantile.start(data: data, componentCount: 2, random: try RandomSource(seed: 1))
            let fit = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
            let errors = try #require(ConvergenceAnalysis(result: fit, data: data, configuration: configuration).standardErrors)
            let intervals = WaldIntervals(mixture: fit.mixture, standardErrors: errors, level: 0.95)
            #expect(intervals.level == 0.95)
            func check(_ estimates: [Double], _ ses: [Double?], _ got: [WaldIntervals.Interval?]) {
                for (estimate, (se, interval)) in zip(estimates, zip(ses, got)) {
                    guard let se else {
                        #expect(interval == nil)
                        continue
                    }
                    let interval = interval!
                    // z·SE to within z's two ulps: the interval is the estimate ± 1.959963984540054·SE.
                    #expect(abs(interval.low - (estimate - Self.z95 * se)) <= 1e-14 * max(abs(estimate), 1))
                    #expect(abs(interval.high - (estimate + Self.z95 * se)) <= 1e-14 * max(abs(estimate), 1))
                    #expect(abs((interval.high - interval.low) / (2 * se) - Self.z95) <= 1e-12)
                    #expect(abs((interval.low + interval.high) / 2 - estimate) <= 1e-14 * max(abs(estimate), 1))
                }
            }
            check(fit.mixture.weights, errors.weights, intervals.weights)
            check(fit.mixture.means, errors.means, intervals.means)
            check(fit.mixture.standardDeviations, errors.sds, intervals.sds)
            if case .known = variance { #expect(intervals.sds.allSatisfy { $0 == nil }) }
        }
    }

    @Test func fitReportsIntervalsInJSONAndText() throws {
        let dir = try Tool.scratchDirectory()
        _ = try Tool.run(
            [
                "sample", "--weights", ".3,.7", "--means", "5,15", "--sds", "2,2", "-n", "2000", "--seed", "4",
                "--output", "data.csv"
            ], in: dir)
        let run = try Tool.run(["fit", "data.csv", "-k", "2", "--level", "0.9", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let intervals = try #require(object["intervals"] as? [String: Any])
        #expect(intervals["level"] as? Double == 0.9)
        let errors = try #require(object["standardErrors"] as? [String: [Double]])
        let z = StandardNormal.twoSidedCriticalValue(level: 0.9)
        for key in ["weights", "means", "sds"] {
            let pairs = try #require(intervals[key] as? [[Double]])
            let estimates = try #require(object[key] as? [Double])
            for (j, pair) in pairs.enumerated() {
                #expect(abs(pair[0] - (estimates[j] - z * errors[key]![j])) <= 1e-12 * abs(estimates[j]))
                #expect(abs(pair[1] - (estimates[j] + z * errors[key]![j])) <= 1e-12 * abs(estimates[j]))
            }
        }
        let text = try Tool.run(["fit", "data.csv", "-k", "2"], in: dir)
        #expect(text.stdout.contains("95 % Wald intervals (estimate ± z·SE, z = 1.95996"))
        // A degenerate fit has no standard errors: every interval is null.
        let ties = try Tool.run(["fit", "-", "-k", "2", "--format", "json"], stdin: "1\n1\n1\n1\n2\n5\n")
        let tiesObject = try #require(try JSONSerialization.jsonObject(with: Data(ties.stdout.utf8)) as? [String: Any])
        if tiesObject["stopReason"] as? String == "degenerate" {
            #expect((tiesObject["intervals"] as? [String: Any])?["means"] as? [NSNull] != nil)
        }
    }

    @Test func posteriorsAreNormalisedResponsibilities() throws {
        let mixture = try GaussianMixture(weights: [0.3, 0.7], means: [0, 4], standardDeviations: [1, 1.5])
        let data = [-2.0, 0, 1.9, 2, 4, 9, -1e6]
        let posteriors = Posteriors(data: data, mixture: mixture)
        #expect(posteriors.count == data.count && posteriors.componentCount == 2)
        for (i, x) in data.enumerated() {
            let row = (0..<2).map { posteriors[i, $0] }
            #expect(abs(row.reduce(0, +) - 1) < 1e-15)
            let densities = (0..<2).map {
                mixture.weights[$0]
                    * exp(
                        GaussianMixture.logNormalDensity(
                            x, mean: mixture.means[$0],
                            standardDeviation: mixture.standardDeviations[$0]))
            }
            if densities.reduce(0, +) > 1e-300 {
                #expect(abs(row[0] - densities[0] / densities.reduce(0, +)) < 1e-14)
            }
            #expect(posteriors.mapComponent(i) == (row[1] > row[0] ? 1 : 0))
            #expect(posteriors.uncertainty(i) == 1 - row.max()!)
        }
        // Far in the tail every density underflows; log space still gives the wider component all of it.
        #expect(posteriors[6, 1] == 1 && posteriors.uncertainty(6) == 0)
        // A degenerate component owns the points on its mean and nothing else.
        let collapsed = GaussianMixture(unchecked: [0.5, 0.5], means: [1, 3], standardDeviations: [0, 1])
        let p = Posteriors(data: [1, 3], mixture: collapsed)
        #expect(p[0, 0] == 1 && p[0, 1] == 0 && p[1, 0] == 0 && p[1, 1] == 1)
    }

    @Test func posteriorsFileHasOneRowPerObservation() throws {
        let dir = try Tool.scratchDirectory()
        let values = [0.5, 1.25, 2, 7.5, 8, 9.75, 1e-7, 8.25]
        let run = try Tool.run(["fit", "-", "-k", "2", "--posteriors", "post.csv"], stdin: values.map(formatNumber).joined(separator: "\n"), in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("post.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["value", "tau1", "tau2", "map", "uncertainty"])
        #expect(rows.count == values.count + 1)
        for (row, value) in zip(rows.dropFirst(), values) {
            #expect(Double(row[0]) == value && row[0] == formatNumber(value))
            let tau = [Double(row[1])!, Double(row[2])!]
            #expect(abs(tau[0] + tau[1] - 1) < 1e-15)
            #expect(Int(row[3]) == (tau[1] > tau[0] ? 2 : 1))
            #expect(Double(row[4]) == 1 - tau.max()!)
        }
        // Nothing but the file: no temporary left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["post.csv"])
    }
}
