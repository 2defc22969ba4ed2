import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Issue 19 §2, "Words that never lie": a number is called a rate only where
/// it is one, no NaN or negative count is printed, theory is said to agree
/// only when it was tested, a degenerate fit is called degenerate, and a
/// bootstrap test too small to reject decides nothing.
@Suite struct WordsThatNeverLieTests {
    static let faithful = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/faithful-waiting.txt").path

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A converged-looking analysis of a small fit, whose fields a test then sets.
    static func analysis(stop: StopReason, theory: Double, measured: Double) -> (ConvergenceAnalysis, FitResult, EMConfiguration) {
        let data = [-2.1, -1.7, -1.2, -0.8, -0.3, 2.2, 2.9, 3.1, 3.6, 4.4]
        let configuration = EMConfiguration()
        var result = ExpectationMaximization.fit(
            data: data, start: GaussianMixture(unchecked: [0.5, 0.5], means: [-1, 3], standardDeviations: [1, 1]),
            configuration: configuration)
        result.stopReason = stop
        var a = ConvergenceAnalysis(result: result, data: data, configuration: configuration)
        a.rateTheoretical = theory
        a.rateEmpirical = measured
        a.rateEigenvalues = [theory]
        a.iterationsPredicted = nil
        return (a, result, configuration)
    }

    /// The example: Δ = 1, stopped at the cap, where J's largest eigenvalue is above 1.
    @Test func aFitAtTheCapIsNotCalledARate() throws {
        let (a, result, configuration) = Self.analysis(stop: .iterationCap, theory: 1.00009, measured: 1.00014)
        let text = ConvergenceReport.text(a, result: result, configuration: configuration)
        #expect(!text.contains("NaN") && !text.contains("= -") && !text.contains("as theory says"), "\(text)")
        #expect(text.contains("J's largest eigenvalue is 1.00009, not below 1") && text.contains("not a rate of convergence"), "\(text)")
        #expect(text.contains("1.00014 times the one before (the steps were not shrinking)"), "\(text)")
        let pairs = Dictionary(uniqueKeysWithValues: ConvergenceReport.jsonPairs(a, result: result, configuration: configuration))
        #expect(pairs["rateIsConvergenceRate"] == "false" && pairs["iterationsPerDigit"] == "null" && pairs["inverseOneMinusRate"] == "null")
        #expect(pairs["rateEmpiricalAgrees"] == "false")
    }

    /// "as theory says" needs a converged fit whose two rates agree.
    @Test func theoryAgreesOnlyWithAConvergedFit() {
        for (stop, said) in [(StopReason.converged, true), (.iterationCap, false), (.fixedIterationsDone, false)] {
            let (a, result, configuration) = Self.analysis(stop: stop, theory: 0.5, measured: 0.5001)
            let text = ConvergenceReport.text(a, result: result, configuration: configuration)
            #expect(text.contains("(as theory says)") == said, "\(stop): \(text)")
            #expect(ConvergenceReport.agreesWithTheory(a, result: result, configuration: configuration) == said)
        }
        let (a, result, configuration) = Self.analysis(stop: .converged, theory: 0.5, measured: 0.7)
        #expect(!ConvergenceReport.text(a, result: result, configuration: configuration).contains("as theory says"))
    }

    @Test func aRateNearOneKeepsItsDigits() {
        #expect(TheoryReport.rateNumber(0.9999995) == "0.9999995")
        #expect(TheoryReport.rateNumber(1 - 3e-7) != "1" && TheoryReport.rateNumber(1 + 2e-7) != "1")
        #expect(TheoryReport.rateNumber(0.477861) == "0.477861")
        #expect(TheoryReport.rateWords(0.9999995)[0].hasPrefix("λ = 0.9999995: "))
    }

    @Test func iterationsPerDigitAndOneOverOneMinusLambdaAreSeparateFacts() {
        let lines = TheoryReport.rateWords(0.5)
        #expect(lines.count == 3)
        #expect(lines[1] == "iterations per decimal digit of the parameters: about 3.3 (−1/log₁₀ λ)")
        #expect(lines[2].hasPrefix("1/(1 − λ) = 2: ") && !lines[2].contains("iterations per"))
        #expect(!lines[1].contains("1/(1 − λ)"))
    }

