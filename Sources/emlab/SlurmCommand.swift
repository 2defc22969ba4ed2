import ArgumentParser
import EMLab
import Foundation

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run a study on a Slurm cluster: a job array of shards, then a merge job.",
        discussion: """
            Writes DIR/slurm/array.sbatch (task i of N runs `emlab run FILE --shard i/N \
            --output DIR/shard-i-of-N`, resuming that shard when it was started before), \
            DIR/slurm/merge.sbatch (merges shards 1…N into DIR once every task ended well; \
            a failed task cancels it) and DIR/slurm/README.md (how to submit, watch and \
            recover). The jobs run this emlab, by its absolute path. The merged runs.csv and \
            summary.csv are byte-identical to a single `emlab run FILE`.

            Examples:
              # write the scripts only
              emlab slurm Experiments/example.toml --tasks 8 --output /scratch/example
              # submit, 4 CPUs a task, and follow the jobs until merged
              emlab slurm big.toml --tasks 100 -o /scratch/big --cpus-per-task 4 \\
                  --time 01:00:00 --mem 4G --submit --wait
              # after a failure: resubmit only the unfinished shards, then merge
              emlab slurm big.toml --tasks 100 -o /scratch/big --rerun-failed --wait

            With --wait it follows the jobs (polling squeue) until the merge has finished, and \
            exits non-zero with one line naming the tasks that did not finish and the command \
            that reruns just those (--rerun-failed: only the shards that are not complete, then \
            a new merge).
            """)

    @Argument(help: "The experiment file (TOML).")
    var file: String

    @Option(parsing: .unconditional, help: "How many array tasks (shards) to split the study into.")
    var tasks: Int

    @Option(
        name: [.short, .long],
        parsing: .unconditional,
        help: ArgumentHelp(
            "The study's folder, on a file system every node sees: the shards and the merged study go there, the scripts in DIR/slurm.", valueName: "dir"))
    var output: String

    @Option(parsing: .unconditional, help: "The Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(parsing: .unconditional, help: "Each job's wall-time limit, e.g. 02:00:00 (sbatch --time).")
    var time: String?

    @Option(parsing: .unconditional, help: "CPUs per task (sbatch --cpus-per-task); each task runs with --jobs this many.")
    var cpusPerTask: Int = 1

    @Option(parsing: .unconditional, help: "Memory per job, e.g. 4G (sbatch --mem).")
    var mem: String?

    @Option(parsing: .unconditional, help: "The account to charge (sbatch --account).")
    var account: String?

    @Option(
        name: .customLong("sbatch-arg"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp("A further sbatch option for both jobs, e.g. --sbatch-arg=--qos=short (repeatable).", valueName: "option"))
    var sbatchArguments: [String] = []

    @Flag(help: "Submit both jobs (sbatch --parsable) and print their ids.")
    var submit = false

    @Flag(help: "Resubmit only the shards that are not complete, and a new merge job.")
    var rerunFailed = false

    @Flag(help: "After submitting, wait until the merge job has finished; exit non-zero naming the tasks that failed.")
    var wait = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between two squeue polls with --wait.", valueName: "seconds"))
    var pollInterval: Double = 5

    @Flag(help: "The merge job skips drawing the plots (gnuplot).")
    var noPlots = false

    func validate() throws {
        guard tasks >= 1 else { throw ValidationError("Please give --tasks 1 or more; got \(tasks).") }
        guard cpusPerTask >= 1 else { throw ValidationError("Please give --cpus-per-task 1 or more; got \(cpusPerTask).") }
        try Limits.require(cpusPerTask, atMost: Limits.maximumJobs, "--cpus-per-task", why: "each task runs emlab run --jobs with it")
        guard pollInterval > 0 && pollInterval <= Limits.maximumPollInterval else {
            throw ValidationError(
                "Please give --poll-interval above 0 and at most \(formatNumber(Limits.maximumPollInterval)) seconds (a day); got \(formatNumber(pollInterval))."
            )
        }
        if wait && !submit && !rerunFailed { throw ValidationError("--wait follows submitted jobs: please add --submit (or --rerun-failed).") }
        // The folder appears in #SBATCH lines, which do not quote.
        guard !output.contains(where: \.isWhitespace) else {
            throw ValidationError("Please give an --output folder without spaces (it goes into #SBATCH lines); got '\(output)'.")
        }
        for (name, value) in [("--partition", partition), ("--time", time), ("--mem", mem), ("--account", account)] {
            if let value, value.isEmpty || value.contains(where: \.isWhitespace) {
                throw ValidationError("Please give \(name) a value without spaces; got '\(value)'.")
            }
        }
        for argument in sbatchArguments where !argument.hasPrefix("-") || argument.contains(where: \.isNewline) {
            throw ValidationError("--sbatch-arg takes one sbatch option starting with '-', e.g. --sbatch-arg=--qos=short; got '\(argument)'.")
        }
    }

    /// The running executable, so the jobs run this very emlab.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    func run() throws {
        let experiment = try ExperimentParser.load(path: file)
        guard tasks <= experiment.totalUnits else {
            throw EMLabError(
                .invalidOption,
                "--tasks \(tasks): please give at most \(experiment.totalUnits): \(file) has \(experiment.totalUnits) (condition, replicate) units, one shard needs at least one"
            )
        }
        let plan = SlurmPlan(
            experimentFile: file, output: output, tasks: tasks, emlab: Self.executablePath, partition: partition,
            time: time, cpusPerTask: cpusPerTask, memory: mem, account: account, extraArguments: sbatchArguments,
            plots: !noPlots)
        let queue = SlurmQueue(pollInterval: pollInterval)
        let hash = Manifest.hash(of: experiment.sourceText)
        var toRun: [Int]? = nil
        if rerunFailed {
            guard FileManager.default.fileExists(atPath: plan.arrayScript) else {
                throw EMLabError(.io, "\(plan.slurmDirectory): no scripts there; submit the study first: \(plan.command("--submit"))")
            }
            let earlier = queue.recordedJobs(plan)
            if queue.isActive(earlier) {
                throw EMLabError(
                    .io,
                    "\(plan.jobsFile): jobs of an earlier submission (\(earlier.joined(separator: ", "))) are still queued or running; wait for them, or scancel them, then rerun"
                )
            }
            let unfinished = try plan.unfinishedShards(experimentHash: hash)
            if unfinished.isEmpty && plan.isMerged {
                print("Nothing to rerun: every shard is complete and \(plan.output) holds the merged study.")
                return
            }
            toRun = unfinished
        } else if plan.isMerged && submit {
            throw EMLabError(.io, "\(plan.output): already holds a merged study; choose another --output")
        }
        try plan.writeScripts(experimentName: experiment.name)
        guard submit || rerunFailed else {
            print("Wrote \(plan.arrayScript), \(plan.mergeScript) and \(plan.slurmDirectory)/README.md.")
            print("Submit with: \(plan.command("--submit"))")
            return
        }
        let submission = try queue.submit(plan, tasks: toRun)
        let taskText = "tasks \(SlurmPlan.taskRanges(submission.tasks))"
        if !submission.arrayJob.isEmpty { print("Submitted array job \(submission.arrayJob) (\(taskText) of \(tasks))") }
        print("Submitted merge job \(submission.mergeJob)\(submission.arrayJob.isEmpty ? "" : " (afterok:\(submission.arrayJob))")")
        guard wait else { return }
        let state = queue.waitForMerge(submission) { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        if plan.isMerged {
            print("Merged: \(plan.output) (runs.csv, summary.csv, traces.csv, manifest.json)")
            return
        }
        let unfinished = try plan.unfinishedShards(experimentHash: hash)
        let rerun = plan.command("--rerun-failed --wait")
        if unfinished.isEmpty {
            throw EMLabError(
                .io, "merge job \(submission.mergeJob) ended \(state) without a merged study (see \(plan.logDirectory)/merge.out); rerun it with: \(rerun)")
        }
        let names = SlurmPlan.taskRanges(unfinished)
        throw EMLabError(
            .io,
            "task\(unfinished.count == 1 ? "" : "s") \(names) of \(tasks) did not finish (see \(plan.taskLog(unfinished[0]))\(unfinished.count > 1 ? " …" : "")), so merge job \(submission.mergeJob) was \(state == "CANCELLED" ? "cancelled" : "not run (\(state))"); fix the cause, then rerun just \(unfinished.count == 1 ? "it" : "those") with: \(rerun)"
        )
    }
}
