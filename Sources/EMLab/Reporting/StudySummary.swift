import Foundation

/// The *Summarise* stage: one summary.csv row per condition, computed from
/// runs.csv alone (so `emlab run`, `emlab merge` and `emlab report` give the
/// same bytes from the same rows).
///
/// Over the **selected** fit of each replicate (the best of its starts):
/// - for every parameter, after label alignment: bias = mean(error), its
///   Monte Carlo standard error sd(error)/√R; RMSE = √mean(error²), its
///   Monte Carlo standard error sd(error²)/(2·RMSE·√R) by the delta method
///   (Morris, White & Crowther 2019, *Statistics in Medicine* 38(11),
///   Table 6); fits whose estimate is not finite are left out and counted;
/// - the median and quartiles of the iteration count (linear interpolation
///   between order statistics: R's type 7, NumPy's default), and the
///   medians of the E-step count, the theoretical and empirical rates, the
///   log-likelihood gap and the predicted iterations (``medianColumns``);
/// - the rate of each stop reason and of each failure flag;
/// - the share that reached the best log-likelihood found for their data set.
/// Over **all** starts: the share of starts that reached it.
public enum StudySummary {
    struct Accumulator {
        var factors: [String]
        var replicates = 0
        var fits = 0
        var startsReachedBest = 0
        var iterations: [Double] = []
        /// The selected fits' values of each ``medianColumns`` column (finite ones only).
        var medianValues: [[Double]] = Array(repeating: [], count: StudySummary.medianColumns.count)
        var stopReasons: [String: Int] = [:]
        var flags: [Int]
        var reachedBest = 0
        var errorCount: [Int], errorSum: [Double], errorSquares: [Double], errorFourth: [Double]

        init(factors: [String], parameters: Int, flags: Int) {
            self.factors = factors
            self.flags = Array(repeating: 0, count: flags)
            errorCount = Array(repeating: 0, count: parameters)
            errorSum = Array(repeating: 0, count: parameters)
            errorSquares = Array(repeating: 0, count: parameters)
            errorFourth = Array(repeating: 0, count: parameters)
        }
    }

    static let stopReasonColumns = StopReason.allCases.map(\.rawValue) + ["no-start"]

    /// runs.csv columns summarised by their median over the selected fits
    /// (non-finite and empty values left out), as `<name>Median`.
    public static let medianColumns = ["eSteps", "rateTheoretical", "rateEmpirical", "logLikelihoodGap", "iterationsPredicted"]

    /// The type-7 quantile of sorted values.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Adds one runs.csv row to its condition's accumulator.
    static func add(_ row: [String], to g: inout Accumulator, selected: Int, reached: Int, iterations: Int, stop: Int,
                    medians: [Int], flags: [Int], errors: [Int]) {
        g.fits += 1
        if row[reached] == "1" { g.startsReachedBest += 1 }
        guard row[selected] == "1" else { return }
        g.replicates += 1
        g.iterations.append(Double(row[iterations]) ?? .nan)
        for (j, i) in medians.enumerated() {
            if let value = parseNumber(row[i]), value.isFinite { g.medianValues[j].append(value) }
        }
        g.stopReasons[row[stop], default: 0] += 1
        for (j, i) in flags.enumerated() where row[i] == "1" { g.flags[j] += 1 }
        if row[reached] == "1" { g.reachedBest += 1 }
        for (j, i) in errors.enumerated() {
            if let e = parseNumber(row[i]), e.isFinite {
                g.errorCount[j] += 1; g.errorSum[j] += e; g.errorSquares[j] += e * e; g.errorFourth[j] += e * e * e * e
            }
        }
    }

