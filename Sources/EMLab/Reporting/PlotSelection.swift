import Foundation

/// The plot of `emlab select --plot FILE.svg` (or `.png`, `.pdf`: ``PlotFormat``): AIC, BIC and ICL (lower is
/// better) against K, one colour per criterion, solid for per-component and
/// dashed for shared variance, the best model of each criterion circled.
/// A model whose every start collapsed has no point, and its line breaks
/// there. Beside the plot go its data (`FILE.dat`) and script (`FILE.gp`),
/// as for a study's plots: edit the script and run `gnuplot FILE.gp`.
public enum PlotSelection {
    static let criterionColors: [InformationCriteria.Criterion: String] = [.aic: "#1f77b4", .bic: "#d62728", .icl: "#2ca02c"]

    /// The data file and script.
    static func files(_ selection: ModelSelection, name: String, count n: Int, format: PlotFormat = .svg) -> PlotFiles {
        var script = Gnuplot.preamble(name: name, description: "information criteria (lower is better) against K", format: format)
        let variances = SelectionReport.uniqueVariances(selection)
        var data =
            "# \(name).dat — written by emlab select\n"
            + "# One block (gnuplot index) per variance model and criterion; x = K, y = criterion (lower is better).\n"
            + "# A blank line breaks a line where a model collapsed at every start (no criteria).\n"
        let dataFile = Gnuplot.quoted("\(name).dat")
        var index = 0
        var plots: [String] = []
        for (v, variance) in variances.enumerated() {
            let models = selection.models.filter { $0.variance == variance }.sorted { $0.components < $1.components }
            for criterion in InformationCriteria.Criterion.allCases {
                data += (index == 0 ? "\n" : "\n\n") + "# index \(index): variance=\(variance) criterion=\(criterion.rawValue)\n# K value\n"
                for model in models {
                    if let c = model.criteria { data += "\(model.components) \(Gnuplot.number(c[criterion]))\n" } else { data += "\n" }
                }
                let title = "\(criterion.rawValue), \(variance)"
                plots.append(
                    "\(dataFile) index \(index) using 1:2 with linespoints lc rgb \"\(criterionColors[criterion]!)\" "
                        + "lw 1.5 dt \(v == 0 ? 1 : 2) pt \(v == 0 ? 7 : 5) ps 0.8 title \(Gnuplot.literal(title))")
                index += 1
            }
        }
        data += "\n\n# index \(index): the best model by each criterion\n# K value criterion\n"
        var any = false
        for choice in selection.selected {
            let model = selection.models[choice.model]
            data += "\(model.components) \(Gnuplot.number(choice.value)) \(choice.criterion.rawValue)\n"
            any = true
        }
        if any {
            plots.append("\(dataFile) index \(index) using 1:2 with points lc rgb \"black\" pt 6 ps 2.2 title 'best by each criterion'")
        }
        let ks = selection.models.map(\.components)
        guard selection.models.contains(where: { $0.criteria != nil }), let low = ks.min(), let high = ks.max() else {
            script += "set title 'Information criteria against K'\n" + Gnuplot.emptyPlot("no model could be scored: every start collapsed")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
        }
        script += """
            set title \(Gnuplot.literal("Information criteria against K (lower is better), n = \(n)"))
            set xlabel 'K, the number of components'
            set ylabel 'criterion (−2ℓ + penalty)'
            set xrange [\(Double(low) - 0.3):\(Double(high) + 0.3)]
            set xtics 1
            set grid lc rgb "#dddddd"
            set key outside right top font ",10"

            """
        script += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }

    /// Writes `path` (`.svg`, `.png` or `.pdf`, drawn in the format its
    /// extension names), its `.dat` and `.gp` beside it, and runs gnuplot.
    ///
    /// - Throws: ``EMLabError`` `.io` when gnuplot is missing or fails, or a
    ///   file cannot be written; `.invalidOption` for another extension.
    public static func draw(_ selection: ModelSelection, count n: Int, to path: String) throws {
        let format = try PlotFormat.of(path: path, option: "--plot")
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let name = String(url.lastPathComponent.dropLast(format.fileExtension.count + 1))
        let plot = files(selection, name: name, count: n, format: format)
        for file in plot.dataFiles { try AtomicFile.write(file.contents, to: folder.appendingPathComponent(file.fileName).path) }
        try AtomicFile.write(plot.script, to: folder.appendingPathComponent("\(name).gp").path)
        try Gnuplot.render(name: name, in: folder, gnuplot: try Gnuplot.executable(), format: format)
    }
}
