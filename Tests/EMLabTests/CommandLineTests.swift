import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

@Suite struct CommandLineTests {
    @Test func sampleWritesValuesAndLabels() throws {
        let plain = try Tool.run(["sample", "--weights", ".3,.7", "--means", "5,15", "--sds", "2,2", "-n", "5", "--seed", "1"])
        #expect(plain.status == 0)
        let lines = plain.stdout.split(separator: "\n")
        #expect(lines.first == "value" && lines.count == 6)
        let labelled = try Tool.run(["sample", "--weights", ".3,.7", "--means", "5,15", "--sds", "2,2", "-n", "5", "--seed", "1", "--labels"])
        let rows = labelled.stdout.split(separator: "\n")
        #expect(rows.first == "value,component")
        #expect(rows.dropFirst().allSatisfy { $0.hasSuffix(",1") || $0.hasSuffix(",2") })
        // Same seed, same values, whether or not the labels are written.
        #expect(rows.dropFirst().map { $0.split(separator: ",")[0] } == lines.dropFirst().map { $0 })
    }

    @Test func sampleThenFitRecoversTheMixture() throws {
        let dir = try Tool.scratchDirectory()
        let sample = try Tool.run(
            [
                "sample", "--weights", ".3,.7", "--means", "5,15", "--sds", "2,2", "-n", "10000",
                "--seed", "1", "--output", "data.csv"
            ], in: dir)
        #expect(sample.status == 0 && sample.stdout.isEmpty)
        let fit = try Tool.run(["fit", "data.csv", "-k", "2", "--format", "json", "--trace", "trace.csv"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "weights", "means", "sds", "logLikelihood", "iterations", "eSteps", "stopReason",
                "aic", "bic", "icl", "degenerate", "logLikelihoodInfinite",
                "rateTheoretical", "rateIsConvergenceRate", "rateEigenvalues", "iterationsPerDigit",
                "inverseOneMinusRate", "rateEmpirical", "rateEmpiricalAgrees", "logLikelihoodGap",
                "iterationsPredicted", "standardErrors", "intervals", "starts", "startsReachingBest",
                "startsDegenerate", "startsCapped", "startsFinished", "bestStart", "maxima"
            ])
        #expect(object["rateIsConvergenceRate"] as? Bool == true && object["degenerate"] as? Bool == false)
        // A plain fit is one start, kept.
        #expect(object["starts"] as? Int == 1 && object["startsReachingBest"] as? Int == 1 && object["startsDegenerate"] as? Int == 0)
        // Well separated: a fast rate, the empirical one beside it, and standard errors for every parameter.
        let rate = try #require(object["rateTheoretical"] as? Double)
        #expect(rate > 0 && rate < 0.7)
        #expect(abs((object["rateEmpirical"] as! Double) - rate) < 0.05)
        #expect((object["rateEigenvalues"] as! [Double]).first == rate)
        let standardErrors = try #require(object["standardErrors"] as? [String: [Double]])
        #expect(standardErrors["means"]!.count == 2 && standardErrors["means"]!.allSatisfy { $0 > 0.01 && $0 < 0.1 })
        #expect(standardErrors["weights"]![0] == standardErrors["weights"]![1])
        #expect(fit.stdout.hasPrefix("{\"weights\": ["))
        #expect(fit.stdout.contains("\"iterations\": \(object["iterations"] as! Int), \"eSteps\": \((object["iterations"] as! Int) + 1), \"stopReason\""))
        let means = try #require(object["means"] as? [Double])
        #expect(abs(means[0] - 5) < 0.2 && abs(means[1] - 15) < 0.2)
        #expect(object["stopReason"] as? String == "converged")
        let trace = try String(contentsOf: dir.appendingPathComponent("trace.csv"), encoding: .utf8)
        #expect(trace.hasPrefix("iteration,logLikelihood,weight1,weight2,mean1,mean2,sd1,sd2\n0,"))
        #expect(trace.split(separator: "\n").count == (object["iterations"] as! Int) + 2)
        // Standard input, and the text report.
        let text = try Tool.run(["fit", "-", "-k", "2"], stdin: try String(contentsOf: dir.appendingPathComponent("data.csv"), encoding: .utf8))
        #expect(text.status == 0)
        #expect(
            text.stdout.contains("- theory: at this estimate λ = ") && text.stdout.contains("- measured: each of the last EM steps was ")
                && text.stdout.contains("- left at the stop: about ") && text.stdout.contains("EM iterations from this start by theory; EM took"))
        #expect(text.stdout.contains("Standard errors (Wald"))
        #expect(text.stdout.contains("converged: the stopping rule was met after"))
        #expect(text.stdout.contains("component  weight"))
    }

    @Test func squaremFitsTheSameMaximumInFewerESteps() throws {
        let dir = try Tool.scratchDirectory()
        _ = try Tool.run(
            [
                "sample", "--weights", ".5,.5", "--means", "0,1.5", "--sds", "1,1", "-n", "2000",
                "--seed", "3", "--output", "data.csv"
            ], in: dir)
        let plain = try Tool.run(
            [
                "fit", "data.csv", "-k", "2", "--stop", "aitken", "--tol", "1e-10", "--max-iterations", "100000",
                "--format", "json"
            ], in: dir)
        let fast = try Tool.run(
            [
                "fit", "data.csv", "-k", "2", "--stop", "aitken", "--tol", "1e-10", "--max-iterations", "100000",
                "--accelerate", "squarem", "--format", "json"
            ], in: dir)
        #expect(plain.status == 0 && fast.status == 0, "\(plain.stderr)\(fast.stderr)")
        let p = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        let f = try #require(try JSONSerialization.jsonObject(with: Data(fast.stdout.utf8)) as? [String: Any])
        let (pl, fl) = (try #require(p["logLikelihood"] as? Double), try #require(f["logLikelihood"] as? Double))
        #expect(abs(pl - fl) < 1e-8 * abs(pl))
        #expect((f["eSteps"] as! Int) * 5 < (p["eSteps"] as! Int))
        // The text names the acceleration and counts both.
        let text = try Tool.run(["fit", "data.csv", "-k", "2", "--accelerate", "squarem", "--squarem-scheme", "2", "--objfn-inc", "0"], in: dir)
        #expect(text.stdout.contains("SQUAREM-accelerated (scheme S2)"), "\(text.stdout)")
        let line = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("converged: the stopping rule was met after") })
        #expect(line.contains(" iterations (") && line.hasSuffix(" E-steps)"))
    }

    @Test func fixedIterationsAndKnownVariance() throws {
        let data = (0..<100).map { (i: Int) -> String in String(Double(i % 10) + (i < 50 ? 0.0 : 20.0)) }.joined(separator: "\n")
        let fit = try Tool.run(
            [
                "fit", "-", "-k", "2", "--iterations", "50", "--variance", "known=3", "--weights", "fixed",
                "--init-means", "0.5,0.9", "--format", "json"
            ], stdin: data)
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stdout.contains("\"iterations\": 50") && fit.stdout.contains("\"stopReason\": \"fixed-iterations\""))
        #expect(fit.stdout.contains("\"sds\": [3, 3]") && fit.stdout.contains("\"weights\": [0.5, 0.5]"))
    }

    /// Bad input: one clear line on stderr naming what is wrong, a non-zero
    /// exit, and no output file left behind.
    @Test(arguments: [
        (["fit", "empty.txt", "-k", "2"], "empty.txt: holds no values"),
        (["fit", "words.txt", "-k", "2"], "words.txt:3: 'twelve' is not a number"),
        (["fit", "nan.txt", "-k", "2"], "nan.txt:2: 'NaN' is a missing value"),
        (["fit", "ties.txt", "-k", "3"], "2 distinct values, fewer than K = 3"),
        (["fit", "good.txt", "-k", "0"], "K ≥ 1"),
        (["fit", "missing.txt", "-k", "2"], "missing.txt: no such file"),
        (["fit", "good.txt", "-k", "2", "--init-sds", "1,0"], "sd 2 is 0"),
        (["fit", "good.txt", "-k", "2", "--init-weights", ".5,.6"], "sum to 1.1"),
        (["fit", "good.txt", "-k", "2", "--init-means", "1,2,3"], "--init-means has 3 values, but -k is 2"),
        (["fit", "good.txt", "-k", "2", "--iterations", "5", "--max-iterations", "9"], "contradict"),
        (["fit", "good.txt", "-k", "2", "--variance", "known=2", "--init-sds", "1,1"], "contradict"),
        (
            ["fit", "good.txt", "-k", "2", "--variance", "wide"],
            "The value 'wide' is invalid for '--variance <model>'. Please provide one of 'per-component', 'shared' or 'known=SD'."
        ),
        (["fit", "good.txt", "-k", "2", "--generator", "nope"], "Unknown generator 'nope'"),
        (["fit", "good.txt", "-k", "2", "--init-means", "1,2,3", "--trace", "out.csv"], "--init-means has 3 values"),
        (["fit", "words.txt", "-k", "2", "--trace", "out.csv"], "is not a number"),
        (["fit", "good.txt", "-k", "2", "--accelerate", "fast"], "--accelerate"),
        (["fit", "good.txt", "-k", "2", "--squarem-scheme", "2"], "--squarem-scheme goes with --accelerate squarem"),
        (["fit", "good.txt", "-k", "2", "--accelerate", "squarem", "--squarem-scheme", "4"], "--squarem-scheme 1, 2 or 3; got 4"),
        (["fit", "good.txt", "-k", "2", "--accelerate", "squarem", "--objfn-inc=-1"], "--objfn-inc ≥ 0"),
        (["fit", "--preset", "doc002", "--accelerate", "squarem"], "--accelerate goes with a plain fit"),
        (["fit", "good.txt", "-k", "2", "--starts", "0"], "--starts ≥ 1"),
        (["fit", "good.txt", "-k", "2", "--starts", "5", "--restarts", "2"], "please give one of them"),
        (["fit", "good.txt", "-k", "2", "--level", "1.5"], "--level in (0, 1)"),
        (["fit", "--preset", "doc002", "--starts", "5"], "--starts, --posteriors and --bootstrap go with a plain fit"),
        (["fit", "good.txt", "-k", "2", "--bootstrap", "1"], "--bootstrap B ≥ 2"),
        (["fit", "good.txt", "-k", "2", "--bootstrap-type", "parametric"], "--bootstrap-type goes with --bootstrap B"),
        (["fit", "good.txt", "-k", "2", "--bootstrap", "9", "--bootstrap-type", "jackknife"], "--bootstrap-type"),
        (["fit", "good.txt", "-k", "2", "--posteriors", "out.csv", "--init-means", "1,2,3"], "--init-means has 3 values"),
        (["select", "ties.txt", "--components", "1...4"], "ties.txt holds 2 distinct values, so K = 3, 4 cannot be fitted"),
        (["select", "good.txt", "--components", "1...7", "--plot", "out.svg"], "so K = 7 cannot be fitted"),
        (["select", "good.txt", "--components", "3...1"], "--components"),
        (["select", "good.txt", "--variance", "known=1"], "'known=1' is not one of them"),
        (["select", "good.txt", "--bootstrap-lrt=-1"], "--bootstrap-lrt ≥ 0"),
        (["select", "good.txt", "--plot", "criteria.png.txt"], "the plot is written as FILE.svg, FILE.png or FILE.pdf"),
        (["sample", "--weights", ".3,.6", "--means", "5,15", "--sds", "2,2", "-n", "10", "--output", "out.csv"], "weights sum to 0.89"),
        (["sample", "--weights", ".3,.7", "--means", "5,15", "--sds", "2,-1", "-n", "10", "--output", "out.csv"], "sd 2 is -1"),
        (
            ["sample", "--weights", ".3,.7", "--means", "5,15", "--sds", "2,2", "-n", "10", "--generator", "bogus", "--output", "out.csv"],
            "Unknown generator 'bogus'"
        ),
        (["sample", "--weights", ".3,.7", "--means", "5", "--sds", "2,2", "-n", "10", "--output", "out.csv"], "one value per component"),
        (["sample", "--weights", ".3,.7", "--means", "5,15", "--sds", "2,2", "-n", "0", "--output", "out.csv"], "at least one value")
    ])
    func badInputIsOneClearErrorAndNoOutput(arguments: [String], message: String) throws {
        let dir = try Tool.scratchDirectory()
        let files = [
            "empty.txt": "", "words.txt": "1\n2\ntwelve\n", "nan.txt": "1\nNaN\n3\n",
            "ties.txt": "1\n1\n2\n2\n", "good.txt": "1\n2\n3\n10\n11\n12\n"
        ]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let result = try Tool.run(arguments, in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { files[$0] == nil }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}

/// The command-line papercuts of issue 11: negative values, byte-order
/// marks, the last line end, advice that does not repeat itself, data at
/// any scale.
@Suite struct CommandLinePapercutTests {
    static let data = "1\n2\n3\n10\n11\n12\n2.5\n11.5\n"

    @Test(arguments: [
        ["fit", "-", "-k", "2", "--init-means", "-2.5,3.5", "--format", "json"],
        ["fit", "-", "-k", "2", "--init-means", "-2.5,-1", "--init-sds", "1,1", "--format", "json"],
        ["fit", "-", "-k", "2", "--variance-floor", "0", "--tol", "1e-9", "--format", "json"]
    ])
    func negativeStartsAreValues(arguments: [String]) throws {
        let result = try Tool.run(arguments, stdin: "-1\n-2\n-3\n10\n11\n12\n-2.5\n11.5\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\"weights\""))
    }

    /// A negative value where a positive one is needed is refused for what it is, not as a missing value.
    @Test(arguments: [
        (["fit", "-", "-k", "-2"], "Please give K ≥ 1 components (-k); got -2."),
        (["fit", "-", "-k", "2", "--tol", "-1"], "Please give a positive, finite --tol."),
        (["fit", "-", "-k", "2", "--max-iterations", "-3"], "Please give --max-iterations ≥ 1."),
        (["fit", "-", "-k", "2", "--restarts", "-1"], "Please give --restarts ≥ 0."),
        (["sample", "--weights", ".5,.5", "--means", "-5,5", "--sds", "1,1", "-n", "-3"], "at least one value (-n 1 or more); got -3")
    ])
    func negativeValuesAreJudgedAsValues(arguments: [String], message: String) throws {
        let result = try Tool.run(arguments, stdin: Self.data)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }

    @Test func sampleTakesNegativeMeans() throws {
        let result = try Tool.run(["sample", "--weights", ".5,.5", "--means", "-2.5,3.5", "--sds", "1,1", "-n", "4", "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 5)
    }

    @Test func aByteOrderMarkIsNotData() throws {
        let dir = try Tool.scratchDirectory()
        let files = [
            "lines.txt": Self.data, "header.txt": "value\n" + Self.data,
            "table.csv": "value,w\n" + Self.data.split(separator: "\n").map { "\($0),1" }.joined(separator: "\n")
        ]
        var outputs: [String] = []
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: dir.appendingPathComponent(name))
            let result = try Tool.run(["fit", name, "-k", "2", "--format", "json"], in: dir)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            outputs.append(result.stdout)
        }
        #expect(Set(outputs).count == 1)
    }

    /// `--init kmeans` hitting the cap is not told to try `--init kmeans`; the rate reads forwards; the
    /// text ends with a line end.
    @Test func adviceDoesNotRepeatWhatWasGiven() throws {
        let dir = try Tool.scratchDirectory()
        let sample = try Tool.run(
            [
                "sample", "--weights", ".5,.5", "--means", "0,1.5", "--sds", "1,1", "-n", "500", "--seed", "2",
                "--output", "data.csv"
            ], in: dir)
        #expect(sample.status == 0)
        let kmeans = try Tool.run(["fit", "data.csv", "-k", "2", "--init", "kmeans", "--max-iterations", "5"], in: dir)
        #expect(kmeans.stdout.contains("What went wrong:\n- EM stopped at the cap of 5 iterations"))
        // The text ends with a line end, so a prompt or the next output starts on a line of its own.
        #expect(kmeans.stdout.hasSuffix(")\n"))
        #expect(!kmeans.stdout.contains("--init kmeans"))
        #expect(kmeans.stdout.contains("--init small-em"))
        #expect(kmeans.stdout.contains(" of the one before, so each further digit takes about"))
        #expect(!kmeans.stdout.contains("shrank"))
        let quantile = try Tool.run(["fit", "data.csv", "-k", "2", "--max-iterations", "5"], in: dir)
        #expect(quantile.stdout.contains("--init kmeans"))
    }

    @Test func theRateIsSaidInPlainWords() {
        #expect(FitDiagnosis.rateInWords(0.5) == "each step is 0.5 of the one before, so each further digit takes about 4 iterations")
        #expect(FitDiagnosis.rateInWords(0.9991).hasPrefix("each step is 0.9991 of the one before, so each further digit takes about 2558 iterations"))
        #expect(FitDiagnosis.rateInWords(0.99996).hasPrefix("each step is 0.99996 of the one before"))
        #expect(FitDiagnosis.rateInWords(1.0009).hasPrefix("each step is 1.0009 times the one before"))
    }

    @Test func adviceAfterACollapseNamesOnlyNewRemedies() {
        let ties = Array(repeating: 44.44571429, count: 13) + (0..<37).map { 20 + Double($0) * 0.61 }
        let result = FitResult(
            mixture: GaussianMixture(unchecked: [0.26, 0.74], means: [44.44571429, 31], standardDeviations: [0, 6]),
            logLikelihood: .infinity, iterations: 9, stopReason: .degenerate, largestRelativeDecrease: 0, trace: nil)
        let assessment = FailureModes.assess(result, dataSD: 7, count: ties.count, best: .nan, truth: nil, start: nil, restarts: 0, varianceFloor: 0)
        let plain = FitDiagnosis.lines(for: result, data: ties, assessment: assessment, maxIterations: 1000).joined()
        #expect(plain.contains("--variance-floor-relative 1e-3, --variance shared, --prior mclust or --variance-ratio 12"))
        let given = FitDiagnosis.lines(
            for: result, data: ties, assessment: assessment, maxIterations: 1000,
            request: .init(variance: .shared, relativeVarianceFloor: 1e-3)
        ).joined()
        #expect(given.contains("a larger --variance-floor-relative than 0.001"))
        #expect(!given.contains("--variance shared") && !given.contains("--prior mclust"))
    }

    /// Data near 1e300 and near 1e-300 fit, in their own units; all-equal data keep their clear error.
    @Test func dataAtAnyScaleFit() throws {
        let base = [1, 1.2, 1.4, 2, 2.3, 2.5, 1.1, 2.2]
        for a in [1e300, 1e-300] {
            let text = base.map { formatNumber($0 * a) }.joined(separator: "\n")
            let plain = try Tool.run(["fit", "-", "-k", "2", "--format", "json"], stdin: text)
            #expect(plain.status == 0, "a = \(a): \(plain.stderr)")
            let start = try Tool.run(
                [
                    "fit", "-", "-k", "2", "--init-means", "\(formatNumber(a)),\(formatNumber(2.5 * a))",
                    "--init-sds", "\(formatNumber(a)),\(formatNumber(a))", "--format", "json"
                ], stdin: text)
            #expect(start.status == 0, "a = \(a): \(start.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(start.stdout.utf8)) as? [String: Any])
            let means = try #require(object["means"] as? [Double])
            #expect(means.allSatisfy { $0 > a && $0 < 3 * a })
        }
        let six = try Tool.run(["fit", "-", "-k", "2"], stdin: [1, 1.1, 1.3, 2, 2.2, 2.5].map { formatNumber($0 * 1e-300) }.joined(separator: "\n"))
        #expect(six.status == 0, "\(six.stderr)")
        #expect(!six.stderr.contains("equal"))
        let equal = try Tool.run(["fit", "-", "-k", "1"], stdin: "7\n7\n7\n")
        #expect(equal.status != 0 && equal.stderr.contains("all 3 values are equal (7)"))
    }
}
