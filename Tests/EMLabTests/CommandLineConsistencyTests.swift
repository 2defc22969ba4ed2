import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Issue 19 §4: one command line, consistent. Negative numbers are values
/// in every option; each closed set (variance model, stopping rule,
/// weights) is read by one parser, the same in every subcommand and in
/// experiment files; a mistyped subcommand gets "did you mean"; `emlab run`
/// on a folder, and `--resume` on a folder that does not exist, say what to
/// run instead; every failure is one line.
@Suite struct CommandLineConsistencyTests {
    /// Exactly one line, `Error: …`, containing `words`, and status `status`.
    static func expectOneLine(
        _ output: Tool.Output, status: Int32, _ words: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(output.status == status, "status \(output.status): \(output.stderr)", sourceLocation: sourceLocation)
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count == 2 && lines[0].hasPrefix("Error: ") && lines[1].isEmpty, "not one line: \(output.stderr)",
            sourceLocation: sourceLocation)
        for word in words { #expect(output.stderr.contains(word), "'\(word)' not in: \(output.stderr)", sourceLocation: sourceLocation) }
    }

    /// The README's and `emlab help theory`'s examples with negative lists.
    @Test(arguments: [
        ["theory", "--weights", ".5,.5", "--means", "-1,1", "--sds", "1,1", "--variance", "known", "--fixed-weights"],
        ["theory", "--weights", ".5,.5", "--means", "-1,1", "--sds", "1,1"],
        ["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1", "-n", "1000", "--start-means", "-1,3"],
        ["theory", "--weights", ".5,.5", "--means", "-3,-1", "--sds", "1,1", "-n", "100", "--start-means", "-4,-1", "--start-sds", "1,1"],
        ["sample", "--weights", ".5,.5", "--means", "-1,-3", "--sds", "1,1", "-n", "3"]
    ])
    func negativeListsAreValues(arguments: [String]) throws {
        let result = try Tool.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    @Test func negativeStartMeansMoveThePrediction() throws {
        let base = ["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1", "-n", "1000"]
        let quantile = try Tool.run(base)
        let given = try Tool.run(base + ["--start-means", "-1,3"])
        #expect(quantile.status == 0 && given.status == 0, "\(given.stderr)")
        #expect(quantile.stdout != given.stdout)
    }

    /// `theory` takes `fit`'s `known=SD` (the truth's σ, as `known` says it).
    @Test func theoryTakesKnownSD() throws {
        let base = ["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1", "--format", "json"]
        let known = try Tool.run(base + ["--variance", "known"])
        let knownOne = try Tool.run(base + ["--variance", "known=1"])
        #expect(known.status == 0 && knownOne.status == 0, "\(knownOne.stderr)")
        #expect(known.stdout == knownOne.stdout)
        let wrong = try Tool.run(base + ["--variance", "known=2"])
        Self.expectOneLine(wrong, status: 64, ["--variance known=2 says every σ is 2, but the true sds are 1, 1", "give known=1, or known"])
        let unequal = try Tool.run(["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,2", "--variance", "known=1"])
        Self.expectOneLine(unequal, status: 64, ["--variance known=1 needs equal true sds"])
    }

    /// One parser per closed set: every subcommand lists the same values, and
    /// an experiment file gets the same parser's words.
    @Test func eachClosedSetIsReadByOneParser() throws {
        let dir = try Tool.scratchDirectory()
        try "1\n2\n3\n10\n11\n12\n".write(to: dir.appendingPathComponent("good.txt"), atomically: true, encoding: .utf8)
        let variances = "Please provide one of 'per-component', 'shared' or 'known=SD'."
        for arguments in [
            ["fit", "good.txt", "-k", "2", "--variance", "wide"],
            ["fit", "good.txt", "-k", "2", "--variance", "known=0"],
            ["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1", "--variance", "wide"]
        ] {
            Self.expectOneLine(try Tool.run(arguments, in: dir), status: 64, [variances])
        }
        Self.expectOneLine(
            try Tool.run(["select", "good.txt", "--variance", "per-component,wide"], in: dir), status: 64,
            ["The value 'per-component,wide' is invalid for '--variance <models>'. Please provide one of 'per-component' and 'shared'."])
        // A value that starts with '-' is the option's value, judged as such (it used to read "Missing value").
        Self.expectOneLine(
            try Tool.run(["fit", "good.txt", "-k", "2", "--variance", "-1"], in: dir), status: 64,
            ["The value '-1' is invalid for '--variance <model>'"])
        let rules = EMConfiguration.StoppingRule.Kind.spellings.map { "'\($0)'" }
        let ruleList = rules.dropLast().joined(separator: ", ") + " or " + rules.last!
        for arguments in [
            ["fit", "good.txt", "-k", "2", "--stop", "aitkin"],
            ["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1", "--stop", "aitkin"]
        ] {
            Self.expectOneLine(try Tool.run(arguments, in: dir), status: 64, ["The value 'aitkin' is invalid for '--stop", ruleList])
        }
        Self.expectOneLine(
            try Tool.run(["fit", "good.txt", "-k", "2", "--weights", "loose"], in: dir), status: 64,
            ["Please provide one of 'free' and 'fixed'."])
        // The rules theory has no count for, and the variances select does not compare, are refused for what they are.
        Self.expectOneLine(
            try Tool.run(["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1", "--stop", "aitken"], in: dir),
            status: 64, ["--stop aitken has no iteration count by theory"])
        Self.expectOneLine(
            try Tool.run(["select", "good.txt", "--variance", "known"], in: dir), status: 64,
            ["'known' is not one of them"])
        Self.expectOneLine(
            try Tool.run(["fit", "good.txt", "-k", "2", "--variance", "known"], in: dir), status: 64,
            ["--variance known takes σ from a known truth", "known=2"])
        // The library's parsers, which experiment files use.
        #expect(try EMConfiguration.VarianceChoice(parsing: "per-component") == .model(.perComponent))
        #expect(try EMConfiguration.VarianceChoice(parsing: "shared") == .model(.shared))
        #expect(try EMConfiguration.VarianceChoice(parsing: "known=2.5") == .model(.known(standardDeviation: 2.5)))
        #expect(try EMConfiguration.VarianceChoice(parsing: "known") == .knownFromTruth)
        for bad in ["wide", "known=0", "known=-1", "known=nan", "known=inf", "known=", "Shared", ""] {
            #expect(throws: EMLabError.self, "\(bad)") { try EMConfiguration.VarianceChoice(parsing: bad) }
        }
        #expect(EMConfiguration.Variance(parsing: "known") == nil && EMConfiguration.Variance(parsing: "known=3") == .known(standardDeviation: 3))
        for kind in EMConfiguration.StoppingRule.Kind.allCases {
            #expect(try EMConfiguration.StoppingRule.Kind(parsing: kind.rawValue) == kind)
        }
        #expect(EMConfiguration.StoppingRule.Kind.mclust.rule(tolerance: 1e-6) == .mclust(1e-6))
        #expect(EMConfiguration.StoppingRule.Kind.iterations.rule(tolerance: 1e-6, iterations: 7) == .fixedIterations(7))
        #expect(throws: EMLabError(.invalidOption, "unknown weights 'loose'; use free (estimated) or fixed (kept at their start)")) {
            try EMConfiguration.Weights(parsing: "loose")
        }
        // An experiment file says the same, at its line and key.
        func experimentError(_ from: String, _ to: String) -> String {
            do {
                _ = try ExperimentParser.parse(text: goodExperiment.replacingOccurrences(of: from, with: to), file: "x.toml")
                return ""
            } catch { return "\(error)" }
        }
        #expect(
            experimentError("variance = \"per-component\"", "variance = \"known=0\"")
                .hasSuffix("variance: unknown variance model 'known=0': known=SD needs a positive, finite SD, e.g. known=2"))
        #expect(
            experimentError("weights = \"fixed\"", "weights = \"loose\"")
                .hasSuffix("weights: unknown weights 'loose'; use free (estimated) or fixed (kept at their start)"))
        #expect(
            experimentError("stop = \"iterations\"", "stop = \"aitkin\"")
                .contains("stop: unknown stopping rule 'aitkin'; use loglik, relative-loglik, mclust, aitken, mean-change, parameter-change or iterations"))
    }

    /// `--stop iterations` is the experiment files' spelling of `--iterations N`.
    @Test func stopIterationsGoesWithIterations() throws {
        let data = "1\n2\n3\n10\n11\n12\n"
        let fixed = try Tool.run(["fit", "-", "-k", "2", "--stop", "iterations", "--iterations", "7", "--format", "json"], stdin: data)
        #expect(fixed.status == 0 && fixed.stdout.contains("\"iterations\": 7"), "\(fixed.stderr)")
        Self.expectOneLine(
            try Tool.run(["fit", "-", "-k", "2", "--stop", "iterations"], stdin: data), status: 64,
            ["--stop iterations runs a fixed number of iterations: please give it with --iterations N."])
        Self.expectOneLine(
            try Tool.run(["fit", "-", "-k", "2", "--stop", "aitken", "--iterations", "7"], stdin: data), status: 64,
            ["please drop --tol/--stop"])
    }

    @Test(arguments: [
        ("fitt", "Did you mean 'fit'?"),
        ("smaple", "Did you mean 'sample'?"),
        ("selcet", "Did you mean 'select'?"),
        ("theroy", "Did you mean 'theory'?"),
        ("gen", "Did you mean 'generators'?"),
        ("resport", "Did you mean 'report'?"),
        ("xyzzy", "The subcommands are sample, fit, select, run, report, merge, slurm, replay, audit, theory, presets, demo, generators, score, landscape")
    ])
    func aMistypedSubcommandGetsDidYouMean(typed: String, suggestion: String) throws {
        let result = try Tool.run([typed, "data.txt", "-k", "2"])
        Self.expectOneLine(result, status: 64, ["Unknown subcommand '\(typed)'.", suggestion])
        #expect(result.stdout.isEmpty)
        let help = try Tool.run(["help", typed])
        Self.expectOneLine(help, status: 64, ["Unknown subcommand '\(typed)'.", suggestion])
    }

    /// argument-parser's own errors are one line too; help still goes to standard output.
    @Test func argumentParserErrorsAreOneLine() throws {
        Self.expectOneLine(try Tool.run(["fit", "x.txt", "-k"]), status: 64, ["Missing value for '-k <components>'"])
        Self.expectOneLine(try Tool.run(["fit", "x.txt", "-k", "2", "--tool", "1"]), status: 64, ["Unknown option '--tool'. Did you mean '--tol'?"])
        Self.expectOneLine(
            try Tool.run(["fit", "x.txt", "-k", "2", "--init", "psychic"]), status: 64,
            ["The value 'psychic' is invalid for '--init <init>'. Please provide one of 'quantile', 'data-points', ", " or 'doc002'."])
        Self.expectOneLine(try Tool.run(["theory", "--weights", ".5,.5", "--sds", "1,1"]), status: 64, ["Missing expected argument '--means <means>'"])
        let help = try Tool.run(["help", "theory"])
        #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stderr.isEmpty)
        let version = try Tool.run(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
    }

    @Test func runOnAFolderSaysItIsAFolder() throws {
        let dir = try Tool.scratchDirectory()
        let experiments = dir.appendingPathComponent("Experiments")
        try FileManager.default.createDirectory(at: experiments, withIntermediateDirectories: true)
        try ExtremeValues.tinyStudy.write(to: experiments.appendingPathComponent("tiny.toml"), atomically: true, encoding: .utf8)
        Self.expectOneLine(
            try Tool.run(["run", "Experiments"], in: dir), status: 1,
            ["Experiments is a folder, not an experiment file; please give one of its 1 experiment file, e.g. Experiments/tiny.toml"])
        Self.expectOneLine(try Tool.run(["slurm", "Experiments", "--tasks", "1", "-o", "sl"], in: dir), status: 1, ["Experiments is a folder"])
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        Self.expectOneLine(
            try Tool.run(["run", "empty"], in: dir), status: 1, ["empty is a folder, not an experiment file; please give the experiment's .toml file"])
        // A study's folder: how to continue it, how to redraw it.
        let done = try Tool.run(["run", "Experiments/tiny.toml", "--quiet", "--no-plots", "-o", "study"], in: dir)
        #expect(done.status == 0, "\(done.stderr)")
        Self.expectOneLine(
            try Tool.run(["run", "study"], in: dir), status: 1,
            [
                "study is a folder holding a study, not an experiment file; to continue it, run: emlab run Experiments/tiny.toml --resume --output study; to recompute its summary and plots: emlab report study"
            ])
    }

    @Test func resumeOnAMissingFolderSaysWhatToRun() throws {
        let dir = try Tool.scratchDirectory()
        try ExtremeValues.tinyStudy.write(to: dir.appendingPathComponent("tiny.toml"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["run", "tiny.toml", "--resume", "--output", "nowhere", "--quiet", "--no-plots"], in: dir)
        Self.expectOneLine(
            result, status: 1,
            ["nowhere: no such folder, so there is nothing to resume; to start the study there, run: emlab run tiny.toml --output nowhere"])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nowhere").path))
        // As told: the command without --resume starts it.
        let started = try Tool.run(["run", "tiny.toml", "--output", "nowhere", "--quiet", "--no-plots"], in: dir)
        #expect(started.status == 0, "\(started.stderr)")
    }
}
