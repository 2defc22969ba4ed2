import Foundation
import Testing
@testable import EMLab

/// index.html, the study's report page, on the hand-written study of ``PlotsTests``.
@Suite struct StudyReportPageTests {
    /// The study of PlotsTests with a manifest whose experiment has `notes`, and a README.
    static func study(notes: String?) throws -> URL {
        let folder = try PlotsTests.scratchDirectory()
        try PlotsTests.writeStudy(in: folder)
        var experiment = goodExperiment.replacingOccurrences(of: "name = \"tiny\"\n", with: "name = \"tiny\"\ndescription = \"Means <b>& sds</b>\"\n")
        if let notes { experiment = experiment.replacingOccurrences(of: "seed = 7\n", with: "seed = 7\nnotes = \"\"\"\n\(notes)\n\"\"\"\n") }
        var manifest = Manifest(
            experimentName: "tiny", experimentFile: "tiny.toml", experimentSHA256: Manifest.hash(of: experiment),
            experimentText: experiment, generator: "mt19937", normalMethod: "ziggurat", studySeed: 7,
            conditions: 2, replicates: 8, shard: .whole, units: 8, commandLine: ["emlab", "run", "tiny.toml"],
            jobs: 1, status: .complete, startTime: "2026-01-01T00:00:00Z", endTime: nil, elapsedSeconds: nil)
        manifest.endTime = "2026-01-01T00:00:01Z"
        try manifest.json.write(to: folder.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func pageHoldsEverySectionAndEscapesText() throws {
        let folder = try Self.study(notes: "Read the **heat map** first.")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# tiny\n\n| a | b |\n|---|---|\n| 1 | 2 |\n".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try StudyReportPage.write(directory: folder.path)
        // The page is indented for people who read its source; the checks read it without the indentation.
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
            .replacingOccurrences(of: "\n *<", with: "<", options: .regularExpression)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for id in ["notes", "design", "summary", "plots", "readme", "files"] { #expect(html.contains("<section id=\"\(id)\">"), "no section \(id)") }
        // The experiment's text is escaped; its notes and the README are markdown.
        #expect(html.contains("Means &lt;b&gt;&amp; sds&lt;/b&gt;"))
        #expect(html.contains("<strong>heat map</strong>"))
        #expect(html.contains("<table><thead><tr><th>a</th><th>b</th></tr></thead>"))
        // The design, the headline numbers (mean of mean1/mean2 RMSE: 0.7 and 0.35), seeds and links.
        #expect(html.contains("<td>n</td><td>50, 200</td>"))
        #expect(html.contains("<td class=\"number\">0.7</td>") && html.contains("<td class=\"number\">0.35</td>"))
        #expect(html.contains("<td>study seed</td><td class=\"number\">7</td>"))
        for file in ["summary.csv", "runs.csv", "traces.csv", "manifest.json"] { #expect(html.contains("href=\"\(file)\"")) }
        // No plots drawn yet: the page says so instead of showing broken images.
        #expect(!html.contains("<img"))
        #expect(html.contains("No plots were drawn"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp") }.isEmpty)
    }

    @Test(.enabled(if: (try? Gnuplot.executable()) != nil, "needs gnuplot (make deps installs it)"))
    func plotsAppearInReadingOrderAtTheirSize() throws {
        let folder = try Self.study(notes: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Plots.draw(directory: folder.path)
        try StudyReportPage.write(directory: folder.path)
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("<section id=\"notes\">") && !html.contains("<section id=\"readme\">"))
        let order = ["failure-rates", "error-vs-n", "iterations", "traces"].map { html.range(of: "src=\"plots/\($0).svg\"")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 }.sorted() == order.compactMap { $0 })
        let size = try #require(StudyReportPage.svgSize(path: folder.appendingPathComponent("plots/failure-rates.svg").path))
        #expect(
            html.contains(
                "src=\"plots/failure-rates.svg\" alt=\"failure rates per condition: stop reasons, failure flags, and fits that missed the best log-likelihood\" width=\"\(size.width)\" height=\"\(size.height)\""
            ))
    }

    /// Design blocks that set their own `replicates` show in the settings table
    /// as they ran, not as the file's default (issue 19 §6).
    @Test func settingsShowEachConditionsReplicates() throws {
        let uniform = try ExperimentParser.parse(text: goodExperiment, file: "x.toml")
        #expect(StudyReportPage.replicatesText(uniform) == "3")
        let blocks = goodExperiment.replacingOccurrences(of: "[design]\n", with: "[[design]]\n")
            .replacingOccurrences(
                of: "[[exclude]]",
                with: """
                    replicates = 500

                    [[design]]
                    truth = ["a"]
                    n = [90]
                    estimator = ["free"]
                    init = ["quantile"]

                    [[exclude]]
                    """)
        let mixed = try ExperimentParser.parse(text: blocks, file: "x.toml")
        let large = mixed.conditions.filter { $0.replicates == 500 }.count
        #expect(large > 1)
        #expect(StudyReportPage.replicatesText(mixed) == "500 (\(large) conditions), 3 (1 condition)")
        let html = StudyReportPage.designSection(summary: PlotSummary(header: [], conditions: [], rows: []), experiment: mixed).render()
        #expect(html.contains("<td>replicates per condition</td><td>500 (\(large) conditions), 3 (1 condition)</td>"), "\(html)")
        #expect(!html.contains("<td>replicates per condition</td><td class=\"number\">3</td>"))
    }

    @Test func notesAreParsedAndOptional() throws {
        let with = try ExperimentParser.parse(text: goodExperiment.replacingOccurrences(of: "seed = 7\n", with: "seed = 7\nnotes = \"why\"\n"), file: "x.toml")
        #expect(with.notes == "why")
        #expect(try ExperimentParser.parse(text: goodExperiment, file: "x.toml").notes == "")
    }

    @Test func numberRangesCollapseRuns() {
        #expect(PlotScripts.numberRanges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8")
        #expect(PlotScripts.numberRanges([4]) == "4")
        #expect(
            PlotScripts.percentText(0) == "0" && PlotScripts.percentText(0.0004) == "<0.1"
                && PlotScripts.percentText(0.0123) == "1.2" && PlotScripts.percentText(0.456) == "46")
    }
}
