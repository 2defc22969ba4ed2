import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a study: every (condition, replicate) unit in parallel, the rows
/// streamed to disk in design order, then summarised.
///
/// ## Reproducibility
/// Each unit draws only from its own seeds (``SeedDerivation``) and its rows
/// are formatted inside the unit, so runs.csv, traces.csv and summary.csv are
/// byte-identical for any `jobs`, any completion order, and any shard split
/// merged back. Units finish out of order; a reorder buffer (bounded, so
/// memory stays flat in the number of replicates) writes them in order.
///
/// ## Files, and what an interruption leaves
/// While running, rows go to `runs.csv.partial` and `traces.csv.partial`,
/// appended one whole unit at a time, and `manifest.json` says
/// `"status": "running"`. Only at the end are they renamed to `runs.csv` and
/// `traces.csv`, and summary.csv, plots and the final manifest written (each
/// through a temporary file). A run killed at any moment (`kill -9`
/// included) therefore never leaves a file that looks complete, and
/// `resume` cuts the partial files back to their last whole unit and goes on.
public enum StudyRunner {
    public struct Options: Sendable {
        public var jobs: Int
        public var outputDirectory: String
        public var resume: Bool
        public var shardIndex: Int
        public var shardCount: Int
        public var progress: ProgressReporter.Mode
        public var commandLine: [String]
        public var experimentFile: String
        /// Draw plots with gnuplot after the run.
        public var plots: Bool
        /// Replace a study already in the output folder (its files are removed first).
        public var overwrite: Bool

        public init(jobs: Int, outputDirectory: String, resume: Bool = false, shardIndex: Int = 1, shardCount: Int = 1,
                    progress: ProgressReporter.Mode = .automatic, commandLine: [String] = [], experimentFile: String = "",
                    plots: Bool = true, overwrite: Bool = false) {
            self.jobs = jobs
            self.outputDirectory = outputDirectory
            self.resume = resume
            self.shardIndex = shardIndex
            self.shardCount = shardCount
            self.progress = progress
            self.commandLine = commandLine
            self.experimentFile = experimentFile
            self.plots = plots
            self.overwrite = overwrite
        }
    }

    /// What a finished run reports.
    public struct Report: Sendable {
        public var units: Int
        public var fits: Int
        public var resumedUnits: Int
        public var elapsedSeconds: Double
        public var warnings: [String]
    }

    /// The half-open range of global unit numbers shard `index` of `count` runs:
    /// contiguous blocks, so merging is concatenation in shard order.
    public static func unitRange(totalUnits: Int, shardIndex: Int, shardCount: Int) -> Range<Int> {
        (shardIndex - 1) * totalUnits / shardCount ..< shardIndex * totalUnits / shardCount
    }

    static let partialRuns = "runs.csv.partial", partialTraces = "traces.csv.partial"

