import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// The tiny experiment with `keys` added to estimator `free`.
private func withKeys(_ keys: String) -> String {
    goodExperiment.replacingOccurrences(of: "variance = \"per-component\"", with: "variance = \"per-component\"\n" + keys)
}

@Suite struct InferenceKeysTests {
    func estimator(_ e: Experiment, _ name: String) -> Estimator { e.conditions.first { $0.estimator.name == name }!.estimator }

    @Test func theInferenceKeysParse() throws {
        let wald = try ExperimentParser.parse(
            text: withKeys("intervals = \"wald\"\nlevel = 0.9\nselect_k = [3, 1, 2]\nselect_starts = 4"),
            file: "tiny.toml")
        let free = estimator(wald, "free")
        #expect(free.intervals == .wald && free.level == 0.9 && free.selectComponents == [1, 2, 3] && free.selectStarts == 4)
        let fixed = estimator(wald, "fixed")
        #expect(fixed.intervals == nil && fixed.level == 0.95 && fixed.selectComponents == nil)
        #expect(wald.recordsIntervals && wald.recordsSelection)

        let boot = try ExperimentParser.parse(
            text: withKeys("intervals = \"bootstrap\"\nbootstrap = 50\nbootstrap_type = \"parametric\""),
            file: "tiny.toml")
        #expect(estimator(boot, "free").intervals == .bootstrap(replicates: 50, kind: .parametric))
        #expect(estimator(boot, "free").level == 0.95)
        #expect(boot.recordsIntervals && !boot.recordsSelection)
        let nonparametric = try ExperimentParser.parse(text: withKeys("intervals = \"bootstrap\"\nbootstrap = 9"), file: "tiny.toml")
        #expect(estimator(nonparametric, "free").intervals == .bootstrap(replicates: 9, kind: .nonparametric))

        let plain = try ExperimentParser.parse(text: goodExperiment, file: "tiny.toml")
        #expect(!plain.recordsIntervals && !plain.recordsSelection)
    }

    /// One clear line naming the file, line, estimator and key.
    @Test(arguments: [
        ("intervals = \"profile\"", "bad.toml:18: [estimators.free] intervals: unknown interval method 'profile'; use wald or bootstrap"),
        ("intervals = 1", "bad.toml:18: [estimators.free] intervals: must be a string, not int"),
        ("intervals = \"bootstrap\"", "bad.toml:18: [estimators.free] intervals: intervals = \"bootstrap\" needs bootstrap = B"),
        ("intervals = \"bootstrap\"\nbootstrap = 1", "bad.toml:19: [estimators.free] bootstrap: must be at least 2; got 1"),
        ("intervals = \"bootstrap\"\nbootstrap = 1.5", "bad.toml:19: [estimators.free] bootstrap: must be an integer, not floating-point number"),
        ("intervals = \"wald\"\nbootstrap = 100", "bad.toml:19: [estimators.free] bootstrap: only goes with intervals = \"bootstrap\""),
        ("bootstrap = 100", "bad.toml:18: [estimators.free] bootstrap: only goes with intervals = \"wald\" or \"bootstrap\""),
        (
            "intervals = \"bootstrap\"\nbootstrap = 9\nbootstrap_type = \"smooth\"",
            "bad.toml:20: [estimators.free] bootstrap_type: unknown bootstrap type 'smooth'; use nonparametric or parametric"
        ),
        ("intervals = \"wald\"\nlevel = 95", "bad.toml:19: [estimators.free] level: must lie strictly between 0 and 1 (e.g. 0.95); got 95"),
        ("intervals = \"wald\"\nlevel = 0", "bad.toml:19: [estimators.free] level: must lie strictly between 0 and 1"),
        ("level = 0.9", "bad.toml:18: [estimators.free] level: only goes with intervals"),
        ("select_k = [1, 0]", "bad.toml:18: [estimators.free] select_k: every K must be at least 1; got 0"),
        ("select_k = [1, 2, 2]", "bad.toml:18: [estimators.free] select_k: lists a K twice: 1, 2, 2"),
        ("select_k = [\"two\"]", "bad.toml:18: [estimators.free] select_k: must hold integers; found string"),
        ("select_k = []", "bad.toml:18: [estimators.free] select_k: is empty"),
        ("select_k = [1, 2, 40]", "bad.toml:18: [estimators.free] select_k: K = 40 cannot be fitted to n = 30 values"),
        ("select_starts = 3", "bad.toml:18: [estimators.free] select_starts: only goes with select_k = [...]"),
        ("select_k = [1, 2]\nselect_starts = 0", "bad.toml:19: [estimators.free] select_starts: must be at least 1; got 0"),
        ("method = \"doc002-as-written\"\nintervals = \"wald\"", "bad.toml:19: [estimators.free] intervals: needs method = \"engine\"")
    ])
    func badInferenceKeysNameTheKey(keys: String, expected: String) {
        do {
            _ = try ExperimentParser.parse(text: withKeys(keys), file: "bad.toml")
            Issue.record("no error for \(keys)")
        } catch {
            #expect((error as? EMLabError)?.message.hasPrefix(expected) == true, "got: \(error)")
        }
    }