    /// Reads runs.csv at `path` and returns the text of summary.csv.
    ///
    /// - Throws: ``EMLabError`` `.io` if the file cannot be read, `.invalidData` if it is not a runs.csv.
    public static func summarise(runsPath path: String) throws -> String {
        let reader = try CSVFileReader(path: path)
        let header = reader.header
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else { throw EMLabError(.invalidData, "\(path): no column '\(name)'; is this a runs.csv?") }
            return i
        }
        let factorIndices = try RunsTable.factorColumns.map(column)
        let errorNames = header.filter { $0.hasPrefix("weightError") || $0.hasPrefix("meanError") || $0.hasPrefix("sdError") }
        let errorIndices = try errorNames.map(column)
        let flagIndices = try RunsTable.flagColumns.map(column)
        let selectedIndex = try column("selected"), iterationsIndex = try column("iterations")
        let stopIndex = try column("stopReason"), reachedIndex = try column("reachedBest")
        let medianIndices = try Self.medianColumns.map(column)

        // Accumulators live in an array and are changed in place: copying one
        // out of a dictionary and back would copy its arrays on every row.
        var groups: [Accumulator] = []
        var position: [String: Int] = [:]
        while let row = try reader.nextRow() {
            let line = reader.lineNumber
            guard row.count == header.count else {
                throw EMLabError(.invalidData, "\(path):\(line): has \(row.count) fields, the header has \(header.count)")
            }
            let key = row[factorIndices[0]]
            let index: Int
            if let known = position[key] { index = known } else {
                index = groups.count
                position[key] = index
                groups.append(Accumulator(factors: factorIndices.map { row[$0] }, parameters: errorIndices.count, flags: flagIndices.count))
            }
            Self.add(row, to: &groups[index], selected: selectedIndex, reached: reachedIndex, iterations: iterationsIndex,
                     stop: stopIndex, medians: medianIndices, flags: flagIndices, errors: errorIndices)
        }

        let parameterNames = errorNames.map { $0.replacingOccurrences(of: "Error", with: "") }
        var header2 = RunsTable.factorColumns + ["replicates", "fits"]
        for name in parameterNames { header2 += ["\(name)_n", "\(name)_bias", "\(name)_biasSE", "\(name)_rmse", "\(name)_rmseSE"] }
        header2 += ["iterationsMedian", "iterationsQ1", "iterationsQ3"] + Self.medianColumns.map { "\($0)Median" }
        header2 += stopReasonColumns.map { "stop_\($0)" } + RunsTable.flagColumns.map { "rate_\($0)" }
        header2 += ["rate_reachedBest", "rate_startsReachedBest"]
        var text = CSVFormat.row(header2)
        for g in groups {
            var fields = g.factors + [String(g.replicates), String(g.fits)]
            for j in parameterNames.indices {
                let n = Double(g.errorCount[j])
                if g.errorCount[j] == 0 { fields += ["0", "", "", "", ""]; continue }
                let mean = g.errorSum[j] / n
                let meanSquare = g.errorSquares[j] / n
                let rmse = meanSquare.squareRoot()
                let variance = n > 1 ? max(g.errorSquares[j] - n * mean * mean, 0) / (n - 1) : .nan
                let varianceOfSquares = n > 1 ? max(g.errorFourth[j] - n * meanSquare * meanSquare, 0) / (n - 1) : .nan
                let rmseSE = rmse > 0 ? varianceOfSquares.squareRoot() / (2 * rmse * n.squareRoot()) : 0
                fields += [String(g.errorCount[j]), formatNumber(mean), formatNumber((variance / n).squareRoot()),
                           formatNumber(rmse), formatNumber(rmseSE)]
            }
            let sorted = g.iterations.sorted()
            fields += [quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75)].map(formatNumber)
            fields += g.medianValues.map { $0.isEmpty ? "" : formatNumber(quantile($0.sorted(), 0.5)) }
            let r = Double(max(g.replicates, 1))
            fields += stopReasonColumns.map { formatNumber(Double(g.stopReasons[$0, default: 0]) / r) }
            fields += g.flags.map { formatNumber(Double($0) / r) }
            fields += [formatNumber(Double(g.reachedBest) / r), formatNumber(Double(g.startsReachedBest) / Double(max(g.fits, 1)))]
            text += CSVFormat.row(fields)
        }
        return text
    }
}
