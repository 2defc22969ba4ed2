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
/// The folder's lock (``StudyLock``) is taken before anything is written or
/// deleted, so a second writer is refused at once. While running, rows go
/// to `runs.csv.partial` and `traces.csv.partial`, appended one whole unit
/// at a time, and `manifest.json` says `"status": "running"`. At the end,
/// summary.csv is written from the whole rows, the partial files are renamed
/// to `runs.csv` and `traces.csv`, the plots drawn, and only then is the
/// manifest marked `complete` (every file through a temporary file). A run
/// killed at any moment (`kill -9` included) therefore never leaves a
/// runs.csv that is not whole, and `resume` cuts the partial files back to
/// their last whole unit (reading them from the end) and goes on.
///
/// ## Faults
/// A write that fails (a full disk, a read-only or vanished folder) cuts
/// both partial files back to their last whole unit and throws one line:
/// what happened to which file, how many units are safely on disk, and the
/// command that continues. With `stopOnSignals`, SIGTERM or SIGINT lets the
/// units under way finish and be written, starts no more, marks the
/// manifest `interrupted` and throws `.interrupted` with exit status 143 or
/// 130. In every case `--resume` ends with the bytes of an uninterrupted run.
public enum StudyRunner {
    public struct Options: Sendable {
        public var jobs: Int
        public var outputDirectory: String
        public var resume: Bool
        /// The block of units this run does (``Shard/whole``: all).
        public var shard: Shard
        public var progress: ProgressReporter.Mode
        public var commandLine: [String]
        public var experimentFile: String
        /// Draw plots with gnuplot after the run.
        public var plots: Bool
        /// Draws the plots and writes the page once the rows are in (Reporting's
        /// `StudyReport`); nil: neither. The runner knows only this protocol.
        public var reporter: (any StudyReporting)?
        /// Replace a study already in the output folder (its files are removed first).
        public var overwrite: Bool
        /// Stop at SIGTERM or SIGINT: finish the units running, start no more,
        /// mark the manifest `interrupted`, and throw `.interrupted` (the tool sets this).
        public var stopOnSignals: Bool

        public init(
            jobs: Int, outputDirectory: String, resume: Bool = false, shard: Shard = .whole,
            progress: ProgressReporter.Mode = .automatic, commandLine: [String] = [], experimentFile: String = "",
            plots: Bool = true, reporter: (any StudyReporting)? = nil, overwrite: Bool = false, stopOnSignals: Bool = false
        ) {
            self.jobs = jobs
            self.outputDirectory = outputDirectory
            self.resume = resume
            self.shard = shard
            self.progress = progress
            self.commandLine = commandLine
            self.experimentFile = experimentFile
            self.plots = plots
            self.reporter = reporter
            self.overwrite = overwrite
            self.stopOnSignals = stopOnSignals
        }
    }

    /// What one call of ``run(experiment:options:)`` did, and what the study holds after it.
    public struct Report: Sendable {
        /// The units (condition, replicate) of this shard: what the finished study holds.
        public var units: Int
        /// The fits this call ran (0 when the study was already complete).
        public var fits: Int
        /// The units already on disk when this call began (a resumed run's; all of them when it was complete).
        public var resumedUnits: Int
        /// The fits the study holds now: every unit's starts.
        public var fitsHeld: Int
        /// The study was complete before this call, which therefore ran nothing.
        public var wasComplete: Bool
        /// This call's time, from taking the lock to the manifest marked complete.
        public var elapsedSeconds: Double
        public var warnings: [String]

        public init(
            units: Int, fits: Int, resumedUnits: Int, fitsHeld: Int, wasComplete: Bool = false,
            elapsedSeconds: Double, warnings: [String] = []
        ) {
            self.units = units
            self.fits = fits
            self.resumedUnits = resumedUnits
            self.fitsHeld = fitsHeld
            self.wasComplete = wasComplete
            self.elapsedSeconds = elapsedSeconds
            self.warnings = warnings
        }

