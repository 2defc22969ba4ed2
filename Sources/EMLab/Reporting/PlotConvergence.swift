import Foundation

/// The convergence plots of a study, from summary.csv's per-condition medians:
///
/// - `rates.svg`: the median empirical rate against the median theoretical
///   rate at the estimate (J's largest eigenvalue), one point per condition,
///   one style per estimator, with the diagonal: plain EM sits on it;
///   accelerated estimators fall below (their last EM steps are not in the
///   slow direction).
/// - `iterations-vs-rate.svg`: median iterations against 1/(1 − λ) (λ the
///   median theoretical rate), log–log, filled points measured, open points
///   the iterations predicted by theory (`iterationsPredictedMedian`).
/// - `esteps.svg`: median E-steps of each accelerated estimator against its
///   plain-EM twin (the same model, stopping rule and cap), per truth × n ×
///   init, log–log with the diagonal. Drawn only when the experiment has such
///   pairs (read from the experiment text in manifest.json).
enum PlotConvergence {
    /// One condition's medians.
    struct Point {
        var condition: Int
        var factors: [String: String]
        var rateTheoretical: Double?
        var rateEmpirical: Double?
        var iterations: Double?
        var iterationsPredicted: Double?
        var eSteps: Double?
    }

    static func points(_ summary: PlotSummary) -> [Point] {
        summary.conditions.indices.map { i in
            Point(
                condition: summary.conditions[i].number, factors: summary.conditions[i].factors,
                rateTheoretical: summary.number(i, "rateTheoreticalMedian"), rateEmpirical: summary.number(i, "rateEmpiricalMedian"),
                iterations: summary.number(i, "iterationsMedian"), iterationsPredicted: summary.number(i, "iterationsPredictedMedian"),
                eSteps: summary.number(i, "eStepsMedian"))
        }
    }

    /// Points grouped by estimator, in order of first appearance.
    static func byEstimator(_ points: [Point]) -> [(String, [Point])] {
        var order: [String] = []
        var groups: [String: [Point]] = [:]
        for p in points {
            let e = p.factors["estimator"] ?? ""
            if groups[e] == nil { order.append(e) }
            groups[e, default: []].append(p)
        }
        return order.map { ($0, groups[$0]!) }
    }

    static func rates(summary: PlotSummary) -> PlotFiles {
        let name = "rates"
        var script = Gnuplot.preamble(name: name, description: "median empirical rate against median theoretical rate, per condition")
        let groups = byEstimator(points(summary)).map { ($0.0, $0.1.filter { $0.rateTheoretical != nil && $0.rateEmpirical != nil }) }
            .filter { !$0.1.isEmpty }
        var data =
            "# \(name).dat — written by emlab from summary.csv\n"
            + "# One block (gnuplot index) per estimator; x = rateTheoreticalMedian, y = rateEmpiricalMedian.\n"
        guard !groups.isEmpty else {
            script += "set title 'Empirical against theoretical rate'\n" + Gnuplot.emptyPlot("summary.csv has no finite rates")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
        }
        for (index, (estimator, points)) in groups.enumerated() {
            data += (index == 0 ? "\n" : "\n\n") + "# index \(index): estimator=\(estimator)\n# theoretical empirical condition\n"
            for p in points { data += "\(Gnuplot.number(p.rateTheoretical!)) \(Gnuplot.number(p.rateEmpirical!)) \(p.condition)\n" }
        }
        script += Gnuplot.lineStyles(groups.count)
        script += """
            set title "Rate of convergence: measured against theory (medians per condition)"
            set xlabel 'theoretical rate λ at the estimate (largest eigenvalue of I_c^{-1} I_m)'
            set ylabel 'empirical rate (ratio of the last two steps)'
            set xrange [0:1]
            set yrange [0:1]
            set size square
            set grid lc rgb "#dddddd"
            set key outside right top title 'estimator' font ",10"

            """
        script +=
            "plot "
            + groups.enumerated().map { index, group in
                "'\(name).dat' index \(index) using 1:2 with points ls \(index + 1) pt 7 ps 0.7 title \(Gnuplot.literal(group.0))"
            }.joined(separator: ", \\\n     ") + ", \\\n     x with lines lc rgb \"#999999\" dt 2 title 'empirical = theoretical'\n"
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }

