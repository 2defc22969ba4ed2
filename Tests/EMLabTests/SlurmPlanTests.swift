import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// The scripts `emlab slurm` writes, and what it refuses, without a cluster
/// (SlurmClusterTests runs them on a real one).
@Suite struct SlurmPlanTests {
    @Test func scriptsNameEveryShardByNumberAndPassOptionsThrough() throws {
        let dir = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try goodExperiment.write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let result = try Tool.run(
            [
                "slurm", "study.toml", "--tasks", "12", "--output", "out", "--partition", "short", "--time", "00:30:00",
                "--cpus-per-task", "3", "--mem", "2G", "--account", "lab", "--sbatch-arg=--qos=low"
            ], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let out = dir.appendingPathComponent("out/slurm").resolvingSymlinksInPath()
        let array = try String(contentsOf: out.appendingPathComponent("array.sbatch"), encoding: .utf8)
        let merge = try String(contentsOf: out.appendingPathComponent("merge.sbatch"), encoding: .utf8)
        let root = dir.resolvingSymlinksInPath().path
        for line in [
            "#SBATCH --array=1-12", "#SBATCH --cpus-per-task=3", "#SBATCH --partition=short", "#SBATCH --time=00:30:00",
            "#SBATCH --mem=2G", "#SBATCH --account=lab", "#SBATCH --qos=low", "#SBATCH --output=\(root)/out/slurm/logs/task-%a.out",
            "shard=\(root)/out/shard-$task-of-12", "--jobs 3"
        ] {
            #expect(array.contains(line), "array.sbatch lacks \(line)")
        }
        // The executable by absolute path, the experiment file too.
        #expect(array.contains("exec \(Tool.executable.resolvingSymlinksInPath().path) run \(root)/study.toml --shard \"$task/12\""))
        #expect(merge.contains("for i in $(seq 1 12)") && merge.contains("merge \"${shards[@]}\" --output \(root)/out"))
        #expect(!merge.contains("--array"))
        let mode = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("array.sbatch").path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("README.md").path))
        #expect(result.stdout.contains("--sbatch-arg=--qos=low --submit"))
        // The script ran as a task resumes a shard that has a manifest, and only then.
        let task = try Tool.runShell(
            "SLURM_ARRAY_TASK_ID=2 bash -n \"$0\" && grep -c 'resume=--resume' \"$0\"", [out.appendingPathComponent("array.sbatch").path], in: dir)
        #expect(task.status == 0 && task.stdout.hasPrefix("1"))
    }

    @Test(arguments: [
        (["--tasks", "0"], "Please give --tasks 1 or more; got 0."),
        (["--tasks", "2", "--cpus-per-task", "0"], "Please give --cpus-per-task 1 or more"),
        (["--tasks", "2", "--wait"], "--wait follows submitted jobs"),
        (["--tasks", "2", "--sbatch-arg", "qos"], "--sbatch-arg takes one sbatch option starting with '-'"),
        (["--tasks", "2", "--time", "1 h"], "Please give --time a value without spaces"),
        (["--tasks", "100000"], "--tasks 100000: please give at most 42"),
        (["--tasks", "2", "--rerun-failed"], "no scripts there; submit the study first")
    ])
    func refusesWithOneClearLine(arguments: [String], message: String) throws {
        let dir = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try goodExperiment.write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["slurm", "study.toml", "--output", "out"] + arguments, in: dir)
        #expect(result.status != 0)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1 && errors[0].contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/slurm/array.sbatch").path))
    }

    @Test func shardStatesComeFromManifests() throws {
        let dir = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try goodExperiment.write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let plan = SlurmPlan(
            experimentFile: dir.appendingPathComponent("study.toml").path, output: dir.appendingPathComponent("out").path,
            tasks: 3, emlab: Tool.executable.path)
        let run = try Tool.run(["run", "study.toml", "--shard", "2/3", "--output", "out/shard-2-of-3", "--quiet", "--no-plots"], in: dir)
        try #require(run.status == 0, "\(run.stderr)")
        let hash = Manifest.hash(of: goodExperiment)
        #expect(try plan.shardState(1, experimentHash: hash) == .missing)
        #expect(try plan.shardState(2, experimentHash: hash) == .complete)
        #expect(try plan.unfinishedShards(experimentHash: hash) == [1, 3])
        #expect(!plan.isMerged)
        #expect(throws: EMLabError.self) { try plan.shardState(2, experimentHash: "another") }
    }
}

extension SlurmPlanTests {
    @Test func taskRangesAreSlurmArraySyntax() {
        #expect(SlurmPlan.taskRanges([7, 2, 5, 6]) == "2,5-7")
        #expect(SlurmPlan.taskRanges(Array(146...1000)) == "146-1000")
        #expect(SlurmPlan.taskRanges([3]) == "3")
        #expect(SlurmPlan.taskRanges([]) == "")
    }
}
