import Foundation

/// `esteps-vs-em.svg`: each accelerated scheme's E-steps against plain EM's
/// on the same data set, one point per data set, log–log, with y = x.
///
/// Rows of runs.csv (selected fits) are paired by truth, sampler, n, init and
/// replicate: the same data set (the study's seeds depend on these, not on the
/// estimator) fitted from the same start rule. Plain EM is the estimator with
/// no acceleration and the same model form (``PlotConvergence/acceleratedPairs(experiment:)``).
/// A point below the line is a data set on which the scheme needed fewer
/// E-step passes; turboEM reports the same comparison as a table of medians
/// (Bobb & Varadhan 2014, turboEM manual), which `esteps.svg` draws per condition.
extension PlotScripts {
    /// The scatter for `pairs` from runs.csv at `runsPath`, or nil when there
    /// is no pair or no data set both estimators of a pair fitted.
    ///
    /// - Complexity: O(F) for F rows of runs.csv.
    /// - Throws: ``EMLabError`` `.io` if runs.csv cannot be read,
    ///   `.invalidData` if it lacks a column every runs.csv has.
    static func eStepsVersusEM(runsPath: String, pairs: [(plain: String, accelerated: String)]) throws -> PlotFiles? {
        guard !pairs.isEmpty else { return nil }
        let table = try PlotTable(path: runsPath)
        let keyColumns = try ["truth", "sampler", "n", "init", "replicate"].map { try table.column($0) }
        let estimatorColumn = try table.column("estimator"), selectedColumn = try table.column("selected")
        let eStepsColumn = try table.column("eSteps")
        let wanted = Set(pairs.flatMap { [$0.plain, $0.accelerated] })
        // estimator → data-set key → E-steps, and the keys in file order.
        var eSteps: [String: [[String]: Double]] = [:]
        var keys: [[String]] = []
        var seen: Set<[String]> = []
        while let row = try table.nextRow() {
            func cell(_ index: Int) -> String { index < row.count ? row[index] : "" }
            let estimator = cell(estimatorColumn)
            guard cell(selectedColumn) == "1", wanted.contains(estimator),
                let value = parseNumber(cell(eStepsColumn)), value.isFinite, value > 0
            else { continue }
            let key = keyColumns.map(cell)
            eSteps[estimator, default: [:]][key] = value
            if seen.insert(key).inserted { keys.append(key) }
        }
        let name = "esteps-vs-em"
        var script = Gnuplot.preamble(
            name: name,
            description: "E-steps of each accelerated scheme against plain EM's on the same data set (one point per data set and start rule; y = x dashed)")
        var data =
            "# \(name).dat — written by emlab from runs.csv (selected fits)\n"
            + "# One block per (plain, accelerated) pair; x = plain EM's eSteps, y = the scheme's, per truth × sampler × n × init × replicate.\n"
        var drawn: [(label: String, index: Int)] = []
        var low = Double.infinity, high = 0.0
        for (plain, accelerated) in pairs {
            guard let xs = eSteps[plain], let ys = eSteps[accelerated] else { continue }
            var rows = "", ratios: [Double] = []
            for key in keys {
                guard let x = xs[key], let y = ys[key] else { continue }
                rows += "\(Gnuplot.number(x)) \(Gnuplot.number(y)) \(key.joined(separator: " "))\n"
                ratios.append(y / x)
                low = min(low, x, y)
                high = max(high, x, y)
            }
            guard !rows.isEmpty else { continue }
            data +=
                (drawn.isEmpty ? "\n" : "\n\n")
                + "# index \(drawn.count): \(accelerated) vs \(plain)\n# plainESteps schemeESteps truth sampler n init replicate\n" + rows
            let median = medianOfSorted(ratios.sorted())
            drawn.append(("\(accelerated) vs \(plain) (median ratio \(String(format: "%.2g", median)), \(ratios.count) data sets)", drawn.count))
        }
        guard !drawn.isEmpty else { return nil }
        script += PlotConvergence.eStepsScatter(
            name: name, drawn: drawn, title: "E-steps per data set: each scheme against plain EM (same data, same start)",
            xLabel: "plain EM, E-steps", yLabel: "scheme, E-steps",
            ranges: "set xrange [\(Gnuplot.number(low / 1.5)):\(Gnuplot.number(high * 1.5))]\n"
                + "set yrange [\(Gnuplot.number(low / 1.5)):\(Gnuplot.number(high * 1.5))]\n",
            keyFont: 9, pointSize: "0.35", equalLabel: "y = x (equal E-steps)")
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }

    /// The median of an ascending array (mean of the middle two for an even count).
    private static func medianOfSorted(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    }
}