    static func iterationsVersusRate(summary: PlotSummary) -> PlotFiles {
        let name = "iterations-vs-rate"
        var script = Gnuplot.preamble(name: name, description: "median iterations against 1/(1 − λ), measured and predicted")
        let groups = byEstimator(points(summary)).map { ($0.0, $0.1.filter { ($0.rateTheoretical ?? 1) < 1 && $0.iterations != nil && $0.iterations! > 0 }) }
            .filter { !$0.1.isEmpty }
        var data =
            "# \(name).dat — written by emlab from summary.csv\n"
            + "# One block per estimator; x = 1/(1 − rateTheoreticalMedian), y = iterationsMedian, predicted = iterationsPredictedMedian (NaN: none).\n"
        guard !groups.isEmpty else {
            script += "set title 'Iterations against 1/(1 − λ)'\n" + Gnuplot.emptyPlot("summary.csv has no finite rates")
            return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
        }
        for (index, (estimator, points)) in groups.enumerated() {
            data += (index == 0 ? "\n" : "\n\n") + "# index \(index): estimator=\(estimator)\n# scale iterations predicted condition\n"
            for p in points {
                data +=
                    "\(Gnuplot.number(1 / (1 - p.rateTheoretical!))) \(Gnuplot.number(p.iterations!)) "
                    + "\(Gnuplot.number(p.iterationsPredicted ?? .nan)) \(p.condition)\n"
            }
        }
        script += Gnuplot.lineStyles(groups.count)
        script += """
            set title "Iterations to stop against the time scale of EM's slowest direction (medians per condition)"
            set xlabel '1/(1 − λ), λ the theoretical rate at the estimate'
            set ylabel 'iterations (accepted updates)'
            set logscale xy
            set format x "10^{%L}"
            set format y "10^{%L}"
            set grid lc rgb "#dddddd"
            set datafile missing "NaN"
            set key outside right top title 'estimator (filled: measured, open: theory)' font ",10"

            """
        script +=
            "plot "
            + groups.enumerated().flatMap { index, group in
                [
                    "'\(name).dat' index \(index) using 1:2 with points ls \(index + 1) pt 7 ps 0.7 title \(Gnuplot.literal(group.0))",
                    "'\(name).dat' index \(index) using 1:3 with points ls \(index + 1) pt 6 ps 0.7 notitle"
                ]
            }.joined(separator: ", \\\n     ") + "\n"
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }

    /// The accelerated estimators of an experiment, each with its plain-EM twin's name.
    static func acceleratedPairs(experiment: Experiment?) -> [(plain: String, accelerated: String)] {
        guard let experiment else { return [] }
        var estimators: [String: Estimator] = [:]
        for condition in experiment.conditions { estimators[condition.estimator.name] = condition.estimator }
        var pairs: [(String, String)] = []
        for (name, e) in estimators.sorted(by: { $0.key < $1.key }) where e.configuration.acceleration != .none {
            var plain = e.configuration
            plain.acceleration = .none
            if let twin = estimators.sorted(by: { $0.key < $1.key }).first(where: {
                $0.value.configuration == plain && $0.value.method == e.method && $0.value.knownVarianceFromTruth == e.knownVarianceFromTruth
                    && $0.value.fixedWeights == e.fixedWeights
            }) {
                pairs.append((twin.key, name))
            }
        }
        return pairs
    }

    static func eSteps(summary: PlotSummary, pairs: [(plain: String, accelerated: String)]) -> PlotFiles? {
        guard !pairs.isEmpty else { return nil }
        let name = "esteps"
        var script = Gnuplot.preamble(name: name, description: "median E-steps of each accelerated estimator against its plain-EM twin")
        let all = points(summary)
        func key(_ p: Point) -> String { ["truth", "sampler", "n", "init"].map { p.factors[$0] ?? "" }.joined(separator: "\u{1}") }
        var data =
            "# \(name).dat — written by emlab from summary.csv\n"
            + "# One block per (plain, accelerated) pair; x = plain EM's eStepsMedian, y = the accelerated estimator's, per truth × sampler × n × init.\n"
        var drawn: [(String, Int)] = []
        for (plain, accelerated) in pairs {
            var rows = ""
            for p in all where p.factors["estimator"] == plain {
                guard let x = p.eSteps,
                    let q = all.first(where: { $0.factors["estimator"] == accelerated && key($0) == key(p) }), let y = q.eSteps
                else { continue }
                rows += "\(Gnuplot.number(x)) \(Gnuplot.number(y)) \(p.condition) \(q.condition)\n"
            }
            guard !rows.isEmpty else { continue }
            data +=
                (drawn.isEmpty ? "\n" : "\n\n")
                + "# index \(drawn.count): \(plain) vs \(accelerated)\n# plain accelerated plainCondition acceleratedCondition\n" + rows
            drawn.append(("\(accelerated) vs \(plain)", drawn.count))
        }
        guard !drawn.isEmpty else { return nil }
        script += eStepsScatter(
            name: name, drawn: drawn, title: "E-steps: plain EM against its accelerated twin (medians per truth × n)",
            xLabel: "plain EM, median E-steps", yLabel: "accelerated, median E-steps", ranges: "", keyFont: 10, pointSize: "0.7",
            equalLabel: "equal E-steps")
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }

    /// The gnuplot of an E-steps scatter on log–log axes: line styles, one
    /// point set per `drawn` index of `name`.dat, and the y = x line
    /// (`esteps.svg`, `esteps-vs-em.svg`).
    static func eStepsScatter(
        name: String, drawn: [(String, Int)], title: String, xLabel: String, yLabel: String, ranges: String, keyFont: Int,
        pointSize: String, equalLabel: String
    ) -> String {
        Gnuplot.lineStyles(drawn.count)
            + """
            set title "\(title)"
            set xlabel '\(xLabel)'
            set ylabel '\(yLabel)'
            set logscale xy
            set format x "10^{%L}"
            set format y "10^{%L}"
            \(ranges)set size square
            set grid lc rgb "#dddddd"
            set key outside right top font ",\(keyFont)"

            """
            + "plot "
            + drawn.map { label, index in
                "'\(name).dat' index \(index) using 1:2 with points ls \(index + 1) pt 7 ps \(pointSize) title \(Gnuplot.literal(label))"
            }.joined(separator: ", \\\n     ") + ", \\\n     x with lines lc rgb \"#999999\" dt 2 title '\(equalLabel)'\n"
    }
}
