import Foundation

/// Runs a study's units on `jobs` tasks and hands their rows back in unit
/// order, so the bytes written never depend on the number of jobs or on
/// which task finished first.
///
/// Units run in batches (consecutive units of one condition, one task
/// each) so that scheduling and writing cost little against fits of a
/// hundred microseconds. A condition's first batch is one unit; each next
/// one doubles, up to what the last took per unit times 20 ms (at most 1024
/// units). So slow units still go one at a time, a condition whose units
/// cost far more than the last one's starts small again, and a stop request
/// or the progress line is never far behind. A batch's rows are
/// concatenated in unit order, so batching never changes the bytes.
enum UnitScheduler {
    /// How long a batch should take, in seconds.
    static let batchSeconds = 0.02
    /// The most units in one batch.
    static let largestBatch = 1024

    /// Runs units `units` of `experiment`.
    ///
    /// - Parameters:
    ///   - experiment: the study.
    ///   - table: the runs table the rows are written with.
    ///   - units: the global unit numbers to run, in order.
    ///   - jobs: how many batches run at once.
    ///   - stop: after a stop request, no new batch starts; those running finish and are delivered.
    ///   - deliver: called in unit order with each batch's end (exclusive) and rows; what it throws ends the run.
    /// - Returns: the end of the last unit delivered (`units.upperBound` unless stopped).
    /// - Complexity: one ``Simulation/run(condition:replicate:experiment:table:)`` per unit; at most
    ///   `max(4·jobs, 16)` batches' rows are held while an earlier one runs.
    static func run(
        experiment: Experiment, table: RunsTable, units: Range<Int>, jobs: Int, stop: StopRequest?,
        deliver: (_ end: Int, _ rows: Simulation.UnitOutput) throws -> Void
    ) async throws -> Int {
        let offsets = experiment.unitOffsets
        let conditions = experiment.conditions
        let window = max(4 * jobs, 16)
        var written = units.lowerBound
        var batchSize: [Int: Int] = [:]  // condition position → the size of its next batch
        try await withThrowingTaskGroup(of: (Int, Int, Simulation.UnitOutput, Double).self) { group in
            var next = units.lowerBound
            var buffer: [Int: (Int, Simulation.UnitOutput)] = [:]
            var running = 0
            func launch() {
                while stop?.signal == nil && next < units.upperBound && running < jobs {
                    let position = Experiment.locate(unit: next, offsets: offsets).position
                    let batch = batchSize[position] ?? 1
                    guard next - written < window * batch else { break }
                    let start = next, end = min(next + batch, units.upperBound, offsets[position + 1])
                    group.addTask {
                        let began = DispatchTime.now().uptimeNanoseconds
                        var runs = "", traces = ""
                        for unit in start..<end {
                            let (position, replicate) = Experiment.locate(unit: unit, offsets: offsets)
                            let output = Simulation.run(
                                condition: conditions[position], replicate: replicate,
                                experiment: experiment, table: table)
                            runs += output.runs
                            traces += output.traces
                        }
                        let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) * 1e-9
                        return (start, end, Simulation.UnitOutput(runs: runs, traces: traces), seconds / Double(end - start))
                    }
                    next = end
                    running += 1
                }
            }
            launch()
            while let (start, end, output, secondsPerUnit) = try await group.next() {
                running -= 1
                let position = Experiment.locate(unit: start, offsets: offsets).position
                let inTime = Int(batchSeconds / max(secondsPerUnit, 1e-7))
                batchSize[position] = max(1, min(largestBatch, 2 * (end - start), inTime))
                buffer[start] = (end, output)
                while let (end, ready) = buffer.removeValue(forKey: written) {
                    try deliver(end, ready)
                    written = end
                }
                launch()
            }
        }
        return written
    }
}
