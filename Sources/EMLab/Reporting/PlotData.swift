import Foundation

/// A CSV file read row by row, with columns found by name, so the plots keep
/// working when columns are added (e.g. new failure flags) or K changes.
final class PlotTable {
    let path: String
    let header: [String]
    private let reader: CSVFileReader

    /// Opens `path` and reads its header row.
    ///
    /// - Throws: ``EMLabError`` `.io` if the file cannot be opened.
    init(path: String) throws {
        reader = try CSVFileReader(path: path)
        self.path = path
        header = reader.header
    }

    /// The index of the column called `name`.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` naming the file and the column.
    func column(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw EMLabError(.invalidData, "\(path): no column '\(name)'")
        }
        return index
    }

    /// The next row, or nil at the end.
    func nextRow() throws -> [String]? { try reader.nextRow() }
}

/// The design factors of one condition, as the tables write them.
struct PlotCondition: Sendable {
    /// The condition's number (the `condition` column).
    var number: Int
    /// Factor name → value, for `truth`, `sampler`, `n`, `estimator`, `init`.
    var factors: [String: String]
}

/// Short labels for conditions that name only the factors that vary across
/// the study, so labels stay short enough for rotated tic labels and keys.
struct PlotConditionLabels: Sendable {
    /// The factors that label a condition, in design order.
    static let factorNames = ["truth", "sampler", "n", "estimator", "init"]
    /// The factors with more than one value among the conditions.
    let varyingFactors: [String]

    init(_ conditions: [PlotCondition]) {
        varyingFactors = Self.factorNames.filter { name in
            Set(conditions.map { $0.factors[name] ?? "" }).count > 1
        }
    }

    /// `name` = value for the sample size (a bare number is ambiguous), the value otherwise.
    static func factorText(_ name: String, _ value: String) -> String {
        name == "n" ? "n=\(value)" : value
    }

    /// "3 doc001 n=50 shared quantile": the number and the varying factors.
    func label(_ condition: PlotCondition) -> String {
        ([String(condition.number)] + varyingFactors.map { Self.factorText($0, condition.factors[$0] ?? "?") })
            .joined(separator: " ")
    }

    /// Describes the label format for an axis title, e.g. "condition (truth, n, estimator, init)".
    var legend: String {
        varyingFactors.isEmpty ? "condition" : "condition (" + varyingFactors.joined(separator: ", ") + ")"
    }
}

/// summary.csv, which is small (one row per condition) and so is held whole.
struct PlotSummary {
    var header: [String]
    var conditions: [PlotCondition]
    /// One dictionary per condition, column name → cell text, in file order.
    var rows: [[String: String]]

    /// Reads summary.csv.
    static func read(path: String) throws -> PlotSummary {
        let table = try PlotTable(path: path)
        let conditionIndex = try table.column("condition")
        var summary = PlotSummary(header: table.header, conditions: [], rows: [])
        while let row = try table.nextRow() {
            guard let number = Int(row[conditionIndex]) else { continue }
            var cells: [String: String] = [:]
            for (index, name) in table.header.enumerated() where index < row.count { cells[name] = row[index] }
            summary.rows.append(cells)
            summary.conditions.append(
                PlotCondition(
                    number: number,
                    factors: Dictionary(uniqueKeysWithValues: PlotConditionLabels.factorNames.map { ($0, cells[$0] ?? "") })))
        }
        return summary
    }

    /// The finite number in `column` of row `index`, or nil if the cell is empty or absent.
    func number(_ index: Int, _ column: String) -> Double? {
        guard let text = rows[index][column], !text.isEmpty, let value = parseNumber(text), value.isFinite else { return nil }
        return value
    }
}

/// How often each iteration count occurs among one condition's selected fits.
///
/// A histogram rather than the list of counts: its size is bounded by the
/// iteration cap however many replicates runs.csv holds, and it still gives
/// exact quartiles.
struct IterationHistogram: Sendable {
    var counts: [Int: Int] = [:]

    var total: Int { counts.values.reduce(0, +) }

    /// The `k`-th smallest value (0-based) of the sorted sample.
    func orderStatistic(_ k: Int, sortedValues: [Int]) -> Double {
        var seen = 0
        for value in sortedValues {
            seen += counts[value]!
            if k < seen { return Double(value) }
        }
        return Double(sortedValues.last ?? 0)
    }

