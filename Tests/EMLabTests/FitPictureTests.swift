import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Histogram bins, `emlab fit --plot` and `emlab fit --animate`.
@Suite struct FitPictureTests {
    @Test func freedmanDiaconisWidthIsTwiceTheIQROverTheCubeRootOfN() {
        // 1…1000: type-7 quartiles 250.75 and 750.25, IQR 499.5, n^(1/3) = 10.
        let data = (1...1000).map(Double.init)
        #expect(abs(HistogramBins.freedmanDiaconisWidth(data) - 2 * 499.5 / 10) < 1e-9)
        let bins = HistogramBins(data: data)
        #expect(bins.counts.count == Int((999 / 99.9).rounded(.up)))
        #expect(bins.counts.reduce(0, +) == 1000)
        // The bars' area is 1, so a density can be laid over them.
        #expect(abs(bins.densities.reduce(0, +) * bins.width - 1) < 1e-12)
    }

    @Test func tiedDataFallBackAndTheUsersChoiceWins() {
        // More than half the values tied: the IQR is 0, Scott's rule takes over.
        let tied = Array(repeating: 5.0, count: 30) + [1, 2, 8, 9]
        #expect(HistogramBins.freedmanDiaconisWidth(tied) > 0)
        #expect(HistogramBins.freedmanDiaconisWidth([3, 3, 3]) == 1)
        #expect(HistogramBins(data: [3, 3, 3]).counts == [3])
        let data = [0.0, 1, 2, 3, 4, 10]
        #expect(HistogramBins(data: data, count: 5).counts == [2, 2, 1, 0, 1])
        #expect(HistogramBins(data: data, width: 2.5).counts == [3, 2, 0, 1])
        // A width that would make thousands of bins is widened to the cap.
        #expect(HistogramBins(data: data, width: 1e-6).counts.count == HistogramBins.maximumBins)
        // A width wider than the data is one bin over the data (1e308 made gnuplot fail on an empty y range).
        let wide = HistogramBins(data: data, width: 1e308)
        #expect(wide.counts == [6] && wide.width == 10 && wide.densities == [0.1])
        #expect(HistogramBins(data: [3, 3, 3], width: 1e308).width == 1)
    }

    static func picture(truth: GaussianMixture?, collapsed: Bool = false) throws -> FitPicture {
        let data: [Double] = (0..<200).map { index in
            let base: Double = index % 2 == 0 ? 0 : 6
            return base + Double(index % 17) / 17
        }
        var configuration = EMConfiguration()
        configuration.recordTrace = true
        var result = ExpectationMaximization.fit(
            data: data, start: try GaussianMixture(weights: [0.5, 0.5], means: [1, 5], standardDeviations: [1, 1]),
            configuration: configuration)
        if collapsed {
            result.mixture = GaussianMixture(unchecked: [0.5, 0.5], means: [0.5, 6.5], standardDeviations: [1e-9, 0.3])
        }
        return FitPicture(
            data: data, fits: [FitPicture.Fit(label: "EM", result: result)], truth: truth, binWidth: nil, binCount: nil,
            subtitle: "test data")
    }

    @Test func scriptDrawsTheTruthOnlyWhenKnownAndMarksACollapse() throws {
        let truth = try GaussianMixture(weights: [0.5, 0.5], means: [0.5, 6.5], standardDeviations: [0.3, 0.3])
        let withTruth = FitPlot.script(try Self.picture(truth: truth))
        #expect(withTruth.contains("title 'truth'") && withTruth.contains("dt 2"))
        #expect(withTruth.contains("$trace0"))
        #expect(!FitPlot.script(try Self.picture(truth: nil)).contains("title 'truth'"))
        // σ = 1e-9 is no curve on any grid: a vertical line at its mean, labelled with σ.
        let collapsed = FitPlot.script(try Self.picture(truth: nil, collapsed: true))
        #expect(collapsed.contains("set arrow 1 from 0.5, graph 0"))
        #expect(collapsed.contains("σ1 = "))
        #expect(!collapsed.contains("set arrow 2"))
    }

