import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// The reference maximum of each data set (issue 22): the score and the
/// Newton polish it rests on, the columns a study with `[reference]`
/// writes, and that they keep the study parallel, shardable and repeatable.
@Suite struct ReferenceMaximumTests {
    static let data: [Double] = {
        let truth = try! GaussianMixture(weights: [0.35, 0.65], means: [0, 2.2], standardDeviations: [0.8, 1.2])
        return truth.sample(count: 400, using: try! RandomSource(seed: 2026)).values
    }()

    /// The score is ℓ's gradient: against central differences, in every model's coordinates.
    @Test(arguments: [
        (EMConfiguration.Weights.free, EMConfiguration.Variance.perComponent), (.free, .shared), (.fixed, .perComponent),
        (.free, .known(standardDeviation: 1))
    ])
    func theScoreIsTheGradientOfTheLogLikelihood(weights: EMConfiguration.Weights, variance: EMConfiguration.Variance) throws {
        // A point that is no maximum, so the gradient is far from 0.
        let point = try GaussianMixture(weights: [0.3, 0.7], means: [0.4, 1.9], standardDeviations: [1, 1])
        let information = MixtureInformation.sample(Self.data, at: point, weights: weights, variance: variance)
        let layout = information.layout
        let theta = layout.vector(of: point)
        #expect(information.score.count == layout.count)
        for i in 0..<layout.count {
            let h = 1e-5 * max(1, abs(theta[i]))
            var up = theta, down = theta
            up[i] += h
            down[i] -= h
            let difference =
                (layout.mixture(from: up, base: point).logLikelihood(Self.data)
                    - layout.mixture(from: down, base: point).logLikelihood(Self.data)) / (2 * h)
            // Central differences err by O(h²·ℓ''') and ℓ's rounding/h: 1e-6 relative is far above both here.
            #expect(abs(information.score[i] - difference) <= 1e-6 * max(1, abs(difference)), "\(layout.names[i])")
        }
    }

