import Foundation
import Ink
import Plot

/// `index.html`: a study's report page, one per output folder, written by
/// `emlab run`, `emlab merge` and `emlab report` after the plots.
///
/// It shows the experiment's description and `notes`, the design, a headline
/// table from summary.csv, every plot of `plots/` (as sibling SVG images, so
/// the page stays small and each plot keeps its own file), the README beside
/// the results rendered from markdown, links to the CSVs and manifest, and the
/// seeds and versions. Everything it needs sits in the folder: it opens from
/// disk with no network.
public enum StudyReportPage {
    /// The page's file name in the study's folder.
    public static let fileName = "index.html"

    /// The order plots appear in: the overview first, then detail; plots not
    /// listed follow alphabetically.
    static let plotOrder = [
        "failure-rates", "error-vs-n", "iterations", "traces", "rates", "iterations-vs-rate",
        "esteps", "esteps-vs-em", "data-profiles", "coverage", "selection"
        // landscape-<condition> follow, alphabetically
    ]

    /// Writes `<directory>/index.html` atomically.
    ///
    /// - Parameter directory: a finished study's folder (summary.csv and manifest.json present).
    /// - Throws: ``EMLabError`` `.io` if a table cannot be read or the page cannot be written.
    public static func write(directory: String) throws {
        try write(directory: directory, experiment: StudyOutput.recordedExperiment(directory: directory))
    }

    /// Writes the page of the study in `directory`, as ``write(directory:)``,
    /// for the experiment it ran (already parsed by the caller; nil: none readable).
    public static func write(directory: String, experiment: Experiment?) throws {
        try AtomicFile.write(try html(directory: directory, experiment: experiment), to: "\(directory)/\(fileName)")
    }

    /// The page's HTML for the study in `directory`.
    ///
    /// - Parameter directory: a finished study's folder.
    /// - Returns: the whole document, UTF-8 text.
    /// - Throws: ``EMLabError`` if summary.csv or manifest.json cannot be read.
    public static func html(directory: String) throws -> String {
        try html(directory: directory, experiment: StudyOutput.recordedExperiment(directory: directory))
    }

    /// The page's HTML for the study in `directory` that ran `experiment`.
    public static func html(directory: String, experiment: Experiment?) throws -> String {
        let manifest = try Manifest.read(path: "\(directory)/manifest.json")
        let summary = try PlotSummary.read(path: "\(directory)/summary.csv")
        // The experiment that ran (the same text as the manifest's copy); a
        // copy this version cannot parse still gets a page, without description and notes.
        let name = experiment?.name ?? manifest.experimentName
        let readme = (try? String(contentsOfFile: "\(directory)/README.md", encoding: .utf8))
            .map { MarkdownParser().html(from: $0) }

        let page = HTML(
            .lang(.english),
            HTMLPageStyle.head(title: "EMLab study: \(name)"),
            .body(
                .main(
                    .h1(.text("Study “\(name)”")),
                    .unwrap(experiment.flatMap { $0.description.isEmpty ? nil : $0.description }) { .p(.class("lead"), .text($0)) },
                    .nav(
                        .forEach(sectionLinks(readme: readme != nil, notes: !(experiment?.notes.isEmpty ?? true))) {
                            .a(.href("#\($0.0)"), .text($0.1))
                        }),
                    .unwrap(experiment.flatMap { $0.notes.isEmpty ? nil : $0.notes }) { notes in
                        .section(.id("notes"), .h2("Notes"), .div(.raw(MarkdownParser().html(from: notes))))
                    },
                    .section(.id("design"), .h2("Design"), designSection(summary: summary, experiment: experiment)),
                    .section(
                        .id("summary"), .h2("Headline results"),
                        .p(
                            .class("note"),
                            .text(
                                "One row per condition, from summary.csv (all its columns are in the file). "
                                    + "RMSE of the means is the average over components of mean<k>_rmse; rates are over replicates' selected fits.")),
                        .div(.class("scroll"), headlineTable(summary))),
                    .section(.id("plots"), .h2("Plots"), plotsSection(directory: directory)),
                    .unwrap(readme) { .section(.id("readme"), .h2("README"), .div(.class("readme"), .raw($0))) },
                    .section(.id("files"), .h2("Files, seeds and versions"), filesSection(directory: directory, manifest: manifest))
                ))
        )
        return page.render(indentedBy: .spaces(1)) + "\n"
    }

    /// The in-page links at the top: (anchor, text).
    static func sectionLinks(readme: Bool, notes: Bool) -> [(String, String)] {
        (notes ? [("notes", "Notes")] : []) + [("design", "Design"), ("summary", "Results"), ("plots", "Plots")]
            + (readme ? [("readme", "README")] : []) + [("files", "Files and versions")]
    }

    // MARK: design

