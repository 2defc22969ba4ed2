import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// `FitRequest` → `FitOutcome` is what `emlab fit` runs: for the same
/// settings the API's outcome, rendered, is the command's output byte for
/// byte, and its numbers are the ones the command's JSON holds — so the
/// library and the command line cannot drift apart.
@Suite struct FitRequestTests {
    static let faithfulPath = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/faithful-waiting.txt").path

    static func faithful() throws -> [Double] { try DataSet.read(path: faithfulPath, options: DataSet.Options()).values }

    /// `emlab fit` arguments and the request that asks for the same.
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var request: FitRequest
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static func configuration(_ change: (inout EMConfiguration) -> Void) -> EMConfiguration {
        var configuration = EMConfiguration()
        change(&configuration)
        return configuration
    }

    static let cases: [Case] = [
        Case(arguments: ["-k", "2"], request: FitRequest(componentCount: 2)),
        Case(arguments: ["-k", "2", "--starts", "8", "--seed", "7"], request: FitRequest(componentCount: 2, starts: 8, random: StreamRecipe(seed: 7))),
        Case(
            arguments: ["-k", "3", "--starts", "5", "--init", "kmeans++", "--level", "0.9", "--seed", "4"],
            request: FitRequest(componentCount: 3, initialization: .kmeansPlusPlus, starts: 5, level: 0.9, random: StreamRecipe(seed: 4))),
        Case(
            arguments: ["-k", "2", "--bootstrap", "20", "--bootstrap-type", "parametric", "--seed", "3"],
            request: FitRequest(componentCount: 2, bootstrapReplicates: 20, bootstrapKind: .parametric, random: StreamRecipe(seed: 3))),
        Case(
            arguments: ["-k", "2", "--starts", "4", "--bootstrap", "10", "--level", "0.8", "--seed", "5"],
            request: FitRequest(componentCount: 2, starts: 4, level: 0.8, bootstrapReplicates: 10, random: StreamRecipe(seed: 5))),
        Case(
            arguments: ["-k", "2", "--variance", "shared", "--weights", "fixed", "--init-weights", ".4,.6"],
            request: FitRequest(
                componentCount: 2,
                configuration: configuration {
                    $0.variance = .shared
                    $0.weights = .fixed
                },
                initialWeights: [0.4, 0.6])),
        Case(
            arguments: ["-k", "2", "--variance", "known=6", "--init-means", "50,80", "--stop", "aitken", "--tol", "1e-10"],
            request: FitRequest(
                componentCount: 2,
                configuration: configuration {
                    $0.variance = .known(standardDeviation: 6)
                    $0.stoppingRule = .aitken(1e-10)
                }, initialMeans: [50, 80])),
        Case(
            arguments: [
                "-k", "2", "--accelerate", "squarem", "--variance-floor-relative", "1e-3", "--restarts", "2",
                "--init", "data-points", "--seed", "9"
            ],
            request: FitRequest(
                componentCount: 2, configuration: configuration { $0.acceleration = .squarem(SQUAREMOptions()) },
                relativeVarianceFloor: 1e-3, initialization: .dataPoints, maxRestarts: 2, random: StreamRecipe(seed: 9))),
        Case(
            arguments: ["-k", "2", "--iterations", "25", "--init-sds", "5,5", "--generator", "ranlux", "--normal", "ziggurat"],
            request: FitRequest(
                componentCount: 2, configuration: configuration { $0.stoppingRule = .fixedIterations(25) },
                initialStandardDeviations: [5, 5], random: StreamRecipe(generator: try! GeneratorName("ranlux"), normalMethod: .ziggurat))),
        Case(arguments: ["-k", "1"], request: FitRequest(componentCount: 1))
    ]

    /// What `emlab fit --format json` prints, read back (JSONDecoder reads numbers exactly).
    struct PrintedFit: Decodable {
        struct Intervals: Decodable {
            var weights: [[Double]?]
            var means: [[Double]?]
            var sds: [[Double]?]
        }
        struct Bootstrap: Decodable {
            struct Summary: Decodable {
                var refits: Int
                var percentile: Intervals
                var basic: Intervals
            }
            var replicates: Int
            var all: Summary
        }
        var weights: [Double], means: [Double], sds: [Double]
        var logLikelihood: Double?
        var iterations: Int
        var aic: Double?, bic: Double?, icl: Double?
        var starts: Int
        var intervals: Intervals?
        var bootstrap: Bootstrap?
    }

