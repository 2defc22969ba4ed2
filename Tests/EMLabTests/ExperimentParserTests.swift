import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

let goodExperiment = """
    name = "tiny"
    seed = 7
    replicates = 3
    starts = 2
    traces = 1

    [truths.a]
    weights = [0.3, 0.7]
    means = [0, 6]
    sds = [1, 1]

    [truths.b]
    means = [-3, 0, 3]
    sds = [1, 1, 1]

    [estimators.free]
    variance = "per-component"

    [estimators.fixed]
    variance = "known"
    weights = "fixed"
    stop = "iterations"
    iterations = 20

    [design]
    truth = ["a", "b"]
    n = [30, 60]
    estimator = ["free", "fixed"]
    init = ["quantile", "data-points"]

    [[exclude]]
    truth = "b"
    estimator = "fixed"
    n = 60
    """

@Suite struct ExperimentParserTests {
    @Test func aGoodFileCrossesItsFactorsInOrder() throws {
        let e = try ExperimentParser.parse(text: goodExperiment, file: "tiny.toml")
        #expect(e.name == "tiny" && e.seed == 7 && e.replicates == 3 && e.starts == 2 && e.traceReplicates == 1)
        #expect(e.fullConditionCount == 16)
        #expect(e.conditions.count == 14)
        #expect(e.conditions.map(\.index) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].filter { $0 != 15 && $0 != 16 })
        let first = e.conditions[0]
        #expect(first.truth.name == "a" && first.sampleSize == 30 && first.estimator.name == "free" && first.initialization == .quantile)
        #expect(e.conditions[1].initialization == .dataPoints && e.conditions[2].estimator.name == "fixed")
        // Conditions that differ only in estimator or init share their data.
        #expect(e.conditions[0...3].allSatisfy { $0.dataIndex == 1 } && e.conditions[4].dataIndex == 2)
        #expect(e.conditions[2].configuration.variance == .known(standardDeviation: 1))
        #expect(e.conditions[2].configuration.stoppingRule == .fixedIterations(20))
        #expect(e.maxComponents == 3)
    }

