import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Studies over the user's own data sets (issue 25): an experiment's truth
/// names one long CSV or a glob of files, each data set one replicate.
@Suite struct DataSetStudyTests {
    /// Five data sets of 60 values from a seeded two-component mixture,
    /// written as one long CSV (`dataset,x`) and as one file per data set.
    static func writeDataSets(in dir: URL) throws -> [[Double]] {
        let truth = try GaussianMixture(weights: [0.4, 0.6], means: [0, 3], standardDeviations: [1, 1])
        var sets: [[Double]] = []
        var long = "dataset,x\n"
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sets"), withIntermediateDirectories: true)
        for d in 0..<5 {
            let values = truth.sample(count: 60, using: try RandomSource(seed: UInt64(10 + d))).values
            sets.append(values)
            let id = "set-\(d)"
            for v in values { long += "\(id),\(formatNumber(v))\n" }
            try ("value\n" + values.map(formatNumber).joined(separator: "\n") + "\n")
                .write(to: dir.appendingPathComponent("sets/\(id).csv"), atomically: true, encoding: .utf8)
        }
        try long.write(to: dir.appendingPathComponent("long.csv"), atomically: true, encoding: .utf8)
        return sets
    }

    static func experimentText(data: String, extra: String = "", sampler: String = "fixed", n: Int = 60) -> String {
        """
        name = "mine"
        seed = 11
        replicates = 9
        starts = 2
        traces = 1
        [truths.mine]
        data = "\(data)"
        \(extra)
        [estimators.em]
        components = 2
        [[design]]
        truth = ["mine"]
        sampler = ["\(sampler)"]
        n = [\(n)]
        estimator = ["em"]
        init = ["quantile", "data-points"]

        """
    }

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ experiment: Experiment, jobs: Int, in dir: URL, experimentFile: String = "", resume: Bool = false) async throws {
        _ = try await StudyRunner.run(
            experiment: experiment,
            options: StudyRunner.Options(
                jobs: jobs, outputDirectory: dir.path, resume: resume, progress: .quiet, experimentFile: experimentFile, plots: false))
    }

    /// Each data set is one replicate, fitted exactly as the file has it; the
    /// long CSV and the glob give the same bytes, for any number of workers.
    @Test func aLongCSVAndAGlobAreTheSameStudy() async throws {
        let dir = try Tool.scratchDirectory()
        let sets = try Self.writeDataSets(in: dir)
        let long = try ExperimentParser.load(
            path: try write(Self.experimentText(data: "long.csv", extra: "value_column = \"x\""), "long.toml", in: dir))
        let glob = try ExperimentParser.load(path: try write(Self.experimentText(data: "sets/*.csv"), "glob.toml", in: dir))
        #expect(long.conditions.allSatisfy { $0.replicates == 5 })  // one per data set, not the study's 9
        #expect(long.recordsDataSets && long.dataFiles.count == 1 && glob.dataFiles.count == 5)
        for condition in long.conditions {
            for r in 1...5 {
                #expect(Simulation.generate(condition: condition, replicate: r, experiment: long).data == sets[r - 1])
            }
        }
        let a = try Tool.scratchDirectory(), b = try Tool.scratchDirectory(), c = try Tool.scratchDirectory()
        try await run(long, jobs: 1, in: a)
        try await run(long, jobs: 2, in: b)
        try await run(glob, jobs: 2, in: c)
        for name in ["runs.csv", "summary.csv", "traces.csv"] {
            let one = try readText(a.appendingPathComponent(name).path)
            #expect(one == (try readText(b.appendingPathComponent(name).path)), "\(name): 1 and 2 jobs differ")
            #expect(one == (try readText(c.appendingPathComponent(name).path)), "\(name): the long CSV and the glob differ")
        }
        let runs = try readText(a.appendingPathComponent("runs.csv").path).split(separator: "\n")
        #expect(runs[0].hasSuffix(",dataSet"))
        let rowCount: Int = 1 + 2 * 5 * 2  // typed: inside #expect, the literal arithmetic took the type checker 6 s
        #expect(runs.count == rowCount)
        #expect(runs[1].hasSuffix(",set-0") && runs.last!.hasSuffix(",set-4"))
    }

    /// The manifest records the files' hash: a resume or a report that finds
    /// a data file changed refuses, with the file named.
    @Test func aChangedDataFileIsRefused() async throws {
        let dir = try Tool.scratchDirectory()
        _ = try Self.writeDataSets(in: dir)
        let file = try write(Self.experimentText(data: "long.csv", extra: "value_column = \"x\""), "long.toml", in: dir)
        let out = dir.appendingPathComponent("out")
        try await run(try ExperimentParser.load(path: file), jobs: 2, in: out, experimentFile: file)
        let manifest = try Manifest.read(path: out.appendingPathComponent("manifest.json").path)
        #expect(manifest.dataSHA256 != nil && manifest.dataDirectory == dir.standardizedFileURL.path)
        #expect(try manifest.experiment(file: "m").conditions.count == 2)  // read again from the recorded folder
        let csv = dir.appendingPathComponent("long.csv")
        try (try readText(csv.path) + "set-9,1.5\n").write(to: csv, atomically: true, encoding: .utf8)
        #expect(throws: EMLabError.self) { try manifest.experiment(file: "m") }
        await #expect(throws: EMLabError.self) {
            try await run(try ExperimentParser.load(path: file), jobs: 1, in: out, experimentFile: file, resume: true)
        }
    }

    /// Shards of a data-set study merge into the whole study's bytes, the
    /// data files read again from the folder the manifests recorded.
    @Test func shardsMergeIntoTheWholeStudy() async throws {
        let dir = try Tool.scratchDirectory()
        _ = try Self.writeDataSets(in: dir)
        let file = try write(Self.experimentText(data: "sets/*.csv"), "glob.toml", in: dir)
        let experiment = try ExperimentParser.load(path: file)
        let whole = dir.appendingPathComponent("whole")
        try await run(experiment, jobs: 2, in: whole, experimentFile: file)
        var shards: [String] = []
        for i in 1...2 {
            let out = dir.appendingPathComponent("s\(i)")
            _ = try await StudyRunner.run(
                experiment: experiment,
                options: StudyRunner.Options(
                    jobs: 1, outputDirectory: out.path, shard: try Shard(index: i, count: 2), progress: .quiet, experimentFile: file,
                    plots: false))
            shards.append(out.path)
        }
        let merged = dir.appendingPathComponent("merged")
        try StudyMerge.merge(directories: shards, into: merged.path, commandLine: [], plots: false, reporter: nil)
        for name in ["runs.csv", "summary.csv", "traces.csv"] {
            #expect(try readText(merged.appendingPathComponent(name).path) == (try readText(whole.appendingPathComponent(name).path)), "\(name)")
        }
        #expect(try Manifest.read(path: merged.appendingPathComponent("manifest.json").path).dataSHA256 == experiment.dataSHA256)
    }

    /// A bootstrap sampler resamples each data set, so n is free.
    @Test func aBootstrapResamplesEachDataSet() throws {
        let dir = try Tool.scratchDirectory()
        let sets = try Self.writeDataSets(in: dir)
        let e = try ExperimentParser.load(path: try write(Self.experimentText(data: "sets/*.csv", sampler: "bootstrap", n: 100), "b.toml", in: dir))
        let drawn = Simulation.generate(condition: e.conditions[0], replicate: 3, experiment: e).data
        #expect(drawn.count == 100 && Set(drawn).isSubset(of: Set(sets[2])))
    }

    /// Bad data gives one line naming the file, line and value (inside the
    /// experiment's key), never a crash.
    @Test(arguments: [
        ("dataset,x\na,1\nb,2\na,3\n", "appears again after other data sets"),
        ("dataset,x\na,1\na,zz\n", "long.csv:3: 'zz' in column 'x' is not a finite number"),
        ("dataset,y\na,1\n", "no column 'x'"),
        ("dataset,x\na,1,2\n", "3 fields where the header has 2"),
        ("dataset,x\n", "holds no data set"),
        ("dataset,x\n,1\n", "empty data-set id")
    ])
    func badDataIsOneClearLine(text: String, message: String) throws {
        let dir = try Tool.scratchDirectory()
        try text.write(to: dir.appendingPathComponent("long.csv"), atomically: true, encoding: .utf8)
        let path = try write(Self.experimentText(data: "long.csv", extra: "value_column = \"x\"", n: 1), "bad.toml", in: dir)
        #expect {
            try ExperimentParser.load(path: path)
        } throws: { error in
            guard let error = error as? EMLabError else { return false }
            return error.message.contains(message) && error.message.contains("bad.toml:7: [truths.mine] data:") && !error.message.contains("\n")
        }
    }

    @Test func aGlobMatchingNothingOrWrongSizesAreClearErrors() throws {
        let dir = try Tool.scratchDirectory()
        _ = try Self.writeDataSets(in: dir)
        for (text, message) in [
            (Self.experimentText(data: "none/*.csv"), "matches no file"),
            (Self.experimentText(data: "sets/*.csv", n: 50), "data set 'set-0' has 60 values (n = 50)"),
            (Self.experimentText(data: "sets/*.csv").replacingOccurrences(of: "n = [60]", with: "n = [60]\nreplicates = 2"), "holds 5 data sets"),
            (Self.experimentText(data: "sets/*.csv", extra: "means = [0, 1]"), "takes only dataset_column and value_column")
        ] {
            let path = try write(text, "e.toml", in: dir)
            #expect {
                try ExperimentParser.load(path: path)
            } throws: { error in
                (error as? EMLabError)?.message.contains(message) ?? false
            }
        }
    }
}