    /// Each factor with its values, and the truths' parameters where the experiment is known.
    static func designSection(summary: PlotSummary, experiment: Experiment?) -> Node<HTML.BodyContext> {
        let factorRows = PlotConditionLabels.factorNames.map { factor -> [String] in
            var values: [String] = []
            for condition in summary.conditions {
                let value = condition.factors[factor] ?? ""
                if !values.contains(value) { values.append(value) }
            }
            return [factor, values.joined(separator: ", ")]
        }
        var settings = [["conditions", String(summary.conditions.count)]]
        if let experiment {
            settings += [
                ["replicates per condition", replicatesText(experiment)], ["starts per replicate", String(experiment.starts)],
                ["traced replicates", String(experiment.traceReplicates)], ["study seed", String(experiment.seed)],
                ["generator", "\(experiment.random.generator) (\(experiment.random.kind.rawValue) stream)"]
            ]
        }
        var truthRows: [[String]] = []
        for condition in experiment?.conditions ?? [] where !truthRows.contains(where: { $0[0] == condition.truth.name }) {
            let truth = condition.truth
            if let mixture = truth.mixture {
                truthRows.append([
                    truth.name, String(mixture.componentCount), list(mixture.weights), list(mixture.means),
                    list(mixture.standardDeviations)
                ])
            } else if let sets = truth.dataSets {
                let files = sets.files.count == 1 ? sets.files[0].path : "\(sets.files.count) files"
                truthRows.append([truth.name, "—", "\(sets.count) data sets from \(files)", "", ""])
            } else {
                truthRows.append([truth.name, "—", "a data set of \(truth.data?.count ?? 0) values", "", ""])
            }
        }
        return .group(
            HTMLPageStyle.table(header: ["factor", "values (crossed into conditions)"], rows: factorRows),
            HTMLPageStyle.table(header: ["setting", "value"], rows: settings),
            .if(
                !truthRows.isEmpty,
                .group(
                    .h3("Truths"),
                    HTMLPageStyle.table(header: ["truth", "K", "weights", "means", "standard deviations"], rows: truthRows)))
        )
    }

    /// The replicates each condition runs: one number when all agree, else each
    /// count with how many conditions run it, in design order — design blocks
    /// may override the file's `replicates`, and the file's value alone would mislead.
    static func replicatesText(_ experiment: Experiment) -> String {
        var counts: [(replicates: Int, conditions: Int)] = []
        for condition in experiment.conditions {
            if let index = counts.firstIndex(where: { $0.replicates == condition.replicates }) {
                counts[index].conditions += 1
            } else {
                counts.append((condition.replicates, 1))
            }
        }
        guard counts.count > 1 else { return String(counts.first?.replicates ?? experiment.replicates) }
        return counts.map { "\($0.replicates) (\($0.conditions) \($0.conditions == 1 ? "condition" : "conditions"))" }
            .joined(separator: ", ")
    }

    static func list(_ values: [Double]) -> String { values.map(formatNumber).joined(separator: ", ") }

    // MARK: headline table

    /// The headline columns of summary.csv: the design, then the error, the
    /// iterations and the main rates, each shown only when the file has it.
    static func headlineTable(_ summary: PlotSummary) -> Node<HTML.BodyContext> {
        let labels = PlotConditionLabels(summary.conditions)
        let rmseColumns = summary.header.filter { $0.hasPrefix("mean") && $0.hasSuffix("_rmse") && Int($0.dropFirst(4).dropLast(5)) != nil }
        let rates: [(column: String, title: String)] = [
            ("stop_converged", "converged"), ("stop_iteration-cap", "hit cap"), ("rate_collapsed", "collapsed"),
            ("rate_spurious", "spurious"), ("rate_reachedBest", "reached best")
        ].filter { summary.header.contains($0.column) }
        let coverage = summary.header.filter { $0.hasPrefix("coverage_") }.prefix(4)
        let factors = labels.varyingFactors.isEmpty ? ["estimator"] : labels.varyingFactors
        var header = ["condition"] + factors + ["replicates"]
        if !rmseColumns.isEmpty { header.append("RMSE of the means") }
        if summary.header.contains("iterationsMedian") { header.append("iterations: median [Q1, Q3]") }
        header += rates.map(\.title) + coverage.map { $0 }
        let rows = summary.conditions.indices.map { index -> [String] in
            let condition = summary.conditions[index]
            var row = [String(condition.number)] + factors.map { condition.factors[$0] ?? "" }
            row.append(summary.rows[index]["replicates"] ?? "")
            if !rmseColumns.isEmpty {
                let values = rmseColumns.compactMap { summary.number(index, $0) }
                row.append(values.isEmpty ? "" : String(format: "%.4g", values.reduce(0, +) / Double(values.count)))
            }
            if summary.header.contains("iterationsMedian") {
                let cell = { (column: String) in summary.number(index, column).map(formatNumber) ?? "–" }
                row.append("\(cell("iterationsMedian")) [\(cell("iterationsQ1")), \(cell("iterationsQ3"))]")
            }
            row += rates.map { summary.number(index, $0.column).map { String(format: "%.3g", $0) } ?? "" }
            row += coverage.map { summary.number(index, $0).map { String(format: "%.3g", $0) } ?? "" }
            return row
        }
        return HTMLPageStyle.table(header: header, rows: rows)
    }

