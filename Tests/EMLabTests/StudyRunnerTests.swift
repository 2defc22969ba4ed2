import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

func readText(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

@Suite struct StudyRunnerTests {
    static let studyFiles = ["runs.csv", "summary.csv", "traces.csv"]

    func experiment(replicates: Int = 4) throws -> Experiment {
        try ExperimentParser.parse(
            text: goodExperiment.replacingOccurrences(of: "replicates = 3", with: "replicates = \(replicates)"),
            file: "tiny.toml")
    }

    func run(_ e: Experiment, jobs: Int, shard: (Int, Int) = (1, 1), in dir: URL) async throws -> StudyRunner.Report {
        try await StudyRunner.run(
            experiment: e,
            options: StudyRunner.Options(
                jobs: jobs, outputDirectory: dir.path, shard: try Shard(index: shard.0, count: shard.1), progress: .quiet, plots: false))
    }

    @Test func oneJobAndTwoJobsWriteTheSameBytes() async throws {
        let e = try experiment()
        let a = try Tool.scratchDirectory(), b = try Tool.scratchDirectory(), c = try Tool.scratchDirectory()
        let report = try await run(e, jobs: 1, in: a)
        _ = try await run(e, jobs: 2, in: b)
        _ = try await run(e, jobs: 7, in: c)
        #expect(report.fits == e.conditions.count * 4 * 2)
        for name in Self.studyFiles {
            let one = try readText(a.appendingPathComponent(name).path)
            #expect(one == (try readText(b.appendingPathComponent(name).path)), "\(name) differs between 1 and 2 jobs")
            #expect(one == (try readText(c.appendingPathComponent(name).path)), "\(name) differs between 1 and 7 jobs")
        }
        let runs = try readText(a.appendingPathComponent("runs.csv").path).split(separator: "\n")
        #expect(runs.count == 1 + e.conditions.count * 4 * 2)
        // No partial files are left, and the manifest says the run is complete.
        let files = try FileManager.default.contentsOfDirectory(atPath: a.path)
        #expect(!files.contains { $0.hasSuffix(".partial") || $0.contains(".tmp") })
        let manifest = try Manifest.read(path: a.appendingPathComponent("manifest.json").path)
        #expect(manifest.status == .complete)
        #expect(manifest.experimentSHA256 == Manifest.hash(of: e.sourceText))
        // Timings live only in the manifest.
        #expect(manifest.elapsedSeconds != nil)
    }

    @Test func shardsMergedBackAreByteIdenticalToOneRun() async throws {
        let e = try experiment()
        let whole = try Tool.scratchDirectory()
        _ = try await run(e, jobs: 2, in: whole)
        let shards = try (1...3).map { _ in try Tool.scratchDirectory() }
        for (i, dir) in shards.enumerated() { _ = try await run(e, jobs: 2, shard: (i + 1, 3), in: dir) }
        let merged = try Tool.scratchDirectory().appendingPathComponent("merged")
        try StudyMerge.merge(directories: shards.reversed().map(\.path), into: merged.path, commandLine: [], plots: false, reporter: nil)
        for name in Self.studyFiles {
            #expect(
                try readText(whole.appendingPathComponent(name).path) == (try readText(merged.appendingPathComponent(name).path)),
                "\(name) differs after merging shards")
        }
        // A missing shard is an error, and nothing is written.
        let incomplete = try Tool.scratchDirectory().appendingPathComponent("merged")
        #expect(throws: EMLabError.self) {
            try StudyMerge.merge(directories: [shards[0].path, shards[2].path], into: incomplete.path, commandLine: [], plots: false, reporter: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: incomplete.path))
    }

    /// An interrupted run leaves partial files with a torn last line; resume
    /// cuts them back to whole units and ends with the uninterrupted bytes.
    @Test func resumeAfterATornWriteMatchesAnUninterruptedRun() async throws {
        let e = try experiment()
        let whole = try Tool.scratchDirectory()
        _ = try await run(e, jobs: 2, in: whole)
        let runsText = try readText(whole.appendingPathComponent("runs.csv").path)
        let tracesText = try readText(whole.appendingPathComponent("traces.csv").path)
        for keptLines in [1, 2, 7, 30] {
            let dir = try Tool.scratchDirectory()
            // Simulate a kill: the first rows written, the next one torn half-way.
            let lines = runsText.split(separator: "\n", omittingEmptySubsequences: false)
            let partialRuns = lines[0..<keptLines].joined(separator: "\n") + "\n" + lines[keptLines].prefix(25)
            try partialRuns.write(toFile: dir.appendingPathComponent("runs.csv.partial").path, atomically: true, encoding: .utf8)
            let traceLines = tracesText.split(separator: "\n", omittingEmptySubsequences: false)
            let partialTraces = traceLines[0..<min(keptLines * 9, traceLines.count - 1)].joined(separator: "\n") + "\n1,2"
            try partialTraces.write(toFile: dir.appendingPathComponent("traces.csv.partial").path, atomically: true, encoding: .utf8)
            var manifest = Manifest(
                experimentName: e.name, experimentFile: "tiny.toml", experimentSHA256: Manifest.hash(of: e.sourceText),
                experimentText: e.sourceText, generator: e.random.generator.name, normalMethod: "polar", studySeed: e.seed,
                conditions: e.conditions.count, replicates: e.replicates, shard: .whole,
                units: 0, commandLine: [], jobs: 1, status: .running, startTime: Manifest.now())
            manifest.status = .running
            try manifest.json.write(toFile: dir.appendingPathComponent("manifest.json").path, atomically: true, encoding: .utf8)
            let report = try await StudyRunner.run(
                experiment: e,
                options: StudyRunner.Options(
                    jobs: 2, outputDirectory: dir.path, resume: true, progress: .quiet, plots: false))
            #expect(report.resumedUnits == (keptLines - 1) / e.starts)
            // The report counts what this call ran, not the whole study (issue 19 §6).
            let held = e.totalUnits * e.starts, before = report.resumedUnits * e.starts
            #expect(report.fits == held - before && report.fitsHeld == held && !report.wasComplete)
            let line = report.summaryLine(name: e.name, jobs: 2, directory: "out")
            #expect(line.hasPrefix("tiny: \(held - before) fits in "), "\(line)")
            if before > 0 {
                #expect(line.hasSuffix("with 2 jobs; \(before) were already on disk; the study holds \(held) fits → out"), "\(line)")
            } else {
                #expect(line.hasSuffix("with 2 jobs → out"), "\(line)")
            }
            for name in Self.studyFiles {
                #expect(
                    try readText(whole.appendingPathComponent(name).path) == (try readText(dir.appendingPathComponent(name).path)),
                    "\(name) differs after resuming from \(keptLines) lines")
            }
        }
    }

    /// `--resume` on a finished study runs nothing and says so: 0 fits, what the
    /// study holds, and no rate (it was -6e11 fits/s: issue 19 §6).
    @Test func resumingAFinishedStudyReportsNothingRunAndWhatItHolds() async throws {
        let e = try experiment(replicates: 2)
        let dir = try Tool.scratchDirectory()
        _ = try await run(e, jobs: 2, in: dir)
        let report = try await StudyRunner.run(
            experiment: e,
            options: StudyRunner.Options(
                jobs: 2, outputDirectory: dir.path, resume: true, progress: .quiet, plots: false))
        let held = e.totalUnits * e.starts
        #expect(report.fits == 0 && report.fitsHeld == held && report.wasComplete && report.resumedUnits == e.totalUnits)
        let line = report.summaryLine(name: e.name, jobs: 2, directory: "out")
        #expect(line == "tiny: 0 fits run: the study was already complete; it holds \(held) fits → out")
        for bad in ["-", "nan", "inf", "fits/s"] { #expect(!line.lowercased().contains(bad), "\(line)") }
        // One job is a job.
        let fresh = StudyRunner.Report(units: 3, fits: 6, resumedUnits: 0, fitsHeld: 6, elapsedSeconds: 2)
        #expect(fresh.summaryLine(name: "x", jobs: 1, directory: "d") == "x: 6 fits in 2.00 s (3 fits/s) with 1 job → d")
    }

    @Test func aSecondRunIntoTheSameFolderIsRefusedAndLosesNothing() async throws {
        let e = try experiment(replicates: 1)
        let dir = try Tool.scratchDirectory()
        _ = try await run(e, jobs: 2, in: dir)
        let before = try readText(dir.appendingPathComponent("runs.csv").path)
        await #expect(throws: EMLabError.self) { _ = try await run(e, jobs: 2, in: dir) }
        #expect(try readText(dir.appendingPathComponent("runs.csv").path) == before)
    }

    @Test func replayReproducesARecordedFit() async throws {
        let e = try experiment(replicates: 2)
        let dir = try Tool.scratchDirectory()
        _ = try await run(e, jobs: 2, in: dir)
        for row in [1, 2, 9, 30] {
            let replayed = try StudyReplay.replay(runsPath: dir.appendingPathComponent("runs.csv").path, row: row)
            #expect(replayed.matches, "row \(row)")
            #expect(replayed.result?.trace != nil)
        }
    }
}

