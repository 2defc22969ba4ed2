import Foundation

/// `iterations.svg`: box plots of the iteration counts, one box per condition.
extension PlotScripts {
    /// Box plots of the selected fits' iteration counts, one box per condition.
    ///
    /// Conditions in `fixedIterations` are left out and named in the title with
    /// their count: an empty box at the fixed count would look like a result.
    static func iterations(
        histograms: [Int: IterationHistogram], fixedIterations: [Int: Int] = [:], labels: PlotConditionLabels,
        conditions: [Int: PlotCondition]
    ) -> PlotFiles {
        let name = "iterations"
        let description = "iterations to stop per condition (selected fit of each replicate), as box plots"
        var script = Gnuplot.preamble(name: name, description: description)
        let boxes = histograms.keys.sorted().filter { fixedIterations[$0] == nil }
            .compactMap { number in histograms[number]!.boxPlot().map { (number, $0) } }
        var titleMarkup = "'Iterations to stop, per condition (selected fit of each replicate)'"
        if !fixedIterations.isEmpty {
            let groups = Dictionary(grouping: fixedIterations.keys.sorted()) { fixedIterations[$0]! }
            let text =
                "not drawn, a fixed number of iterations by design: "
                + groups.keys.sorted().map { count in
                    "conditions \(numberRanges(groups[count]!)) (\(count))"
                }.joined(separator: "; ")
            titleMarkup += " . \"\\n\" . '{/*0.8 ' . \(Gnuplot.literal(text)) . '}'"
        }
        guard !boxes.isEmpty else {
            script +=
                "set title \(titleMarkup)\n"
                + Gnuplot.emptyPlot(histograms.isEmpty ? "runs.csv has no selected fits" : "every condition runs a fixed number of iterations")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", "# no selected fits in runs.csv\n")], script: script)
        }
        var data =
            "# \(name).dat — written by emlab from runs.csv (selected rows)\n"
            + "# Quartiles are type 7 (as in summary.csv); whiskers reach the most extreme count within 1.5 IQR of the box.\n"
            + "# position condition fits min lowerWhisker Q1 median Q3 upperWhisker max\n"
        var outliers = "# \(name)-outliers.dat — iteration counts beyond the whiskers\n# position condition iterations fits\n"
        for (position, (number, box)) in boxes.enumerated() {
            data +=
                "\(position + 1) \(number) \(box.count) "
                + [box.minimum, box.lowerWhisker, box.q1, box.median, box.q3, box.upperWhisker, box.maximum]
                .map(Gnuplot.number).joined(separator: " ") + "\n"
            for outlier in box.outliers { outliers += "\(position + 1) \(number) \(outlier.value) \(outlier.count)\n" }
        }
        let positive = boxes.map(\.1.minimum).filter { $0 > 0 }
        let largest = boxes.map(\.1.maximum).max()!
        // Log scale once the counts span more than two decades; zero counts then sit on a "0" tic below the rest.
        let logarithmic = largest / (positive.min() ?? largest) > 100
        let hasZero = boxes.contains { $0.1.minimum == 0 }
        script += Gnuplot.conditionAxis(
            boxes.enumerated().map { position, box in
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
}