    static func pairs(_ intervals: [WaldIntervals.Interval?]) -> [[Double]?] { intervals.map { $0.map { [$0.low, $0.high] } } }

    @Test(arguments: cases) func theJSONIsTheCommands(_ c: Case) throws {
        let outcome = try c.request.run(data: try Self.faithful())
        let printed = try Tool.run(["fit", Self.faithfulPath] + c.arguments + ["--format", "json"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(FitReport.json(outcome) == printed.stdout)
        // The numbers themselves, not only their rendering.
        let fit = try JSONDecoder().decode(PrintedFit.self, from: Data(printed.stdout.utf8))
        let m = outcome.result.mixture
        #expect(fit.weights == m.weights && fit.means == m.means && fit.sds == m.standardDeviations)
        #expect(fit.logLikelihood == outcome.result.logLikelihood && fit.iterations == outcome.result.iterations)
        #expect(fit.aic == outcome.criteria?.aic && fit.bic == outcome.criteria?.bic && fit.icl == outcome.criteria?.icl)
        #expect(fit.starts == c.request.starts && outcome.starts.starts == c.request.starts)
        let wald = try #require(outcome.intervals)
        let printedWald = try #require(fit.intervals)
        #expect(printedWald.weights == Self.pairs(wald.weights))
        #expect(printedWald.means == Self.pairs(wald.means))
        #expect(printedWald.sds == Self.pairs(wald.sds))
        if c.request.bootstrapReplicates > 0 {
            let bootstrap = try #require(outcome.bootstrap)
            let printedBootstrap = try #require(fit.bootstrap)
            #expect(printedBootstrap.replicates == c.request.bootstrapReplicates && bootstrap.replicates == c.request.bootstrapReplicates)
            #expect(printedBootstrap.all.refits == bootstrap.all.refits)
            #expect(printedBootstrap.all.percentile.means == Self.pairs(bootstrap.all.percentile.means))
            #expect(printedBootstrap.all.basic.sds == Self.pairs(bootstrap.all.basic.sds))
        } else {
            #expect(outcome.bootstrap == nil && fit.bootstrap == nil)
        }
    }

    @Test(arguments: cases) func theTextIsTheCommands(_ c: Case) throws {
        let outcome = try c.request.run(data: try Self.faithful())
        let printed = try Tool.run(["fit", Self.faithfulPath] + c.arguments)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(FitReport.text(outcome) == printed.stdout)
    }

    /// Several starts: the outcome's fit is the best start's, and the search is kept.
    @Test func severalStartsKeepTheSearch() throws {
        let outcome = try FitRequest(componentCount: 2, starts: 6, random: StreamRecipe(seed: 11)).run(data: try Self.faithful())
        let search = try #require(outcome.search)
        #expect(search.starts == 6)
        #expect(outcome.result == search.best)
        #expect(outcome.starts.starts == 6)
        #expect(outcome.restarts == 0)
        // One start is a search of one, start 1 as given.
        let single = try FitRequest(componentCount: 2).run(data: try Self.faithful())
        #expect(single.search == nil && single.starts.starts == 1 && single.starts.outcomes[0].start == single.start)
    }

    /// A fit without an estimate is an outcome, not an error; the command
    /// prints it whole and ends with the outcome's message and status 1.
    @Test func aDegenerateFitIsAnOutcome() throws {
        let outcome = try FitRequest(componentCount: 2, bootstrapReplicates: 5).run(data: [1, 2])
        #expect(outcome.isDegenerate)
        #expect(outcome.criteria == nil && outcome.bootstrap == nil && outcome.bootstrapSkipped)
        for json in [false, true] {
            let printed = try Tool.run(["fit", "-", "-k", "2", "--bootstrap", "5"] + (json ? ["--format", "json"] : []), stdin: "1\n2\n")
            #expect(printed.status == 1)
            #expect(printed.stdout == (json ? FitReport.json(outcome) : FitReport.text(outcome)))
            let message = try #require(FitReport.degenerateMessage(outcome, afterJSON: json))
            #expect(printed.stderr == "Error: \(message).\n")
        }
        let clean = try FitRequest(componentCount: 2).run(data: try Self.faithful())
        #expect(!clean.isDegenerate && FitReport.degenerateMessage(clean, afterJSON: false) == nil)
    }

    /// The request's own checks: of its settings, and of the data, with the command's messages.
    @Test func theRequestChecksItselfAndTheData() throws {
        for bad in [
            FitRequest(componentCount: 0), FitRequest(componentCount: 2, initialMeans: [1]),
            FitRequest(componentCount: 2, starts: 0), FitRequest(componentCount: 2, maxRestarts: 1, starts: 2),
            FitRequest(componentCount: 2, level: 1), FitRequest(componentCount: 2, bootstrapReplicates: 1)
        ] {
            #expect(throws: EMLabError.self) { try bad.validate() }
            #expect(throws: EMLabError.self) { try bad.run(data: [1, 2, 3]) }
        }
        // Fewer distinct values than K: the command's message, status 1.
        let error = try #require(throws: EMLabError.self) { try FitRequest(componentCount: 2).run(data: [3, 3, 3]) }
        #expect(error.code == .invalidData)
        let printed = try Tool.run(["fit", "-", "-k", "2"], stdin: "3\n3\n3\n")
        #expect(printed.status == 1 && printed.stderr == "Error: \(error.message)\n")
        // So much memory asked for: the command's message, naming its option.
        let memory = try #require(throws: EMLabError.self) {
            try FitRequest(componentCount: 2, starts: 99_999_999_999).validate(data: [1, 2, 3])
        }
        #expect(memory.message.hasPrefix("--starts 99999999999 with K = 2 needs "))
    }

    /// Initial values that make no mixture are a usage error (status 64) in
    /// the command; the library says so with the error's exit status.
    @Test func initialValuesThatMakeNoMixture() throws {
        let request = FitRequest(componentCount: 2, initialMeans: [4, 16], initialStandardDeviations: [1, -1])
        let error = try #require(throws: EMLabError.self) { try request.run(data: try Self.faithful()) }
        #expect(error.code == .invalidMixture && error.exitStatus == 64)
        #expect(error.message == "the initial values are not a valid mixture: sd 2 is -1; standard deviations must be finite and > 0")
        let printed = try Tool.run(["fit", Self.faithfulPath, "-k", "2", "--init-means", "4,16", "--init-sds", "1,-1"])
        #expect(printed.status == 64)
        #expect(printed.stderr == "Error: The initial values are not a valid mixture: sd 2 is -1; standard deviations must be finite and > 0.\n")
    }

    /// `--preset`: the comparison's input, fits and findings are what the command prints.
    @Test(arguments: ["doc000", "doc002"]) func aPresetComparisonIsTheCommands(_ name: String) throws {
        let preset = try #require(DocumentPreset.named(name))
        let stream = try preset.stream.make(generator: RandomSource.defaultGenerator, seed: preset.seed ?? 1)
        let input = try DocumentComparison.Input(
            preset: preset, sampler: nil, stream: stream, streamKind: preset.stream,
            seed: preset.seed ?? 1)
        #expect(input.data.count == (preset.data?.count ?? preset.sampleSize))
        let comparison = DocumentComparison.run(preset: preset, input: input, stream: stream, componentCounts: [2, 3])
        let expected =
            input.summary + "\n" + "Document \(preset.name): \(preset.title)\n\n"
            + DocumentComparisonReport.fitsText(comparison, dataCount: input.data.count, truth: input.truth)
            + DocumentComparisonReport.findingsText(comparison)
        let printed = try Tool.run(["fit", "--preset", name])
        #expect(printed.status == 0)
        #expect(printed.stdout == expected)
    }

    /// A sampler that cannot draw a preset's data is refused by the library as by the command.
    @Test func aSamplerThatDoesNotFitThePreset() throws {
        let preset = DocumentPreset.doc002
        #expect(!DocumentComparison.Input.canDraw(.latent, for: preset))
        #expect(DocumentComparison.Input.canDraw(.bootstrap, for: preset))
        let stream = try StreamKind.gsl.make(generator: RandomSource.defaultGenerator, seed: 1)
        #expect(throws: EMLabError.self) {
            try DocumentComparison.Input(preset: preset, sampler: .latent, stream: stream, streamKind: .gsl, seed: 1)
        }
        let printed = try Tool.run(["fit", "--preset", "doc002", "--sampler", "latent"])
        #expect(printed.status == 64 && printed.stderr == "Error: Sampler 'latent' does not fit preset doc002.\n")
    }
}