        /// The line `emlab run` ends with: what this call ran, how fast, and —
        /// after `--resume` — what was on disk before and what the study holds.
        ///
        ///     example: 1800 fits in 1.37 s (1314 fits/s) with 2 jobs → Results/example
        ///     example: 795 fits in 0.61 s (1303 fits/s) with 2 jobs; 1005 were already on disk; the study holds 1800 fits → Results/example
        ///     example: 0 fits run: the study was already complete; it holds 1800 fits → Results/example
        ///
        /// - Returns: one line without its line end; the rate is left out when no fit ran.
        public func summaryLine(name: String, jobs: Int, directory: String) -> String {
            if wasComplete || fits == 0 {
                return "\(name): 0 fits run: the study was already complete; it holds \(fitsHeld) fits → \(directory)"
            }
            let rate = Double(fits) / max(elapsedSeconds, 1e-9)
            var line = String(
                format: "%@: %d fits in %.2f s (%.0f fits/s) with %d %@", name, fits, elapsedSeconds, rate, jobs,
                jobs == 1 ? "job" : "jobs")
            let before = fitsHeld - fits
            if before > 0 { line += "; \(before) were already on disk; the study holds \(fitsHeld) fits" }
            return line + " → \(directory)"
        }
    }

    static let partialRuns = "runs.csv.partial", partialTraces = "traces.csv.partial"

