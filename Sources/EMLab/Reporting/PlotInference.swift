import Foundation

/// The inference plots of a study, from summary.csv, each drawn only when
/// the study recorded its columns:
///
/// - `coverage.svg`: coverage against n (log axis), one panel each for the
///   weights, means and sds (the average of `P_coverage` over the
///   components of that kind), one line per truth × estimator, with the
///   0.95 reference and its band ±1.96·MCSE at the largest replicate count.
/// - `selection.svg`: the share of replicates in which AIC, BIC and ICL
///   chose the true K (`ecrC`) against n, one panel per truth, one line per
///   criterion × estimator.
enum PlotInference {
    /// One line: the conditions sharing truth and estimator, by n.
    struct Line {
        var truth: String
        var estimator: String
        /// (n, value, condition), in summary order.
        var points: [(n: Double, value: Double, condition: Int)]
    }

    /// Lines of `value(index)` against n, per (truth, estimator), in order of first appearance.
    static func lines(_ summary: PlotSummary, _ value: (Int) -> Double?) -> [Line] {
        var lines: [Line] = []
        for (index, condition) in summary.conditions.enumerated() {
            guard let y = value(index), let n = summary.number(index, "n") else { continue }
            let truth = condition.factors["truth"] ?? "", estimator = condition.factors["estimator"] ?? ""
            if let i = lines.firstIndex(where: { $0.truth == truth && $0.estimator == estimator }) {
                lines[i].points.append((n, y, condition.number))
            } else {
                lines.append(Line(truth: truth, estimator: estimator, points: [(n, y, condition.number)]))
            }
        }
        return lines
    }

    /// The data blocks of `lines` (one gnuplot index each, sorted by n).
    static func blocks(_ lines: [Line], header: String) -> String {
        var data = header
        for (index, line) in lines.enumerated() {
            data += (index == 0 ? "\n" : "\n\n") + "# index \(index): truth=\(line.truth) estimator=\(line.estimator)\n# n value condition\n"
            for p in line.points.sorted(by: { $0.n < $1.n }) { data += "\(Gnuplot.number(p.n)) \(Gnuplot.number(p.value)) \(p.condition)\n" }
        }
        return data
    }

    /// `coverage.svg`, or nil when summary.csv has no coverage columns.
    static func coverage(summary: PlotSummary) -> PlotFiles? {
        guard summary.header.contains("weight1_coverage") else { return nil }
        let name = "coverage"
        let kinds = ["weight", "mean", "sd"]
        var files: [(fileName: String, contents: String)] = []
        var allLines: [[Line]] = []
        for kind in kinds {
            let columns = summary.header.filter { $0.hasPrefix(kind) && $0.hasSuffix("_coverage") && Int($0.dropFirst(kind.count).dropLast(9)) != nil }
            allLines.append(
                lines(summary) { index in
                    let values = columns.compactMap { summary.number(index, $0) }
                    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
                })
        }
        // A line keeps its style in every panel.
        var keys: [String] = []
        for line in allLines.joined() where !keys.contains("\(line.truth), \(line.estimator)") { keys.append("\(line.truth), \(line.estimator)") }
        let replicates = summary.conditions.indices.compactMap { summary.number($0, "replicates") }.max() ?? 1
        let band = 1.96 * (0.95 * 0.05 / replicates).squareRoot()
        for (k, kind) in kinds.enumerated() {
            let file = "\(name)-\(kind).dat"
            files.append(
                (
                    file,
                    blocks(
                        allLines[k],
                        header: "# \(file) — written by emlab from summary.csv\n"
                            + "# One block per truth × estimator; x = n, y = mean over components of \(kind)<k>_coverage.\n")
                ))
        }
        var script = Gnuplot.preamble(name: name, description: "coverage of the intervals against n: weights, means, sds")
            .replacingOccurrences(of: "size 900,600", with: "size 1200,520")
        script += Gnuplot.lineStyles(max(keys.count, 1))
        script += """
            set multiplot layout 1,3 title "Coverage of the intervals against n (mean over components; dashed: 0.95 ± 1.96·MCSE at \(Int(replicates)) replicates)"
            set logscale x
            set xrange [30:20000]
            set xlabel 'n'
            set yrange [0.5:1]
            set grid lc rgb "#dddddd"

            """
        for (k, kind) in kinds.enumerated() {
            let file = "\(name)-\(kind).dat"
            script += "set title '\(kind)s'\n"
            script += k == 0 ? "set key bottom right font \",8\"\n" : "unset key\n"
            let curves = allLines[k].enumerated().map { index, line in
                let style = keys.firstIndex(of: "\(line.truth), \(line.estimator)")! + 1
                return "'\(file)' index \(index) using 1:2 with linespoints ls \(style) title \(Gnuplot.literal("\(line.truth), \(line.estimator)"))"
            }
            let references = [
                "0.95 with lines lc rgb \"#555555\" dt 1 notitle",
                "\(Gnuplot.number(0.95 - band)) with lines lc rgb \"#999999\" dt 2 notitle",
                "\(Gnuplot.number(0.95 + band)) with lines lc rgb \"#999999\" dt 2 notitle"
            ]
            script += "plot " + (curves.isEmpty ? ["0.95 notitle"] : curves + references).joined(separator: ", \\\n     ") + "\n"
        }
        script += "unset multiplot\n"
        return PlotFiles(name: name, dataFiles: files, script: script)
    }

