import Foundation

/// `error-vs-n.svg`: RMSE of the means against n, log–log.
extension PlotScripts {
    /// One point of the error-vs-n plot: a condition's mean RMSE.
    private struct ErrorPoint {
        var n: Double, rmse: Double, standardError: Double?, condition: Int
        /// The error bar's ends, the lower kept positive for the log axis.
        var low: Double { rmse - (standardError ?? 0) > 0 ? rmse - (standardError ?? 0) : rmse / 10 }
        var high: Double { rmse + (standardError ?? 0) }
    }

    /// One line of the error-vs-n plot: the conditions sharing truth, sampler, estimator and init.
    private struct ErrorLine {
        var truth: String, method: [String], points: [ErrorPoint]
    }

    /// RMSE of the means (averaged over components) against n, log–log, one
    /// line per truth × sampler × estimator × init, one panel per truth.
    static func errorVersusN(summary: PlotSummary) -> PlotFiles {
        let name = "error-vs-n"
        let description = "RMSE of the component means against n, one line per (truth, sampler, estimator, init)"
        // mean1_rmse … meanK_rmse, found by name so any K works.
        let rmseColumns = summary.header.filter { column in
            column.hasPrefix("mean") && column.hasSuffix("_rmse") && Int(column.dropFirst(4).dropLast(5)) != nil
        }
        let methodFactors = ["sampler", "estimator", "init"]
        var lines: [ErrorLine] = []
        for (index, condition) in summary.conditions.enumerated() {
            // Components past the condition's K, or with no finite estimate, are empty: skip them.
            let rmses = rmseColumns.compactMap { summary.number(index, $0) }
            guard !rmses.isEmpty, let n = summary.number(index, "n"), n > 0 else { continue }
            let errors = rmseColumns.filter { summary.number(index, $0) != nil }.compactMap { summary.number(index, $0 + "SE") }
            let point = ErrorPoint(
                n: n, rmse: rmses.reduce(0, +) / Double(rmses.count),
                standardError: errors.count == rmses.count ? errors.reduce(0, +) / Double(errors.count) : nil,
                condition: condition.number)
            let truth = condition.factors["truth"] ?? "", method = methodFactors.map { condition.factors[$0] ?? "" }
            if let existing = lines.firstIndex(where: { $0.truth == truth && $0.method == method }) {
                lines[existing].points.append(point)
            } else {
                lines.append(ErrorLine(truth: truth, method: method, points: [point]))
            }
        }
        var script = Gnuplot.preamble(name: name, description: description)
        guard !lines.isEmpty else {
            script +=
                "set title 'RMSE of the component means against n'\n"
                + Gnuplot.emptyPlot("summary.csv has no finite mean RMSE for any condition")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", "# no finite mean RMSE in summary.csv\n")], script: script)
        }
        // A line's style follows its method, so a method looks the same in every panel.
        var methods: [[String]] = []
        for line in lines where !methods.contains(line.method) { methods.append(line.method) }
        // Labels name the method factors that vary; estimator and init when none does.
        let varyingMethodFactors = methodFactors.indices.filter { factor in Set(methods.map { $0[factor] }).count > 1 }
        let shownFactors =
            varyingMethodFactors.isEmpty
            ? ["estimator", "init"].map { methodFactors.firstIndex(of: $0)! } : varyingMethodFactors
        func methodLabel(_ method: [String]) -> String { shownFactors.map { method[$0] }.joined(separator: ", ") }
        var truths: [String] = []
        for line in lines where !truths.contains(line.truth) { truths.append(line.truth) }

        var data =
            "# \(name).dat — written by emlab from summary.csv\n"
            + "# One block (gnuplot index) per line; x = n, y = mean over components of mean<k>_rmse.\n"
            + "# se = mean of the components' mean<k>_rmseSE (an upper bound on the SE of the average);\n"
            + "# low/high = rmse ∓ se, low kept positive for the log axis.\n"
        for (index, line) in lines.enumerated() {
            // Two blank lines end a gnuplot index block; one before the first is harmless.
            data +=
                (index == 0 ? "\n" : "\n\n") + "# index \(index): truth=\(line.truth) "
                + zip(methodFactors, line.method).map { "\($0)=\($1)" }.joined(separator: " ") + "\n"
                + "# n rmse se low high condition\n"
            for point in line.points.sorted(by: { $0.n < $1.n }) {
                data +=
                    [point.n, point.rmse, point.standardError ?? 0, point.low, point.high].map(Gnuplot.number).joined(separator: " ")
                    + " \(point.condition)\n"
            }
        }

        let allN = Set(lines.flatMap { $0.points.map(\.n) }).sorted()
        // Small multiples, one panel per truth, and the key outside the panels
        // (a key inside one covers data): one key under the grid names every
        // method, since a method is drawn alike in every panel. A single panel
        // has its key below it.
        let sharedKey = truths.count > 1
        let keyRows = sharedKey ? (methods.count + 2) / 2 + 1 : truths.map { truth in lines.filter { $0.truth == truth }.count + 1 }.max()!
        // Many truths: more, smaller panels, so the grid stays within a laptop's width and a few screens' height.
        let columns = min(truths.count, truths.count > 9 ? 5 : 3), rows = (truths.count + columns - 1) / columns
        let panelWidth = truths.count == 1 ? 760 : 1290 / columns
        let panelHeight = sharedKey ? (columns == 5 ? 250 : 330) : 330 + 16 * (keyRows + 2)
        let headerHeight = 40, keyHeight = sharedKey ? 16 * (keyRows + 1) + 10 : 0
        let canvasHeight = Double(panelHeight * rows + headerHeight + keyHeight)
        script += "set terminal svg size \(panelWidth * columns),\(Int(canvasHeight)) dynamic enhanced font \"sans,10\" background rgb \"white\"\n"
        script += "set output OUTPUT\n"
        script += Gnuplot.lineStyles(methods.count)
        let keyTitle = Gnuplot.literal(shownFactors.map { methodFactors[$0] }.joined(separator: ", "))
        script += """
            set logscale xy
            set format y "%g"
            set grid xtics ytics mytics lc rgb "#dddddd"
            set xrange [\(Gnuplot.number(allN.first! / 1.25)):\(Gnuplot.number(allN.last! * 1.25))]
            set xlabel 'n (sample size)' offset 0,0.3
            set ylabel 'RMSE of the means'

            """
        if sharedKey {
            // Two columns of entries, top-centred in the band under the grid.
            let keyTop = Gnuplot.number((Double(keyHeight - 6) / canvasHeight * 10000).rounded() / 10000)
            script +=
                "set key at screen 0.5, screen \(keyTop) center top vertical Left reverse maxrows \(keyRows - 1) font \",9\" samplen 2.5 spacing 1.05 width 2 title \(keyTitle)\n"
        } else {
            script += "set bmargin \(Gnuplot.number(Double(keyRows) * 1.05 + 5))\n"
            script += "set key outside below center vertical Left reverse maxcols 1 font \",9\" samplen 2.5 spacing 1.05 title \(keyTitle) left\n"
        }
        if allN.count <= 8 {
            // Few sample sizes: tic exactly at each, which log autoscaling would not.
            script += "set xtics (" + allN.map(Gnuplot.number).joined(separator: ", ") + ")\n"
        }
        let heading = "RMSE of the component means (average over components) against n — selected fits; bars ±1 Monte Carlo SE"
        script += "set multiplot title \(Gnuplot.quoted(heading)) font \",11\"\n"
        for (panel, truth) in truths.enumerated() {
            // Each panel's place on the canvas, in screen fractions: rows from the top, the key band at the bottom.
            let (row, column) = (panel / columns, panel % columns)
            let bottom = Double(keyHeight + (rows - 1 - row) * panelHeight) / canvasHeight
            script +=
                "set origin \(Gnuplot.number((Double(column) / Double(columns) * 10000).rounded() / 10000)), \(Gnuplot.number((bottom * 10000).rounded() / 10000))\n"
            script +=
                "set size \(Gnuplot.number((1 / Double(columns) * 10000).rounded() / 10000)), \(Gnuplot.number((Double(panelHeight) / canvasHeight * 10000).rounded() / 10000))\n"
            if sharedKey && panel == 1 { script += "unset key\n" }
            let panelLines = lines.enumerated().filter { $0.element.truth == truth }
            // The n^{-1/2} guide passes through the geometric mean of the panel's RMSEs at its smallest n.
            let smallestN = panelLines.flatMap { $0.element.points.map(\.n) }.min()!
            let atSmallest = panelLines.flatMap { $0.element.points.filter { $0.n == smallestN }.map(\.rmse) }
            let anchor = exp(atSmallest.map(log).reduce(0, +) / Double(atSmallest.count)) * smallestN.squareRoot()
            // Log autoscaling rounds out to whole decades, which can leave most of a panel empty.
            let panelPoints = panelLines.flatMap(\.element.points)
            let yLow = panelPoints.map(\.low).min()! / 2, yHigh = panelPoints.map(\.high).max()! * 1.4
            script += "set yrange [\(Gnuplot.number(yLow)):\(Gnuplot.number(yHigh))]\n"
            if let tics = Gnuplot.logTics(low: yLow, high: yHigh) {
                script += "set ytics (" + tics.map(Gnuplot.number).joined(separator: ", ") + ")\n"
            } else {
                script += "set ytics autofreq\n"
            }
            script += "set title 'truth: ' . \(Gnuplot.literal(truth))\n"
            // With a shared key the curves are untitled and the first panel lists
            // every method (keyentry draws nothing), in one order, whichever panels draw it.
            var curves = panelLines.map { index, line in
                let style = methods.firstIndex(of: line.method)! + 1
                return "'\(name).dat' index \(index) using 1:2:4:5 with yerrorlines ls \(style) "
                    + (sharedKey ? "notitle" : "title \(Gnuplot.literal(methodLabel(line.method)))")
            }
            curves.append("\(Gnuplot.number(anchor))/sqrt(x) with lines lc rgb \"#999999\" dt 2 " + (sharedKey ? "notitle" : "title 'guide ∝ n^{-1/2}'"))
            if sharedKey && panel == 0 {
                curves += methods.indices.map { "keyentry with linespoints ls \($0 + 1) title \(Gnuplot.literal(methodLabel(methods[$0])))" }
                curves.append("keyentry with lines lc rgb \"#999999\" dt 2 title 'guide ∝ n^{-1/2}'")
            }
            script += "plot " + curves.joined(separator: ", \\\n     ") + "\n"
        }
        script += "unset multiplot\n"
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }
}