    /// A path as a shell word: quoted only when it must be.
    static func shellWord(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "_./+-=:,@%".unicodeScalars.contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The command that carries this run on (`extra`: `--resume` or `--overwrite`).
    static func command(_ options: Options, _ extra: String) -> String {
        let file = options.experimentFile.isEmpty ? "EXPERIMENT.toml" : shellWord(options.experimentFile)
        let shard = options.shard.isWhole ? "" : " --shard \(options.shard)"
        return "emlab run \(file) --output \(shellWord(options.outputDirectory))\(shard) \(extra)"
    }

    /// Runs `experiment` with `options`.
    ///
    /// - Throws: ``EMLabError``: `.io` when another process is writing the
    ///   folder, or a file cannot be written (each message says what
    ///   happened to which file, how many units are safely on disk, and the
    ///   command that continues); `.interrupted` (with an `exitStatus`)
    ///   after SIGTERM or SIGINT when `stopOnSignals` is set.
    public static func run(experiment: Experiment, options: Options) async throws -> Report {
        let fm = FileManager.default
        let dir = options.outputDirectory
        let runsPartial = "\(dir)/\(partialRuns)", tracesPartial = "\(dir)/\(partialTraces)"
        let manifestPath = "\(dir)/manifest.json"
        let table = RunsTable(experiment: experiment)
        let totalUnits = experiment.totalUnits
        let range = options.shard.units(of: totalUnits)
        let hash = Manifest.hash(of: experiment.sourceText)
        let started = Date()
        let resumeCommand = command(options, "--resume"), restartCommand = command(options, "--overwrite")

        // One writer per folder, before anything is written or deleted.
        let holder =
            options.commandLine.isEmpty
            ? "emlab run"
            : (["emlab"] + options.commandLine.dropFirst().map(shellWord)).joined(separator: " ")
        let lock: StudyLock
        do {
            lock = try StudyLock.acquire(directory: dir, command: holder, createDirectory: !options.resume)
        } catch let error as EMLabError where options.resume && !fm.fileExists(atPath: dir) {
            // --resume on a folder that does not exist: say what starts the study.
            throw EMLabError(
                error.code,
                "\(dir): no such folder, so there is nothing to resume; to start the study there, run: "
                    + command(options, "").trimmingCharacters(in: .whitespaces))
        }
        defer { lock.release() }

        var manifest = Manifest(
            experimentName: experiment.name, experimentFile: options.experimentFile, experimentSHA256: hash,
            experimentText: experiment.sourceText, generator: experiment.random.generator.name, normalMethod: experiment.random.normalMethod.rawValue,
            studySeed: experiment.seed, conditions: experiment.conditions.count, replicates: totalUnits,
            shard: options.shard, units: range.count, commandLine: options.commandLine,
            jobs: options.jobs, status: .running, startTime: Manifest.now())
        if let dataSHA256 = experiment.dataSHA256 {
            // Where the data files' relative paths start, so a merge or report elsewhere can read them again.
            manifest.dataSHA256 = dataSHA256
            let folder = experiment.dataDirectory.isEmpty ? FileManager.default.currentDirectoryPath : experiment.dataDirectory
            manifest.dataDirectory = URL(fileURLWithPath: folder).standardizedFileURL.path
        }

        guard
            let done = try prepareFolder(
                experiment: experiment, options: options, table: table, manifest: &manifest, range: range,
                resumeCommand: resumeCommand, restartCommand: restartCommand)
        else {
            return Report(
                units: range.count, fits: 0, resumedUnits: range.count, fitsHeld: range.count * experiment.starts,
                wasComplete: true, elapsedSeconds: Date().timeIntervalSince(started),
                warnings: ["\(dir): the run is already complete; nothing to resume"])
        }

        let writer = try StudyRowWriter(runsPath: runsPartial, tracesPath: tracesPartial, directory: dir)
        defer { writer.close() }

        let stop = options.stopOnSignals ? StopRequest() : nil
        defer { stop?.stop() }
        let progress = ProgressReporter(total: range.count, alreadyDone: done, label: "units", mode: options.progress)
        var written = range.lowerBound + done
        func safe() -> String { "\(written - range.lowerBound) of \(range.count) units are safely on disk" }
        /// A write that failed: cut both files back to the last whole unit, record the stop, and say what to do.
        func writeFailure(_ failure: StudyRowWriter.Failure) -> EMLabError {
            writer.cutBack()
            manifest.status = .interrupted
            try? AtomicFile.write(manifest.json, to: manifestPath)
            let remedy: String
            switch failure.code {
            case ENOSPC, EDQUOT: remedy = "free some space"
            case ENOENT: remedy = "make sure the folder stays"
            default: remedy = "fix that"
            }
            return EMLabError(
                .io,
                "\(failure.path): cannot be written: \(POSIXFile.describe(errno: failure.code)); \(safe()) (\(runsPartial)); \(remedy), then continue with: \(resumeCommand)"
            )
        }
        let first = written
        let reached = try await UnitScheduler.run(
            experiment: experiment, table: table, units: first..<range.upperBound, jobs: options.jobs, stop: stop
        ) { end, rows in
            if let failure = writer.append(runs: rows.runs, traces: rows.traces) { throw writeFailure(failure) }
            guard writer.stillThere else {
                progress.interrupt()
                throw EMLabError(
                    .io,
                    "\(runsPartial): was deleted while the run was writing it (was the folder \(dir) removed?); none of this run's units are left on disk; start it again with: \(command(options, "").dropLast())"
                )
            }
            written = end
            progress.update(done: written - range.lowerBound)
        }
        written = reached
        if let failure = writer.sync() { throw writeFailure(failure) }
        writer.close()

        if let signal = stop?.signal, written < range.upperBound {
            progress.interrupt()
            manifest.status = .interrupted
            try? AtomicFile.write(manifest.json, to: manifestPath)
            throw EMLabError(
                .interrupted, "interrupted by \(StopRequest.name(of: signal)): \(safe()) (\(runsPartial)); continue with: \(resumeCommand)",
                exitStatus: StopRequest.exitStatus(for: signal))
        }
        stop?.stop()
        progress.finish(done: range.count)

        return try finishRun(
            experiment: experiment, options: options, manifest: &manifest, range: range, done: done, started: started,
            lockWarning: lock.warning, resumeCommand: resumeCommand)
    }
}

/// The steps after the rows exist, shared by `run`, `merge` and `report`.
public enum StudyOutput {
    /// Writes summary.csv from runs.csv, then the plots and the report page; returns warnings
    /// (e.g. gnuplot missing) that do not invalidate the results.
    public static func finish(
        directory: String, plots: Bool, reporter: (any StudyReporting)?,
        experiment: Experiment?
    ) throws -> [String] {
        try writeSummary(directory: directory, runsPath: "\(directory)/runs.csv")
        let warnings = plots ? drawPlots(directory: directory, reporter: reporter, experiment: experiment) : []
        return warnings + writeReportPage(directory: directory, reporter: reporter, experiment: experiment)
    }