    /// The issue's `fit d.csv -k 2 --max-iterations 1000` at Δ = 1, through the tool.
    @Test func theCappedFitPrintsNoNaN() throws {
        let dir = try Tool.scratchDirectory()
        _ = try Tool.run(["sample", "--weights", ".5,.5", "--means", "0,1", "--sds", "1,1", "-n", "1000", "--seed", "1", "--output", "d.csv"], in: dir)
        let text = try Tool.run(["fit", "d.csv", "-k", "2", "--max-iterations", "1000"], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.contains("NaN") && !text.stdout.contains("= -"), "\(text.stdout)")
        let json = try Tool.run(["fit", "d.csv", "-k", "2", "--max-iterations", "1000", "--format", "json"], in: dir)
        let object = try Self.json(json.stdout)
        let rate = try #require(object["rateTheoretical"] as? Double)
        #expect((object["rateIsConvergenceRate"] as? Bool) == (rate < 1))
        if rate >= 1 {
            #expect(text.stdout.contains("not a rate of convergence") && !text.stdout.contains("as theory says"))
            #expect(object["iterationsPerDigit"] is NSNull && object["rateEmpiricalAgrees"] as? Bool == false)
        }
        if object["stopReason"] as? String != "converged" { #expect(!text.stdout.contains("as theory says")) }
    }

    @Test func theoryAtIdenticalComponentsGivesNoRate() throws {
        let arguments = ["theory", "--weights", ".5,.5", "--means", "0,0", "--sds", "1,1"]
        let text = try Tool.run(arguments)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.contains("NaN") && !text.stdout.contains("e+15"), "\(text.stdout)")
        #expect(text.stdout.contains("components 1 and 2 are the same") && text.stdout.contains("This is not a rate of convergence"))
        let object = try Self.json(try Tool.run(arguments + ["--format", "json"]).stdout)
        #expect(object["rateIsConvergenceRate"] as? Bool == false)
        #expect(object["iterationsPerDigit"] is NSNull && object["inverseOneMinusRate"] is NSNull)
        // A truth that is a maximum still has its rate, its digits and 1/(1 − λ).
        let slow = try Self.json(try Tool.run(["theory", "--weights", ".5,.5", "--means", "0,1", "--sds", "1,1", "--format", "json"]).stdout)
        #expect(slow["rateIsConvergenceRate"] as? Bool == true && (slow["inverseOneMinusRate"] as? Double ?? 0) > 40_000)
    }

    /// Three values and K = 3: ℓ = +∞ is a degenerate fit, said so, with a failing status, and no "nearly empty".
    @Test func anInfiniteLogLikelihoodIsADegenerateFit() throws {
        let text = try Tool.run(["fit", "-", "-k", "3"], stdin: "1\n2\n3\n")
        #expect(text.status != 0)
        #expect(text.stdout.contains("log-likelihood: +∞ — a degenerate fit, not an estimate"), "\(text.stdout)")
        #expect(!text.stdout.contains("log-likelihood: Inf") && !text.stdout.contains("nearly empty"), "\(text.stdout)")
        #expect(text.stdout.contains("the fit is degenerate, not an estimate"))
        #expect(text.stderr.contains("the fit degenerated and has no estimate"), "\(text.stderr)")
        let json = try Tool.run(["fit", "-", "-k", "3", "--format", "json"], stdin: "1\n2\n3\n")
        #expect(json.status != 0)
        let object = try Self.json(json.stdout)
        #expect(object["degenerate"] as? Bool == true && object["logLikelihoodInfinite"] as? Bool == true)
        #expect(object["logLikelihood"] is NSNull)
    }

    @Test func aCleanFitIsNotDegenerate() throws {
        let data = (0..<60).map { (i: Int) -> String in String(Double(i % 12) * 0.3 + (i < 30 ? 0.0 : 10.0)) }.joined(separator: "\n")
        let json = try Tool.run(["fit", "-", "-k", "2", "--format", "json"], stdin: data)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try Self.json(json.stdout)
        #expect(object["degenerate"] as? Bool == false && object["logLikelihoodInfinite"] as? Bool == false)
    }

