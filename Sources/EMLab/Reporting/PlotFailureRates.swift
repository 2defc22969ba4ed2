import Foundation

/// `failure-rates.svg`: a heat map of each condition's failure rates.
extension PlotScripts {
    /// A heat map of each condition's failure rates from summary.csv (see ``failureHeatMap``).
    static func failureRates(summary: PlotSummary, labels: PlotConditionLabels) -> PlotFiles {
        let name = "failure-rates"
        let description = "failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood"
        var script = Gnuplot.preamble(name: name, description: description)
        // (column or derived name, label, values per condition); NaN where a cell is empty.
        var series: [(column: String, label: String, values: [Double])] = []
        func values(_ column: String) -> [Double] { summary.rows.indices.map { summary.number($0, column) ?? .nan } }
        let stopLabels = [
            "stop_iteration-cap": "stopped: iteration cap", "stop_non-finite": "stopped: non-finite",
            "stop_degenerate": "stopped: degenerate", "stop_no-start": "stopped: no start"
        ]
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
            series.append(
                (
                    "1-rate_reachedBest", "spurious/not best (1 − reachedBest)",
                    values("rate_reachedBest").map { rate in
                        // Rounded to 12 digits so 1 − 0.94 is written 0.06, not 0.06000000000000005.
                        Double(String(format: "%.12g", 1 - rate)) ?? .nan
                    }
                ))
        }
        var data =
            "# \(name).dat — written by emlab from summary.csv; NaN = empty cell\n"
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
            guard entry.values.contains(where: { $0.isFinite && $0 != 0 }) else {
                omitted.append(entry.label)
                continue
            }
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
            script +=
                "set title \(title)\n"
                + Gnuplot.emptyPlot(summary.conditions.isEmpty ? "summary.csv has no conditions" : "no failures: every rate is 0 in every condition")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
        }
        return failureHeatMap(
            name: name, script: script, data: data, summary: summary, labels: labels,
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
    private static func failureHeatMap(
        name: String, script: String, data: String, summary: PlotSummary, labels: PlotConditionLabels,
        series: [(values: [Double], label: String)], omitted: [String]
    ) -> PlotFiles {
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
            cells += "\n"  // a blank line ends a scan line of the image
        }
        // Pixel layout: the condition labels on the left, the mode labels slanted on top.
        let rowLabels = rows.map { labels.label(summary.conditions[$0]) }
        let labelWidth = Double(rowLabels.map(\.count).max() ?? 10) * 6.2 + 24
        let cellWidth = 62.0, cellHeight = 17.0
        // Room on the right for the colour box and for the last slanted label.
        let width = labelWidth + Double(series.count) * cellWidth + max(110, Double(series.last?.label.count ?? 0) * 4.9 - cellWidth / 2)
        // The modes not drawn, in lines that fit the canvas (about 4.4 px per character at font size 8).
        let omittedLines = wrapped(
            "zero in every condition, not drawn: " + omitted.joined(separator: ", "),
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
}
