import Foundation

/// `traces.svg`: the log-likelihood gap to the final value against iteration.
extension PlotScripts {
    /// The log-likelihood gap to the final value against iteration, per traced condition.
    ///
    /// A fit that did not converge is marked with its stop reason (its final ℓ
    /// is not a limit, so its gap says less). If a few traces are far longer
    /// than the rest (a fit at the iteration cap among fits that converge in
    /// tens of iterations), the x axis stops at the longest of the rest and the
    /// title names the cut ones: otherwise the typical traces would be squeezed
    /// against the y axis.
    static func traces(
        _ traces: [PlotTrace], tracedConditions: Int, stopReasons: [Int: String],
        labels: PlotConditionLabels, conditions: [Int: PlotCondition]
    ) -> PlotFiles {
        let name = "traces"
        let description = "convergence of the log-likelihood, replicate 1 start 1 of the first traced conditions"
        var script = Gnuplot.preamble(name: name, description: description)
        // The last point's gap is 0 by definition and says nothing about speed, so
        // it is left out; a trace needs two points to draw.
        let drawable = traces.filter { $0.points.count >= 2 && $0.points.allSatisfy { $0.logLikelihood.isFinite } }
        let heading =
            "Convergence: |ℓ(final) − ℓ(t)| of replicate 1, start 1"
            + (tracedConditions > drawable.count ? ", first \(drawable.count) of \(tracedConditions) traced conditions" : "")
        func label(_ trace: PlotTrace) -> String {
            let text = labels.label(conditions[trace.condition] ?? PlotCondition(number: trace.condition, factors: [:]))
            guard let reason = stopReasons[trace.condition], reason != "converged" else { return text }
            return text + " [\(reason)]"
        }
        guard !drawable.isEmpty else {
            script +=
                "set title \(Gnuplot.quoted(heading))\n"
                + Gnuplot.emptyPlot(
                    traces.isEmpty
                        ? "no traces in traces.csv (set traces = N in the experiment)"
                        : "no trace has two finite log-likelihoods")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", "# no drawable traces in traces.csv\n")], script: script)
        }
        var data =
            "# \(name).dat — written by emlab from traces.csv (replicate 1, start 1)\n"
            + "# One block (gnuplot index) per condition; gap = |ℓ(final) − ℓ(t)| + tiny, tiny = 1e-13·max(1, |ℓ(final)|)\n"
            + "# (about the rounding of ℓ), so equal values stay on the log axis; the final iteration is left out.\n"
            + "# difference = ℓ(t) − ℓ(final): positive where ℓ overshot its final value (EM never should).\n"
        for (index, trace) in drawable.enumerated() {
            let final = trace.points.last!.logLikelihood
            let tiny = 1e-13 * max(1, abs(final))
            data +=
                (index == 0 ? "\n" : "\n\n") + "# index \(index): condition \(label(trace)); final ℓ = \(Gnuplot.number(final))\n"
                + "# iteration gap difference logLikelihood\n"
            for point in trace.points.dropLast() {
                let difference = point.logLikelihood - final
                data +=
                    "\(point.iteration) "
                    + [abs(difference) + tiny, difference, point.logLikelihood]
                    .map(Gnuplot.number).joined(separator: " ") + "\n"
            }
        }
        // The x range ends at the longest trace no longer than 4 × the median length.
        let lengths = drawable.map { $0.points.last!.iteration }.sorted()
        let xLimit = lengths.last { $0 <= 4 * max(lengths[lengths.count / 2], 1) } ?? lengths.last!
        let cut = drawable.filter { $0.points.last!.iteration > xLimit }
        var headingMarkup = Gnuplot.quoted(heading)
        if !cut.isEmpty {
            let cutText =
                "x axis cut at \(xLimit); longer: "
                + cut.map { "\($0.condition) (\($0.points.last!.iteration) iterations)" }
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
        script +=
            "plot "
            + drawable.enumerated().map { index, trace in
                "'\(name).dat' index \(index) using 1:2 with linespoints ls \(index + 1) ps 0.5 title \(Gnuplot.literal(label(trace)))"
            }.joined(separator: ", \\\n     ") + "\n"
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }
}
