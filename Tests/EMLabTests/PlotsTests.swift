import Foundation
import Testing
@testable import EMLab

/// Plots.draw on a tiny hand-written study: two conditions, K = 2.
@Suite struct PlotsTests {
    static let plotNames = ["error-vs-n", "iterations", "failure-rates", "traces"]

    /// A fresh, empty directory for one test.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("emlab-plots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a CSV whose rows are given as column → value; missing columns are empty.
    static func writeTable(_ header: [String], _ rows: [[String: String]], to url: URL) throws {
        let text =
            ([header] + rows.map { row in header.map { row[$0] ?? "" } })
            .map { $0.map(CSVFormat.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Writes runs.csv, summary.csv and traces.csv for two conditions that
    /// differ only in n. The names hold `_` and `'`, which gnuplot scripts must
    /// escape and quote, and runs.csv carries a flag column (`newFlag`) that
    /// the plots do not know by name.
    static func writeStudy(in folder: URL) throws {
        let factors = [["condition": "1", "n": "50"], ["condition": "2", "n": "200"]].map {
            $0.merging(["truth": "doc_001", "sampler": "latent", "estimator": "free'q", "init": "quantile"]) { a, _ in a }
        }
        var runsHeader = RunsTable(componentColumns: 2).header
        runsHeader.insert("newFlag", at: runsHeader.firstIndex(of: "largestDecrease")!)
        var runs: [[String: String]] = []
        for (conditionIndex, condition) in factors.enumerated() {
            for replicate in 1...4 {
                var row = condition
                row["replicate"] = "\(replicate)"
                row["start"] = "1"
                row["selected"] = "1"
                row["iterations"] = "\(replicate * 7 + conditionIndex * 40)"
                row["stopReason"] = replicate == 4 ? "iteration-cap" : "converged"
                row["iterationCap"] = replicate == 4 ? "1" : "0"
                row["newFlag"] = replicate == 1 ? "1" : "0"
                row["reachedBest"] = replicate == 2 ? "0" : "1"
                runs.append(row)
            }
        }
        try writeTable(runsHeader, runs, to: folder.appendingPathComponent("runs.csv"))

        let parameters = ["weight", "mean", "sd"].flatMap { name in (1...2).map { "\(name)\($0)" } }
        let stopReasons = ["converged", "iteration-cap", "fixed-iterations", "non-finite", "degenerate", "no-start"]
        let summaryHeader =
            RunsTable.factorColumns + ["replicates", "fits"]
            + parameters.flatMap { p in ["n", "bias", "biasSE", "rmse", "rmseSE"].map { "\(p)_\($0)" } }
            + ["iterationsMedian", "iterationsQ1", "iterationsQ3"] + stopReasons.map { "stop_\($0)" }
            + (RunsTable.flagColumns + ["newFlag"]).map { "rate_\($0)" } + ["rate_reachedBest", "rate_startsReachedBest"]
        let summary = factors.enumerated().map { index, condition in
            condition.merging([
                "replicates": "4", "fits": "4",
                "mean1_rmse": index == 0 ? "0.8" : "0.4", "mean1_rmseSE": "0.05",
                "mean2_rmse": index == 0 ? "0.6" : "0.3", "mean2_rmseSE": "0.04",
                "iterationsMedian": "17.5", "iterationsQ1": "12.25", "iterationsQ3": "22.75",
                "stop_converged": "0.75", "stop_iteration-cap": "0.25", "stop_non-finite": "0", "stop_degenerate": "0",
                "stop_no-start": "0", "rate_iterationCap": "0.25", "rate_nonMonotone": "0", "rate_newFlag": "0.25",
                "rate_nonFinite": "0", "rate_degenerate": "0", "rate_reachedBest": "0.75", "rate_startsReachedBest": "0.75"
            ]) { a, _ in a }
        }
        try writeTable(summaryHeader, summary, to: folder.appendingPathComponent("summary.csv"))

        let traces = factors.flatMap { condition in
            (0...5).map { iteration in
                [
                    "condition": condition["condition"]!, "replicate": "1", "start": "1", "iteration": "\(iteration)",
                    "logLikelihood": formatNumber(-100 - pow(0.1, Double(iteration)) * 50)
                ]
            }
        }
        try writeTable(RunsTable(componentColumns: 2).traceHeader, traces, to: folder.appendingPathComponent("traces.csv"))
    }

    @Test(.enabled(if: (try? Gnuplot.executable()) != nil, "needs gnuplot (make deps installs it)"))
    func drawsFourSVGsWithScriptsAndData() throws {
        // Without gnuplot there is nothing to draw; Plots.draw then throws by design.
        let folder = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeStudy(in: folder)

        try Plots.draw(directory: folder.path)

        let plots = folder.appendingPathComponent("plots")
        for name in Self.plotNames {
            let svg = try String(contentsOf: plots.appendingPathComponent("\(name).svg"), encoding: .utf8)
            #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"), "\(name).svg is not SVG")
            #expect(svg.contains("</svg>"), "\(name).svg is incomplete")
            let script = try String(contentsOf: plots.appendingPathComponent("\(name).gp"), encoding: .utf8)
            #expect(script.contains("OUTPUT = \"\(name).svg\""))
            #expect(FileManager.default.fileExists(atPath: plots.appendingPathComponent("\(name).dat").path))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: plots.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        // The flag that only the header names is drawn, merged with its twin stop reason.
        let failureScript = try String(contentsOf: plots.appendingPathComponent("failure-rates.gp"), encoding: .utf8)
        #expect(failureScript.contains("flag: newFlag"))
        #expect(failureScript.contains("stopped: iteration cap = flag: iterationCap"))
    }

    /// With only two conditions that failed, the colour bar still fits the
    /// canvas down to its 0 (it hung 100 px below it: issue 19 §6), and the
    /// list of modes not drawn is wrapped to the canvas's width.
    @Test func theFailureColourBarFitsASmallHeatMap() throws {
        let folder = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeStudy(in: folder)
        let summary = try PlotSummary.read(path: folder.appendingPathComponent("summary.csv").path)
        let script = PlotScripts.failureRates(summary: summary, labels: PlotConditionLabels(summary.conditions)).script
        func numbers(after prefix: String) throws -> [Double] {
            let line = try #require(script.split(separator: "\n").last { $0.hasPrefix(prefix) }, "no '\(prefix)' line")
            return line.dropFirst(prefix.count).split(whereSeparator: { " ,".contains($0) }).compactMap {
                Double($0.replacingOccurrences(of: "screen", with: ""))
            }
        }
        let size = try numbers(after: "set terminal svg size ")
        let height = try #require(size.count >= 2 ? size[1] : nil)
        let box = try numbers(after: "set colorbox user origin ")  // x, y, width, height as fractions of the canvas
        try #require(box.count == 4)
        // The bar's foot, with room for the "0" beside it (half a 10-point line), and its top, inside the canvas.
        #expect(box[1] * height >= 6, "the colour bar's foot is \(box[1] * height) px from the bottom")
        #expect(box[1] + box[3] <= 1)
        #expect(box[3] * height >= 119, "the colour bar is only \(box[3] * height) px tall")
        let width = size[0]
        for line in script.split(separator: "\n") where line.hasPrefix("set label 100 ") {
            // Each wrapped line is `'{/*0.8 ' . 'text' . '}'`.
            let texts = line.components(separatedBy: "'{/*0.8 ' . '").dropFirst().compactMap { $0.components(separatedBy: "' . '}'").first }
            #expect(texts.count >= 2, "the list of modes not drawn is not wrapped: \(line)")
            for text in texts { #expect(Double(text.count) * 4.4 <= width - 20, "a title line wider than the canvas: \(text)") }
        }
        // drawsFourSVGsWithScriptsAndData draws this very study with gnuplot.
    }

    @Test(.enabled(if: (try? Gnuplot.executable()) != nil, "gnuplot is needed to fail in it (make deps installs it)"))
    func brokenScriptLeavesNoSVG() throws {
        let gnuplot = try Gnuplot.executable()
        let folder = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Gnuplot.preamble(name: "broken", description: "a script with an error")
            .appending("plot no_such_function(x)\n")
            .write(to: folder.appendingPathComponent("broken.gp"), atomically: true, encoding: .utf8)
        try "stale".write(to: folder.appendingPathComponent("broken.svg"), atomically: true, encoding: .utf8)

        let error = #expect(throws: EMLabError.self) { try Gnuplot.render(name: "broken", in: folder, gnuplot: gnuplot) }
        #expect(error?.code == .io)
        #expect(error?.message.hasPrefix("plot broken: gnuplot failed: ") == true)
        #expect(error?.message.contains("line") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["broken.gp"])
    }

    @Test func labelsAreEscapedForEnhancedText() {
        #expect(Gnuplot.escaped("doc_001^2 {a} @b &c ~d \\e") == "doc\\_001\\^2 \\{a\\} \\@b \\&c \\~d \\\\e")
        #expect(Gnuplot.literal("it's x_1") == "'it''s x\\_1'")
    }

    @Test func histogramQuartilesMatchSummary() throws {
        let values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 200]
        var histogram = IterationHistogram()
        for value in values { histogram.counts[value, default: 0] += 1 }
        let box = try #require(histogram.boxPlot())
        let sorted = values.map(Double.init).sorted()
        #expect(box.q1 == StudySummary.quantile(sorted, 0.25))
        #expect(box.median == StudySummary.quantile(sorted, 0.5))
        #expect(box.q3 == StudySummary.quantile(sorted, 0.75))
        #expect(box.upperWhisker == 9)
        #expect(box.outliers.map(\.value) == [200])
    }
}
