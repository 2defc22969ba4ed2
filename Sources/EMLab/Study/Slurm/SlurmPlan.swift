import Foundation

/// A study laid out as a Slurm job array plus a dependent merge job
/// (`emlab slurm`).
///
/// Task i of N runs `emlab run FILE --shard i/N --output DIR/shard-i-of-N`
/// (with `--resume` when the shard folder already has a manifest, so a
/// requeued, resubmitted or time-limited task continues where it stopped);
/// the merge job, which starts only after every task ended well
/// (`afterok`, with `--kill-on-invalid-dep=yes` so that a failed task
/// cancels it instead of leaving it pending forever), merges the shards,
/// listed by number, into DIR and writes summary.csv and the plots.
///
/// Every path in the scripts is absolute, so they run from any folder on
/// any node that sees the same file system.
public struct SlurmPlan: Sendable {
    /// The experiment file, absolute.
    public var experimentFile: String
    /// The study's folder, absolute: the shards go in it, the merged study too.
    public var output: String
    /// How many array tasks (and shards).
    public var tasks: Int
    /// The `emlab` executable the jobs run, absolute.
    public var emlab: String
    /// Slurm's `--partition`, when given.
    public var partition: String?
    /// Slurm's `--time` (a task's wall-time limit), when given.
    public var time: String?
    /// CPUs per task; each task runs with `--jobs` this many.
    public var cpusPerTask: Int
    /// Slurm's `--mem`, when given.
    public var memory: String?
    /// Slurm's `--account`, when given.
    public var account: String?
    /// Further `#SBATCH` arguments for both jobs, each as given (e.g. `--qos=short`).
    public var extraArguments: [String]
    /// Skip the plots in the merge job (gnuplot missing on the nodes).
    public var plots: Bool

    /// - Parameters:
    ///   - experimentFile: the experiment file (made absolute against the current folder).
    ///   - output: the study's folder (made absolute likewise).
    ///   - tasks: how many array tasks, 1 or more.
    ///   - emlab: the `emlab` executable; relative paths are made absolute.
    ///   - cpusPerTask: CPUs per task, used as each task's `--jobs`.
    public init(
        experimentFile: String, output: String, tasks: Int, emlab: String, partition: String? = nil, time: String? = nil,
        cpusPerTask: Int = 1, memory: String? = nil, account: String? = nil, extraArguments: [String] = [], plots: Bool = true
    ) {
        self.experimentFile = Self.absolute(experimentFile)
        self.output = Self.absolute(output)
        self.tasks = tasks
        self.emlab = Self.absolute(emlab)
        self.partition = partition
        self.time = time
        self.cpusPerTask = cpusPerTask
        self.memory = memory
        self.account = account
        self.extraArguments = extraArguments
        self.plots = plots
    }

    /// `path` made absolute against the current folder, `.` and `..` resolved.
    public static func absolute(_ path: String) -> String {
        let base =
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return base.standardizedFileURL.path
    }

    /// The folder of the scripts and logs: `DIR/slurm`.
    public var slurmDirectory: String { "\(output)/slurm" }
    /// The array job's script.
    public var arrayScript: String { "\(slurmDirectory)/array.sbatch" }
    /// The merge job's script.
    public var mergeScript: String { "\(slurmDirectory)/merge.sbatch" }
    /// Where the jobs' standard output and error go.
    public var logDirectory: String { "\(slurmDirectory)/logs" }
    /// One line per submission: the array job's and the merge job's ids.
    public var jobsFile: String { "\(slurmDirectory)/jobs.txt" }

    /// Shard `index`'s folder: `DIR/shard-i-of-N`.
    public func shardDirectory(_ index: Int) -> String { "\(output)/shard-\(index)-of-\(tasks)" }

    /// Task `index`'s log.
    public func taskLog(_ index: Int) -> String { "\(logDirectory)/task-\(index).out" }

    /// Task numbers as Slurm's `--array` writes them: runs of consecutive ones
    /// as ranges, e.g. `[2, 5, 6, 7]` → `2,5-7`, so 1000 failed tasks stay one short line.
    public static func taskRanges(_ tasks: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        let sorted = tasks.sorted()
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? String(sorted[index]) : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// The `emlab slurm` command that regenerates these scripts, with `extra` appended (e.g. `--rerun-failed --wait`).
    public func command(_ extra: String) -> String {
        var words = ["emlab", "slurm", experimentFile, "--tasks", String(tasks), "--output", output]
        if let partition { words += ["--partition", partition] }
        if let time { words += ["--time", time] }
        if cpusPerTask != 1 { words += ["--cpus-per-task", String(cpusPerTask)] }
        if let memory { words += ["--mem", memory] }
        if let account { words += ["--account", account] }
        for argument in extraArguments { words.append("--sbatch-arg=\(argument)") }
        if !plots { words.append("--no-plots") }
        return (words.map(StudyRunner.shellWord) + (extra.isEmpty ? [] : [extra])).joined(separator: " ")
    }
}