    @Test func selectionNeedsFreeWeights() {
        let text = goodExperiment.replacingOccurrences(of: "weights = \"fixed\"", with: "weights = \"fixed\"\nselect_k = [1, 2]")
        #expect(throws: EMLabError.self) { _ = try ExperimentParser.parse(text: text, file: "bad.toml") }
        do { _ = try ExperimentParser.parse(text: text, file: "bad.toml") } catch {
            #expect("\(error)".contains("[estimators.fixed] select_k: compares K with free weights"), "got: \(error)")
        }
    }
}

@Suite struct InferenceColumnsTests {
    @Test func theColumnsAppearOnlyWhenAskedFor() throws {
        let plain = RunsTable(experiment: try ExperimentParser.parse(text: goodExperiment, file: "tiny.toml")).header
        #expect(!plain.contains("weightSE1") && !plain.contains("kAIC"))
        #expect(plain == RunsTable(componentColumns: 3).header)
        let wald = RunsTable(experiment: try ExperimentParser.parse(text: withKeys("intervals = \"wald\""), file: "tiny.toml")).header
        #expect(Array(wald.prefix(plain.count)) == plain)  // appended, nothing earlier moves
        #expect(Array(wald.dropFirst(plain.count).prefix(4)) == ["weightSE1", "weightSE2", "weightSE3", "weightLow1"])
        #expect(wald.last == "sdHigh3" && wald.count == plain.count + 27)
        let select = RunsTable(experiment: try ExperimentParser.parse(text: withKeys("select_k = [1, 2, 3]"), file: "tiny.toml")).header
        #expect(Array(select.dropFirst(plain.count)) == ["kAIC", "kBIC", "kICL"])
    }

    /// A study whose estimator `free` asks for bootstrap intervals and a
    /// selection: the same bytes on 1 and 2 jobs; the fields filled on
    /// `free`'s selected rows only; summary.csv gains its columns.
    @Test func aStudyFillsTheColumnsOfTheEstimatorThatAsks() async throws {
        let text = withKeys("intervals = \"bootstrap\"\nbootstrap = 20\nselect_k = [1, 2, 3]")
        let e = try ExperimentParser.parse(text: text.replacingOccurrences(of: "replicates = 3", with: "replicates = 2"), file: "tiny.toml")
        let a = try Tool.scratchDirectory(), b = try Tool.scratchDirectory()
        for (dir, jobs) in [(a, 1), (b, 2)] {
            _ = try await StudyRunner.run(
                experiment: e,
                options: StudyRunner.Options(
                    jobs: jobs, outputDirectory: dir.path, shard: .whole, progress: .quiet, plots: false))
        }
        for name in ["runs.csv", "summary.csv"] {
            #expect(
                try String(contentsOf: a.appendingPathComponent(name), encoding: .utf8)
                    == String(contentsOf: b.appendingPathComponent(name), encoding: .utf8), "\(name)")
        }
        let reader = try CSVFileReader(path: a.appendingPathComponent("runs.csv").path)
        let header = reader.header
        func index(_ name: String) -> Int { header.firstIndex(of: name)! }
        var filled = 0
        while let row = try reader.nextRow() {
            let asks = row[index("estimator")] == "free" && row[index("selected")] == "1"
            #expect(!row[index("kBIC")].isEmpty == asks)
            if asks && row[index("stopReason")] == "converged" {
                #expect(!row[index("meanLow1")].isEmpty && !row[index("meanSE2")].isEmpty)
                #expect(Double(row[index("meanLow1")])! < Double(row[index("meanHigh1")])!)
                filled += 1
            }
            if !asks { #expect(row[index("meanLow1")].isEmpty && row[index("weightSE1")].isEmpty) }
        }
        #expect(filled > 0)
        let summary = try String(contentsOf: a.appendingPathComponent("summary.csv"), encoding: .utf8)
        let summaryHeader = summary.split(separator: "\n")[0].split(separator: ",").map(String.init)
        #expect(summaryHeader.contains("mean1_coverage") && summaryHeader.contains("ecrBIC") && summaryHeader.contains("underICL"))
        // A condition whose estimator asks for neither: no coverage, no ECR.
        for line in summary.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            func cell(_ name: String) -> String { cells[summaryHeader.firstIndex(of: name)!] }
            let asks = cell("estimator") == "free"
            #expect(cell("ecrBIC").isEmpty == !asks && cell("ecrAICSE").isEmpty == !asks)
            if !asks { #expect(cell("mean1_coverageN") == "0" && cell("mean1_coverage").isEmpty) }
        }
    }
}