    /// Each bad file gives its file, line and key before any work starts.
    @Test(arguments: [
        ("replicates = 3", "replicate = 3", "bad.toml:3: replicate: unknown key 'replicate'"),
        ("replicates = 3", "replicates = \"three\"", "bad.toml:3: replicates: must be an integer, not string"),
        ("variance = \"per-component\"", "variance = \"wide\"", "bad.toml:17: [estimators.free] variance: unknown variance model 'wide'"),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\ncomponents = 3",
            "bad.toml:18: [estimators.free] components: K = 3 disagrees with truth 'a'"
        ),
        ("n = [30, 60]", "n = [2, 60]", "bad.toml:27: [design] n: n = 2 is smaller than K = 3 of truth 'b'"),
        ("n = [30, 60]", "n = []", "bad.toml:27: [design] n: is empty"),
        ("truth = [\"a\", \"b\"]", "truth = [\"a\", \"c\"]", "bad.toml:26: [design] truth: unknown truth 'c'"),
        ("n = [30, 60]", "n = [30, 60]\nsampler = [\"magic\"]", "bad.toml:28: [design] sampler: unknown sampler 'magic'"),
        ("init = [\"quantile\", \"data-points\"]", "init = [\"psychic\"]", "bad.toml:29: [design] init: unknown initialisation 'psychic'"),
        ("sds = [1, 1, 1]", "sds = [1, 0, 1]", "bad.toml:14: [truths.b] sds: sd 2 is 0"),
        ("weights = [0.3, 0.7]", "weights = [0.3, 0.6]", "bad.toml:8: [truths.a] weights: weights sum to 0.8999999999999999"),
        ("seed = 7", "seed = 7\nseed = 8", "bad.toml:3:8: TOML syntax error"),
        ("[truths.b]", "[truths.b]\nmean = 1", "bad.toml:13: [truths.b] mean: unknown key 'mean'"),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\nstop = \"aitkin\"",
            "bad.toml:18: [estimators.free] stop: unknown stopping rule 'aitkin'; use loglik, relative-loglik, mclust, aitken,"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"turbo\"",
            "bad.toml:18: [estimators.free] accelerate: unknown acceleration 'turbo'; use none, squarem, anderson, daarem, qn or pem"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = 1",
            "bad.toml:18: [estimators.free] accelerate: must be a string, not int"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"squarem\"\nsquarem_scheme = 4",
            "bad.toml:19: [estimators.free] squarem_scheme: must be 1, 2 or 3; got 4"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"squarem\"\nsquarem_scheme = \"S3\"",
            "bad.toml:19: [estimators.free] squarem_scheme: must be an integer, not string"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\nsquarem_scheme = 2",
            "bad.toml:18: [estimators.free] squarem_scheme: only goes with accelerate = \"squarem\""
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"none\"\nobjfn_inc = 1",
            "bad.toml:19: [estimators.free] objfn_inc: only goes with accelerate = \"squarem\""
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"squarem\"\nobjfn_inc = -1",
            "bad.toml:19: [estimators.free] objfn_inc: must be ≥ 0"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"squarem\"\nobjfn_inc = nan",
            "bad.toml:19: [estimators.free] objfn_inc: must be ≥ 0"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"daarem\"\nanderson_order = 2",
            "bad.toml:19: [estimators.free] anderson_order: only goes with accelerate = \"anderson\""
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"daarem\"\nmon_tol = -1",
            "bad.toml:19: [estimators.free] mon_tol: must be finite and ≥ 0"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\naccelerate = \"qn\"\nqn_secants = 5000",
            "bad.toml:19: [estimators.free] qn_secants: must be at most 1000"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\nmethod = \"doc002-as-written\"\naccelerate = \"pem\"",
            "bad.toml:19: [estimators.free] accelerate: method doc002-as-written runs the document's own step, which pem cannot accelerate"
        ),
        (
            "variance = \"per-component\"", "variance = \"per-component\"\nmethod = \"doc002-as-written\"\naccelerate = \"squarem\"",
            "bad.toml:19: [estimators.free] accelerate: method doc002-as-written runs the document's own step, which SQUAREM cannot accelerate"
        )
    ])
    func badFilesNameFileLineAndKey(original: String, replacement: String, expected: String) {
        let text = goodExperiment.replacingOccurrences(of: original, with: replacement)
        #expect(text != goodExperiment)
        do {
            _ = try ExperimentParser.parse(text: text, file: "bad.toml")
            Issue.record("no error for \(replacement)")
        } catch {
            #expect((error as? EMLabError)?.message.hasPrefix(expected) == true, "got: \(error)")
        }
    }

    @Test func theAccelerationAndTheNewStoppingRulesParse() throws {
        let text = goodExperiment.replacingOccurrences(
            of: "variance = \"per-component\"",
            with: """
                variance = "per-component"
                stop = "aitken"
                tol = 1e-9
                accelerate = "squarem"
                squarem_scheme = 1
                objfn_inc = 0

                [estimators.mclust]
                stop = "mclust"
                tol = 1e-5
                accelerate = "squarem"
                objfn_inc = inf

                [estimators.plain]
                accelerate = "none"
                """
        ).replacingOccurrences(of: "estimator = [\"free\", \"fixed\"]", with: "estimator = [\"free\", \"fixed\", \"mclust\", \"plain\"]")
        let e = try ExperimentParser.parse(text: text, file: "new.toml")
        func configuration(_ name: String) throws -> EMConfiguration {
            try #require(e.conditions.first { $0.estimator.name == name }).configuration
        }
        #expect(try configuration("free").stoppingRule == .aitken(1e-9))
        #expect(try configuration("free").acceleration == .squarem(SQUAREMOptions(scheme: .s1, objectiveIncrease: 0)))
        #expect(try configuration("mclust").stoppingRule == .mclust(1e-5))
        #expect(try configuration("mclust").acceleration == .squarem(SQUAREMOptions(scheme: .s3, objectiveIncrease: .infinity)))
        #expect(try configuration("plain").acceleration == .none && configuration("fixed").acceleration == .none)
        #expect(try configuration("free").stoppingRule.description == "aitken<1e-09")
        #expect(try configuration("mclust").stoppingRule.description == "mclust<1e-05")
    }

    @Test func theExampleExperimentParses() throws {
        let e = try ExperimentParser.load(path: Tool.packageRoot.appendingPathComponent("Experiments/example.toml").path)
        #expect(e.name == "example" && !e.conditions.isEmpty)
    }
}

@Suite struct LabelAlignmentTests {
    @Test func findsTheSwappedLabels() throws {
        let truth = try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
        let estimate = GaussianMixture(unchecked: [0.69, 0.31], means: [14.8, 5.3], standardDeviations: [2.1, 1.9])
        let p = LabelAlignment.bestPermutation(estimate: estimate, truth: truth)
        #expect(p == [1, 0])
        #expect(LabelAlignment.relabel(estimate, by: p).means == [5.3, 14.8])
    }

    @Test func threeComponentsAndScaledDistances() throws {
        // Component 3 is wide: 4 units from it is closer (in σ) than 1 unit from the narrow component 1.
        let truth = try GaussianMixture(weights: [0.2, 0.3, 0.5], means: [0, 10, 20], standardDeviations: [0.1, 1, 10])
        let estimate = GaussianMixture(unchecked: [0.5, 0.2, 0.3], means: [16, 0.05, 10.2], standardDeviations: [1, 1, 1])
        #expect(LabelAlignment.bestPermutation(estimate: estimate, truth: truth) == [1, 2, 0])
    }

    @Test func identicalComponentsTieToTheIdentity() throws {
        let truth = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1, 1])
        let estimate = GaussianMixture(unchecked: [0.5, 0.5], means: [0.5, 0.5], standardDeviations: [1, 1])
        #expect(LabelAlignment.bestPermutation(estimate: estimate, truth: truth) == [0, 1])
        let broken = GaussianMixture(unchecked: [0.5, 0.5], means: [.nan, 0.9], standardDeviations: [1, 1])
        #expect(LabelAlignment.bestPermutation(estimate: broken, truth: truth) == [0, 1])
    }
}

@Suite struct SHA256Tests {
    @Test func fipsVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
