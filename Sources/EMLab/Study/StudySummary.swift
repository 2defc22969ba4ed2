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
///
/// When runs.csv has interval columns (an estimator with `intervals`), for
/// every parameter: the coverage p̂, the share of selected fits whose
/// interval holds the truth (after label alignment; the truth is recovered
/// from the row as aligned estimate − error), its Monte Carlo SE
/// √(p̂(1 − p̂)/n), and the mean width (Morris, White & Crowther 2019,
/// Table 6). When it has `kAIC`, `kBIC`, `kICL` (`select_k`): per criterion
/// the share of replicates that chose the true K — SimDesign's empirical
/// coverage/detection rate, `ECR` — with its MCSE √(p̂(1 − p̂)/R), and the
/// shares that chose more and fewer components. When it has the remedy
/// columns (an estimator with `remedy`): over the selected fits with them
/// filled, the share where the remedy was active and the share where it
/// changed the fit, each with its MCSE √(p̂(1 − p̂)/n). When it has the
/// reference maximum's columns (a `[reference]` table, ``ReferenceMaximum``):
/// over the selected fits, the rate of each of turboEM's failures
/// (`failError`, `failNotConverged`, `failWorse`) with its MCSE, and the
/// median shortfall ℓ_ref − ℓ of the fits that failed worse.
public enum StudySummary {
    struct Accumulator {
        var factors: [String]
        var replicates = 0
        var fits = 0
        var startsReachedBest = 0
        /// The first of this condition's series in the ``OrderStatistics``: the selected
        /// fits' iteration counts, then each ``medianColumns`` column (finite values only).
        var firstSeries: Int
        var stopReasons: [String: Int] = [:]
        var flags: [Int]
        var reachedBest = 0
        var errorCount: [Int], errorSum: [Double], errorSquares: [Double], errorFourth: [Double]
        /// Per parameter: intervals counted, those holding the truth, the sum of their widths.
        var intervalCount: [Int], intervalHits: [Int], widthSum: [Double]
        /// Per criterion: how often each K was chosen (0: none).
        var chosen: [[Int: Int]] = Array(repeating: [:], count: RunsTable.selectionColumnNames.count)
        /// Selected rows with some criterion's choice filled (0: the condition did not select K).
        var selectionRows = 0
        /// The condition's K: the most estimate columns filled on any of its rows.
        var components = 0
        /// Selected rows with the remedy columns filled, those where the remedy was active, and those where it changed the fit.
        var remedyRows = 0, remedyActive = 0, remedyChanged = 0
        /// Selected rows with each of turboEM's failures (``ReferenceMaximum/failureColumns``).
        var failures = [0, 0, 0]

        init(factors: [String], parameters: Int, flags: Int, firstSeries: Int) {
            self.factors = factors
            self.firstSeries = firstSeries
            self.flags = Array(repeating: 0, count: flags)
            errorCount = Array(repeating: 0, count: parameters)
            errorSum = Array(repeating: 0, count: parameters)
            errorSquares = Array(repeating: 0, count: parameters)
            errorFourth = Array(repeating: 0, count: parameters)
            intervalCount = Array(repeating: 0, count: parameters)
            intervalHits = Array(repeating: 0, count: parameters)
            widthSum = Array(repeating: 0, count: parameters)
        }
    }

    static let stopReasonColumns = StopReason.allCases.map(\.rawValue) + ["no-start"]

    /// runs.csv columns summarised by their median over the selected fits
    /// (non-finite and empty values left out), as `<name>Median`.
    public static let medianColumns = ["eSteps", "rateTheoretical", "rateEmpirical", "logLikelihoodGap", "iterationsPredicted"]

    /// The Monte Carlo standard error of a proportion p̂ over n replicates,
    /// √(p̂(1 − p̂)/n) (Morris, White & Crowther 2019, *Statistics in
    /// Medicine* 38(11), Table 6, for coverage; the same for SimDesign's ECR).
    ///
    /// - Returns: 0 at p̂ = 0 or 1 (the binomial estimate, not a bound).
    /// - Complexity: O(1).
    public static func proportionSE(_ p: Double, count n: Double) -> Double {
        (max(p * (1 - p), 0) / n).squareRoot()
    }