    /// Runs `experiment` with `options`.
    public static func run(experiment: Experiment, options: Options) async throws -> Report {
        let fm = FileManager.default
        let dir = options.outputDirectory
        let runsPartial = "\(dir)/\(partialRuns)", tracesPartial = "\(dir)/\(partialTraces)"
        let manifestPath = "\(dir)/manifest.json"
        let table = RunsTable(componentColumns: experiment.maxComponents)
        let totalUnits = experiment.totalUnits
        let offsets = experiment.unitOffsets
        let range = unitRange(totalUnits: totalUnits, shardIndex: options.shardIndex, shardCount: options.shardCount)
        let hash = Manifest.hash(of: experiment.sourceText)
        let started = Date()

        var manifest = Manifest(
            experimentName: experiment.name, experimentFile: options.experimentFile, experimentSHA256: hash,
            experimentText: experiment.sourceText, generator: experiment.generator, normalMethod: experiment.normalMethod.rawValue,
            studySeed: experiment.seed, conditions: experiment.conditions.count, replicates: totalUnits,
            shardIndex: options.shardIndex, shardCount: options.shardCount, units: range.count, commandLine: options.commandLine,
            jobs: options.jobs, status: "running", startTime: Manifest.now())

        var done = 0
        if options.resume {
            let previous = try Manifest.read(path: manifestPath)
            guard previous["experimentSHA256"] as? String == hash else {
                throw EMLabError(.invalidExperiment,
                    "\(dir): was started from a different experiment file (its hash differs); resume needs the same file, or choose another --output")
            }
            guard previous["shard"] as? String == "\(options.shardIndex)/\(options.shardCount)" else {
                throw EMLabError(.invalidOption, "\(dir): was started as shard \(previous["shard"] ?? "?"); resume it with the same --shard")
            }
            if previous["status"] as? String == "complete" {
                return Report(units: range.count, fits: 0, resumedUnits: range.count, elapsedSeconds: 0,
                              warnings: ["\(dir): the run is already complete; nothing to resume"])
            }
            if let startTime = previous["startTime"] as? String { manifest.startTime = startTime }
            guard fm.fileExists(atPath: runsPartial) else {
                throw EMLabError(.io, "\(dir): no \(partialRuns) to resume from; start afresh without --resume")
            }
            done = try PartialFiles.truncateRuns(path: runsPartial, header: table.headerLine, rowsPerUnit: experiment.starts)
            let positions = Dictionary(uniqueKeysWithValues: experiment.conditions.enumerated().map { ($1.index, $0) })
            let lowest = range.lowerBound
            try PartialFiles.truncateTraces(path: tracesPartial, header: table.traceHeaderLine, unitOf: { condition, replicate in
                guard let position = positions[condition] else { return Int.max }
                return offsets[position] + (replicate - 1) - lowest
            }, keepBelow: done)
        } else {
            if options.overwrite {
                for name in ["runs.csv", "traces.csv", partialRuns, partialTraces, "manifest.json", "summary.csv", "plots"] {
                    try? fm.removeItem(atPath: "\(dir)/\(name)")
                }
            }
            for name in ["runs.csv", partialRuns, "manifest.json", "summary.csv"] where fm.fileExists(atPath: "\(dir)/\(name)") {
                throw EMLabError(.io, "\(dir): already holds a study (\(name)); use --resume to continue an interrupted run, --overwrite to replace it, or --output to write elsewhere")
            }
            do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw EMLabError(.io, "\(dir): cannot create the output folder (\(error.localizedDescription))")
            }
            try AtomicFile.write(table.headerLine, to: runsPartial)
            try AtomicFile.write(table.traceHeaderLine, to: tracesPartial)
        }
        try AtomicFile.write(manifest.json, to: manifestPath)

        guard let runsHandle = FileHandle(forWritingAtPath: runsPartial),
              let tracesHandle = FileHandle(forWritingAtPath: tracesPartial) else {
            throw EMLabError(.io, "\(dir): cannot open the partial files for writing")
        }
        try runsHandle.seekToEnd()
        try tracesHandle.seekToEnd()

        let progress = ProgressReporter(total: range.count, alreadyDone: done, label: "units", mode: options.progress)
        let conditions = experiment.conditions
        let window = max(4 * options.jobs, 16)
        let first = range.lowerBound + done
        // Units run in small batches (consecutive units, one task each) so
        // scheduling costs little against fits of a few hundred microseconds;
        // a batch's rows are concatenated in unit order, so batching never
        // changes the bytes.
        let batch = max(1, min(8, range.count / max(8 * options.jobs, 1)))
        try await withThrowingTaskGroup(of: (Int, Int, Simulation.UnitOutput).self) { group in
            var next = first
            var written = first
            var buffer: [Int: (Int, Simulation.UnitOutput)] = [:]
            var running = 0
            func launch() {
                while next < range.upperBound && running < options.jobs && next - written < window * batch {
                    let start = next, end = min(next + batch, range.upperBound)
                    group.addTask {
                        var runs = "", traces = ""
                        for unit in start..<end {
                            let (position, replicate) = Experiment.locate(unit: unit, offsets: offsets)
                            let output = Simulation.run(condition: conditions[position], replicate: replicate,
                                                        experiment: experiment, table: table)
                            runs += output.runs
                            traces += output.traces
                        }
                        return (start, end, Simulation.UnitOutput(runs: runs, traces: traces))
                    }
                    next = end
                    running += 1
                }
            }
            launch()
            while let (start, end, output) = try await group.next() {
                running -= 1
                buffer[start] = (end, output)
                while let (end, ready) = buffer.removeValue(forKey: written) {
                    try tracesHandle.write(contentsOf: Data(ready.traces.utf8))
                    try runsHandle.write(contentsOf: Data(ready.runs.utf8))
                    written = end
                    progress.update(done: written - range.lowerBound)
                }
                launch()
            }
        }
        progress.finish(done: range.count)
        try runsHandle.synchronize(); try runsHandle.close()
        try tracesHandle.synchronize(); try tracesHandle.close()

