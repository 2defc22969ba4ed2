import Foundation

/// `landscape-<condition>.svg`: the basins of the (μ1, μ2) plane behind a
/// K = 2 study's traced fits (issue 24: the study page gains the landscape
/// as a background when K = 2).
///
/// For each of the first ``conditionLimit`` traced two-component conditions,
/// the traced replicate's data set is drawn again by the study's own
/// generator (``Simulation/generate(condition:replicate:experiment:)``: the
/// study's seeds make it the same values), the plane is mapped by the engine
/// the fits use (``Landscape/behindAnimation(data:configuration:fixedWeights:jobs:)``:
/// 41 × 41 starts, 25 × 25 beyond 5,000 values), and the traced fits' (μ1, μ2)
/// paths from traces.csv are drawn across the basins by ``LandscapePlot``.
/// The diagonal μ1 = μ2 is the saddle's stable manifold (Xu, Hsu & Maleki
/// 2016, NeurIPS, "Global analysis of Expectation Maximization for mixtures
/// of two Gaussians").
enum StudyLandscape {
    /// At most this many landscapes a study: each maps 1,681 starts.
    static let conditionLimit = 4
    /// No landscape for a data set larger than this: the page is not worth minutes.
    static let sampleSizeLimit = 10_000

    /// The landscape plots of the study in `directory`, or none when it has
    /// no traced two-component condition (or no experiment to regenerate data from).
    ///
    /// - Parameters:
    ///   - directory: the study's folder (traces.csv read when present).
    ///   - experiment: the experiment the study ran.
    ///   - jobs: workers for the grid; the plot does not depend on them.
    /// - Returns: one plot per drawn condition, named `landscape-<condition>`.
    /// - Throws: ``EMLabError`` `.io` if traces.csv cannot be read; what
    ///   ``Landscape/run(data:options:)`` throws.
    /// - Complexity: O(L·N²·I·n) for L ≤ ``conditionLimit`` landscapes of N² starts.
    static func plots(directory: String, experiment: Experiment?, jobs: Int) throws -> [PlotFiles] {
        let tracesPath = "\(directory)/traces.csv"
        guard let experiment, FileManager.default.fileExists(atPath: tracesPath) else { return [] }
        let conditions = Dictionary(experiment.conditions.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        // condition → (replicate traced first, start → (μ1, μ2) path), in file order.
        var order: [Int] = []
        var traced: [Int: (replicate: Int, paths: [Int: [(x: Double, y: Double)]])] = [:]
        let table = try PlotTable(path: tracesPath)
        guard let mean1 = table.header.firstIndex(of: "mean1"), let mean2 = table.header.firstIndex(of: "mean2") else { return [] }
        let conditionColumn = try table.column("condition"), replicateColumn = try table.column("replicate")
        let startColumn = try table.column("start")
        while let row = try table.nextRow() {
            func cell(_ index: Int) -> String { index < row.count ? row[index] : "" }
            guard let number = Int(cell(conditionColumn)), let replicate = Int(cell(replicateColumn)), let start = Int(cell(startColumn)),
                let condition = conditions[number], condition.componentCount == 2, condition.truth.mixture?.componentCount == 2,
                condition.sampleSize <= sampleSizeLimit
            else { continue }
            if traced[number] == nil {
                guard order.count < conditionLimit else { continue }
                order.append(number)
                traced[number] = (replicate, [:])
            }
            guard traced[number]!.replicate == replicate, let x = parseNumber(cell(mean1)), let y = parseNumber(cell(mean2)),
                x.isFinite, y.isFinite
            else { continue }
            traced[number]!.paths[start, default: []].append((x, y))
        }
        var plots: [PlotFiles] = []
        for number in order {
            let condition = conditions[number]!, entry = traced[number]!
            let data = Simulation.generate(condition: condition, replicate: entry.replicate, experiment: experiment).data
            // The model exactly as the study fitted it: the relative floor and the collapse watch on this data set.
            let configuration = Simulation.fitted(condition, dataSD: Initialization.standardDeviation(data))
            guard
                let background = try Landscape.behindAnimation(
                    data: data, configuration: configuration, fixedWeights: condition.estimator.fixedWeights, jobs: jobs)
            else { continue }
            let paths = entry.paths.keys.sorted().map { start in
                let points = entry.paths[start]!
                return LandscapePath(start: points[0], em: points, accelerated: [])
            }
            let landscape = Landscape(
                options: background.options, data: background.data, truth: nil, ends: background.ends, limits: background.limits,
                medianIterations: background.medianIterations, slowFraction: background.slowFraction, paths: paths)
            plots.append(plot(landscape, condition: condition, replicate: entry.replicate, paths: entry.paths))
        }
        return plots
    }

    /// The plot files of one condition's landscape with its traced paths.
    static func plot(
        _ landscape: Landscape, condition: Condition, replicate: Int, paths: [Int: [(x: Double, y: Double)]]
    ) -> PlotFiles {
        let name = "landscape-\(condition.index)"
        let grid = landscape.plane.gridSize
        let caption =
            "condition \(condition.index) (\(condition.truth.name), n=\(condition.sampleSize), \(condition.estimator.name)), replicate \(replicate): "
            + "the traced fits' (μ1, μ2) paths (black) across the basins of the \(grid) × \(grid) plane of starts "
            + "(top; light colours: the maximum each start reaches, a shade darker when it ends label-swapped, grey a saddle, "
            + "black collapse, light red the cap; dots maxima, crosses saddles; contours of ℓ at the starts) "
            + "and the iterations from each start (bottom, log colour scale)"
        var script = LandscapePlot.script([landscape])
        // The first line names the plot and says what it shows (the page's caption).
        if let newline = script.firstIndex(of: "\n") {
            script = "# \(name).gp — \(caption)\n" + script[script.index(after: newline)...]
        }
        script = script.replacingOccurrences(of: "OUTPUT = \"landscape.svg\"", with: "OUTPUT = \"\(name).svg\"")
        var data = "# \(name).dat — the traced fits' paths from traces.csv: one block per start; mean1 mean2 per iteration\n"
        for start in paths.keys.sorted() {
            data += "\n# start \(start)\n" + paths[start]!.map { "\(Gnuplot.number($0.x)) \(Gnuplot.number($0.y))\n" }.joined()
        }
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }
}