    // MARK: plots

    /// The SVGs of `plots/`, in ``plotOrder``, each with the description its script starts with.
    static func plotNames(directory: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/plots")) ?? []
        let names = files.filter { $0.hasSuffix(".svg") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) }
        return names.sorted { a, b in
            let (i, j) = (plotOrder.firstIndex(of: a) ?? plotOrder.count, plotOrder.firstIndex(of: b) ?? plotOrder.count)
            return i != j ? i < j : a < b
        }
    }

    static func plotsSection(directory: String) -> Node<HTML.BodyContext> {
        let names = plotNames(directory: directory)
        guard !names.isEmpty else {
            return .p(.text("No plots were drawn (gnuplot missing, or --no-plots); `emlab report` draws them."))
        }
        return .forEach(names) { name in
            let size = svgSize(path: "\(directory)/plots/\(name).svg")
            // Plot has no <figure>/<figcaption> functions; the generic element builder writes them.
            return .element(
                named: "figure",
                nodes: [
                    .id("plot-\(name)"),
                    .img(
                        .src("plots/\(name).svg"), .alt(plotDescription(directory: directory, name: name)),
                        .attribute(named: "width", value: size.map { String($0.width) }),
                        .attribute(named: "height", value: size.map { String($0.height) })),
                    .element(
                        named: "figcaption",
                        nodes: [
                            .strong(.text("\(name).svg")), .text(" — " + plotDescription(directory: directory, name: name) + " "),
                            .a(.href("plots/\(name).gp"), .text("script")), .text(" · "), .a(.href("plots/\(name).dat"), .text("data"))
                        ])
                ])
        }
    }

    /// The description on the first line of `plots/<name>.gp` ("# name.gp — description").
    static func plotDescription(directory: String, name: String) -> String {
        guard let script = try? String(contentsOfFile: "\(directory)/plots/\(name).gp", encoding: .utf8),
            let first = script.split(separator: "\n", maxSplits: 1).first,
            let dash = first.range(of: " — ")
        else { return name }
        return String(first[dash.upperBound...])
    }

    /// The size an SVG is drawn at, in pixels: its root element's `width` and
    /// `height`, else its `viewBox` (gnuplot's `dynamic` SVGs have only that).
    /// The page gives each image this size, so the layout does not jump while
    /// images load and a browser test can check it.
    ///
    /// - Parameter path: the SVG file.
    /// - Returns: nil when the file cannot be read or declares neither.
    public static func svgSize(path: String) -> (width: Int, height: Int)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 2048), as: UTF8.self)
        guard let svg = head.range(of: "<svg") else { return nil }
        let tag = head[svg.lowerBound...].prefix { $0 != ">" }
        func attribute(_ name: String) -> String? {
            guard let start = tag.range(of: "\(name)=\"") else { return nil }
            return String(tag[start.upperBound...].prefix { $0 != "\"" })
        }
        if let width = attribute(" width").flatMap({ Int($0) }), let height = attribute(" height").flatMap({ Int($0) }) {
            return (width, height)
        }
        let box = (attribute("viewBox") ?? "").split(separator: " ").compactMap { Double($0) }
        guard box.count == 4, box[2] > 0, box[3] > 0 else { return nil }
        return (Int(box[2].rounded()), Int(box[3].rounded()))
    }

    // MARK: files

    static func filesSection(directory: String, manifest: Manifest) -> Node<HTML.BodyContext> {
        let files: [(String, String)] = [
            ("summary.csv", "one row per condition"),
            ("runs.csv", "one row per fit (large studies do not commit it: `emlab run` re-creates it byte for byte)"),
            ("traces.csv", "every iteration of the traced replicates"),
            ("manifest.json", "what produced the files: versions, seeds, the experiment's text, the command line")
        ].filter { $0.0 == "runs.csv" || FileManager.default.fileExists(atPath: "\(directory)/\($0.0)") }
        var rows: [[String]] = [
            ["EMLab", manifest.emlabVersion], ["GSL", manifest.gslVersion], ["experiment file", manifest.experimentFile],
            ["its SHA-256", manifest.experimentSHA256], ["generator", manifest.generator], ["normal method", manifest.normalMethod],
            ["study seed", String(manifest.studySeed)], ["conditions", String(manifest.conditions)],
            ["replicates in all", String(manifest.replicates)], ["shard", manifest.shard.description],
            ["status", manifest.status.rawValue], ["started", manifest.startTime]
        ]
        if let endTime = manifest.endTime { rows.append(["finished", endTime]) }
        rows.append(["command line", manifest.commandLine.joined(separator: " ")])
        return .group(
            .ul(.forEach(files) { .li(.a(.href($0.0), .code(.text($0.0))), .text(" — " + $0.1)) }),
            .p(
                .class("note"),
                .text(
                    "Each fit's own seeds (dataSeed, startSeed) are in runs.csv; they derive from the study seed, "
                        + "so re-running the experiment file reproduces every row.")),
            HTMLPageStyle.table(header: ["", "value"], rows: rows)
        )
    }
}
