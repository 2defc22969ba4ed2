import ArgumentParser
import EMLab
import Foundation

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study described by an experiment file.",
        discussion: """
            Writes runs.csv, summary.csv, traces.csv, manifest.json and plots/ to the output \
            folder (default Results/<experiment name>/). The files are byte-identical for any \
            --jobs and any --shard split merged back with `emlab merge`. A run that was \
            interrupted (even by kill -9) continues with --resume and ends with exactly the rows \
            of an uninterrupted run.

            Examples:
              emlab run Experiments/example.toml --jobs 2
              emlab run Experiments/example.toml --output study --quiet
              emlab run Experiments/example.toml --output study --resume
              emlab run Experiments/example.toml --shard 1/2 --output shard-1 --no-plots
              emlab run Experiments/example.toml --shard 2/2 --output shard-2 --no-plots
            """)

    @Argument(help: "The experiment file (TOML).")
    var file: String

    @Option(name: [.short, .long], parsing: .unconditional, help: "How many fits run at once (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        name: [.short, .long],
        parsing: .unconditional,
        help: ArgumentHelp("The output folder (default: Results/<experiment name>, or Results/<name>/shard-I-of-N with --shard).", valueName: "dir"))
    var output: String?

    @Flag(help: "Continue an interrupted run in the output folder.")
    var resume = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Run only shard I of N (e.g. 2/4): a contiguous block of the replicates; merge the shards with `emlab merge`.", valueName: "i/n"),
        transform: Shard.parsed)
    var shard: Shard = .whole

    @Flag(help: "Print no progress.")
    var quiet = false

    @Flag(help: "Skip drawing the plots (gnuplot).")
    var noPlots = false

    @Flag(help: "Replace a study already in the output folder.")
    var overwrite = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("Please give --jobs 1 or more; got \(jobs).") }
        try Limits.require(jobs, atMost: Limits.maximumJobs, "--jobs", why: "this machine has \(ProcessInfo.processInfo.activeProcessorCount) cores")
        if overwrite && resume { throw ValidationError("--overwrite and --resume contradict each other: please give one.") }
    }

    func run() async throws {
        let experiment = try ExperimentParser.load(path: file)
        let (index, count) = (shard.index, shard.count)
        guard count <= experiment.totalUnits else {
            throw EMLabError(
                .invalidOption,
                "--shard \(shard): please give N at most \(experiment.totalUnits): \(file) has \(experiment.totalUnits) (condition, replicate) units, one shard needs at least one"
            )
        }
        let directory = output ?? (count == 1 ? "Results/\(experiment.name)" : "Results/\(experiment.name)/shard-\(index)-of-\(count)")
        let options = StudyRunner.Options(
            jobs: jobs, outputDirectory: directory, resume: resume, shard: shard,
            progress: quiet ? .quiet : .automatic, commandLine: CommandLine.arguments, experimentFile: file, plots: !noPlots, reporter: StudyReport(),
            overwrite: overwrite,
            stopOnSignals: true)
        let report: StudyRunner.Report
        do {
            report = try await StudyRunner.run(experiment: experiment, options: options)
        } catch let error as EMLabError where error.exitStatus != nil {
            // Stopped by a signal: one line, and the conventional status (143 SIGTERM, 130 SIGINT).
            FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
            throw ExitCode(error.exitStatus!)
        }
        for warning in report.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if !quiet {
            FileHandle.standardError.write(Data((report.summaryLine(name: experiment.name, jobs: jobs, directory: directory) + "\n").utf8))
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Recompute summary.csv and redraw the plots of a study from its runs.csv.",
        discussion: """
            The study's experiment is read from its manifest.json, so the folder is all it needs; \
            the files it writes are the ones `emlab run` wrote, byte for byte.

            Examples:
              emlab report study
              emlab report study --no-plots
            """)

    @Argument(help: "The study's output folder.")
    var directory: String

    @Flag(help: "Skip drawing the plots (gnuplot).")
    var noPlots = false

    func run() throws {
        for warning in try StudyOutput.report(directory: directory, plots: !noPlots, reporter: StudyReport(), commandLine: CommandLine.arguments) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shards of a study into one folder, byte-identical to an unsharded run.",
        discussion: """
            The shards must come from the same experiment with the same number of shards, each \
            finished (an unfinished one continues with `emlab run … --shard I/N --resume`).

            Examples:
              emlab merge shard-1 shard-2 --output merged
            """)

    @Argument(help: "The shard folders (any order).")
    var directories: [String]

    @Option(name: [.short, .long], parsing: .unconditional, help: "The merged study's folder (must not hold a study yet).")
    var output: String

    @Flag(help: "Skip drawing the plots (gnuplot).")
    var noPlots = false

    func run() throws {
        try StudyMerge.merge(directories: directories, into: output, commandLine: CommandLine.arguments, plots: !noPlots, reporter: StudyReport())
    }
}
