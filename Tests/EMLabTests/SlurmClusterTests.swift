import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// A one-node Slurm cluster on 127.0.0.1 (`Tests/Slurm/cluster.sh`), started
/// in a fresh temporary folder and stopped, by the PIDs in its own pid
/// files, however the test ends.
final class SlurmTestCluster {
    static let script = Tool.packageRoot.appendingPathComponent("Tests/Slurm/cluster.sh").path

    /// Whether the test runs: Slurm is installed, or `make test` demands it
    /// (EMLAB_REQUIRE_SLURM=1), so a machine without Slurm fails there
    /// instead of skipping silently.
    static var available: Bool {
        ProcessInfo.processInfo.environment["EMLAB_REQUIRE_SLURM"] == "1"
            || ["/usr/sbin/slurmctld", "/usr/bin/slurmctld"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let directory: URL
    /// The environment jobs and clients need: SLURM_CONF names this cluster's configuration.
    let environment: [String: String]

    init() throws {
        // Short: munged's socket path must stay under 108 bytes.
        var template = Array("/tmp/emlab-slurm-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw EMLabError(.io, "mkdtemp failed") }
        directory = URL(fileURLWithPath: String(cString: made))
        let started = try Tool.runShell("\"$0\" start \"$1\"", [Self.script, directory.path], in: directory)
        guard started.status == 0, let line = started.stdout.split(separator: "\n").last, line.hasPrefix("SLURM_CONF=") else {
            _ = try? Tool.runShell("\"$0\" stop \"$1\"", [Self.script, directory.path], in: directory)
            throw EMLabError(.io, "the test cluster did not start: \(started.stderr)")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_CONF"] = String(line.dropFirst("SLURM_CONF=".count))
        self.environment = environment
    }

    /// Stops every daemon and leftover job process, then removes the folder.
    func stop() {
        _ = try? Tool.runShell("\"$0\" stop \"$1\"", [Self.script, directory.path], in: directory)
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// Runs `emlab` with this cluster's environment.
    func emlab(_ arguments: [String], in folder: URL) throws -> Tool.Output {
        try Tool.runShell(
            "conf=$0; tool=$1; shift; SLURM_CONF=\"$conf\" exec \"$tool\" \"$@\"", [environment["SLURM_CONF"]!, Tool.executable.path] + arguments, in: folder)
    }

    /// Runs a Slurm client command (`squeue`, `scancel`) against this cluster.
    func client(_ command: String, in folder: URL) throws -> Tool.Output {
        try Tool.runShell("SLURM_CONF=\"$0\" \(command)", [environment["SLURM_CONF"]!], in: folder)
    }
}

/// `emlab slurm` on a real Slurm (slurmctld, slurmd and munged on
/// 127.0.0.1): a 4-task array plus its merge ends byte-identical to one
/// local `emlab run`; a failed task cancels the merge and `--rerun-failed`
/// finishes the study; a task cancelled mid-run resumes byte-identical.
@Suite(.serialized, .enabled(if: SlurmTestCluster.available))
struct SlurmClusterTests {
    /// The test's study: `goodExperiment` with as many replicates as make one half of it
    /// (shard 1 of 2) take about 4 s on one CPU here, timed from a small run, so a task
    /// can be cancelled mid-run whether the build is a fast release or a slow debug one.
    static func study(in dir: URL) throws -> String {
        // Data sets of 300 and 600 points, so a unit costs far more than its
        // scheduling and the probe's time is mostly fitting.
        let experiment = goodExperiment.replacingOccurrences(of: "n = [30, 60]", with: "n = [300, 600]")
            .replacingOccurrences(of: "n = 60\n", with: "n = 600\n")
        let probe = experiment.replacingOccurrences(of: "replicates = 3", with: "replicates = 60")
        try probe.write(to: dir.appendingPathComponent("probe.toml"), atomically: true, encoding: .utf8)
        let clock = ContinuousClock(), start = clock.now
        let run = try Tool.run(["run", "probe.toml", "--output", "probe", "--jobs", "1", "--quiet", "--no-plots"], in: dir)
        try #require(run.status == 0, "\(run.stderr)")
        let perReplicate = (clock.now - start) / .seconds(1) / 60
        let replicates = min(max(Int(8 / perReplicate), 100), 5000)
        return experiment.replacingOccurrences(of: "replicates = 3", with: "replicates = \(replicates)")
    }

    static func bytes(_ url: URL) -> Data? { FileManager.default.contents(atPath: url.path) }

    /// runs.csv, summary.csv and traces.csv of `merged` equal those of the local run.
    static func expectSameStudy(_ merged: URL, _ local: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        for name in ["runs.csv", "summary.csv", "traces.csv"] {
            let got = bytes(merged.appendingPathComponent(name)), want = bytes(local.appendingPathComponent(name))
            #expect(got != nil && got == want, "\(name) differs from the local run's", sourceLocation: sourceLocation)
        }
    }

    @Test func arrayMergeFailureAndCancellationOnARealCluster() throws {
        let clock = ContinuousClock(), began = clock.now
        let cluster = try SlurmTestCluster()
        defer { cluster.stop() }
        let dir = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.study(in: dir).write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let local = try Tool.run(["run", "study.toml", "--output", "local", "--quiet", "--no-plots"], in: dir)
        try #require(local.status == 0, "\(local.stderr)")
        let localDir = dir.appendingPathComponent("local")

        // 1. Four tasks and a merge, byte-identical to the local run.
        let first = try cluster.emlab(
            [
                "slurm", "study.toml", "--tasks", "4", "--output", "whole", "--submit", "--wait",
                "--poll-interval", "0.3", "--no-plots"
            ], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Submitted array job") && first.stdout.contains("(tasks 1-4 of 4)"))
        #expect(first.stdout.contains("Merged: \(dir.path)/whole"))
        Self.expectSameStudy(dir.appendingPathComponent("whole"), localDir)
        let merge = try String(contentsOf: dir.appendingPathComponent("whole/slurm/merge.sbatch"), encoding: .utf8)
        #expect(merge.contains("for i in $(seq 1 4)"))

        // 2. Task 2 fails (its shard folder is a file): the merge is cancelled, not left pending; one line says what to rerun.
        let failing = dir.appendingPathComponent("failing")
        try FileManager.default.createDirectory(at: failing, withIntermediateDirectories: true)
        try Data("in the way\n".utf8).write(to: failing.appendingPathComponent("shard-2-of-4"))
        let failed = try cluster.emlab(
            [
                "slurm", "study.toml", "--tasks", "4", "--output", "failing", "--submit", "--wait",
                "--poll-interval", "0.3", "--no-plots"
            ], in: dir)
        #expect(failed.status != 0)
        let errorLines = failed.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errorLines.count == 1, "\(failed.stderr)")
        let message = String(errorLines.first ?? "")
        #expect(message.contains("task 2 of 4 did not finish"), "\(message)")
        #expect(message.contains("was cancelled"), "\(message)")
        #expect(message.contains("--rerun-failed --wait"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: failing.appendingPathComponent("runs.csv").path))
        try FileManager.default.removeItem(at: failing.appendingPathComponent("shard-2-of-4"))
        let rerun = try cluster.emlab(
            [
                "slurm", "study.toml", "--tasks", "4", "--output", "failing", "--rerun-failed", "--wait",
                "--poll-interval", "0.3", "--no-plots"
            ], in: dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("(tasks 2 of 4)"), "\(rerun.stdout)")
        Self.expectSameStudy(failing, localDir)

        // 3. Task 1 of 2 cancelled mid-run (SIGTERM, as at a time limit): its units so far are kept, the rerun resumes it.
        let cancelled = dir.appendingPathComponent("cancelled")
        let submitted = try cluster.emlab(["slurm", "study.toml", "--tasks", "2", "--output", "cancelled", "--submit", "--no-plots"], in: dir)
        try #require(submitted.status == 0, "\(submitted.stderr)")
        let arrayJob = try #require(submitted.stdout.split(separator: "\n").first?.split(separator: " ").dropFirst(3).first)
        let partial = cancelled.appendingPathComponent("shard-1-of-2/runs.csv.partial")
        var rowsBefore = 0
        for _ in 0..<600 where rowsBefore < 2 {
            rowsBefore = (Self.bytes(partial).map { $0.filter { $0 == UInt8(ascii: "\n") }.count } ?? 0)
            if rowsBefore < 2 { Thread.sleep(forTimeInterval: 0.05) }
        }
        try #require(rowsBefore >= 2, "task 1 never started writing rows")
        let scancel = try cluster.client("scancel \(arrayJob)_1", in: dir)
        #expect(scancel.status == 0, "\(scancel.stderr)")
        var status = ""
        for _ in 0..<300 {
            status = (try? Manifest.read(path: cancelled.appendingPathComponent("shard-1-of-2/manifest.json").path))?.status.rawValue ?? ""
            if status != "running" { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(status == "interrupted", "the cancelled task should stop on SIGTERM and mark its shard interrupted")
        let resumed = try cluster.emlab(
            [
                "slurm", "study.toml", "--tasks", "2", "--output", "cancelled", "--rerun-failed", "--wait",
                "--poll-interval", "0.3", "--no-plots"
            ], in: dir)
        // The first submission's other tasks and merge may still be queued: wait for them and try again.
        var result = resumed
        for _ in 0..<120 where result.status != 0 && result.stderr.contains("still queued or running") {
            Thread.sleep(forTimeInterval: 0.5)
            result = try cluster.emlab(
                [
                    "slurm", "study.toml", "--tasks", "2", "--output", "cancelled", "--rerun-failed", "--wait",
                    "--poll-interval", "0.3", "--no-plots"
                ], in: dir)
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(tasks 1 of 2)"), "\(result.stdout)")
        let log = try String(contentsOf: cancelled.appendingPathComponent("slurm/logs/task-1.out"), encoding: .utf8)
        #expect(log.contains("--resume"), "the resubmitted task should resume its shard")
        Self.expectSameStudy(cancelled, localDir)

        // Alone it takes about 45 s; beside the rest of the suite on 2 cores about 100 s,
        // of which the suite's wall time grows by about 15 s. Two minutes means something broke.
        #expect(clock.now - began < .seconds(120))
    }
}