    /// B = 9: the smallest p-value is 0.1, so the test cannot reject at 5 % and decides nothing.
    @Test func aBootstrapTooSmallToRejectDecidesNothing() throws {
        let arguments = ["select", Self.faithful, "--components", "1...2", "--starts", "1", "--bootstrap-lrt", "9", "--seed", "3"]
        let text = try Tool.run(arguments)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("no conclusion") && text.stdout.contains("1/(9 + 1) = 0.1"), "\(text.stdout)")
        #expect(!text.stdout.contains("so K = "), "\(text.stdout)")
        let object = try Self.json(try Tool.run(arguments + ["--format", "json"]).stdout)
        let steps = try #require(object["lrt"] as? [[String: Any]])
        #expect(steps.allSatisfy { $0["canReject"] as? Bool == false && $0["smallestPValue"] as? Double == 0.1 })
        let conclusions = try #require(object["lrtConclusions"] as? [[String: Any]])
        #expect(conclusions.count == 2 && conclusions.allSatisfy { $0["components"] is NSNull })
    }

    @Test func anAdequateBootstrapStillDecides() {
        func step(_ k: Int, p: Double, failed: Int = 0) -> BootstrapLRT.Step {
            BootstrapLRT.Step(
                components: k, variance: .shared, statistic: 10, pValue: p, replicates: 99, failedRefits: failed, cappedRefits: 0,
                negativeStatistics: 0, splitStartWins: 0, bootstrapStatistics: [], reason: nil)
        }
        let decided = SelectionReport.sequentialConclusions([step(1, p: 0.01), step(2, p: 0.4)])
        #expect(decided.count == 1 && decided[0].components == 2 && decided[0].words.hasSuffix("so K = 2."))
        // Too many failed refits leave too few samples: no conclusion, even at B = 99.
        let starved = SelectionReport.sequentialConclusions([step(1, p: 0.01), step(2, p: 0.1, failed: 90)])
        #expect(starved[0].components == nil && starved[0].words.contains("only 9 samples could be used"))
    }
}

