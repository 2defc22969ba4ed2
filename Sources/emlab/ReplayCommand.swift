import ArgumentParser
import EMLab
import Foundation

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run one fit of a study from its recorded seeds and print its trace.",
        discussion: """
            The fit is drawn and run again from the seeds its row records, with the code of this \
            build, and its trace printed; the last line says whether it ends where the row says.

            Examples:
              emlab replay Results/example/runs.csv --row 17
              emlab replay study/runs.csv --row 2 --trace fit-2.csv
            """)

    @Argument(help: "A study's runs.csv (its manifest.json must be beside it).")
    var runs: String

    @Option(parsing: .unconditional, help: "The row to replay, counting from 1 after the header.")
    var row: Int

    @Option(parsing: .unconditional, help: ArgumentHelp("Also write the trace to this CSV file.", valueName: "file.csv"))
    var trace: String?

    func run() throws {
        let replayed = try StudyReplay.replay(runsPath: runs, row: row)
        let c = replayed.condition
        print(
            "condition \(c.index): truth \(c.truth.name), sampler \(c.sampler.rawValue), n = \(c.sampleSize), estimator \(c.estimator.name), init \(c.initialization.name); replicate \(replayed.replicate), start \(replayed.start)"
        )
        guard let result = replayed.result, let fitTrace = result.trace else {
            print("no start could be made from this data set (fewer distinct values than K)")
            return
        }
        let k = c.componentCount
        var header = ["iteration", "log-likelihood"]
        for name in ["weight", "mean", "sd"] { for j in 1...k { header.append("\(name)\(j)") } }
        var rows = [header]
        for (i, m) in fitTrace.mixtures.enumerated() {
            rows.append(
                [String(fitTrace.iterations[i]), formatNumber(fitTrace.logLikelihoods[i])]
                    + (m.weights + m.means + m.standardDeviations).map(FitReport.short))
        }
        for line in FitReport.table(rows) { print(line) }
        print("\n\(result.stopReason.explanation) after \(result.iterations) iterations")
        if replayed.matches {
            print("the replay reproduces the recorded log-likelihood \(formatNumber(result.logLikelihood)) exactly")
        } else {
            print(
                "warning: the replay gives log-likelihood \(formatNumber(result.logLikelihood)), but runs.csv records \(replayed.recordedLogLikelihood.map(formatNumber) ?? "none")"
            )
        }
        if let trace { try AtomicFile.write(FitReport.traceCSV(fitTrace, componentCount: k), to: trace) }
    }
}