        // Finish: rename, summarise, plot, and only then mark the manifest complete.
        for (partial, final) in [(tracesPartial, "\(dir)/traces.csv"), (runsPartial, "\(dir)/runs.csv")] {
            guard rename(partial, final) == 0 else { throw EMLabError(.io, "\(final): cannot be written") }
        }
        let warnings = try StudyOutput.finish(directory: dir, plots: options.plots)
        let elapsed = Date().timeIntervalSince(started)
        manifest.status = "complete"
        manifest.endTime = Manifest.now()
        manifest.elapsedSeconds = elapsed
        try AtomicFile.write(manifest.json, to: manifestPath)
        return Report(units: range.count, fits: range.count * experiment.starts, resumedUnits: done,
                      elapsedSeconds: elapsed, warnings: warnings)
    }
}

/// The steps after the rows exist, shared by `run`, `merge` and `report`.
public enum StudyOutput {
    /// Writes summary.csv from runs.csv, then the plots; returns warnings
    /// (e.g. gnuplot missing) that do not invalidate the results.
    public static func finish(directory: String, plots: Bool) throws -> [String] {
        let summary = try StudySummary.summarise(runsPath: "\(directory)/runs.csv")
        try AtomicFile.write(summary, to: "\(directory)/summary.csv")
        guard plots else { return [] }
        do {
            try Plots.draw(directory: directory)
            return []
        } catch let error as EMLabError {
            return ["plots were not drawn: \(error.message)"]
        }
    }
}

/// Cutting partial files back to whole units on resume.
enum PartialFiles {
    /// Reads a file's bytes (partial files are read once, at resume).
    static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw EMLabError(.io, "\(path): cannot be read") }
        return [UInt8](data)
    }

    static func truncate(_ path: String, to length: Int) throws {
        guard Glibc.truncate(path, off_t(length)) == 0 else { throw EMLabError(.io, "\(path): cannot be truncated") }
    }

    /// Cuts runs.csv.partial to its last whole unit; returns the number of units kept.
    static func truncateRuns(path: String, header: String, rowsPerUnit: Int) throws -> Int {
        let bytes = try bytes(path)
        guard bytes.starts(with: Array(header.utf8)) else {
            throw EMLabError(.invalidData, "\(path): its header is not the one this experiment writes; cannot resume")
        }
        var lineEnds: [Int] = []   // offsets just past each "\n"
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { lineEnds.append(i + 1) }
        let rows = lineEnds.count - 1
        let units = rows / rowsPerUnit
        try truncate(path, to: lineEnds[units * rowsPerUnit])
        return units
    }

    /// Cuts traces.csv.partial before the first row whose unit (from its
    /// condition and replicate) is not below `keepBelow`, and any torn last line.
    static func truncateTraces(path: String, header: String, unitOf: (Int, Int) -> Int, keepBelow: Int) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            try AtomicFile.write(header, to: path)
            return
        }
        let bytes = try bytes(path)
        var start = 0
        var keep = 0
        var lineNumber = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            defer { start = i + 1; lineNumber += 1 }
            if lineNumber == 0 { keep = i + 1; continue }
            let fields = bytes[start..<i].split(separator: UInt8(ascii: ","), maxSplits: 2)
            guard fields.count >= 2, let c = Int(String(decoding: fields[0], as: UTF8.self)),
                  let r = Int(String(decoding: fields[1], as: UTF8.self)), unitOf(c, r) < keepBelow else { break }
            keep = i + 1
        }
        if keep == 0 { try AtomicFile.write(header, to: path) } else { try truncate(path, to: keep) }
    }
}