@Suite struct StudySummaryTests {
    @Test func quantilesAreTypeSeven() {
        #expect(StudySummary.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(StudySummary.quantile([1, 2, 3, 4], 0.25) == 1.75)
        #expect(StudySummary.quantile([10], 0.75) == 10)
    }

    /// A hand-made runs.csv: three replicates with mean errors 1, 2, −3 and one
    /// unselected start that must be ignored for the estimates.
    @Test func summaryMatchesHandComputedValues() throws {
        let table = RunsTable(componentColumns: 1)
        var text = table.headerLine
        let errors: [(Double, String, Int, String)] = [
            (1, "1", 10, "converged"), (99, "0", 50, "iteration-cap"),
            (2, "1", 20, "converged"), (-3, "1", 40, "degenerate")
        ]
        for (i, (error, selected, iterations, stop)) in errors.enumerated() {
            var fields = [
                "1", "t", "latent", "10", "e", "quantile", String(i + 1), "1", selected, "mt19937", "1", "2",
                String(iterations), String(iterations + 1), stop, stop == "converged" ? "1" : "0", "-5", "-6", "-5", selected
            ]
            fields += ["1", String(5 + error), "1", "0", String(error), "0", "1"]
            fields += FailureModes.flagNames.map { $0 == "iterationCap" && stop == "iteration-cap" ? "1" : "0" }
            // rateTheoretical 0.9, 0.1 (unselected), 0.8, empty (degenerate); the gap NaN for the last.
            let rate = ["0.9", "0.1", "0.8", ""][i]
            fields += ["", rate, "0.5", stop == "degenerate" ? "NaN" : "1e-9", String(iterations * 2), "0", "0", "0"]
            text += CSVFormat.row(fields)
        }
        let dir = try Tool.scratchDirectory()
        let path = dir.appendingPathComponent("runs.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try StudySummary.summarise(runsPath: path)
        let lines = summary.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func value(_ name: String) -> Double { Double(row[header.firstIndex(of: name)!])! }
        #expect(value("replicates") == 3 && value("fits") == 4)
        #expect(value("mean1_n") == 3)
        #expect(value("mean1_bias") == 0)  // (1 + 2 − 3)/3
        #expect(abs(value("mean1_biasSE") - (7.0 / 3).squareRoot()) < 1e-15)  // sd = √((1+4+9)/2) = √7, /√3
        let rmse = (14.0 / 3).squareRoot()
        #expect(abs(value("mean1_rmse") - rmse) < 1e-15)
        // squares 1, 4, 9: mean 14/3, sd √(((1−14/3)² + (4−14/3)² + (9−14/3)²)/2)
        let sdSquares = ((pow(1 - 14.0 / 3, 2) + pow(4 - 14.0 / 3, 2) + pow(9 - 14.0 / 3, 2)) / 2).squareRoot()
        #expect(abs(value("mean1_rmseSE") - sdSquares / (2 * rmse * 3.0.squareRoot())) < 1e-12)
        #expect(value("iterationsMedian") == 20 && value("iterationsQ1") == 15 && value("iterationsQ3") == 30)
        #expect(value("eStepsMedian") == 21 && value("iterationsPredictedMedian") == 40)
        #expect(abs(value("rateTheoreticalMedian") - 0.85) < 1e-15)  // empty and unselected left out
        #expect(value("logLikelihoodGapMedian") == 1e-9 && value("rateEmpiricalMedian") == 0.5)
        #expect(abs(value("stop_converged") - 2.0 / 3) < 1e-15 && abs(value("stop_degenerate") - 1.0 / 3) < 1e-15)
        #expect(value("stop_iteration-cap") == 0)  // only the unselected start hit the cap
        #expect(value("rate_iterationCap") == 0 && value("rate_collapsed") == 0)
        #expect(abs(value("rate_reachedBest") - 1) < 1e-15 && value("rate_startsReachedBest") == 0.75)
    }
}

@Suite struct KilledRunTests {
    /// The real thing: `emlab run` killed with SIGKILL mid-run, then `--resume`d,
    /// ends with exactly the bytes of an uninterrupted run.
    @Test func killNineThenResumeMatchesAnUninterruptedRun() async throws {
        let dir = try Tool.scratchDirectory()
        let text = goodExperiment.replacingOccurrences(of: "replicates = 3", with: "replicates = 150")
        try text.write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let whole = try Tool.run(["run", "study.toml", "--output", "whole", "--quiet", "--no-plots"], in: dir)
        #expect(whole.status == 0, "\(whole.stderr)")

        var killedMidway = false
        for attempt in 0..<5 {
            let out = "killed\(attempt)"
            let process = Process()
            process.executableURL = Tool.executable
            process.arguments = ["run", "study.toml", "--output", out, "--quiet", "--no-plots", "--jobs", "2"]
            process.currentDirectoryURL = dir
            try process.run()
            let partial = dir.appendingPathComponent("\(out)/runs.csv.partial").path
            // Wait until some rows are on disk, then kill without warning.
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if let size = try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int, size > 40_000 { break }
                usleep(2_000)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: partial) else { continue }  // it finished first; try again
            killedMidway = true
            #expect(
                !FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(out)/runs.csv").path),
                "a killed run must not leave a runs.csv that looks complete")
            let resumed = try Tool.run(["run", "study.toml", "--output", out, "--quiet", "--no-plots", "--resume"], in: dir)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            for name in StudyRunnerTests.studyFiles {
                #expect(
                    try readText(dir.appendingPathComponent("whole/\(name)").path)
                        == (try readText(dir.appendingPathComponent("\(out)/\(name)").path)), "\(name) differs after kill -9 and resume")
            }
            break
        }
        #expect(killedMidway, "the run always finished before it could be killed")
    }

    @Test func aBadExperimentFileWritesNothing() throws {
        let dir = try Tool.scratchDirectory()
        try goodExperiment.replacingOccurrences(of: "n = [30, 60]", with: "n = []")
            .write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["run", "bad.toml", "--output", "out"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.toml:27: [design] n: is empty"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }
}

@Suite struct CSVFileReaderTests {
    func rows(_ text: String) throws -> (header: [String], rows: [[String]]) {
        let dir = try Tool.scratchDirectory()
        let path = dir.appendingPathComponent("t.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try CSVFileReader(path: path)
        var rows: [[String]] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return (reader.header, rows)
    }

    @Test func readsWhatCSVFormatWrites() throws {
        let fields = ["plain", "with,comma", "with \"quote\"", "two\nlines", "", "5.5"]
        let text = CSVFormat.row(["a", "b", "c", "d", "e", "f"]) + CSVFormat.row(fields) + CSVFormat.row(fields)
        let (header, rows) = try rows(text)
        #expect(header == ["a", "b", "c", "d", "e", "f"])
        #expect(rows == [fields, fields])
    }

    @Test func crlfAndAMissingLastLineEnd() throws {
        let (header, rows) = try rows("x,y\r\n1,2\r\n\"3\",4")
        #expect(header == ["x", "y"] && rows == [["1", "2"], ["3", "4"]])
    }

    @Test func rowsAcrossChunkBoundaries() throws {
        var text = "n,text\n"
        for i in 0..<60_000 { text += "\(i),\"a \"\"b\"\", c\"\n" }
        let (_, rows) = try rows(text)
        #expect(rows.count == 60_000)
        #expect(rows.allSatisfy { $0[1] == "a \"b\", c" })
        #expect(rows.last?[0] == "59999")
    }

    @Test func anUnclosedQuoteIsAnError() throws {
        #expect(throws: EMLabError.self) { _ = try rows("a\n\"open\n") }
    }
}
