import Foundation

/// `emlab fit --plot FILE.svg` (or `.png`, `.pdf`: ``PlotFormat``): a
/// ``FitPicture`` drawn by gnuplot as one file.
///
/// One panel per fit: the data's histogram on the density scale, each
/// component's weighted density w_k·φ(x; μ_k, σ_k) in its colour, the mixture
/// density in black and, when known, the truth dashed. A component whose σ is
/// below the drawing grid's step (collapsing onto a value) is marked by a
/// vertical line with its σ. Below, one panel with every fit's log-likelihood
/// trace ℓ(t). The data travel inside the script as gnuplot datablocks, so
/// the plot is the only file written.
public enum FitPlot {
    /// Writes the plot to `path` atomically, in the format its extension
    /// names: drawn in a temporary folder, then moved into place only when
    /// gnuplot succeeded.
    ///
    /// - Parameters:
    ///   - picture: what to draw.
    ///   - path: the plot's path, ending in `.svg`, `.png` or `.pdf`.
    /// - Throws: ``EMLabError`` `.invalidOption` for another extension; `.io`
    ///   if gnuplot is missing or fails, or the file cannot be written.
    public static func write(_ picture: FitPicture, to path: String) throws {
        let format = try PlotFormat.of(path: path, option: "--plot")
        let gnuplot = try Gnuplot.executable()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emlab-fit-plot-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw EMLabError(.io, "\(folder.path): cannot be created (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.write(script(picture, format: format), to: folder.appendingPathComponent("fit.gp").path)
        try Gnuplot.render(name: "fit", in: folder, gnuplot: gnuplot, format: format)
        guard let drawn = FileManager.default.contents(atPath: folder.appendingPathComponent("fit.\(format.fileExtension)").path) else {
            throw EMLabError(.io, "plot fit: gnuplot wrote no \(format.title)")
        }
        try AtomicFile.write(drawn, to: path)
    }

    /// The gnuplot script, data included.
    ///
    /// - Parameters:
    ///   - picture: what to draw.
    ///   - format: the terminal to draw with.
    /// - Returns: a script that writes `OUTPUT` (or `fit.svg`, `fit.png`, `fit.pdf`).
    static func script(_ picture: FitPicture, format: PlotFormat = .svg) -> String {
        let fits = picture.fits
        // At most two panels a row keep the picture within a laptop's width.
        let columns = fits.count == 1 ? 1 : 2
        let rows = (fits.count + columns - 1) / columns
        let panelHeight = 360.0, traceHeight = 250.0, headerHeight = 50.0
        let width = columns == 1 ? 820 : 540 * columns
        let height = headerHeight + Double(rows) * panelHeight + traceHeight
        let grid = picture.grid()
        let step = grid.count > 1 ? grid[1] - grid[0] : 1
        let ceiling = picture.densityCeiling(grid: grid)
        let (low, high) = picture.xRange
        func screen(_ pixels: Double) -> String { Gnuplot.number((pixels / height * 10000).rounded() / 10000) }

        var script = Gnuplot.preamble(
            name: "fit", description: "the data's histogram with each fit's component and mixture densities, and the log-likelihood traces",
            format: format)
        script += format.terminal(width: width, height: Int(height), fontSize: 10) + "\nset output OUTPUT\n"
        // The histogram: bin centre and height on the density scale.
        script +=
            "$histogram << EOD\n"
            + zip(picture.bins.counts.indices, picture.bins.densities).map { index, density in
                "\(Gnuplot.number(picture.bins.center(index))) \(Gnuplot.number(density))"
            }.joined(separator: "\n") + "\nEOD\n"
        for (index, fit) in fits.enumerated() {
            // x, w_k·φ_k for each component, the mixture, the truth (NaN when unknown).
            script += "$fit\(index) << EOD\n"
            for x in grid {
                let parts = FitPicture.componentDensities(fit.result.mixture, at: x)
                let truth = picture.truth.map { FitPicture.componentDensities($0, at: x).reduce(0, +) } ?? .nan
                script += ([x] + parts + [parts.reduce(0, +), truth]).map(Gnuplot.number).joined(separator: " ") + "\n"
            }
            script += "EOD\n"
            if let trace = fit.result.trace {
                script +=
                    "$trace\(index) << EOD\n"
                    + zip(trace.iterations, trace.logLikelihoods).map { t, value in
                        "\(t) \(value.isFinite ? Gnuplot.number(value) : "NaN")"
                    }.joined(separator: "\n") + "\nEOD\n"
            }
        }
        let componentStyles = Gnuplot.lineStyles(fits.map(\.result.mixture.componentCount).max()!)
        script += componentStyles
        script += """
            set multiplot
            set label 100 \(Gnuplot.literal("EM fits: histogram (bin width \(FitReport.short(picture.bins.width))) with each weighted component density, the mixture\(picture.truth == nil ? "" : " and the truth (dashed)")")) at screen 0.5, screen \(screen(height - 18)) center font ",12"
            set label 101 \(Gnuplot.literal(picture.subtitle)) at screen 0.5, screen \(screen(height - 36)) center font ",9"
            set style fill solid 0.35 border lc rgb "#9aa7b5"
            set grid ytics lc rgb "#eeeeee"
            # The key below each panel: inside, it would cover the data.
            set key outside below center horizontal maxrows 2 font ",9" samplen 2 spacing 1

            """
        for (index, fit) in fits.enumerated() {
            let mixture = fit.result.mixture
            let (row, column) = (index / columns, index % columns)
            let panelWidth = 1.0 / Double(columns)
            script += "set origin \(Gnuplot.number(Double(column) * panelWidth)), \(screen(height - headerHeight - Double(row + 1) * panelHeight + 4))\n"
            script += "set size \(Gnuplot.number(panelWidth)), \(screen(panelHeight - 4))\n"
            script += "set xrange [\(Gnuplot.number(low)):\(Gnuplot.number(high))]\nset yrange [0:\(Gnuplot.number(ceiling))]\n"
            // No x label: the key sits right under the axis.
            script += "unset xlabel\nset ylabel 'density'\n"
            let detail = "ℓ = \(FitReport.short(fit.result.logLikelihood)), \(fit.result.iterations) iterations, \(fit.result.stopReason.rawValue)"
            script += "set title \(Gnuplot.literal(fit.label)) . \"\\n\" . '{/*0.85 ' . \(Gnuplot.literal(detail)) . '}'\n"
            // A collapsing component is narrower than a grid step: a vertical line at its mean, labelled with its σ.
            script += "unset arrow\nunset label 1\n"
            var arrows = 0
            for k in 0..<mixture.componentCount
            where mixture.means[k].isFinite && mixture.means[k] > low && mixture.means[k] < high
                && mixture.standardDeviations[k].isFinite && mixture.standardDeviations[k] < step
            {
                arrows += 1
                script +=
                    "set arrow \(arrows) from \(Gnuplot.number(mixture.means[k])), graph 0 to \(Gnuplot.number(mixture.means[k])), graph 0.97 nohead ls \(k + 1) lw 2.5\n"
                script +=
                    "set label \(arrows + 1) \(Gnuplot.literal("σ\(k + 1) = \(FitReport.short(mixture.standardDeviations[k]))")) at \(Gnuplot.number(mixture.means[k])), graph 0.9 left offset 0.5,0 font \",9\" tc ls \(k + 1)\n"
            }
            // The mixture under the components: where one component is the whole mixture, its colour still shows.
            var curves = [
                "$histogram using 1:2 with boxes lc rgb \"#c9d3de\" title 'data'",
                "$fit\(index) using 1:\(mixture.componentCount + 2) with lines lc rgb \"black\" lw 3.5 title 'mixture'"
            ]
            curves += (0..<mixture.componentCount).map { k in
                "$fit\(index) using 1:\(k + 2) with lines ls \(k + 1) lw 2 title \(Gnuplot.literal("w\(k + 1)·φ(x; μ\(k + 1), σ\(k + 1))"))"
            }
            if picture.truth != nil {
                curves.append("$fit\(index) using 1:\(mixture.componentCount + 3) with lines lc rgb \"#444444\" lw 2 dt 2 title 'truth'")
            }
            script += "plot " + curves.joined(separator: ", \\\n     ") + "\n"
            // Labels and arrows set for this panel must not leak into the next.
            for label in 0...arrows { script += "unset label \(label + 1)\n" }
        }
        // The traces: every fit's ℓ(t), in the fit's order; gnuplot skips NaN points.
        let traced = fits.enumerated().filter { $0.element.result.trace != nil }
        script += """
            unset arrow
            set origin 0, 0
            set size 1, \(screen(traceHeight - 6))
            set title 'log-likelihood ℓ(t) at each iteration'
            set xlabel 'iteration t'
            set ylabel 'ℓ(t)'
            # Enough digits that tics stay apart when ℓ is large and its changes small.
            set format y "%.9g"
            set autoscale x
            set key outside right top vertical font ",9" box lc rgb "#cccccc"
            set grid xtics ytics lc rgb "#eeeeee"

            """
        // ℓ from iteration 1 on sets the y range: a start far below (often
        // thousands of units) would flatten the part where fits differ.
        let later = traced.flatMap { entry in
            zip(entry.element.result.trace!.iterations, entry.element.result.trace!.logLikelihoods).filter { $0.0 >= 1 && $0.1.isFinite }.map(\.1)
        }
        if let lowest = later.min(), let highest = later.max() {
            let pad = max(highest - lowest, 1e-9 * max(1, abs(highest))) * 0.08
            script += "set yrange [\(Gnuplot.number(lowest - pad)):\(Gnuplot.number(highest + pad))]\n"
            let starts = traced.compactMap { $0.element.result.trace!.logLikelihoods.first }.filter { $0.isFinite && $0 < lowest - pad }
            if !starts.isEmpty {
                script +=
                    "set label 1 \(Gnuplot.literal("ℓ(0) below the axis: " + starts.map(FitReport.short).joined(separator: ", "))) at graph 0.02, graph 0.06 left font \",9\"\n"
            }
        } else {
            script += "set autoscale y\n"
        }
        if traced.isEmpty {
            script += "unset key\nset xrange [0:1]\nset yrange [0:1]\nset label 1 'no trace was recorded' at graph 0.5, graph 0.5 center\nplot -1 notitle\n"
        } else {
            let colors = ["#1f4e79", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085"]
            script +=
                "plot "
                + traced.enumerated().map { order, entry in
                    "$trace\(entry.offset) using 1:2 with linespoints pt 7 ps 0.35 lw 1.8 lc rgb \"\(colors[order % colors.count])\" title \(Gnuplot.literal(entry.element.label))"
                }.joined(separator: ", \\\n     ") + "\n"
        }
        script += "unset multiplot\n"
        return script
    }
}