    /// The experiment a finished study ran, parsed from its manifest's copy
    /// (nil when the manifest cannot be read, or its copy by this version).
    public static func recordedExperiment(directory: String) -> Experiment? {
        guard let manifest = try? Manifest.read(path: "\(directory)/manifest.json") else { return nil }
        return try? manifest.experiment(file: "\(directory)/manifest.json")
    }

    /// Writes the study's report page through `reporter`; a failure is a
    /// warning, since the numbers and plots stand without it.
    static func writeReportPage(directory: String, reporter: (any StudyReporting)?, experiment: Experiment?) -> [String] {
        guard let reporter else { return [] }
        return warnings(unless: "\(reporter.pageFileName) was not written") {
            try reporter.writePage(directory: directory, experiment: experiment)
        }
    }

    /// With a `[reference]` table, fills in the reference maximum and the
    /// failure columns of the whole rows in `runsPath` (``ReferenceMaximum/annotate(runsPath:experiment:settings:)``);
    /// again over the same rows, the same bytes.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` when the rows have the
    ///   reference columns but the experiment cannot be read; as `annotate`.
    static func judgeAgainstReference(runsPath: String, experiment: Experiment?) throws {
        guard let experiment else {
            let reader = try RunsReader(path: runsPath)
            if reader.columns.contains(ReferenceMaximum.verdictColumns[0]) {
                throw EMLabError(
                    .invalidData,
                    "\(runsPath): has reference columns, but the manifest's experiment cannot be read by this version of emlab, so the reference maximum cannot be judged"
                )
            }
            return
        }
        guard let settings = experiment.reference else { return }
        try ReferenceMaximum.annotate(runsPath: runsPath, experiment: experiment, settings: settings)
    }

    /// Writes `<directory>/summary.csv` from the rows in `runsPath`.
    static func writeSummary(directory: String, runsPath: String) throws {
        let summary = try StudySummary.summarise(runsPath: runsPath)
        try AtomicFile.write(summary, to: "\(directory)/summary.csv")
    }

    /// Draws the plots; a failure is a warning, since the numbers stand without them.
    static func drawPlots(directory: String, reporter: (any StudyReporting)?, experiment: Experiment?) -> [String] {
        guard let reporter else { return [] }
        return warnings(unless: "plots were not drawn") { try reporter.drawPlots(directory: directory, experiment: experiment) }
    }

    /// Runs `body`; a failure becomes one warning, `failure: reason`.
    static func warnings(unless failure: String, _ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let error as EMLabError {
            return ["\(failure): \(error.message)"]
        } catch {
            return ["\(failure): \(error)"]
        }
    }

