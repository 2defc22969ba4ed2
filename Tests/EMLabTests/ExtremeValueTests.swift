import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Issue 19 §3: no crash reachable from the command line.
///
/// Every subcommand is driven with 0, 1, huge, negative and NaN values of
/// every option that takes numbers. Each run must end by exiting, never by a
/// signal (no trap, no backtrace), within a few seconds (a huge value fails
/// fast instead of starting a huge job), and a failure is exactly one line,
/// `Error: …`. The options are listed here by hand, and
/// ``everyOptionOfEverySubcommandIsListed()`` checks the list against
/// argument-parser's own description of the commands
/// (`--experimental-dump-help`), so an option added later cannot be
/// forgotten.
enum ExtremeValues {
    /// How an option's value is written.
    enum Kind: Sendable { case integer, real, list, shard }

    /// One option of one subcommand, with what it needs beside the subcommand's base.
    struct Probe: Sendable, CustomTestStringConvertible {
        var subcommand: String
        /// As typed, e.g. `-n` or `--tol`.
        var option: String
        /// The long name argument-parser reports, e.g. `count`.
        var name: String
        var kind: Kind
        var context: [String] = []

        var testDescription: String { "\(subcommand) \(option)" }
    }

    /// A valid invocation of each subcommand, cheap to run; `GOOD`, `STUDY`
    /// and `RUNS` stand for the fixture's data file, experiment file and
    /// runs.csv.
    static let bases: [String: [String]] = [
        "sample": ["sample", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1", "-n", "5"],
        "fit": ["fit", "GOOD", "-k", "2"],
        "select": ["select", "GOOD", "--components", "1...2", "--starts", "2"],
        "run": ["run", "STUDY", "--quiet", "--no-plots", "-o", "out"],
        "slurm": ["slurm", "STUDY", "-o", "sl", "--tasks", "2"],
        "replay": ["replay", "RUNS", "--row", "1"],
        "audit": ["audit", "--preset", "doc003"],
        "theory": ["theory", "--weights", ".5,.5", "--means", "0,3", "--sds", "1,1"],
        "demo": ["demo", "-n", "200"],
        "landscape": ["landscape", "GOOD", "-k", "2", "--grid", "4"],
        "report": [], "merge": [], "presets": [], "generators": [], "score": []
    ]

    /// Every option that takes a number or a list of numbers.
    static let probes: [Probe] = [
        Probe(subcommand: "sample", option: "--weights", name: "weights", kind: .list),
        Probe(subcommand: "sample", option: "--means", name: "means", kind: .list),
        Probe(subcommand: "sample", option: "--sds", name: "sds", kind: .list),
        Probe(subcommand: "sample", option: "-n", name: "count", kind: .integer),
        Probe(subcommand: "sample", option: "--seed", name: "seed", kind: .integer),
        Probe(subcommand: "fit", option: "-k", name: "components", kind: .integer),
        Probe(subcommand: "fit", option: "--init-means", name: "init-means", kind: .list),
        Probe(subcommand: "fit", option: "--init-sds", name: "init-sds", kind: .list),
        Probe(subcommand: "fit", option: "--init-weights", name: "init-weights", kind: .list),
        Probe(subcommand: "fit", option: "--tol", name: "tol", kind: .real),
        Probe(subcommand: "fit", option: "--max-iterations", name: "max-iterations", kind: .integer),
        Probe(subcommand: "fit", option: "--iterations", name: "iterations", kind: .integer),
        Probe(subcommand: "fit", option: "--squarem-scheme", name: "squarem-scheme", kind: .integer, context: ["--accelerate", "squarem"]),
        Probe(subcommand: "fit", option: "--objfn-inc", name: "objfn-inc", kind: .real, context: ["--accelerate", "squarem"]),
        Probe(subcommand: "fit", option: "--anderson-order", name: "anderson-order", kind: .integer, context: ["--accelerate", "anderson"]),
        Probe(subcommand: "fit", option: "--daarem-order", name: "daarem-order", kind: .integer, context: ["--accelerate", "daarem"]),
        Probe(subcommand: "fit", option: "--mon-tol", name: "mon-tol", kind: .real, context: ["--accelerate", "daarem"]),
        Probe(subcommand: "fit", option: "--qn-secants", name: "qn-secants", kind: .integer, context: ["--accelerate", "qn"]),
        Probe(subcommand: "fit", option: "--variance-floor", name: "variance-floor", kind: .real),
        Probe(subcommand: "fit", option: "--variance-floor-relative", name: "variance-floor-relative", kind: .real),
        Probe(subcommand: "fit", option: "--restarts", name: "restarts", kind: .integer),
        Probe(subcommand: "fit", option: "--starts", name: "starts", kind: .integer),
        Probe(subcommand: "fit", option: "--level", name: "level", kind: .real),
        Probe(subcommand: "fit", option: "--bootstrap", name: "bootstrap", kind: .integer),
        Probe(subcommand: "fit", option: "--bins", name: "bins", kind: .integer, context: ["--animate", "em.html"]),
        Probe(subcommand: "fit", option: "--bin-width", name: "bin-width", kind: .real, context: ["--animate", "em.html"]),
        Probe(subcommand: "fit", option: "--seed", name: "seed", kind: .integer),
        Probe(subcommand: "fit", option: "--prior-shrinkage", name: "prior-shrinkage", kind: .real, context: ["--prior", "mclust"]),
        Probe(subcommand: "fit", option: "--prior-mean", name: "prior-mean", kind: .real, context: ["--prior", "mclust"]),
        Probe(subcommand: "fit", option: "--prior-dof", name: "prior-dof", kind: .real, context: ["--prior", "mclust"]),
        Probe(subcommand: "fit", option: "--prior-scale", name: "prior-scale", kind: .real, context: ["--prior", "mclust"]),
        Probe(subcommand: "fit", option: "--variance-ratio", name: "variance-ratio", kind: .real),
        Probe(subcommand: "fit", option: "--penalty-an", name: "penalty-an", kind: .real, context: ["--penalty", "chen-tan"]),
        Probe(subcommand: "select", option: "--components", name: "components", kind: .integer),
        Probe(subcommand: "select", option: "--starts", name: "starts", kind: .integer),
        Probe(subcommand: "select", option: "--bootstrap-lrt", name: "bootstrap-lrt", kind: .integer),
        Probe(subcommand: "select", option: "--tol", name: "tol", kind: .real),
        Probe(subcommand: "select", option: "--max-iterations", name: "max-iterations", kind: .integer),
        Probe(subcommand: "select", option: "--seed", name: "seed", kind: .integer),
        Probe(subcommand: "select", option: "--prior-shrinkage", name: "prior-shrinkage", kind: .real, context: ["--prior", "mclust"]),
        Probe(subcommand: "select", option: "--prior-mean", name: "prior-mean", kind: .real, context: ["--prior", "mclust"]),
        Probe(subcommand: "select", option: "--prior-dof", name: "prior-dof", kind: .real, context: ["--prior", "mclust"]),
        Probe(subcommand: "select", option: "--prior-scale", name: "prior-scale", kind: .real, context: ["--prior", "mclust"]),
        Probe(subcommand: "select", option: "--variance-ratio", name: "variance-ratio", kind: .real),
        Probe(subcommand: "select", option: "--penalty-an", name: "penalty-an", kind: .real, context: ["--penalty", "chen-tan"]),
        Probe(subcommand: "run", option: "--jobs", name: "jobs", kind: .integer),
        Probe(subcommand: "run", option: "--shard", name: "shard", kind: .shard),
        Probe(subcommand: "slurm", option: "--tasks", name: "tasks", kind: .integer),
        Probe(subcommand: "slurm", option: "--cpus-per-task", name: "cpus-per-task", kind: .integer),
        Probe(subcommand: "slurm", option: "--poll-interval", name: "poll-interval", kind: .real),
        Probe(subcommand: "replay", option: "--row", name: "row", kind: .integer),
        Probe(subcommand: "theory", option: "--weights", name: "weights", kind: .list),
        Probe(subcommand: "theory", option: "--means", name: "means", kind: .list),
        Probe(subcommand: "theory", option: "--sds", name: "sds", kind: .list),
        Probe(subcommand: "theory", option: "-n", name: "sample-size", kind: .integer),
        Probe(subcommand: "theory", option: "--tol", name: "tol", kind: .real, context: ["-n", "100"]),
        Probe(subcommand: "theory", option: "--start-means", name: "start-means", kind: .list, context: ["-n", "100"]),
        Probe(subcommand: "theory", option: "--start-sds", name: "start-sds", kind: .list, context: ["-n", "100", "--start-means", "0,3"]),
        Probe(subcommand: "theory", option: "--start-weights", name: "start-weights", kind: .list, context: ["-n", "100", "--start-means", "0,3"]),
        Probe(subcommand: "demo", option: "-n", name: "count", kind: .integer),
        Probe(subcommand: "demo", option: "--seed", name: "seed", kind: .integer),
        Probe(subcommand: "landscape", option: "-k", name: "components", kind: .integer),
        Probe(subcommand: "landscape", option: "--weights", name: "weights", kind: .list, context: ["--means", "0,3", "--sds", "1,1"]),
        Probe(subcommand: "landscape", option: "--means", name: "means", kind: .list, context: ["--weights", ".5,.5", "--sds", "1,1"]),
        Probe(subcommand: "landscape", option: "--sds", name: "sds", kind: .list, context: ["--weights", ".5,.5", "--means", "0,3"]),
        Probe(subcommand: "landscape", option: "--pair", name: "pair", kind: .list),
        Probe(subcommand: "landscape", option: "--x-range", name: "x-range", kind: .list),
        Probe(subcommand: "landscape", option: "--y-range", name: "y-range", kind: .list),
        Probe(subcommand: "landscape", option: "--grid", name: "grid", kind: .integer),
        Probe(subcommand: "landscape", option: "--paths", name: "paths", kind: .integer),
        Probe(subcommand: "landscape", option: "--path-from", name: "path-from", kind: .list),
        Probe(subcommand: "landscape", option: "--tol", name: "tol", kind: .real),
        Probe(subcommand: "landscape", option: "--max-iterations", name: "max-iterations", kind: .integer),
        Probe(
            subcommand: "landscape", option: "--population-points", name: "population-points", kind: .integer,
            context: ["--weights", ".5,.5", "--means", "0,3", "--sds", "1,1"]),
        Probe(subcommand: "landscape", option: "--jobs", name: "jobs", kind: .integer),
        Probe(subcommand: "audit", option: "--tol", name: "tol", kind: .real),
        Probe(subcommand: "audit", option: "--variance-floor", name: "variance-floor", kind: .real)
    ]

    /// The options that take no number (names, paths, closed sets, free text).
    static let otherOptions: [String: Set<String>] = [
        "sample": ["preset", "sampler", "output", "stream", "generator", "normal"],
        "fit": [
            "preset", "sampler", "column", "missing", "delimiter", "variance", "weights", "init", "stop", "accelerate", "posteriors", "bootstrap-type",
            "trace", "format", "plot", "animate", "stream", "generator", "normal", "save", "prior", "penalty"
        ],
        "select": ["variance", "init", "column", "missing", "delimiter", "plot", "format", "stream", "generator", "normal", "prior", "penalty"],
        "run": ["output"],
        "merge": ["output"],
        "slurm": ["output", "partition", "time", "mem", "account", "sbatch-arg"],
        "replay": ["trace"],
        "audit": ["trace", "variance", "weights", "preset", "column", "missing", "delimiter", "format"],
        "theory": ["variance", "stop", "format"],
        "demo": ["stream", "generator", "normal"],
        "score": ["posteriors", "format", "column", "missing", "delimiter"],
        "landscape": ["preset", "variance", "over", "fix", "accelerate", "stop", "plot", "format", "column", "missing", "delimiter"]
    ]

    static let huge = "99999999999"

    /// The values an option of `kind` is tried with: 0, 1, huge (beyond any
    /// memory, and Int's largest), negative, NaN.
    static func values(_ kind: Kind) -> [String] {
        switch kind {
        case .integer: return ["0", "1", huge, String(Int.max), "-1", "nan"]
        case .real: return ["0", "1", huge, "1e308", "-1", "nan"]
        case .list: return ["0", "1", huge, "1e308", "-1", "nan"].map { "\($0),\($0)" } + ["-1,1"]
        case .shard: return ["1/0", "0/2", "1/\(huge)", "\(Int.max)/\(Int.max)", "-1/2", "nan/2"]
        }
    }

    /// A folder with good.txt, study.toml and study/, a finished tiny study.
    static let fixture: URL = {
        let dir = try! Tool.scratchDirectory()
        try! "1\n2\n3\n10\n11\n12\n2.5\n11.5\n".write(to: dir.appendingPathComponent("good.txt"), atomically: true, encoding: .utf8)
        try! tinyStudy.write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let study = try! Tool.run(["run", "study.toml", "--quiet", "--no-plots", "-o", "study"], in: dir)
        precondition(study.status == 0, study.stderr)
        return dir
    }()

    static let tinyStudy = """
        name = "tiny"
        seed = 7
        replicates = 2
        starts = 1

        [truths.a]
        weights = [0.3, 0.7]
        means = [0, 6]
        sds = [1, 1]

        [estimators.free]
        variance = "per-component"

        [design]
        truth = ["a"]
        n = [30]
        estimator = ["free"]
        """

    /// The base of `subcommand` with the fixture's paths filled in.
    static func base(_ subcommand: String) -> [String] {
        bases[subcommand]!.map { word in
            switch word {
            case "GOOD": return fixture.appendingPathComponent("good.txt").path
            case "STUDY": return fixture.appendingPathComponent("study.toml").path
            case "RUNS": return fixture.appendingPathComponent("study/runs.csv").path
            default: return word
            }
        }
    }

    /// How a bounded run ended.
    struct Outcome {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs `emlab arguments` in `directory`, killing it after `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL, timeout: TimeInterval) throws -> Outcome {
        let outURL = directory.appendingPathComponent(".stdout"), errURL = directory.appendingPathComponent(".stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = Tool.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal && !timedOut,
            timedOut: timedOut,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// The long names of every option (not flag, not positional) of every
    /// subcommand, with their parsing strategy, from argument-parser's dump.
    static func dumpedOptions() throws -> [String: [String: String]] {
        let root = try Tool.run(["--experimental-dump-help"])
        let rootObject = try JSONSerialization.jsonObject(with: Data(root.stdout.utf8)) as? [String: Any]
        let subcommands = ((rootObject?["command"] as? [String: Any])?["subcommands"] as? [[String: Any]]) ?? []
        var result: [String: [String: String]] = [:]
        for name in subcommands.compactMap({ $0["commandName"] as? String }) where name != "help" {
            let dump = try Tool.run([name, "--experimental-dump-help"])
            let object = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
            let arguments = ((object?["command"] as? [String: Any])?["arguments"] as? [[String: Any]]) ?? []
            var options: [String: String] = [:]
            for argument in arguments where argument["kind"] as? String == "option" {
                let names = (argument["names"] as? [[String: String]]) ?? []
                let long = names.first { $0["kind"] == "long" }?["name"] ?? names.first?["name"] ?? "?"
                options[long] = argument["parsingStrategy"] as? String ?? "?"
            }
            result[name] = options
        }
        return result
    }
}

@Suite struct ExtremeValueTests {
    /// The hand list is argument-parser's list: every subcommand, every
    /// option; and every option that takes numbers takes the next word
    /// whatever it is (`.unconditional`), so negative values are values.
    @Test func everyOptionOfEverySubcommandIsListed() throws {
        let dumped = try ExtremeValues.dumpedOptions()
        #expect(Set(dumped.keys) == Set(ExtremeValues.bases.keys), "subcommands: \(dumped.keys.sorted())")
        for (subcommand, options) in dumped {
            let numeric = Set(ExtremeValues.probes.filter { $0.subcommand == subcommand }.map(\.name))
            let other = ExtremeValues.otherOptions[subcommand] ?? []
            #expect(numeric.isDisjoint(with: other), "\(subcommand): listed twice")
            #expect(
                Set(options.keys) == numeric.union(other),
                "\(subcommand): not listed: \(Set(options.keys).subtracting(numeric.union(other)).sorted()); gone: \(numeric.union(other).subtracting(options.keys).sorted())"
            )
            for name in numeric {
                #expect(
                    options[name] == "unconditional", "\(subcommand) --\(name) parses \(options[name] ?? "?"): a negative value would be taken for an option")
            }
        }
    }

    /// 0, 1, huge, negative and NaN for every numeric option: exit (never a
    /// signal), within seconds, and a failure is one line.
    @Test(arguments: ExtremeValues.probes)
    func extremeValuesEndInOneLineOrWork(probe: ExtremeValues.Probe) throws {
        for value in ExtremeValues.values(probe.kind) {
            let dir = try Tool.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let arguments = ExtremeValues.base(probe.subcommand) + probe.context + [probe.option, value]
            let outcome = try ExtremeValues.run(arguments, in: dir, timeout: 60)
            let shown = "emlab \(arguments.joined(separator: " "))"
            #expect(!outcome.timedOut, "\(shown): still running after 60 s")
            #expect(
                !outcome.signalled && ![132, 133, 134, 137, 139].contains(outcome.status),
                "\(shown): killed by a signal (status \(outcome.status)): \(outcome.stderr.prefix(300))")
            for mark in Corpus.stackTraceMarks {
                #expect(!outcome.stderr.contains(mark), "\(shown): a stack trace: \(outcome.stderr.prefix(300))")
            }
            #expect(!outcome.stderr.contains("Missing value"), "\(shown): the value was taken for an option: \(outcome.stderr)")
            if outcome.status != 0 {
                let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(
                    lines.count == 2 && lines[0].hasPrefix("Error: ") && lines[1].isEmpty,
                    "\(shown): stderr is not one 'Error:' line: \(outcome.stderr)")
            }
        }
    }

    /// The issue's two crashes: K = 256 on 1,000 distinct values is a fit,
    /// and a sample too large for memory says so before allocating.
    @Test func theIssuesCrashesAreGone() throws {
        let dir = try Tool.scratchDirectory()
        let values = (0..<1000).map { (i: Int) -> String in formatNumber(Double(i) * 0.37 + sin(Double(i)) * 5) }.joined(separator: "\n")
        try values.write(to: dir.appendingPathComponent("wide.txt"), atomically: true, encoding: .utf8)
        let fit = try ExtremeValues.run(["fit", "wide.txt", "-k", "256", "--max-iterations", "20", "--format", "json"], in: dir, timeout: 120)
        #expect(fit.status == 0 && !fit.signalled, "\(fit.stderr.prefix(500))")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])
        #expect((object["means"] as? [Double])?.count == 256)
        let sample = try ExtremeValues.run(
            ["sample", "--weights", ".5,.5", "--means", "0,1", "--sds", "1,1", "-n", "99999999999"],
            in: dir, timeout: 20)
        #expect(sample.status == 64)
        #expect(
            sample.stderr.hasPrefix("Error: -n 99999999999 needs ") && sample.stderr.contains(" of memory; ")
                && sample.stderr.hasSuffix(" is available.\n"), "\(sample.stderr)")
        let select = try ExtremeValues.run(["select", "wide.txt", "--components", "1...99999999999"], in: dir, timeout: 20)
        #expect(
            select.stderr == "Error: wide.txt holds 1000 distinct values, so K = 1001…99999999999 cannot be fitted "
                + "(K components need at least K distinct values); please give --components up to 1000\n")
        let theory = try ExtremeValues.run(["theory", "--weights", ".5,.5", "--means", "1e308,1e308", "--sds", "1,1"], in: dir, timeout: 20)
        #expect(
            theory.status == 64 && theory.stderr.hasPrefix("Error: Component 1 (mean 1e+308, sd 1) is beyond what doubles integrate"),
            "\(theory.stderr)")
    }

    /// Above 255 groups the quantile start's rank groups are found in
    /// Swift; below, the Swift path gives the kernels' groups bit for bit.
    @Test func rankGroupsBeyondTheKernelsBytes() {
        let data: [Double] = (0..<2000).map { (i: Int) -> Double in
            let base = Double((i * 7919) % 1009)
            return base + Double(i % 3) * 0.25
        }
        for k in [1, 2, 7, 255] {
            let kernel = RankGroups.moments(data, groups: k), swift = RankGroups.wideMoments(data, groups: k)
            #expect(kernel.counts == swift.counts)
            #expect(kernel.means.map(\.bitPattern) == swift.means.map(\.bitPattern), "K = \(k)")
            #expect(kernel.standardDeviations.map(\.bitPattern) == swift.standardDeviations.map(\.bitPattern), "K = \(k)")
        }
        let wide = RankGroups.moments(data, groups: 1000)
        #expect(wide.counts == Array(repeating: 2, count: 1000))
        let sorted = data.sorted()
        #expect(wide.means[0] == (sorted[0] + sorted[1]) / 2 && wide.means[999] == (sorted[1998] + sorted[1999]) / 2)
    }

    @Test func memoryBudgetSaysWhatIsNeededInOneLine() {
        #expect(MemoryBudget.format(512) == "512 B")
        #expect(MemoryBudget.format(1536) == "1.5 KiB")
        #expect(MemoryBudget.format(4.4 * 1024 * 1024 * 1024 * 1024) == "4.4 TiB")
        #expect(MemoryBudget.format(22 * 1024 * 1024 * 1024) == "22 GiB")
        #expect(throws: EMLabError(.invalidOption, "-n 99999999999 needs 3.6 TiB of memory; 8 GiB is available")) {
            try MemoryBudget.require(4e12, for: "-n 99999999999", available: 8 * 1024 * 1024 * 1024)
        }
        #expect(throws: Never.self) { try MemoryBudget.require(1024, for: "-n 128", available: 2048) }
        #expect(throws: EMLabError.self) { try MemoryBudget.require(.infinity, for: "x", available: 2048) }
        #expect(throws: EMLabError.self) { try MemoryBudget.require(.nan, for: "x", available: 2048) }
        #expect(MemoryBudget.available > 0)
    }

    @Test func impossibleKAreNamedByTheirEnds() throws {
        let data = [1.0, 2, 3, 3]
        #expect(
            throws: EMLabError(
                .invalidData,
                "d holds 3 distinct values, so K = 4, 5, 8…99999999999 cannot be fitted "
                    + "(K components need at least K distinct values); please give --components up to 3")
        ) {
            try ModelSelection.requireDistinctValues(data, components: [1...5, 8...99_999_999_999], name: "d")
        }
        #expect(
            throws: EMLabError(
                .invalidData,
                "d holds 3 distinct values, so K = 4…\(Int.max) cannot be fitted "
                    + "(K components need at least K distinct values); please give --components up to 3")
        ) {
            try ModelSelection.requireDistinctValues(data, components: [1...Int.max], name: "d")
        }
        try ModelSelection.requireDistinctValues(data, components: [1...3], name: "d")
    }

    /// An experiment file is named on the command line: its sizes are checked before anything is drawn too.
    @Test func experimentFileSizesAreChecked() {
        func message(_ from: String, _ to: String, extra: String = "") -> String {
            do {
                _ = try ExperimentParser.parse(text: goodExperiment.replacingOccurrences(of: from, with: to) + extra, file: "x.toml")
                return ""
            } catch { return "\(error)" }
        }
        #expect(message("n = [30, 60]", "n = [30, 99999999999]").contains("[design] n: n = 99999999999 needs "))
        #expect(message("starts = 2", "starts = 99999999999").contains("starts: starts = 99999999999 needs "))
        #expect(
            message("replicates = 3", "replicates = \(Int.max)")
                .contains("replicates: the design has more than \(Int.max) (condition, replicate) units; please give fewer replicates"))
    }

    @Test func quadratureOverNoRangeThrows() {
        #expect(throws: EMLabError.self) { try Quadrature.integrate(breakpoints: [1e308], absoluteTolerance: 1e-10, relativeTolerance: 1e-10) { _ in 1 } }
        #expect(throws: EMLabError.self) {
            try Quadrature.integrate(breakpoints: [0, .infinity], absoluteTolerance: 1e-10, relativeTolerance: 1e-10) { _ in 1 }
        }
    }
}