/// Issue 19 §5, "The presets, told straight".
@Suite struct PresetsToldStraightTests {
    static func pageData(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"em-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "<\\/", with: "</")
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// doc001: component 1 is the one near 5 in the table, the animation and the trace; the trace is written.
    @Test func oneNumberingEverywhereAndTheTraceIsWritten() throws {
        let dir = try Tool.scratchDirectory()
        let output = try Tool.run(["fit", "--preset", "doc001", "--animate", "doc001.html", "--trace", "trace.csv"], in: dir)
        #expect(output.status == 0, "\(output.stderr)")
        let corrected = try #require(output.stdout.components(separatedBy: "== engine, same model and start (corrected)").last)
        let row = try #require(corrected.split(separator: "\n").first { $0.hasPrefix("1 ") }).split(separator: " ", omittingEmptySubsequences: true)
        #expect(abs(Double(row[3])! - 5) < 0.5, "\(row)")
        let page = try Self.pageData(try String(contentsOf: dir.appendingPathComponent("doc001.html"), encoding: .utf8))
        let runs = try #require(page["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        let frames = try #require(runs[1]["frames"] as? [[Any]])
        let last = try #require(frames.last?[1] as? [String: [Double]])
        #expect(abs(last["m"]![0] - 5) < 0.5 && abs(last["m"]![1] - 15) < 0.5, "\(last)")
        let trace = try String(contentsOf: dir.appendingPathComponent("trace.csv"), encoding: .utf8).split(separator: "\n")
        #expect(trace.first == "fit,iteration,logLikelihood,weight1,weight2,mean1,mean2,sd1,sd2")
        #expect(trace.filter { $0.hasPrefix("doc001-as-written,") }.count == 51 && trace.filter { $0.hasPrefix("doc001-corrected,") }.count == 51)
        let lastCorrected = try #require(trace.last { $0.hasPrefix("doc001-corrected,") }).split(separator: ",")
        #expect(abs(Double(lastCorrected[5])! - 5) < 0.5)
        // The start of both traces is the start printed above the as-written table.
        let start = try #require(output.stdout.split(separator: "\n").first { $0.hasPrefix("start: ") })
        let firstRow = try #require(trace.first { $0.hasPrefix("doc001-as-written,0,") }).split(separator: ",")
        #expect(start.contains("means [\(FitReport.short(Double(firstRow[5])!)), \(FitReport.short(Double(firstRow[6])!))]"), "\(start)")
    }

    @Test func relabellingAFitRelabelsItsTrace() {
        let truth = GaussianMixture(unchecked: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
        var trace = FitTrace()
        trace.iterations = [0, 1]
        trace.logLikelihoods = [-10, -9]
        trace.mixtures = [
            GaussianMixture(unchecked: [0.5, 0.5], means: [9, 3], standardDeviations: [3, 3]),
            GaussianMixture(unchecked: [0.7, 0.3], means: [14, 6], standardDeviations: [2, 2])
        ]
        let result = FitResult(
            mixture: trace.mixtures[1], logLikelihood: -9, iterations: 1, stopReason: .converged,
            largestRelativeDecrease: 0, trace: trace)
        let relabelled = LabelAlignment.relabel(result, toMatch: truth)
        #expect(relabelled.mixture.means == [6, 14] && relabelled.mixture.weights == [0.3, 0.7])
        #expect(relabelled.trace?.mixtures.map(\.means) == [[3, 9], [6, 14]])
        #expect(relabelled.logLikelihood == -9 && relabelled.trace?.iterations == [0, 1])
    }

    @Test func doc001ExplainsItsSampler() throws {
        let output = try Tool.run(["fit", "--preset", "doc001"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("randn() < π1") && output.stdout.contains("Φ(0.3) = 0.618, not 0.3"), "\(output.stdout)")
        #expect(output.stdout.contains("the sampler's, not the engine's"))
        // With the correct sampler there is nothing to explain.
        let latent = try Tool.run(["fit", "--preset", "doc001", "--sampler", "latent"])
        #expect(!latent.stdout.contains("Φ(0.3)"))
    }

    @Test func doc000SaysOneSampleCannotShowABias() throws {
        let output = try Tool.run(["fit", "--preset", "doc000"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("One data set cannot show a bias"), "\(output.stdout)")
        // The figure it points at exists.
        let figure = "Results/documents/plots/error-vs-n.svg"
        #expect(output.stdout.contains(figure))
        #expect(FileManager.default.fileExists(atPath: Tool.packageRoot.appendingPathComponent(figure).path))
        #expect(FileManager.default.fileExists(atPath: Tool.packageRoot.appendingPathComponent("Results/documents/README.md").path))
    }

    /// doc003's default data are the notebook's 40 points, in `fit` and `sample` alike.
    @Test func doc003DefaultsToTheNotebooksPoints() throws {
        let fixture = try Data(contentsOf: Tool.packageRoot.appendingPathComponent("Tests/Fixtures/numpy-legacy.json"))
        struct Fixture: Decodable {
            struct Doc: Decodable { var x: [Double] }
            var document003: Doc
        }
        let expected = try JSONDecoder().decode(Fixture.self, from: fixture).document003.x
        let sample = try Tool.run(["sample", "--preset", "doc003"])
        #expect(sample.status == 0, "\(sample.stderr)")
        #expect(sample.stdout.split(separator: "\n").dropFirst().map { Double($0)! } == expected)
        let fit = try Tool.run(["fit", "--preset", "doc003"])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.hasPrefix("Data: the document's own 40 values") && fit.stdout.contains("np.random.seed(42)"), "\(fit.stdout)")
        let explicit = try Tool.run(["fit", "--preset", "doc003", "--stream", "numpy-legacy", "--seed", "42"])
        #expect(explicit.stdout == fit.stdout)
        let gsl = try Tool.run(["fit", "--preset", "doc003", "--stream", "gsl"])
        #expect(gsl.stdout.hasPrefix("Data: 40 values drawn with the doc003 sampler (gsl stream, seed 42)."), "\(gsl.stdout)")
        let refused = try Tool.run(["sample", "--preset", "doc003", "--generator", "ranlxd2"])
        #expect(refused.status != 0 && refused.stderr.contains("--stream gsl"))
    }
}
