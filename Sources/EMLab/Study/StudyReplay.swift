import Foundation

/// Re-running one fit of a study from its recorded seeds (`emlab replay`).
///
/// The experiment is read back from the manifest beside runs.csv, so a
/// replay needs nothing but the study's folder. The data are regenerated
/// from the row's data seed and the start from its start seed; both seeds
/// are checked against the derivation rule, and the refit's log-likelihood
/// against the recorded one.
public enum StudyReplay {
    public struct Replayed: Sendable {
        public var condition: Condition
        public var replicate: Int
        public var start: Int
        public var data: [Double]
        public var result: FitResult?
        public var recordedLogLikelihood: Double?
        /// Whether the refit reproduces the recorded log-likelihood exactly.
        public var matches: Bool
    }

    /// Replays data row `row` (1-based, after the header) of `runsPath`.
    public static func replay(runsPath: String, row: Int) throws -> Replayed {
        guard FileManager.default.fileExists(atPath: runsPath) else { throw EMLabError(.io, "\(runsPath): no such file") }
        let directory = URL(fileURLWithPath: runsPath).deletingLastPathComponent().path
        let manifest = try Manifest.read(path: "\(directory)/manifest.json")
        let experiment = try manifest.experiment(file: "\(directory)/manifest.json (experimentText)")
        guard row >= 1 else { throw EMLabError(.invalidOption, "--row counts from 1 (the first row after the header)") }
        let runs = try RunsReader(path: runsPath)
        var count = 0
        var found: RunRecord?
        while let next = try runs.next() {
            count += 1
            if count == row {
                found = next
                break
            }
        }
        guard let run = found else { throw EMLabError(.invalidOption, "\(runsPath): has \(count) rows; there is no row \(row)") }
        guard let conditionIndex = run.condition, let replicate = run.replicate, let start = run.start,
            let condition = experiment.conditions.first(where: { $0.index == conditionIndex })
        else {
            throw EMLabError(.invalidData, "\(runsPath):\(row + 1): names no condition of the recorded experiment")
        }
        let (data, dataSeed) = Simulation.generate(condition: condition, replicate: replicate, experiment: experiment)
        guard String(dataSeed) == run.dataSeed else {
            throw EMLabError(.invalidData, "\(runsPath):\(row + 1): data seed \(run.dataSeed) is not the one the seed rule gives (\(dataSeed))")
        }
        let outcome = Simulation.fit(
            start: start, condition: condition, replicate: replicate, data: data,
            dataSD: Initialization.standardDeviation(data), experiment: experiment, trace: true)
        let (startSeed, result) = (outcome.seed, outcome.result)
        guard String(startSeed) == run.startSeed else {
            throw EMLabError(.invalidData, "\(runsPath):\(row + 1): start seed \(run.startSeed) is not the one the seed rule gives (\(startSeed))")
        }
        let recorded = run.logLikelihood
        let matches = recorded.map { r in result.map { formatNumber($0.logLikelihood) == formatNumber(r) } ?? false } ?? (result == nil)
        return Replayed(
            condition: condition, replicate: replicate, start: start, data: data, result: result,
            recordedLogLikelihood: recorded, matches: matches)
    }
}