@Suite struct CoverageSummaryTests {
    /// A hand-made runs.csv with K = 2 of 3 columns: four replicates (one
    /// with label switching, one with an interval missing, one whose truth
    /// sits on a bound) and an unselected start that must be ignored.
    @Test func coverageAndSelectionMatchHandComputedValues() throws {
        let table = RunsTable(componentColumns: 3, intervalColumns: true, selectionColumns: true)
        let header = table.header
        struct Replicate {
            var selected = "1"
            var means: [String], permutation: String, errors: [String], lows: [String], highs: [String], chosen: [String]
        }
        let replicates = [
            // truth 0 in [−0.5, 0.5] (width 1); truth 5 not in [5.3, 6] (0.7)
            Replicate(
                means: ["0.1", "5.2"], permutation: "1 2", errors: ["0.1", "0.2"], lows: ["-0.5", "5.3"], highs: ["0.5", "6"],
                chosen: ["2", "2", "1"]),
            // labels switched: aligned estimates −0.3 and 4.9; truth 0 not in [−1, −0.1] (0.9); 5 in [4, 6] (2)
            Replicate(
                means: ["4.9", "-0.3"], permutation: "2 1", errors: ["-0.3", "-0.1"], lows: ["-1", "4"], highs: ["-0.1", "6"],
                chosen: ["3", "2", "2"]),
            // truth 0 on the lower bound: held (1); 5 in [4.5, 5.5] (1)
            Replicate(
                means: ["0.25", "5"], permutation: "1 2", errors: ["0.25", "0"], lows: ["0", "4.5"], highs: ["1", "5.5"],
                chosen: ["2", "2", "2"]),
            // no interval for mean 1; 5 not in [5.5, 7] (1.5); no selection
            Replicate(
                means: ["0", "6"], permutation: "1 2", errors: ["0", "1"], lows: ["", "5.5"], highs: ["", "7"],
                chosen: ["", "2", "2"]),
            // an unselected start: would change every count
            Replicate(
                selected: "0", means: ["9", "9"], permutation: "1 2", errors: ["9", "4"], lows: ["-9", "-9"], highs: ["99", "99"],
                chosen: ["1", "1", "1"])
        ]
        var text = table.headerLine
        for (i, r) in replicates.enumerated() {
            var values: [String: String] = [
                "condition": "1", "truth": "t", "sampler": "latent", "n": "100", "estimator": "e",
                "init": "quantile", "replicate": String(min(i, 3) + 1), "start": i == 4 ? "2" : "1",
                "selected": r.selected, "iterations": "10", "stopReason": "converged", "converged": "1",
                "reachedBest": "1", "permutation": r.permutation
            ]
            for k in 0..<2 {
                values["weight\(k + 1)"] = "0.5"
                values["sd\(k + 1)"] = "1"
                values["mean\(k + 1)"] = r.means[k]
                values["meanError\(k + 1)"] = r.errors[k]
                values["meanLow\(k + 1)"] = r.lows[k]
                values["meanHigh\(k + 1)"] = r.highs[k]
            }
            for (name, value) in zip(RunsTable.selectionColumnNames, r.chosen) { values[name] = value }
            for flag in RunsTable.flagColumns { values[flag] = "0" }
            text += CSVFormat.row(header.map { values[$0] ?? "" })
        }
        let dir = try Tool.scratchDirectory()
        let path = dir.appendingPathComponent("runs.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try StudySummary.summarise(runsPath: path)
        let lines = summary.split(separator: "\n")
        let names = lines[0].split(separator: ",").map(String.init)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func field(_ name: String) -> String { row[names.firstIndex(of: name)!] }
        func value(_ name: String) -> Double { Double(field(name))! }
        #expect(value("replicates") == 4)
        #expect(value("mean1_coverageN") == 3 && abs(value("mean1_coverage") - 2.0 / 3) < 1e-15)
        #expect(abs(value("mean1_coverageSE") - (2.0 / 9 / 3).squareRoot()) < 1e-15)  // √(p(1 − p)/n)
        #expect(abs(value("mean1_width") - 2.9 / 3) < 1e-15)
        #expect(value("mean2_coverageN") == 4 && value("mean2_coverage") == 0.5 && value("mean2_coverageSE") == 0.25)
        #expect(abs(value("mean2_width") - 1.3) < 1e-15)
        #expect(value("weight1_coverageN") == 0 && field("weight1_coverage").isEmpty)
        #expect(field("mean3_coverageN") == "0" && field("mean3_coverage").isEmpty)  // past the condition's K
        // AIC chose 2, 3, 2, nothing; BIC 2 always; ICL 1, 2, 2, 2 (true K = 2).
        #expect(value("ecrAIC") == 0.5 && value("ecrAICSE") == 0.25 && value("overAIC") == 0.25 && value("underAIC") == 0)
        #expect(value("ecrBIC") == 1 && value("ecrBICSE") == 0 && value("overBIC") == 0 && value("underBIC") == 0)
        #expect(value("ecrICL") == 0.75 && abs(value("ecrICLSE") - (0.75 * 0.25 / 4).squareRoot()) < 1e-15)
        #expect(value("underICL") == 0.25 && value("overICL") == 0)
    }

    @Test func proportionStandardError() {
        #expect(StudySummary.proportionSE(0.5, count: 100) == 0.05)
        #expect(StudySummary.proportionSE(1, count: 10) == 0 && StudySummary.proportionSE(0, count: 10) == 0)
    }
}

@Suite struct CoverageRunTests {
    /// Clean, well-separated data (document 001's truth), n = 1000, 400
    /// replicates: every 95 % Wald interval covers within four Monte Carlo
    /// standard errors of 0.95, the MCSE at the nominal rate,
    /// √(0.95·0.05/400) ≈ 0.011 (Morris, White & Crowther 2019).
    @Test func waldIntervalsCoverAtTheNominalRateOnCleanData() async throws {
        let text = """
            name = "coverage"
            seed = 20261201
            replicates = 400
            traces = 0
            oracle = false

            [truths.doc001]
            weights = [0.3, 0.7]
            means = [5, 15]
            sds = [2, 2]

            [estimators.wald]
            variance = "per-component"
            intervals = "wald"
            level = 0.95

            [design]
            truth = "doc001"
            n = 1000
            estimator = "wald"
            """
        let e = try ExperimentParser.parse(text: text, file: "coverage.toml")
        let dir = try Tool.scratchDirectory()
        _ = try await StudyRunner.run(
            experiment: e,
            options: StudyRunner.Options(
                jobs: 2, outputDirectory: dir.path, shard: .whole, progress: .quiet, plots: false))
        let summary = try String(contentsOf: dir.appendingPathComponent("summary.csv"), encoding: .utf8)
        let lines = summary.split(separator: "\n")
        let names = lines[0].split(separator: ",").map(String.init)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func value(_ name: String) -> Double { Double(row[names.firstIndex(of: name)!])! }
        let replicates = 400.0
        let tolerance = 4 * (0.95 * 0.05 / replicates).squareRoot()
        for parameter in ["weight1", "weight2", "mean1", "mean2", "sd1", "sd2"] {
            #expect(value("\(parameter)_coverageN") == replicates, "\(parameter): every fit has an interval")
            #expect(
                abs(value("\(parameter)_coverage") - 0.95) <= tolerance,
                "\(parameter): coverage \(value("\(parameter)_coverage")) is not within \(tolerance) of 0.95")
        }
    }
}
