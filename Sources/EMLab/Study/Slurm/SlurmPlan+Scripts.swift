import Foundation
#if canImport(Glibc)
    import Glibc
#endif

extension SlurmPlan {
    /// The `#SBATCH` lines both jobs share: the pass-through options.
    var sharedDirectives: [String] {
        var lines: [String] = []
        if let partition { lines.append("--partition=\(partition)") }
        if let time { lines.append("--time=\(time)") }
        if let memory { lines.append("--mem=\(memory)") }
        if let account { lines.append("--account=\(account)") }
        return (lines + extraArguments).map { "#SBATCH \($0)" }
    }

    /// The job array's script: task i runs shard i, resuming a shard that was started before.
    public func arrayScriptText(experimentName: String) -> String {
        let q = StudyRunner.shellWord
        return """
            #!/bin/bash
            # Written by `emlab slurm` (EMLab \(EMLabVersion.current)); regenerate with:
            #   \(command(""))
            # Task i of \(tasks) runs shard i/\(tasks) of the study into \(output)/shard-i-of-\(tasks).
            #SBATCH --job-name=emlab-\(experimentName)
            #SBATCH --array=1-\(tasks)
            #SBATCH --cpus-per-task=\(cpusPerTask)
            #SBATCH --output=\(logDirectory)/task-%a.out
            #SBATCH --open-mode=append
            \(sharedDirectives.map { "\($0)\n" }.joined())set -eu
            task=${SLURM_ARRAY_TASK_ID:?submit this script with sbatch, as a job array}
            shard=\(q(output))/shard-$task-of-\(tasks)
            # A shard with a manifest was started before (a requeue, or a resubmission
            # after a time limit, a cancellation or a failure): continue it. emlab cuts
            # its rows back to the last whole unit, so it ends byte-identical; a shard
            # already complete is left as it is.
            resume=
            if [ -f "$shard/manifest.json" ]; then resume=--resume; fi
            echo "emlab slurm: task $task of \(tasks) on $(hostname) at $(date -u +%FT%TZ) ${resume:-(fresh)}"
            exec \(q(emlab)) run \(q(experimentFile)) --shard "$task/\(tasks)" --output "$shard" --jobs \(cpusPerTask) --no-plots $resume

            """
    }

    /// The merge job's script: the shards listed by number (a glob would put shard-10 before shard-2).
    public func mergeScriptText(experimentName: String) -> String {
        let q = StudyRunner.shellWord
        return """
            #!/bin/bash
            # Written by `emlab slurm` (EMLab \(EMLabVersion.current)): merges the \(tasks) shards into \(output)
            # once every array task ended well (submitted with --dependency=afterok:<array job>
            # and --kill-on-invalid-dep=yes, so a failed task cancels this job).
            #SBATCH --job-name=emlab-\(experimentName)-merge
            #SBATCH --cpus-per-task=1
            #SBATCH --output=\(logDirectory)/merge.out
            #SBATCH --open-mode=append
            \(sharedDirectives.map { "\($0)\n" }.joined())set -eu
            shards=()
            for i in $(seq 1 \(tasks)); do shards+=(\(q(output))/shard-$i-of-\(tasks)); done
            echo "emlab slurm: merging \(tasks) shards on $(hostname) at $(date -u +%FT%TZ)"
            exec \(q(emlab)) merge "${shards[@]}" --output \(q(output))\(plots ? "" : " --no-plots")

            """
    }

    /// DIR/slurm/README.md: how to submit, watch and recover.
    public var readmeText: String {
        """
        # Slurm scripts for this study

        Written by `emlab slurm`; regenerate them with

            \(command(""))

        | file | what it is |
        |---|---|
        | `array.sbatch` | the job array: task i of \(tasks) runs `emlab run … --shard i/\(tasks) --output \(output)/shard-i-of-\(tasks)`, with `--resume` when that shard was started before |
        | `merge.sbatch` | the merge job: `emlab merge` of shards 1…\(tasks) (by number) into `\(output)`, which writes runs.csv, summary.csv, traces.csv, manifest.json and plots/ |
        | `logs/task-I.out`, `logs/merge.out` | each job's output (appended, so a resubmission keeps the history) |
        | `jobs.txt` | one line per submission: the array job's id, then the merge job's |

        ## Submit

            \(command("--submit"))

        does what these two lines do (the second job starts only when every task ended
        well; `--kill-on-invalid-dep=yes` cancels it when one failed, instead of leaving it
        pending forever):

            array=$(sbatch --parsable \(arrayScript) | cut -d';' -f1)
            sbatch --parsable --dependency=afterok:$array --kill-on-invalid-dep=yes \(mergeScript)

        Add `--wait` to follow the jobs until the merge has finished: it ends with status 0
        when the study is merged, and otherwise with one line naming the tasks that did not
        finish and the command that reruns just those.

        ## Watch

            squeue -u $USER                       # the tasks and the merge, with their states
            tail -f \(logDirectory)/task-1.out

        A shard's `manifest.json` says `running`, `interrupted` or `complete`; its
        `runs.csv.partial` grows a whole unit at a time.

        ## Recover

        A task that hit its time limit, was cancelled or failed leaves its shard partial (or
        missing), and the merge job is cancelled. Fix the cause (read its log), then

            \(command("--rerun-failed --wait"))

        resubmits only the shards that are not complete — they resume from their last
        whole unit and end byte-identical to an uninterrupted run — and a new merge.
        `emlab merge` refuses shards that are incomplete, missing, duplicated or from
        another experiment file, so a merged study is always whole.

        """
    }

    /// Writes the scripts and README into `DIR/slurm/` (each atomically) and makes the scripts executable.
    ///
    /// - Parameter experimentName: the experiment's name, for the jobs' names.
    /// - Throws: ``EMLabError`` `.io` naming the file that cannot be written.
    public func writeScripts(experimentName: String) throws {
        try POSIXFile.makeDirectories(logDirectory)
        try AtomicFile.write(arrayScriptText(experimentName: experimentName), to: arrayScript)
        try AtomicFile.write(mergeScriptText(experimentName: experimentName), to: mergeScript)
        try AtomicFile.write(readmeText, to: "\(slurmDirectory)/README.md")
        for script in [arrayScript, mergeScript] where chmod(script, 0o755) != 0 {
            throw EMLabError(.io, "\(script): cannot be made executable: \(POSIXFile.describe(errno: errno))")
        }
    }
}