    /// `emlab report`: recomputes summary.csv and redraws the plots of a
    /// finished study, holding the folder's lock (``StudyLock``) meanwhile.
    ///
    /// - Throws: ``EMLabError`` `.io` when another process is writing the
    ///   folder, the study is not finished, or a file cannot be written;
    ///   `.invalidData` when runs.csv is not the one the study wrote (its
    ///   SHA-256 is not the manifest's `runsSHA256`).
    public static func report(directory: String, plots: Bool, reporter: (any StudyReporting)?, commandLine: [String] = []) throws -> [String] {
        let holder = (["emlab"] + commandLine.dropFirst().map(StudyRunner.shellWord)).joined(separator: " ")
        let lock = try StudyLock.acquire(
            directory: directory, command: commandLine.isEmpty ? "emlab report" : holder,
            createDirectory: false)
        defer { lock.release() }
        let warnings = lock.warning.map { [$0] } ?? []
        guard FileManager.default.fileExists(atPath: "\(directory)/runs.csv") else {
            if FileManager.default.fileExists(atPath: "\(directory)/\(StudyRunner.partialRuns)") {
                throw EMLabError(
                    .io,
                    "\(directory): the study is not finished (only \(StudyRunner.partialRuns)); finish it with `emlab run … --output \(directory) --resume` first"
                )
            }
            throw EMLabError(.io, "\(directory): no runs.csv; is this a finished study's folder?")
        }
        if let manifest = try? Manifest.read(path: "\(directory)/manifest.json") { try manifest.checkRuns(at: "\(directory)/runs.csv") }
        return try warnings
            + finish(
                directory: directory, plots: plots, reporter: reporter,
                experiment: recordedExperiment(directory: directory))
    }
}

extension StudyRunner {
    /// The folder's lifecycle before any unit runs. A new study: refuses a
    /// folder that holds one (unless `overwrite`), then writes the manifest
    /// (from here on `--resume` can carry the run on) and the two partial
    /// files' headers. A resumed one: checks it is the same experiment and
    /// shard, puts rows renamed while finishing back, and cuts the partial
    /// files back to their last whole unit.
    ///
    /// - Returns: how many of the shard's units are already on disk; nil
    ///   when a resumed study is complete.
    /// - Throws: ``EMLabError`` saying what is wrong with the folder and what to run instead.
    static func prepareFolder(
        experiment: Experiment, options: Options, table: RunsTable, manifest: inout Manifest, range: Range<Int>,
        resumeCommand: String, restartCommand: String
    ) throws -> Int? {
        let fm = FileManager.default
        let dir = options.outputDirectory
        let runsPartial = "\(dir)/\(partialRuns)", tracesPartial = "\(dir)/\(partialTraces)"
        let runsFinal = "\(dir)/runs.csv", tracesFinal = "\(dir)/traces.csv"
        let manifestPath = "\(dir)/manifest.json"
        let hash = manifest.experimentSHA256
        let offsets = experiment.unitOffsets
        if options.resume {
            let previous = try Manifest.read(path: manifestPath)
            guard previous.experimentSHA256 == hash else {
                throw EMLabError(
                    .invalidExperiment,
                    "\(dir): was started from a different experiment file (its hash differs); resume needs the same file, or choose another --output")
            }
            guard previous.dataSHA256 == manifest.dataSHA256 else {
                throw EMLabError(
                    .invalidData,
                    "\(dir): its data files (\(experiment.dataFiles.map(\.path).joined(separator: ", "))) changed since the study began (their SHA-256 differs); resume needs the same data, or choose another --output"
                )
            }
            guard previous.shard == options.shard else {
                throw EMLabError(.invalidOption, "\(dir): was started as shard \(previous.shard); resume it with the same --shard")
            }
            if previous.status == .complete { return nil }
            manifest.startTime = previous.startTime
            // Stopped while finishing: the rows are whole under their final
            // names; put them back under the partial ones and finish again.
            for (partial, final) in [(runsPartial, runsFinal), (tracesPartial, tracesFinal)]
            where !fm.fileExists(atPath: partial) && fm.fileExists(atPath: final) && (partial == runsPartial || fm.fileExists(atPath: runsPartial)) {
                guard rename(final, partial) == 0 else {
                    throw EMLabError(.io, "\(final): cannot be renamed back to \(partial): \(POSIXFile.describe(errno: errno))")
                }
            }
            let positions = Dictionary(uniqueKeysWithValues: experiment.conditions.enumerated().map { ($1.index, $0) })
            let unitOf = { (condition: Int, replicate: Int) -> Int? in
                guard let position = positions[condition], replicate >= 1,
                    replicate <= offsets[position + 1] - offsets[position]
                else { return nil }
                return offsets[position] + (replicate - 1)
            }
            if fm.fileExists(atPath: runsPartial) {
                let done = try PartialFiles.truncateRuns(
                    path: runsPartial, header: table.headerLine, rowsPerUnit: experiment.starts,
                    unitOf: unitOf, range: range, restart: restartCommand)
                try PartialFiles.truncateTraces(
                    path: tracesPartial, header: table.traceHeaderLine, unitOf: unitOf,
                    keepBelow: range.lowerBound + done, restart: restartCommand)
                try AtomicFile.write(manifest.json, to: manifestPath)
                return done
            } else {
                // Stopped before the first row was written: start from the first unit.
                try AtomicFile.write(table.headerLine, to: runsPartial)
                try AtomicFile.write(table.traceHeaderLine, to: tracesPartial)
            }
            try AtomicFile.write(manifest.json, to: manifestPath)
            return 0
        } else {
            if options.overwrite {
                for name in ["runs.csv", "traces.csv", partialRuns, partialTraces, "manifest.json", "summary.csv", "plots"] {
                    try? fm.removeItem(atPath: "\(dir)/\(name)")
                }
            }
            for name in ["runs.csv", partialRuns, "manifest.json", "summary.csv"] where fm.fileExists(atPath: "\(dir)/\(name)") {
                throw EMLabError(
                    .io,
                    "\(dir): already holds a study (\(name)); use --resume to continue an interrupted run, --overwrite to replace it, or --output to write elsewhere"
                )
            }
            // The manifest first: from here on, `--resume` can carry the run on.
            do {
                try AtomicFile.write(manifest.json, to: manifestPath)
            } catch let error as EMLabError {
                throw EMLabError(.io, "\(error.message); nothing was written; fix that and run the same command again")
            }
            do {
                try AtomicFile.write(table.headerLine, to: runsPartial)
                try AtomicFile.write(table.traceHeaderLine, to: tracesPartial)
            } catch let error as EMLabError {
                throw EMLabError(.io, "\(error.message); no units were written; fix that, then continue with: \(resumeCommand)")
            }
        }
        return 0
    }
}

extension StudyRunner {
    /// Finishes a run whose units are all on disk: summary.csv from the
    /// whole rows, then the final names, the plots, and only then the
    /// manifest marked complete, and the report page last (it shows the
    /// finished manifest's versions and times). Stopped anywhere in here,
    /// `--resume` finishes again from the rows.
    ///
    /// - Throws: ``EMLabError`` `.io` when a file cannot be written, saying that every unit is safe and what finishes the run.
    static func finishRun(
        experiment: Experiment, options: Options, manifest: inout Manifest, range: Range<Int>, done: Int, started: Date,
        lockWarning: String?, resumeCommand: String
    ) throws -> Report {
        let dir = options.outputDirectory
        let runsPartial = "\(dir)/\(partialRuns)", tracesPartial = "\(dir)/\(partialTraces)"
        let runsFinal = "\(dir)/runs.csv", tracesFinal = "\(dir)/traces.csv"
        let manifestPath = "\(dir)/manifest.json"
        let warnings: [String]
        do {
            try StudyOutput.judgeAgainstReference(runsPath: runsPartial, experiment: experiment)
            try StudyOutput.writeSummary(directory: dir, runsPath: runsPartial)
            // The rows are final: their hash lets `emlab report` tell them from another runs.csv.
            manifest.runsSHA256 = try SHA256.hexOfFile(atPath: runsPartial)
            for (partial, final) in [(tracesPartial, tracesFinal), (runsPartial, runsFinal)] {
                guard rename(partial, final) == 0 else { throw EMLabError(.io, "\(final): cannot be written: \(POSIXFile.describe(errno: errno))") }
            }
            warnings = options.plots ? StudyOutput.drawPlots(directory: dir, reporter: options.reporter, experiment: experiment) : []
            let elapsed = Date().timeIntervalSince(started)
            manifest.status = .complete
            manifest.endTime = Manifest.now()
            manifest.elapsedSeconds = elapsed
            try AtomicFile.write(manifest.json, to: manifestPath)
            // The report page last: it shows the finished manifest's versions and times.
            let pageWarnings = StudyOutput.writeReportPage(directory: dir, reporter: options.reporter, experiment: experiment)
            return Report(
                units: range.count, fits: (range.count - done) * experiment.starts, resumedUnits: done,
                fitsHeld: range.count * experiment.starts, elapsedSeconds: elapsed, warnings: (lockWarning.map { [$0] } ?? []) + warnings + pageWarnings)
        } catch let error as EMLabError where error.code == .io {
            manifest.status = .interrupted
            try? AtomicFile.write(manifest.json, to: manifestPath)
            throw EMLabError(.io, "\(error.message); all \(range.count) units are safely on disk; fix that, then finish with: \(resumeCommand)")
        }
    }
}