    /// The box-plot numbers: type-7 quartiles (as summary.csv computes them),
    /// Tukey whiskers at the most extreme values within 1.5 IQR of the box,
    /// and the distinct values beyond them with their counts.
    func boxPlot() -> IterationBox? {
        let values = counts.keys.sorted()
        let n = total
        guard n > 0 else { return nil }
        func quantile(_ p: Double) -> Double {
            let h = Double(n - 1) * p
            let low = Int(h.rounded(.down))
            let lowValue = orderStatistic(low, sortedValues: values)
            guard low + 1 < n else { return lowValue }
            return lowValue + (h - Double(low)) * (orderStatistic(low + 1, sortedValues: values) - lowValue)
        }
        let q1 = quantile(0.25), median = quantile(0.5), q3 = quantile(0.75)
        let lowerFence = q1 - 1.5 * (q3 - q1), upperFence = q3 + 1.5 * (q3 - q1)
        let inside = values.filter { Double($0) >= lowerFence && Double($0) <= upperFence }
        let outliers = values.filter { Double($0) < lowerFence || Double($0) > upperFence }.map { ($0, counts[$0]!) }
        return IterationBox(
            count: n, minimum: Double(values.first!), lowerWhisker: Double(inside.first ?? values.first!),
            q1: q1, median: median, q3: q3,
            upperWhisker: Double(inside.last ?? values.last!), maximum: Double(values.last!),
            outliers: outliers)
    }
}

/// The numbers one box of the iterations plot is drawn from.
struct IterationBox: Sendable {
    var count: Int
    var minimum: Double, lowerWhisker: Double, q1: Double, median: Double, q3: Double, upperWhisker: Double, maximum: Double
    /// Distinct iteration counts beyond the whiskers, each with how many fits stopped there.
    var outliers: [(value: Int, count: Int)]
}

/// The log-likelihood path of one traced fit.
struct PlotTrace: Sendable {
    var condition: Int
    /// (iteration, log-likelihood), in iteration order.
    var points: [(iteration: Int, logLikelihood: Double)]
}

/// Reading the study's tables into what the plots need, streaming the large ones.
enum PlotData {
    /// What the plots need from runs.csv, which is streamed: per condition, the
    /// histogram of the selected fits' iteration counts, the factors, and the
    /// stop reason of replicate 1, start 1 (the fit traces.svg draws).
    struct RunsDigest {
        var histograms: [Int: IterationHistogram] = [:]
        var conditions: [Int: PlotCondition] = [:]
        var firstFitStopReasons: [Int: String] = [:]
        /// Conditions whose estimator runs a fixed number of iterations (a
        /// selected fit stopped as `fixed-iterations`), with that number: their
        /// counts are the design, not a stopping time.
        var fixedIterations: [Int: Int] = [:]
    }

    /// Reads runs.csv into a ``RunsDigest``.
    static func digestRuns(path runsPath: String) throws -> RunsDigest {
        let runs = try RunsReader(path: runsPath)
        let factorNames = PlotConditionLabels.factorNames
        let factorIndices = try factorNames.map { ($0, try runs.columns.index($0)) }
        var digest = RunsDigest()
        while let run = try runs.next() {
            guard let number = run.condition else { continue }
            if run.replicate == 1 && run.start == 1 { digest.firstFitStopReasons[number] = run.stopReason }
            guard run.isSelected, let iterations = run.iterations else { continue }
            if run.stopReason == "fixed-iterations" { digest.fixedIterations[number] = iterations }
            digest.histograms[number, default: IterationHistogram()].counts[iterations, default: 0] += 1
            if digest.conditions[number] == nil {
                digest.conditions[number] = PlotCondition(
                    number: number, factors: Dictionary(uniqueKeysWithValues: factorIndices.map { ($0.0, run[$0.1]) }))
            }
        }
        return digest
    }

    /// The traces of replicate 1, start 1 of the lowest-numbered `limit`
    /// conditions, and how many conditions had such a trace. A missing
    /// traces.csv (a study without traces) gives no traces.
    static func firstTraces(tracesPath: String, limit: Int) throws -> (traces: [PlotTrace], tracedConditions: Int) {
        guard FileManager.default.fileExists(atPath: tracesPath) else { return ([], 0) }
        let table = try PlotTable(path: tracesPath)
        let conditionIndex = try table.column("condition"), replicateIndex = try table.column("replicate")
        let startIndex = try table.column("start"), iterationIndex = try table.column("iteration")
        let logLikelihoodIndex = try table.column("logLikelihood")
        // Rows may come in any condition order (merged or parallel studies), so
        // every condition's first trace is kept until the end; one trace per
        // condition is small next to the file.
        var points: [Int: [(iteration: Int, logLikelihood: Double)]] = [:]
        while let row = try table.nextRow() {
            guard row.count > logLikelihoodIndex, row[replicateIndex] == "1", row[startIndex] == "1",
                let condition = Int(row[conditionIndex]), let iteration = Int(row[iterationIndex]),
                let logLikelihood = parseNumber(row[logLikelihoodIndex])
            else { continue }
            points[condition, default: []].append((iteration, logLikelihood))
        }
        let traces = points.keys.sorted().prefix(limit).map { condition in
            PlotTrace(condition: condition, points: points[condition]!.sorted { $0.iteration < $1.iteration })
        }
        return (traces, points.count)
    }
}
