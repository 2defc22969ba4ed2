import Foundation

/// The four plots' data files and gnuplot scripts, built from the study's tables.
enum PlotScripts {
    // MARK: error-vs-n

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
            let point = ErrorPoint(n: n, rmse: rmses.reduce(0, +) / Double(rmses.count),
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
            script += "set title 'RMSE of the component means against n'\n"
                + Gnuplot.emptyPlot("summary.csv has no finite mean RMSE for any condition")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", "# no finite mean RMSE in summary.csv\n")], script: script)
        }
        // A line's style follows its method, so a method looks the same in every panel.
        var methods: [[String]] = []
        for line in lines where !methods.contains(line.method) { methods.append(line.method) }
        // Labels name the method factors that vary; estimator and init when none does.
        let varyingMethodFactors = methodFactors.indices.filter { factor in Set(methods.map { $0[factor] }).count > 1 }
        let shownFactors = varyingMethodFactors.isEmpty
            ? ["estimator", "init"].map { methodFactors.firstIndex(of: $0)! } : varyingMethodFactors
        func methodLabel(_ method: [String]) -> String { shownFactors.map { method[$0] }.joined(separator: ", ") }
        var truths: [String] = []
        for line in lines where !truths.contains(line.truth) { truths.append(line.truth) }

        var data = "# \(name).dat — written by emlab from summary.csv\n"
            + "# One block (gnuplot index) per line; x = n, y = mean over components of mean<k>_rmse.\n"
            + "# se = mean of the components' mean<k>_rmseSE (an upper bound on the SE of the average);\n"
            + "# low/high = rmse ∓ se, low kept positive for the log axis.\n"
        for (index, line) in lines.enumerated() {
            // Two blank lines end a gnuplot index block; one before the first is harmless.
            data += (index == 0 ? "\n" : "\n\n") + "# index \(index): truth=\(line.truth) "
                + zip(methodFactors, line.method).map { "\($0)=\($1)" }.joined(separator: " ") + "\n"
                + "# n rmse se low high condition\n"
            for point in line.points.sorted(by: { $0.n < $1.n }) {
                data += [point.n, point.rmse, point.standardError ?? 0, point.low, point.high].map(Gnuplot.number).joined(separator: " ")
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
            script += "set key at screen 0.5, screen \(keyTop) center top vertical Left reverse maxrows \(keyRows - 1) font \",9\" samplen 2.5 spacing 1.05 width 2 title \(keyTitle)\n"
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
            script += "set origin \(Gnuplot.number((Double(column) / Double(columns) * 10000).rounded() / 10000)), \(Gnuplot.number((bottom * 10000).rounded() / 10000))\n"
            script += "set size \(Gnuplot.number((1 / Double(columns) * 10000).rounded() / 10000)), \(Gnuplot.number((Double(panelHeight) / canvasHeight * 10000).rounded() / 10000))\n"
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

    // MARK: iterations

    /// Box plots of the selected fits' iteration counts, one box per condition.
    ///
    /// Conditions in `fixedIterations` are left out and named in the title with
    /// their count: an empty box at the fixed count would look like a result.
    static func iterations(histograms: [Int: IterationHistogram], fixedIterations: [Int: Int] = [:], labels: PlotConditionLabels,
                           conditions: [Int: PlotCondition]) -> PlotFiles {
        let name = "iterations"
        let description = "iterations to stop per condition (selected fit of each replicate), as box plots"
        var script = Gnuplot.preamble(name: name, description: description)
        let boxes = histograms.keys.sorted().filter { fixedIterations[$0] == nil }
            .compactMap { number in histograms[number]!.boxPlot().map { (number, $0) } }
        var titleMarkup = "'Iterations to stop, per condition (selected fit of each replicate)'"
        if !fixedIterations.isEmpty {
            let groups = Dictionary(grouping: fixedIterations.keys.sorted()) { fixedIterations[$0]! }
            let text = "not drawn, a fixed number of iterations by design: " + groups.keys.sorted().map { count in
                "conditions \(numberRanges(groups[count]!)) (\(count))"
            }.joined(separator: "; ")
            titleMarkup += " . \"\\n\" . '{/*0.8 ' . \(Gnuplot.literal(text)) . '}'"
        }
        guard !boxes.isEmpty else {
            script += "set title \(titleMarkup)\n"
                + Gnuplot.emptyPlot(histograms.isEmpty ? "runs.csv has no selected fits" : "every condition runs a fixed number of iterations")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", "# no selected fits in runs.csv\n")], script: script)
        }
        var data = "# \(name).dat — written by emlab from runs.csv (selected rows)\n"
            + "# Quartiles are type 7 (as in summary.csv); whiskers reach the most extreme count within 1.5 IQR of the box.\n"
            + "# position condition fits min lowerWhisker Q1 median Q3 upperWhisker max\n"
        var outliers = "# \(name)-outliers.dat — iteration counts beyond the whiskers\n# position condition iterations fits\n"
        for (position, (number, box)) in boxes.enumerated() {
            data += "\(position + 1) \(number) \(box.count) "
                + [box.minimum, box.lowerWhisker, box.q1, box.median, box.q3, box.upperWhisker, box.maximum]
                    .map(Gnuplot.number).joined(separator: " ") + "\n"
            for outlier in box.outliers { outliers += "\(position + 1) \(number) \(outlier.value) \(outlier.count)\n" }
        }
        let positive = boxes.map(\.1.minimum).filter { $0 > 0 }
        let largest = boxes.map(\.1.maximum).max()!
        // Log scale once the counts span more than two decades; zero counts then sit on a "0" tic below the rest.
        let logarithmic = largest / (positive.min() ?? largest) > 100
        let hasZero = boxes.contains { $0.1.minimum == 0 }
        script += Gnuplot.conditionAxis(boxes.enumerated().map { position, box in
            (labels.label(conditions[box.0] ?? PlotCondition(number: box.0, factors: [:])), position + 1)
        }, title: labels.legend)
        script += """
            set ylabel 'iterations'
            set xrange [0.4:\(boxes.count).6]
            set grid ytics lc rgb "#dddddd"
            set boxwidth 0.6
            set style fill solid 0.35 border lc rgb "#1f77b4"

            """
        script += Gnuplot.titleAndKey(titleMarkup, titleLines: fixedIterations.isEmpty ? 1 : 2, keyRows: 1)
        // Headroom above the largest count, so boxes at the iteration cap are not cut by the frame.
        if logarithmic {
            let smallest = positive.min() ?? 1
            let zeroPosition = min(smallest, 1) / 2
            script += "set logscale y\nset format y \"%g\"\n"
            script += "set yrange [\(Gnuplot.number(hasZero ? zeroPosition / 1.3 : smallest / 1.5)):\(Gnuplot.number(largest * 1.5))]\n"
            if hasZero { script += "set ytics add ('0' \(Gnuplot.number(zeroPosition)))\n" }
            script += "y(v) = v > 0 ? v : \(Gnuplot.number(zeroPosition))\n"
        } else {
            script += "set yrange [0:\(Gnuplot.number(max(largest * 1.08, 1)))]\n"
            script += "y(v) = v\n"
        }
        script += """
            plot '\(name).dat' using 1:(y($6)):(y($5)):(y($9)):(y($8)) with candlesticks whiskerbars 0.5 lc rgb "#1f77b4" title 'Q1 to Q3, whiskers to 1.5 IQR', \\
                 '' using 1:(y($7)):(y($7)):(y($7)):(y($7)) with candlesticks lw 2 lc rgb "black" title 'median', \\
                 '\(name)-outliers.dat' using 1:(y($3)) with points pt 6 ps 0.6 lc rgb "#d62728" title 'beyond the whiskers'

            """
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data), ("\(name)-outliers.dat", outliers)], script: script)
    }

    /// Sorted numbers written with runs collapsed: [1, 2, 3, 5, 7, 8] → "1–3, 5, 7–8".
    static func numberRanges(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count && numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end == index ? "\(numbers[index])" : "\(numbers[index])–\(numbers[end])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    // MARK: failure-rates

    /// A heat map of each condition's failure rates from summary.csv (see ``failureHeatMap``).
    static func failureRates(summary: PlotSummary, labels: PlotConditionLabels) -> PlotFiles {
        let name = "failure-rates"
        let description = "failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood"
        var script = Gnuplot.preamble(name: name, description: description)
        // (column or derived name, label, values per condition); NaN where a cell is empty.
        var series: [(column: String, label: String, values: [Double])] = []
        func values(_ column: String) -> [Double] { summary.rows.indices.map { summary.number($0, column) ?? .nan } }
        let stopLabels = ["stop_iteration-cap": "stopped: iteration cap", "stop_non-finite": "stopped: non-finite",
                          "stop_degenerate": "stopped: degenerate", "stop_no-start": "stopped: no start"]
        for column in ["stop_iteration-cap", "stop_non-finite", "stop_degenerate", "stop_no-start"] where summary.header.contains(column) {
            series.append((column, stopLabels[column]!, values(column)))
        }
        // Every flag rate, so flags added to runs.csv later show up without a change here.
        let flagColumns = summary.header.filter { $0.hasPrefix("rate_") && $0 != "rate_reachedBest" && $0 != "rate_startsReachedBest" }
        for column in flagColumns.sorted(by: { ($0 == "rate_nonMonotone" ? 0 : 1) < ($1 == "rate_nonMonotone" ? 0 : 1) }) {
            let flag = String(column.dropFirst("rate_".count))
            series.append((column, flag == "nonMonotone" ? "flag: nonMonotone (ℓ fell)" : "flag: \(flag)", values(column)))
        }
        if summary.header.contains("rate_reachedBest") {
            series.append(("1-rate_reachedBest", "spurious/not best (1 − reachedBest)", values("rate_reachedBest").map { rate in
                // Rounded to 12 digits so 1 − 0.94 is written 0.06, not 0.06000000000000005.
                Double(String(format: "%.12g", 1 - rate)) ?? .nan
            }))
        }
        var data = "# \(name).dat — written by emlab from summary.csv; NaN = empty cell\n"
            + "# position condition " + series.map(\.column).joined(separator: " ") + "\n"
        for (position, condition) in summary.conditions.enumerated() {
            data += "\(position) \(condition.number) " + series.map { Gnuplot.number($0.values[position]) }.joined(separator: " ") + "\n"
        }
        // Series that are 0 everywhere are listed, not drawn: ten empty columns
        // would hide the rest. A series equal to an earlier one in every
        // condition (a flag that mirrors a stop reason) shares its column and label.
        var drawn: [(column: Int, label: String)] = []
        var omitted: [String] = []
        for (index, entry) in series.enumerated() {
            guard entry.values.contains(where: { $0.isFinite && $0 != 0 }) else { omitted.append(entry.label); continue }
            if let twin = drawn.firstIndex(where: { series[$0.column].values.elementsEqual(entry.values) { $0 == $1 || ($0.isNaN && $1.isNaN) } }) {
                drawn[twin].label += " = " + entry.label
            } else {
                drawn.append((index, entry.label))
            }
        }
        var title = "'Failure rates per condition (selected fit of each replicate)'"
        if !omitted.isEmpty {
            title += " . \"\\n\" . '{/*0.8 zero in every condition, not drawn: ' . \(Gnuplot.literal(omitted.joined(separator: ", "))) . '}'"
        }
        guard !drawn.isEmpty, !summary.conditions.isEmpty else {
            script += "set title \(title)\n" + Gnuplot.emptyPlot(summary.conditions.isEmpty ? "summary.csv has no conditions" : "no failures: every rate is 0 in every condition")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
        }
        return failureHeatMap(name: name, script: script, data: data, summary: summary, labels: labels,
                              series: drawn.map { (series[$0.column].values, $0.label) }, omitted: omitted)
    }

    /// The failure rates as a heat map: one row per condition that failed in
    /// some way, one column per failure mode, the rate printed in each cell.
    ///
    /// Rows rather than clustered bars: 50 conditions × 10 modes of bars are
    /// too thin to read, while a grid keeps every number legible and the eye
    /// still finds the dark cells. Conditions with no failure at all are
    /// counted in the title instead of drawn as blank rows, so large studies
    /// stay a readable height.
    ///
    /// The canvas is sized to what it holds: the colour bar stands beside the
    /// cells from their top, 200 px tall (or as tall as the cells, but at
    /// least 120 px), and the canvas grows below the cells when the bar needs
    /// it, so a study with one or two failing conditions still shows the bar
    /// down to its 0; the list of modes not drawn is wrapped to the canvas's width.
    private static func failureHeatMap(name: String, script: String, data: String, summary: PlotSummary, labels: PlotConditionLabels,
                                       series: [(values: [Double], label: String)], omitted: [String]) -> PlotFiles {
        var script = script
        let rows = summary.conditions.indices.filter { row in series.contains { $0.values[row].isFinite && $0.values[row] != 0 } }
        let quiet = summary.conditions.count - rows.count
        // The cells: x = mode, y = row from the top; rate in percent, text as printed.
        var cells = "# \(name)-cells.dat — the heat map's cells: mode row rate(%) text (rows: conditions with a failure, from the top)\n"
        for (y, row) in rows.enumerated() {
            for (x, entry) in series.enumerated() {
                let rate = entry.values[row]
                cells += "\(x) \(y) \(rate.isFinite ? Gnuplot.number(rate * 100) : "NaN") \"\(percentText(rate))\"\n"
            }
            cells += "\n"   // a blank line ends a scan line of the image
        }
        // Pixel layout: the condition labels on the left, the mode labels slanted on top.
        let rowLabels = rows.map { labels.label(summary.conditions[$0]) }
        let labelWidth = Double(rowLabels.map(\.count).max() ?? 10) * 6.2 + 24
        let cellWidth = 62.0, cellHeight = 17.0
        // Room on the right for the colour box and for the last slanted label.
        let width = labelWidth + Double(series.count) * cellWidth + max(110, Double(series.last?.label.count ?? 0) * 4.9 - cellWidth / 2)
        // The modes not drawn, in lines that fit the canvas (about 4.4 px per character at font size 8).
        let omittedLines = wrapped("zero in every condition, not drawn: " + omitted.joined(separator: ", "),
                                   width: max(40, Int((width - 20) / 4.4)))
        var heading = "'Failure rates per condition (selected fit of each replicate)'"
        for line in omitted.isEmpty ? [] : omittedLines { heading += " . \"\\n\" . '{/*0.8 ' . \(Gnuplot.literal(line)) . '}'" }
        if quiet > 0 { heading += " . \"\\n\" . '{/*0.8 \(quiet) of \(summary.conditions.count) conditions had no failure and are not drawn}'" }
        // The slanted labels rise about 3.9 px per character; the title's lines sit above them.
        let titleLines = 1 + (omitted.isEmpty ? 0 : omittedLines.count) + (quiet > 0 ? 1 : 0)
        let headerHeight = Double(series.map(\.label.count).max() ?? 10) * 3.9 + 24 + Double(titleLines) * 16
        let cellsHeight = Double(max(rows.count, 1)) * cellHeight
        let boxHeight = min(200, max(cellsHeight, 120))
        // 40 px under the cells, or enough for the colour box and the "0" under its foot.
        let height = max(headerHeight + cellsHeight + 40, headerHeight + boxHeight + 24)
        func screenX(_ pixels: Double) -> String { Gnuplot.number((pixels / width * 1000).rounded() / 1000) }
        func screenY(_ pixels: Double) -> String { Gnuplot.number(((1 - pixels / height) * 1000).rounded() / 1000) }
        script += "set terminal svg size \(Int(width.rounded())),\(Int(height.rounded())) dynamic enhanced font \"sans,10\" background rgb \"white\"\n"
        script += "set output OUTPUT\n"
        // The title is a label at the top of the canvas: gnuplot would put a title
        // above its (overestimated) slanted tic labels, off the canvas.
        script += """
            set label 100 \(heading) at screen 0.5, screen \(screenY(14)) center
            set lmargin at screen \(screenX(labelWidth))
            set rmargin at screen \(screenX(labelWidth + Double(series.count) * cellWidth))
            set tmargin at screen \(Gnuplot.number(((1 - headerHeight / height) * 1000).rounded() / 1000))
            set bmargin at screen \(screenY(headerHeight + cellsHeight + 20))
            set xrange [-0.5:\(Gnuplot.number(Double(series.count) - 0.5))]
            set yrange [\(Gnuplot.number(Double(max(rows.count, 1)) - 0.5)):-0.5]
            unset xtics
            set x2range [-0.5:\(Gnuplot.number(Double(series.count) - 0.5))]
            set x2tics rotate by 40 left scale 0 font ",10" (\(series.enumerated().map { "\(Gnuplot.literal($1.label)) \($0)" }.joined(separator: ", ")))
            set ytics scale 0 font ",9" (\(rowLabels.enumerated().map { "\(Gnuplot.literal($1)) \($0)" }.joined(separator: ", ")))
            set ylabel \(Gnuplot.literal(labels.legend))
            unset key
            set border 0
            set palette defined (0 "#ffffff", 5 "#fde0c5", 25 "#f59e4c", 60 "#c9302c", 100 "#67000d")
            set cbrange [0:100]
            set cblabel 'percent of replicates'
            set colorbox user origin screen \(screenX(width - 80)), screen \(screenY(headerHeight + boxHeight)) size screen \(screenX(14)), screen \(Gnuplot.number((boxHeight / height * 1000).rounded() / 1000))
            # Cell text is white on the dark cells, black on the light ones and grey
            # where the rate is 0, so the failures stand out; NaN cells stay blank.
            # Each label set skips the other cells (y = NaN) rather than writing empty text.
            plot '\(name)-cells.dat' using 1:2:3 with image pixels, \\
                 '' using 1:($3 >= 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "white" font ",9", \\
                 '' using 1:($3 > 0 && $3 < 45 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "black" font ",9", \\
                 '' using 1:($3 == 0 ? $2 : NaN):(stringcolumn(4)) with labels tc rgb "#b8b8b8" font ",9"

            """
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data), ("\(name)-cells.dat", cells)], script: script)
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stands alone).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return line.isEmpty ? lines : lines + [line]
    }

    /// A rate as the heat map prints it, in percent: "0", "<0.1", one decimal below 10 %, whole numbers above.
    static func percentText(_ rate: Double) -> String {
        guard rate.isFinite else { return "" }
        let percent = rate * 100
        if percent == 0 { return "0" }
        if percent < 0.1 { return "<0.1" }
        return percent < 10 ? String(format: "%.1f", percent) : String(format: "%.0f", percent)
    }

    // MARK: traces

    /// The log-likelihood gap to the final value against iteration, per traced condition.
    ///
    /// A fit that did not converge is marked with its stop reason (its final ℓ
    /// is not a limit, so its gap says less). If a few traces are far longer
    /// than the rest (a fit at the iteration cap among fits that converge in
    /// tens of iterations), the x axis stops at the longest of the rest and the
    /// title names the cut ones: otherwise the typical traces would be squeezed
    /// against the y axis.
    static func traces(_ traces: [PlotTrace], tracedConditions: Int, stopReasons: [Int: String],
                       labels: PlotConditionLabels, conditions: [Int: PlotCondition]) -> PlotFiles {
        let name = "traces"
        let description = "convergence of the log-likelihood, replicate 1 start 1 of the first traced conditions"
        var script = Gnuplot.preamble(name: name, description: description)
        // The last point's gap is 0 by definition and says nothing about speed, so
        // it is left out; a trace needs two points to draw.
        let drawable = traces.filter { $0.points.count >= 2 && $0.points.allSatisfy { $0.logLikelihood.isFinite } }
        let heading = "Convergence: |ℓ(final) − ℓ(t)| of replicate 1, start 1"
            + (tracedConditions > drawable.count ? ", first \(drawable.count) of \(tracedConditions) traced conditions" : "")
        func label(_ trace: PlotTrace) -> String {
            let text = labels.label(conditions[trace.condition] ?? PlotCondition(number: trace.condition, factors: [:]))
            guard let reason = stopReasons[trace.condition], reason != "converged" else { return text }
            return text + " [\(reason)]"
        }
        guard !drawable.isEmpty else {
            script += "set title \(Gnuplot.quoted(heading))\n"
                + Gnuplot.emptyPlot(traces.isEmpty ? "no traces in traces.csv (set traces = N in the experiment)"
                                                   : "no trace has two finite log-likelihoods")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", "# no drawable traces in traces.csv\n")], script: script)
        }
        var data = "# \(name).dat — written by emlab from traces.csv (replicate 1, start 1)\n"
            + "# One block (gnuplot index) per condition; gap = |ℓ(final) − ℓ(t)| + tiny, tiny = 1e-13·max(1, |ℓ(final)|)\n"
            + "# (about the rounding of ℓ), so equal values stay on the log axis; the final iteration is left out.\n"
            + "# difference = ℓ(t) − ℓ(final): positive where ℓ overshot its final value (EM never should).\n"
        for (index, trace) in drawable.enumerated() {
            let final = trace.points.last!.logLikelihood
            let tiny = 1e-13 * max(1, abs(final))
            data += (index == 0 ? "\n" : "\n\n") + "# index \(index): condition \(label(trace)); final ℓ = \(Gnuplot.number(final))\n"
                + "# iteration gap difference logLikelihood\n"
            for point in trace.points.dropLast() {
                let difference = point.logLikelihood - final
                data += "\(point.iteration) " + [abs(difference) + tiny, difference, point.logLikelihood]
                    .map(Gnuplot.number).joined(separator: " ") + "\n"
            }
        }
        // The x range ends at the longest trace no longer than 4 × the median length.
        let lengths = drawable.map { $0.points.last!.iteration }.sorted()
        let xLimit = lengths.last { $0 <= 4 * max(lengths[lengths.count / 2], 1) } ?? lengths.last!
        let cut = drawable.filter { $0.points.last!.iteration > xLimit }
        var headingMarkup = Gnuplot.quoted(heading)
        if !cut.isEmpty {
            let cutText = "x axis cut at \(xLimit); longer: " + cut.map { "\($0.condition) (\($0.points.last!.iteration) iterations)" }
                .joined(separator: ", ")
            headingMarkup += " . \"\\n\" . '{/*0.8 ' . \(Gnuplot.literal(cutText)) . '}'"
        }
        // The key sits right of the plot, sized from its longest label (about
        // 4.9 px per character at font size 9, plus the line sample): gnuplot's
        // own estimate of SVG text is so wide that the plot would lose a third.
        let longestLabel = drawable.map { label($0).count }.max()!
        let keyLeft = (max(0.5, 1 - (Double(longestLabel) * 4.9 + 75) / 900) * 1000).rounded() / 1000
        script += Gnuplot.lineStyles(drawable.count)
        script += "set xrange [0:\(cut.isEmpty ? "*" : Gnuplot.number(Double(xLimit) * 1.03))]\n"
        script += """
            set title \(headingMarkup)
            set logscale y
            set format y "10^{%T}"
            set grid xtics ytics lc rgb "#dddddd"
            set xlabel 'iteration t'
            set ylabel '|ℓ(final) − ℓ(t)|  (log scale)'
            set rmargin at screen \(Gnuplot.number(keyLeft))
            set key at screen 0.99, graph 1 right top font ",9" spacing 1.1 title \(Gnuplot.literal(labels.legend))

            """
        script += "plot " + drawable.enumerated().map { index, trace in
            "'\(name).dat' index \(index) using 1:2 with linespoints ls \(index + 1) ps 0.5 title \(Gnuplot.literal(label(trace)))"
        }.joined(separator: ", \\\n     ") + "\n"
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }
}