    @Test func framesAreThinnedButKeepTheEnds() {
        #expect(EMAnimationPage.frameIndices(count: 10) == Array(0..<10))
        let thinned = EMAnimationPage.frameIndices(count: 5001)
        #expect(thinned.count == EMAnimationPage.frameLimit)
        #expect(thinned.first == 0 && thinned.last == 5000)
        #expect(zip(thinned, thinned.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func animationPageIsSelfContained() throws {
        let html = try EMAnimationPage.html(try Self.picture(truth: nil))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("id=\"em-data\"") && html.contains("id=\"slider\"") && html.contains("id=\"play\""))
        // Nothing is fetched: no external script, style sheet or image.
        for reference in ["src=\"http", "href=\"http", "<link", "src=\"//"] { #expect(!html.contains(reference)) }
        var untraced = try Self.picture(truth: nil)
        untraced.fits[0].result.trace = nil
        #expect(throws: EMLabError.self) { try EMAnimationPage.html(untraced) }
    }
}

/// `emlab fit --plot/--animate` through the built tool.
@Suite struct FitPictureCommandTests {
    static func dataFile(in folder: URL) throws -> URL {
        let values = (0..<300).map { index -> String in
            let base: Double = index % 2 == 0 ? 10 : 20
            return formatNumber(base + Double(index % 23) / 5 - 2.2)
        }
        let url = folder.appendingPathComponent("data.txt")
        try (values.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(.enabled(if: (try? Gnuplot.executable()) != nil, "--plot needs gnuplot (make deps installs it)"))
    func plotAndAnimationOfAFit() throws {
        let folder = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.dataFile(in: folder)
        let plain = try Tool.run(["fit", "data.txt", "-k", "2"], in: folder)
        let drawn = try Tool.run(["fit", "data.txt", "-k", "2", "--plot", "fit.svg", "--animate", "em.html", "--bins", "30"], in: folder)
        #expect(drawn.status == 0, "\(drawn.stderr)")
        // Drawing changes nothing that is printed.
        #expect(drawn.stdout == plain.stdout)
        let svg = try String(contentsOf: folder.appendingPathComponent("fit.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"))
        #expect(svg.contains("log-likelihood ℓ(t) at each iteration"))
        let page = try String(contentsOf: folder.appendingPathComponent("em.html"), encoding: .utf8)
        #expect(page.contains("EM, K = 2, quantile start"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["data.txt", "em.html", "fit.svg"])
    }

    @Test(.enabled(if: (try? Gnuplot.executable()) != nil, "needs gnuplot (make deps installs it)"))
    func presetDrawsAsWrittenBesideCorrected() throws {
        let folder = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try Tool.run(["fit", "--preset", "doc000", "--plot", "doc000.svg", "--animate", "doc000.html"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let svg = try String(contentsOf: folder.appendingPathComponent("doc000.svg"), encoding: .utf8)
        #expect(svg.contains("doc000-as-written (as written)") && svg.contains("(corrected)"))
        #expect(svg.contains("truth"))
        let page = try String(contentsOf: folder.appendingPathComponent("doc000.html"), encoding: .utf8)
        #expect(page.contains("\"truth\": {\"w\":[0.5,0.5],\"m\":[40,20],\"s\":[6,6]}"))
    }

    @Test(arguments: [
        (["--plot", "fit.gif"], "--plot fit.gif: the plot is written as FILE.svg, FILE.png or FILE.pdf, chosen by the extension"),
        (["--plot", "fit"], "FILE.svg, FILE.png or FILE.pdf"),
        (["--animate", "em.svg"], "ending in .html"),
        (["--plot", "no-such-folder/fit.svg"], "does not exist"),
        (["--bins", "20"], "go with --plot or --animate"),
        (["--plot", "fit.svg", "--bins", "0"], "--bins between 1 and"),
        (["--plot", "fit.svg", "--bin-width", "-1"], "positive, finite --bin-width"),
        (["--plot", "fit.svg", "--bins", "5", "--bin-width", "1"], "contradict"),
        (["--animate", "em.html", "--starts", "3"], "--animate plays one fit")
    ])
    func badPictureOptionsFailCleanly(arguments: [String], words: String) throws {
        let folder = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.dataFile(in: folder)
        let output = try Tool.run(["fit", "data.txt", "-k", "2"] + arguments, in: folder)
        Corpus.expectOneClearLine(output, [words])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["data.txt"])
    }
}