    /// From a loosely converged EM fit, a few Newton steps reach the maximum
    /// that EM reaches only after many more iterations; ℓ never falls.
    @Test func newtonPolishReachesTheMaximumEMApproaches() throws {
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [-0.5, 3], standardDeviations: [1, 1])
        let loose = ExpectationMaximization.fit(
            data: Self.data, start: start, configuration: EMConfiguration(stoppingRule: .logLikelihoodChange(1e-3), maxIterations: 10_000))
        let tight = ExpectationMaximization.fit(
            data: Self.data, start: start, configuration: EMConfiguration(stoppingRule: .logLikelihoodChange(1e-13), maxIterations: 100_000))
        #expect(tight.iterations > loose.iterations + 20)
        let polished = NewtonPolish.polish(data: Self.data, from: loose.mixture, configuration: EMConfiguration())
        #expect(polished.steps >= 1 && polished.steps <= 10)
        #expect(polished.logLikelihood >= loose.logLikelihood)
        // EM's tight fit is within ~1e-13 of the maximum; Newton lands on it to rounding.
        #expect(abs(polished.logLikelihood - tight.logLikelihood) <= 1e-10 * abs(tight.logLikelihood))
        for k in 0..<2 {
            #expect(abs(polished.mixture.means[k] - tight.mixture.means[k]) < 1e-5)
            #expect(abs(polished.mixture.standardDeviations[k] - tight.mixture.standardDeviations[k]) < 1e-5)
        }
    }

    /// At the saddle of identical components, I_obs is not positive definite:
    /// Newton takes no step there rather than settle on a stationary point that is not a maximum.
    @Test func newtonPolishTakesNoStepAtASaddle() throws {
        let mean = Self.data.reduce(0, +) / Double(Self.data.count)
        let sd = Initialization.standardDeviation(Self.data)
        let saddle = try GaussianMixture(weights: [0.5, 0.5], means: [mean, mean], standardDeviations: [sd, sd])
        let polished = NewtonPolish.polish(data: Self.data, from: saddle, configuration: EMConfiguration())
        #expect(polished.logLikelihood >= saddle.logLikelihood(Self.data))
        #expect(polished.mixture.means[0] == polished.mixture.means[1] || polished.logLikelihood > saddle.logLikelihood(Self.data))
    }

    static let experimentText = """
        name = "reference"
        seed = 7
        replicates = 6
        starts = 2
        traces = 0
        [reference]
        grid = 4
        kmeans_starts = 2
        [truths.a]
        weights = [0.5, 0.5]
        means = [0, 1.5]
        sds = [1, 1]
        [estimators.em]
        stop = "aitken"
        tol = 1e-10
        max_iterations = 20000
        [estimators.anderson]
        stop = "aitken"
        tol = 1e-10
        max_iterations = 20000
        accelerate = "anderson"
        [estimators.capped]
        max_iterations = 5
        [estimators.shared]
        variance = "shared"
        [[design]]
        truth = ["a"]
        sampler = ["latent"]
        n = [200]
        estimator = ["em", "anderson", "capped", "shared"]
        init = ["quantile", "far"]

        """

    func run(_ experiment: Experiment, jobs: Int, in dir: URL, shard: Shard = .whole, file: String = "") async throws {
        _ = try await StudyRunner.run(
            experiment: experiment,
            options: StudyRunner.Options(
                jobs: jobs, outputDirectory: dir.path, shard: shard, progress: .quiet, experimentFile: file, plots: false))
    }

    static func rows(_ path: String) throws -> [[String: String]] {
        let reader = try CSVFileReader(path: path)
        var rows: [[String: String]] = []
        while let row = try reader.nextRow() { rows.append(Dictionary(uniqueKeysWithValues: zip(reader.header, row))) }
        return rows
    }

    /// Every row is judged against the best maximum known for its data set
    /// and model; the verdicts follow turboEM's three types; summary.csv
    /// has their rates; 1 and 2 workers give the same bytes, and judging the
    /// finished rows again changes nothing.
    @Test func aStudyJudgesEveryFitAgainstItsDataSetsReference() async throws {
        let experiment = try ExperimentParser.parse(text: Self.experimentText, file: "reference.toml")
        // One owner per (data sets, model): em, anderson and capped share a model; shared has its own.
        #expect(experiment.referenceOwners == [1, 7])
        let a = try Tool.scratchDirectory(), b = try Tool.scratchDirectory()
        try await run(experiment, jobs: 1, in: a)
        try await run(experiment, jobs: 2, in: b)
        for name in ["runs.csv", "summary.csv"] {
            #expect(try readText(a.appendingPathComponent(name).path) == (try readText(b.appendingPathComponent(name).path)), "\(name)")
        }
        let runsPath = a.appendingPathComponent("runs.csv").path
        let before = try readText(runsPath)
        try ReferenceMaximum.annotate(runsPath: runsPath, experiment: experiment, settings: experiment.reference!)
        #expect(try readText(runsPath) == before)

        let rows = try Self.rows(runsPath)
        let rowCount: Int = 8 * 6 * 2
        #expect(rows.count == rowCount)
        func number(_ row: [String: String], _ key: String) -> Double? { row[key].flatMap { Double($0) } }
        let model = { (row: [String: String]) in row["estimator"] == "shared" ? "shared" : "per-component" }
        var groups: [String: [[String: String]]] = [:]
        for row in rows { groups["\(model(row))/\(row["replicate"]!)", default: []].append(row) }
        #expect(groups.count == 12)
        for (key, group) in groups {
            let reference = number(group[0], "logLikelihoodReference")!
            let epsilon = 1e-6 * max(1, abs(reference))
            #expect(group.allSatisfy { number($0, "logLikelihoodReference") == reference }, "\(key)")
            // The owner's extra starts are on its rows only.
            #expect(group.filter { $0["logLikelihoodStarts"] != "" }.allSatisfy { ["1", "7"].contains($0["condition"]!) })
            let starts = group.compactMap { number($0, "logLikelihoodStarts") }
            #expect(!starts.isEmpty)
            var best = -Double.infinity
            for row in group where row["collapsed"] == "0" {
                for column in ["logLikelihood", "logLikelihoodPolished"] { best = max(best, number(row, column) ?? -.infinity) }
            }
            best = max(best, starts.max()!)
            #expect(best == reference, "\(key)")
            let hits = group.filter { number($0, "logLikelihood")! >= reference - epsilon }.count
            #expect(group.allSatisfy { $0["referenceHits"] == String(hits) && $0["referenceFits"] == String(group.count) })
            for row in group {
                let value = number(row, "logLikelihood")!
                let capped = row["stopReason"] == "iteration-cap"
                #expect(row["failError"] == "0")
                #expect(row["failNotConverged"] == (capped ? "1" : "0"))
                #expect(row["failWorse"] == (!capped && value < reference - epsilon ? "1" : "0"), "\(key) \(row["estimator"]!)")
                // The polish never lowers ℓ.
                #expect(number(row, "logLikelihoodPolished")! >= value)
            }
        }
        // Every capped fit from the quantile start stops at 5 iterations: all failNotConverged.
        #expect(rows.filter { $0["estimator"] == "capped" && $0["init"] == "quantile" }.allSatisfy { $0["failNotConverged"] == "1" })

        let summary = try Self.rows(a.appendingPathComponent("summary.csv").path)
        #expect(summary.count == 8)
        for line in summary {
            let selected = rows.filter { $0["condition"] == line["condition"] && $0["selected"] == "1" }
            for name in ReferenceMaximum.failureColumns {
                let p = Double(selected.filter { $0[name] == "1" }.count) / Double(selected.count)
                #expect(abs(Double(line["rate_\(name)"]!)! - p) < 1e-12, "\(name)")
                #expect(abs(Double(line["rate_\(name)SE"]!)! - (p * (1 - p) / Double(selected.count)).squareRoot()) < 1e-12)
            }
            let shortfalls = selected.filter { $0["failWorse"] == "1" }.map {
                number($0, "logLikelihoodReference")! - number($0, "logLikelihood")!
            }.sorted()
            if shortfalls.isEmpty {
                #expect(line["shortfallMedian"] == "")
            } else {
                let median = StudySummary.quantile(shortfalls, 0.5)
                #expect(abs(Double(line["shortfallMedian"]!)! - median) <= 1e-9 * max(1, median))
            }
        }
    }

    /// Two shards each judge their own rows; merged, the whole study is
    /// judged again and gives the whole run's bytes.
    @Test func shardsMergeIntoTheWholeStudysVerdicts() async throws {
        let dir = try Tool.scratchDirectory()
        let file = dir.appendingPathComponent("reference.toml").path
        try Self.experimentText.write(toFile: file, atomically: true, encoding: .utf8)
        let experiment = try ExperimentParser.load(path: file)
        let whole = dir.appendingPathComponent("whole")
        try await run(experiment, jobs: 2, in: whole, file: file)
        var shards: [String] = []
        for i in 1...2 {
            let out = dir.appendingPathComponent("s\(i)")
            try await run(experiment, jobs: 1, in: out, shard: try Shard(index: i, count: 2), file: file)
            shards.append(out.path)
        }
        let merged = dir.appendingPathComponent("merged")
        try StudyMerge.merge(directories: shards, into: merged.path, commandLine: [], plots: false, reporter: nil)
        for name in ["runs.csv", "summary.csv"] {
            #expect(try readText(merged.appendingPathComponent(name).path) == (try readText(whole.appendingPathComponent(name).path)), "\(name)")
        }
    }

    /// Without `[reference]` a study's columns are as before (committed studies keep their bytes).
    @Test func withoutAReferenceTableTheColumnsAreAbsent() throws {
        let text = Self.experimentText.replacingOccurrences(of: "[reference]\ngrid = 4\nkmeans_starts = 2\n", with: "")
        let experiment = try ExperimentParser.parse(text: text, file: "plain.toml")
        #expect(experiment.reference == nil && experiment.referenceOwners.isEmpty)
        let header = RunsTable(experiment: experiment).header
        for name in ReferenceMaximum.unitColumns + ReferenceMaximum.verdictColumns { #expect(!header.contains(name)) }
    }

    /// A bad `[reference]` gives one line naming the file, line and key.
    @Test(arguments: [
        ("grid = 60", "reference.toml:7: [reference] grid: 60 points make more than 1000 starts for K = 2"),
        ("tolerance = 0", "reference.toml:7: [reference] tolerance: must be a relative ε in (0, 1)"),
        ("tolerance = \"tight\"", "reference.toml:7: [reference] tolerance: must be a number, not string"),
        ("polish = 1", "reference.toml:7: [reference] polish: must be true or false"),
        ("kmeans_starts = -1", "reference.toml:7: [reference] kmeans_starts: must be at least 0; got -1"),
        ("starts = 3", "reference.toml:7: [reference] starts: unknown key 'starts'; allowed here: grid, kmeans_starts, polish, tolerance")
    ])
    func aBadReferenceTableIsRefusedByKey(line: String, message: String) throws {
        let text = Self.experimentText.replacingOccurrences(of: "grid = 4\nkmeans_starts = 2\n", with: line + "\n")
        let error = #expect(throws: EMLabError.self) { try ExperimentParser.parse(text: text, file: "reference.toml") }
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    /// The grid's starts: every K of the grid points, in order.
    @Test func theGridTakesEveryKOfItsPoints() {
        #expect(ReferenceMaximum.combinations(4, 2) == [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        #expect(ReferenceMaximum.combinations(5, 3).count == 10)
        #expect(ReferenceMaximum.combinations(2, 3).isEmpty)
        #expect(ReferenceSettings.choose(60, 2, limit: 1000) == nil && ReferenceSettings.choose(5, 2, limit: 1000) == 10)
    }
}
