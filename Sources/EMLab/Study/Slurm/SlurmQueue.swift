import Foundation

/// Talks to Slurm through its client commands (`sbatch`, `squeue`,
/// `scancel`), found on PATH with the caller's environment (so `SLURM_CONF`
/// and friends apply).
///
/// Outcomes are read from `squeue` and, once a job has left the queue, from
/// the study's folders: `sbatch --wait` exits 0 for a job cancelled before
/// it ran, and there may be no accounting (`sacct`) to ask afterwards.
public struct SlurmQueue: Sendable {
    /// The two jobs of one submission.
    public struct Submission: Sendable, Equatable {
        /// The array job's id (empty when every shard was already complete).
        public var arrayJob: String
        /// The merge job's id.
        public var mergeJob: String
        /// The array tasks submitted.
        public var tasks: [Int]
    }

    /// Seconds between two `squeue` polls while waiting.
    public var pollInterval: Double

    public init(pollInterval: Double = 2) {
        self.pollInterval = pollInterval
    }

    /// Runs a Slurm client command and returns its standard output.
    ///
    /// - Throws: ``EMLabError`` `.io` with the command and the first line of
    ///   its error output when it cannot start or exits non-zero.
    func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw EMLabError(.io, "\(tool): cannot be started (\(error.localizedDescription)); is Slurm's client installed and on PATH?")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init)
            let reason =
                process.terminationStatus == 127
                ? "not found on PATH; is Slurm's client (slurm-client) installed?"
                : line ?? "exit status \(process.terminationStatus)"
            throw EMLabError(.io, "\(([tool] + arguments).joined(separator: " ")): \(reason)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The job id `sbatch --parsable` printed ("123" or "123;cluster").
    static func jobID(_ output: String) throws -> String {
        let id = output.split(whereSeparator: { $0 == ";" || $0.isNewline }).first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else { throw EMLabError(.io, "sbatch printed no job id (got '\(output)')") }
        return id
    }

    /// Submits the array (only `tasks`, all when nil) and the merge job after it, and records both in `jobs.txt`.
    ///
    /// - Parameters:
    ///   - plan: the study's plan; its scripts must have been written (``SlurmPlan/writeScripts(experimentName:)``).
    ///   - tasks: the array tasks to submit; nil for all; empty submits only the merge.
    /// - Returns: the jobs' ids.
    public func submit(_ plan: SlurmPlan, tasks: [Int]? = nil) throws -> Submission {
        let chosen = tasks ?? Array(1...plan.tasks)
        var arrayJob = ""
        if !chosen.isEmpty {
            // sbatch's own --array overrides the script's #SBATCH --array line.
            let subset = tasks == nil ? [] : ["--array=\(SlurmPlan.taskRanges(chosen))"]
            arrayJob = try Self.jobID(run("sbatch", ["--parsable"] + subset + [plan.arrayScript]))
        }
        let dependency = arrayJob.isEmpty ? [] : ["--dependency=afterok:\(arrayJob)", "--kill-on-invalid-dep=yes"]
        let mergeJob: String
        do {
            mergeJob = try Self.jobID(run("sbatch", ["--parsable"] + dependency + [plan.mergeScript]))
        } catch {
            if !arrayJob.isEmpty { _ = try? run("scancel", [arrayJob]) }  // no orphan array without its merge
            throw error
        }
        let line = "\(arrayJob.isEmpty ? "-" : arrayJob) \(mergeJob) tasks=\(SlurmPlan.taskRanges(chosen))\n"
        let previous = (try? String(contentsOfFile: plan.jobsFile, encoding: .utf8)) ?? ""
        try AtomicFile.write(previous + line, to: plan.jobsFile)
        return Submission(arrayJob: arrayJob, mergeJob: mergeJob, tasks: chosen)
    }

    /// The state and reason of `job` from `squeue` (`PENDING`, `Dependency`),
    /// or nil once the job has left the queue.
    public func state(of job: String) -> (state: String, reason: String)? {
        guard let text = try? run("squeue", ["-h", "-t", "all", "-j", job, "-o", "%T/%r"]) else { return nil }
        // An array job shows one line per task; the first is enough for the merge job.
        guard let line = text.split(separator: "\n").first else { return nil }
        let parts = line.split(separator: "/", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }

    /// Whether any of `jobs` (or a task of it) is still pending or running.
    public func isActive(_ jobs: [String]) -> Bool {
        jobs.contains { job in
            guard let text = try? run("squeue", ["-h", "-j", job, "-o", "%T"]) else { return false }
            return !text.split(separator: "\n").isEmpty
        }
    }

    /// The job ids every earlier submission recorded in `jobs.txt`.
    public func recordedJobs(_ plan: SlurmPlan) -> [String] {
        let text = (try? String(contentsOfFile: plan.jobsFile, encoding: .utf8)) ?? ""
        let fields: [String] = text.split(separator: "\n").flatMap { (line: Substring) -> [String] in
            line.split(separator: " ").prefix(2).map(String.init)
        }
        return fields.filter { $0 != "-" }
    }

    /// States in which a job has ended.
    static let finalStates: Set<String> = [
        "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL",
        "DEADLINE", "OUT_OF_MEMORY", "SPECIAL_EXIT", "REVOKED"
    ]

    /// Polls `squeue` until the merge job has ended (or left the queue). A
    /// merge still pending on a dependency that can never be met is
    /// cancelled here, in case the cluster ignored `--kill-on-invalid-dep`.
    ///
    /// - Parameter report: called with each new state, for progress lines.
    /// - Returns: the merge job's last state seen (`COMPLETED`, `CANCELLED`, …; `gone` if never seen ending).
    public func waitForMerge(_ submission: Submission, report: (String) -> Void = { _ in }) -> String {
        var last = "gone", shown = ""
        while true {
            guard let (state, reason) = state(of: submission.mergeJob) else { return last }
            last = state
            let text = reason.isEmpty || reason == "None" ? state : "\(state) (\(reason))"
            if text != shown {
                report("merge job \(submission.mergeJob): \(text)")
                shown = text
            }
            if Self.finalStates.contains(state) { return state }
            if state == "PENDING" && reason.hasPrefix("DependencyNeverSatisfied") {
                _ = try? run("scancel", [submission.mergeJob])
                return "CANCELLED"
            }
            Thread.sleep(forTimeInterval: pollInterval)
        }
    }
}