    /// `selection.svg`, or nil when summary.csv has no selection columns.
    static func selection(summary: PlotSummary) -> PlotFiles? {
        guard summary.header.contains("ecrBIC") else { return nil }
        let name = "selection"
        let criteria = InformationCriteria.Criterion.allCases.map(\.rawValue)
        var truths: [String] = []
        var curves: [(truth: String, criterion: String, line: Line)] = []
        for criterion in criteria {
            for line in lines(summary, { summary.number($0, "ecr\(criterion)") }) {
                if !truths.contains(line.truth) { truths.append(line.truth) }
                curves.append((line.truth, criterion, line))
            }
        }
        let data = blocks(
            curves.map(\.line),
            header: "# \(name).dat — written by emlab from summary.csv\n"
                + "# One block per criterion × truth × estimator (in that order); x = n, y = ecr<criterion>.\n")
        var keys: [String] = []
        for curve in curves where !keys.contains("\(curve.criterion), \(curve.line.estimator)") {
            keys.append("\(curve.criterion), \(curve.line.estimator)")
        }
        var script = Gnuplot.preamble(name: name, description: "share of replicates choosing the true K, per criterion, against n")
            .replacingOccurrences(of: "size 900,600", with: "size 1200,\(truths.count > 2 ? 800 : 480)")
        script += Gnuplot.lineStyles(max(keys.count, 1))
        let columns = min(truths.count, 2), rows = (truths.count + 1) / 2
        script += """
            set multiplot layout \(max(rows, 1)),\(max(columns, 1)) title "Share of replicates in which each criterion chose the true K"
            set logscale x
            set xrange [30:20000]
            set xlabel 'n'
            set ylabel 'ECR'
            set yrange [0:1.02]
            set grid lc rgb "#dddddd"

            """
        for (t, truth) in truths.enumerated() {
            script += "set title \(Gnuplot.literal("truth \(truth)"))\n"
            script += t == 0 ? "set key bottom right font \",8\"\n" : "unset key\n"
            let plotted = curves.enumerated().filter { $0.element.truth == truth }.map { index, curve in
                let style = keys.firstIndex(of: "\(curve.criterion), \(curve.line.estimator)")! + 1
                return
                    "'\(name).dat' index \(index) using 1:2 with linespoints ls \(style) title \(Gnuplot.literal("\(curve.criterion), \(curve.line.estimator)"))"
            }
            script += "plot " + plotted.joined(separator: ", \\\n     ") + "\n"
        }
        script += "unset multiplot\n"
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }
}