    /// The type-7 quantile of sorted values.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        quantile(count: sorted.count, p) { sorted[$0] }
    }

    /// The 0-based ranks the type-7 quantile `p` of `count` values interpolates between.
    static func quantileRanks(count: Int, _ p: Double) -> (lower: Int, upper: Int, fraction: Double) {
        let h = Double(count - 1) * p
        let lower = Int(h.rounded(.down))
        return (lower, min(lower + 1, count - 1), h - Double(lower))
    }

    /// The type-7 quantile `p` of `count` values, given their order statistics (`value(rank)`, 0-based); NaN when there are none.
    static func quantile(count: Int, _ p: Double, value: (Int) -> Double) -> Double {
        guard count > 0 else { return .nan }
        let (lower, upper, fraction) = quantileRanks(count: count, p)
        return value(lower) + fraction * (value(upper) - value(lower))
    }

    /// Where a parameter's interval is read from runs.csv: its error, its
    /// estimate columns 1…K (unaligned), and its interval's bounds (aligned).
    struct IntervalColumns {
        var error: Int
        var estimates: [Int]
        var component: Int
        var low: Int
        var high: Int
    }

    /// The runs.csv columns the coverage and selection summaries read.
    struct InferenceColumns {
        var intervals: [IntervalColumns]
        var permutation: Int
        var means: [Int]
        var chosen: [Int]
    }

    /// Whether the interval of one selected row holds the truth, and its width;
    /// nil when the row has no finite interval, error or estimate for it.
    ///
    /// The truth of true component k is θ̂_{p(k)} − e_k: the estimate the
    /// permutation p matched to it minus the recorded error.
    static func interval(_ row: CSVRecord, _ c: IntervalColumns, permutation: [Int]) -> (holds: Bool, width: Double)? {
        guard let low = row.number(c.low), let high = row.number(c.high), low.isFinite, high.isFinite,
            let error = row.number(c.error), error.isFinite,
            c.component < permutation.count, permutation[c.component] < c.estimates.count,
            let estimate = row.number(c.estimates[permutation[c.component]]), estimate.isFinite
        else { return nil }
        let truth = estimate - error
        return (low <= truth && truth <= high, high - low)
    }

    /// Adds one runs.csv row to its condition's accumulator.
    static func add(
        _ row: CSVRecord, to g: inout Accumulator, selected: Int, reached: Int, iterations: Int, stop: Int,
        medians: [Int], flags: [Int], errors: [Int], inference: InferenceColumns? = nil, orderStatistics: OrderStatistics
    ) throws {
        g.fits += 1
        if let inference {
            g.components = max(g.components, inference.means.filter { !row.isEmpty($0) }.count)
            if row.field(selected, is: "1") {
                let permutation = row[inference.permutation].split(separator: " ").compactMap { Int($0) }.map { $0 - 1 }
                for (j, c) in inference.intervals.enumerated() {
                    guard let found = interval(row, c, permutation: permutation) else { continue }
                    g.intervalCount[j] += 1
                    if found.holds { g.intervalHits[j] += 1 }
                    g.widthSum[j] += found.width
                }
                for (j, i) in inference.chosen.enumerated() { g.chosen[j][Int(row[i]) ?? 0, default: 0] += 1 }
                if inference.chosen.contains(where: { !row.isEmpty($0) }) { g.selectionRows += 1 }
            }
        }
        if row.field(reached, is: "1") { g.startsReachedBest += 1 }
        guard row.field(selected, is: "1") else { return }
        g.replicates += 1
        if let count = Double(row[iterations]), !count.isNaN { try orderStatistics.add(count, series: g.firstSeries) }
        for (j, i) in medians.enumerated() {
            if let value = row.number(i), value.isFinite { try orderStatistics.add(value, series: g.firstSeries + 1 + j) }
        }
        g.stopReasons[row[stop], default: 0] += 1
        for (j, i) in flags.enumerated() where row.field(i, is: "1") { g.flags[j] += 1 }
        if row.field(reached, is: "1") { g.reachedBest += 1 }
        for (j, i) in errors.enumerated() {
            if let e = row.number(i), e.isFinite {
                g.errorCount[j] += 1
                g.errorSum[j] += e
                g.errorSquares[j] += e * e
                g.errorFourth[j] += e * e * e * e
            }
        }
    }

    /// Reads runs.csv at `path` and returns the text of summary.csv.
    ///
    /// - Throws: ``EMLabError`` `.io` if the file cannot be read, `.invalidData` if it is not a runs.csv.
    public static func summarise(runsPath path: String) throws -> String {
        let reader = try RunsReader(path: path)
        let header = reader.columns.header
        let column = reader.columns.index
        let factorIndices = reader.columns.factors
        let errorNames = header.filter { $0.hasPrefix("weightError") || $0.hasPrefix("meanError") || $0.hasPrefix("sdError") }
        let errorIndices = try errorNames.map(column)
        let flagIndices = try RunsTable.flagColumns.map(column)
        let selectedIndex = reader.columns.selected, iterationsIndex = reader.columns.iterations
        let stopIndex = reader.columns.stopReason, reachedIndex = reader.columns.reachedBest
        let medianIndices = try Self.medianColumns.map(column)
        // The coverage and selection columns, when the study recorded them.
        let hasIntervals = header.contains("weightLow1"), hasSelection = header.contains(RunsTable.selectionColumnNames[0])
        let remedyIndices = header.contains("remedyActive") ? (try column("remedyActive"), try column("remedyChanged")) : nil
        let failureIndices = header.contains("failWorse") ? try ReferenceMaximum.failureColumns.map(column) : nil
        let referenceIndex = failureIndices != nil ? try column("logLikelihoodReference") : 0
        var inference: InferenceColumns?
        if hasIntervals || hasSelection {
            let componentColumns = header.filter { $0.hasPrefix("mean") && Int($0.dropFirst(4)) != nil }.count
            inference = InferenceColumns(
                intervals: try (hasIntervals ? errorNames : []).map { name in
                    let base = String(name.prefix { $0.isLetter && $0.isLowercase })  // weight, mean, sd
                    let k = Int(name.drop { !$0.isNumber })!
                    return IntervalColumns(
                        error: try column(name), estimates: try (1...componentColumns).map { try column("\(base)\($0)") },
                        component: k - 1, low: try column("\(base)Low\(k)"), high: try column("\(base)High\(k)"))
                },
                permutation: try column("permutation"), means: try (1...componentColumns).map { try column("mean\($0)") },
                chosen: try (hasSelection ? RunsTable.selectionColumnNames : []).map(column))
        }

        // Accumulators live in an array and are changed in place: copying one
        // out of a dictionary and back would copy its arrays on every row.
        var groups: [Accumulator] = []
        var position: [String: Int] = [:]
        // The medians and quartiles need every value, which would grow with the
        // rows: they are kept aside (spilled to disk when many) and selected exactly.
        let orderStatistics = OrderStatistics(folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        // The selected fits' iterations, each median column, then (with a reference) the shortfalls of the worse fits.
        let shortfallSeries = 1 + Self.medianColumns.count
        let seriesPerGroup = shortfallSeries + (failureIndices != nil ? 1 : 0)
        while let run = try reader.next() {
            let row = run.record
            let key = row[factorIndices[0]]
            let index: Int
            if let known = position[key] {
                index = known
            } else {
                index = groups.count
                position[key] = index
                groups.append(
                    Accumulator(
                        factors: factorIndices.map { row[$0] }, parameters: errorIndices.count, flags: flagIndices.count,
                        firstSeries: index * seriesPerGroup))
            }
            try Self.add(
                row, to: &groups[index], selected: selectedIndex, reached: reachedIndex, iterations: iterationsIndex,
                stop: stopIndex, medians: medianIndices, flags: flagIndices, errors: errorIndices, inference: inference,
                orderStatistics: orderStatistics)
            if let (active, changed) = remedyIndices, row.field(selectedIndex, is: "1"), !row.isEmpty(active) {
                groups[index].remedyRows += 1
                if row.field(active, is: "1") { groups[index].remedyActive += 1 }
                if row.field(changed, is: "1") { groups[index].remedyChanged += 1 }
            }
            if let failureIndices, row.field(selectedIndex, is: "1") {
                for (j, i) in failureIndices.enumerated() where row.field(i, is: "1") { groups[index].failures[j] += 1 }
                if row.field(failureIndices[2], is: "1"), let reference = row.number(referenceIndex), let value = row.number(reader.columns.logLikelihood) {
                    try orderStatistics.add(reference - value, series: groups[index].firstSeries + shortfallSeries)
                }
            }
        }
        // Every rank any quantile below needs, selected in one set of passes.
        let quartiles = [0.5, 0.25, 0.75]
        var requests: [(series: Int, rank: Int)] = []
        for g in groups {
            for (j, series) in (g.firstSeries..<g.firstSeries + seriesPerGroup).enumerated() {
                let count = orderStatistics.count(of: series)
                guard count > 0 else { continue }
                for p in j == 0 ? quartiles : [0.5] {
                    let (lower, upper, _) = quantileRanks(count: count, p)
                    requests += [(series, lower), (series, upper)]
                }
            }
        }
        var orderStatistic: [Int: [Int: Double]] = [:]
        for (request, value) in zip(requests, try orderStatistics.select(requests)) { orderStatistic[request.series, default: [:]][request.rank] = value }
        func seriesQuantile(_ series: Int, _ p: Double) -> Double {
            quantile(count: orderStatistics.count(of: series), p) { orderStatistic[series]![$0]! }
        }

        let parameterNames = errorNames.map { $0.replacingOccurrences(of: "Error", with: "") }
        var header2 = RunsTable.factorColumns + ["replicates", "fits"]
        for name in parameterNames { header2 += ["\(name)_n", "\(name)_bias", "\(name)_biasSE", "\(name)_rmse", "\(name)_rmseSE"] }
        header2 += ["iterationsMedian", "iterationsQ1", "iterationsQ3"] + Self.medianColumns.map { "\($0)Median" }
        header2 += stopReasonColumns.map { "stop_\($0)" } + RunsTable.flagColumns.map { "rate_\($0)" }
        header2 += ["rate_reachedBest", "rate_startsReachedBest"]
        if hasIntervals {
            for name in parameterNames { header2 += ["\(name)_coverageN", "\(name)_coverage", "\(name)_coverageSE", "\(name)_width"] }
        }
        let criteria = InformationCriteria.Criterion.allCases.map(\.rawValue)
        if hasSelection {
            for name in criteria { header2 += ["ecr\(name)", "ecr\(name)SE", "over\(name)", "under\(name)"] }
        }
        if remedyIndices != nil { header2 += ["remedyN", "rate_remedyActive", "rate_remedyActiveSE", "rate_remedyChanged", "rate_remedyChangedSE"] }
        if failureIndices != nil {
            for name in ReferenceMaximum.failureColumns { header2 += ["rate_\(name)", "rate_\(name)SE"] }
            header2.append("shortfallMedian")
        }
        var text = CSVFormat.row(header2)
        for g in groups {
            var fields = g.factors + [String(g.replicates), String(g.fits)]
            for j in parameterNames.indices {
                let n = Double(g.errorCount[j])
                if g.errorCount[j] == 0 {
                    fields += ["0", "", "", "", ""]
                    continue
                }
                let mean = g.errorSum[j] / n
                let meanSquare = g.errorSquares[j] / n
                let rmse = meanSquare.squareRoot()
                let variance = n > 1 ? max(g.errorSquares[j] - n * mean * mean, 0) / (n - 1) : .nan
                let varianceOfSquares = n > 1 ? max(g.errorFourth[j] - n * meanSquare * meanSquare, 0) / (n - 1) : .nan
                let rmseSE = rmse > 0 ? varianceOfSquares.squareRoot() / (2 * rmse * n.squareRoot()) : 0
                fields += [
                    String(g.errorCount[j]), formatNumber(mean), formatNumber((variance / n).squareRoot()),
                    formatNumber(rmse), formatNumber(rmseSE)
                ]
            }
            fields += quartiles.map { formatNumber(seriesQuantile(g.firstSeries, $0)) }
            fields += (1..<shortfallSeries).map { j in
                let median = seriesQuantile(g.firstSeries + j, 0.5)
                return median.isNaN ? "" : formatNumber(median)
            }
            let r = Double(max(g.replicates, 1))
            fields += stopReasonColumns.map { formatNumber(Double(g.stopReasons[$0, default: 0]) / r) }
            fields += g.flags.map { formatNumber(Double($0) / r) }
            fields += [formatNumber(Double(g.reachedBest) / r), formatNumber(Double(g.startsReachedBest) / Double(max(g.fits, 1)))]
            if hasIntervals {
                for j in parameterNames.indices {
                    guard g.intervalCount[j] > 0 else {
                        fields += ["0", "", "", ""]
                        continue
                    }
                    let n = Double(g.intervalCount[j])
                    let p = Double(g.intervalHits[j]) / n
                    fields += [
                        String(g.intervalCount[j]), formatNumber(p), formatNumber(proportionSE(p, count: n)),
                        formatNumber(g.widthSum[j] / n)
                    ]
                }
            }
            if hasSelection {
                for j in criteria.indices {
                    guard g.selectionRows > 0 else {
                        fields += ["", "", "", ""]
                        continue
                    }
                    let correct = Double(g.chosen[j][g.components, default: 0]) / r
                    let over = Double(g.chosen[j].filter { $0.key > g.components }.map(\.value).reduce(0, +)) / r
                    let under = Double(g.chosen[j].filter { $0.key > 0 && $0.key < g.components }.map(\.value).reduce(0, +)) / r
                    fields += [formatNumber(correct), formatNumber(proportionSE(correct, count: r)), formatNumber(over), formatNumber(under)]
                }
            }
            if remedyIndices != nil {
                if g.remedyRows == 0 {
                    fields += ["0", "", "", "", ""]
                } else {
                    let n = Double(g.remedyRows)
                    let active = Double(g.remedyActive) / n, changed = Double(g.remedyChanged) / n
                    fields += [
                        String(g.remedyRows), formatNumber(active), formatNumber(proportionSE(active, count: n)),
                        formatNumber(changed), formatNumber(proportionSE(changed, count: n))
                    ]
                }
            }
            if failureIndices != nil {
                for count in g.failures {
                    let p = Double(count) / r
                    fields += [formatNumber(p), formatNumber(proportionSE(p, count: r))]
                }
                let shortfall = seriesQuantile(g.firstSeries + shortfallSeries, 0.5)
                fields.append(shortfall.isNaN ? "" : formatNumber(shortfall))
            }
            text += CSVFormat.row(fields)
        }
        return text
    }
}
