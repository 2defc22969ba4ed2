import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// AIC, BIC and ICL against scikit-learn's `bic()`/`aic()` and R mclust's
/// `bic()`/`icl()` at the same maximum from the same start
/// (Tests/Fixtures/make_ic_fixtures.py made the files), and `emlab select`.
@Suite struct ModelSelectionTests {
    static let directory = Tool.packageRoot.appendingPathComponent("Tests/Fixtures")
    static let fixtureNames = ["ic-faithful.json", "ic-three.json"]

    struct Fixture: Decodable {
        struct Start: Decodable {
            var weights: [Double]
            var means: [Double]
            var sds: [Double]
        }
        struct Reference: Decodable {
            var tool: String
            var logLikelihood: Double
            var toolLogLikelihood: Double
            var parameters: Int
            var bic: Double
            var aic: Double?
            var icl: Double?
            var means: [Double]
        }
        struct Model: Decodable {
            var k: Int
            var variance: String
            var start: Start
            var sklearn: Reference
            var mclust: Reference
        }
        var name: String
        var n: Int
        var data: [Double]
        var models: [Model]
    }

    /// JSONDecoder reads the shortest round-trip numbers exactly (see Tests/Fixtures/README.md).
    static func fixture(_ name: String) throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance * max(abs(b), 1) }

    @Test(arguments: fixtureNames)
    func criteriaMatchScikitLearnAndMclustAtTheSameMaximum(name: String) throws {
        let fixture = try Self.fixture(name)
        #expect(fixture.data.count == fixture.n)
        #expect(fixture.models.count == 8)
        for model in fixture.models {
            let label = "\(name) K = \(model.k) \(model.variance)"
            let variance: EMConfiguration.Variance = model.variance == "shared" ? .shared : .perComponent
            let configuration = EMConfiguration(variance: variance, stoppingRule: .parameterChange(1e-13), maxIterations: 500_000)
            let start = try GaussianMixture(weights: model.start.weights, means: model.start.means, standardDeviations: model.start.sds)
            let fit = ExpectationMaximization.fit(data: fixture.data, start: start, configuration: configuration)
            #expect(fit.stopReason == .converged, "\(label)")
            // The same maximum as both tools.
            for reference in [model.sklearn, model.mclust] {
                #expect(
                    Self.close(fit.logLikelihood, reference.logLikelihood, 1e-10),
                    "\(label): ℓ \(fit.logLikelihood) vs \(reference.tool) \(reference.logLikelihood)")
                let means = fit.mixture.means.sorted()
                for (a, b) in zip(means, reference.means) { #expect(Self.close(a, b, 1e-6), "\(label): mean \(a) vs \(reference.tool) \(b)") }
            }
            let criteria = InformationCriteria(
                data: fixture.data, mixture: fit.mixture, logLikelihood: fit.logLikelihood,
                configuration: configuration)
            #expect(criteria.parameters == model.sklearn.parameters && criteria.parameters == model.mclust.parameters, "\(label)")
            // scikit-learn: lower is better.
            #expect(Self.close(criteria.bic, model.sklearn.bic, 1e-10), "\(label): BIC \(criteria.bic) vs scikit-learn \(model.sklearn.bic)")
            #expect(Self.close(criteria.aic, try #require(model.sklearn.aic), 1e-10), "\(label): AIC \(criteria.aic) vs scikit-learn")
            // mclust: larger is better, the same numbers with the sign turned.
            #expect(Self.close(criteria.mclustBIC, model.mclust.bic, 1e-10), "\(label): BIC \(criteria.mclustBIC) vs mclust \(model.mclust.bic)")
            #expect(criteria.mclustBIC == -criteria.bic)
            let icl = try #require(model.mclust.icl)
            #expect(Self.close(criteria.mclustICL, icl, 1e-9), "\(label): ICL \(criteria.mclustICL) vs mclust \(icl)")
            #expect(criteria.icl >= criteria.bic)
            // The formulas, from each tool's own log-likelihood, to rounding.
            let fromSklearn = InformationCriteria(
                logLikelihood: model.sklearn.toolLogLikelihood, parameters: criteria.parameters,
                count: fixture.n, classificationEntropy: 0)
            #expect(Self.close(fromSklearn.bic, model.sklearn.bic, 1e-14) && Self.close(fromSklearn.aic, model.sklearn.aic!, 1e-14), "\(label)")
            let fromMclust = InformationCriteria(
                logLikelihood: model.mclust.toolLogLikelihood, parameters: criteria.parameters,
                count: fixture.n, classificationEntropy: 0)
            #expect(Self.close(fromMclust.mclustBIC, model.mclust.bic, 1e-14), "\(label)")
        }
    }

    /// The models the fixtures' starts reached are all `emlab select`
    /// needs to agree with mclust and scikit-learn on the choice: the
    /// lowest BIC of the fixture's models is the model select chooses.
    @Test(arguments: fixtureNames)
    func selectChoosesTheModelTheReferenceBICChooses(name: String) throws {
        let fixture = try Self.fixture(name)
        let best = try #require(fixture.models.min { $0.sklearn.bic < $1.sklearn.bic })
        var configuration = EMConfiguration(stoppingRule: .logLikelihoodChange(1e-10), maxIterations: 20_000)
        configuration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(fixture.data)
        let selection = try ModelSelection.run(
            data: fixture.data, components: [1, 2, 3, 4], variances: [.perComponent, .shared],
            configuration: configuration,
            options: MultiStart.Options(starts: 5, initialization: .quantile, seed: 11))
        #expect(selection.models.count == 8)
        let choice = try #require(selection.selected.first { $0.criterion == .bic })
        let chosen = selection.models[choice.model]
        #expect(chosen.components == best.k && chosen.variance.description == best.variance)
        #expect(Self.close(choice.value, best.sklearn.bic, 1e-8), "\(choice.value) vs \(best.sklearn.bic)")
        // K = 1 is one model under both variance models, and the tie goes to the first listed.
        let ones = selection.models.filter { $0.components == 1 }.compactMap(\.criteria)
        #expect(ones.count == 2 && ones[0].bic == ones[1].bic)
    }

    @Test func tooFewDistinctValuesNamesTheKThatCannotBeFitted() throws {
        let data = [1.0, 1, 2, 2, 3, 3, 3]
        #expect(
            throws: EMLabError(
                .invalidData,
                "ties.txt holds 3 distinct values, so K = 4, 5, 6 cannot be fitted "
                    + "(K components need at least K distinct values); please give --components up to 3")
        ) {
            try ModelSelection.requireDistinctValues(data, components: Array(1...6), name: "ties.txt")
        }
        try ModelSelection.requireDistinctValues(data, components: [1, 2, 3], name: "ties.txt")
    }

    /// A model whose every start collapses is listed, counted and never chosen.
    @Test func collapsedModelsAreCountedNotScored() throws {
        // Three distinct values: K = 3 per component sits a component on each and collapses.
        let data = Array(repeating: 0.0, count: 10) + Array(repeating: 5.0, count: 10) + Array(repeating: 9.0, count: 10)
        var configuration = EMConfiguration()
        configuration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(data)
        let selection = try ModelSelection.run(
            data: data, components: [1, 2, 3], variances: [.perComponent],
            configuration: configuration, options: MultiStart.Options(starts: 4, initialization: .quantile, seed: 3))
        let three = try #require(selection.models.first { $0.components == 3 })
        #expect(three.criteria == nil && three.search.startsDegenerate == 4 && three.search.best == nil)
        #expect(selection.unscored.count >= 1)
        #expect(selection.selected.allSatisfy { selection.models[$0.model].criteria != nil })
        let json = SelectionReport.json(selection, lrt: nil)
        #expect(json.contains("{\"components\": 3, \"variance\": \"per-component\", \"logLikelihood\": null, \"parameters\": null, \"aic\": null"))
    }

    @Test func selectWritesTheDocumentedJSONAndPlot() throws {
        let dir = try Tool.scratchDirectory()
        let faithful = Self.directory.appendingPathComponent("faithful-waiting.txt").path
        let run = try Tool.run([
            "select", faithful, "--components", "1,2,3", "--starts", "3", "--format", "json",
            "--plot", dir.appendingPathComponent("criteria.svg").path
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["models", "selected"])
        let models = try #require(object["models"] as? [[String: Any]])
        #expect(models.count == 6)
        for model in models {
            for key in ["components", "variance", "logLikelihood", "parameters", "aic", "bic", "icl"] { #expect(model[key] != nil, "\(key)") }
        }
        let selected = try #require(object["selected"] as? [String: [String: Any]])
        #expect(Set(selected.keys) == ["aic", "bic", "icl"])
        #expect(selected["bic"]?["components"] as? Int == 2 && selected["bic"]?["variance"] as? String == "shared")
        for file in ["criteria.svg", "criteria.dat", "criteria.gp"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
        }
        let text = try Tool.run(["select", faithful, "--components", "1...3", "--starts", "3"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Lower is better") && text.stdout.contains("Best by BIC: K = 2, shared variance"))
    }

    /// `select`'s model (K, v) is the search `fit --starts --screen` runs with the same options.
    @Test func selectAndFitWithStartsFindTheSameFit() throws {
        let faithful = Self.directory.appendingPathComponent("faithful-waiting.txt").path
        let select = try Tool.run([
            "select", faithful, "--components", "3", "--variance", "per-component", "--starts", "6",
            "--seed", "5", "--max-iterations", "1000", "--format", "json"
        ])
        let fit = try Tool.run(["fit", faithful, "-k", "3", "--starts", "6", "--seed", "5", "--screen", "--format", "json"])
        #expect(select.status == 0 && fit.status == 0, "\(select.stderr)\(fit.stderr)")
        let models = try #require((try JSONSerialization.jsonObject(with: Data(select.stdout.utf8)) as? [String: Any])?["models"] as? [[String: Any]])
        let fitted = try #require(try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])
        #expect(models[0]["logLikelihood"] as? Double == fitted["logLikelihood"] as? Double)
        #expect(models[0]["startsReachingBest"] as? Int == fitted["startsReachingBest"] as? Int)
    }

    @Test func componentListsParse() throws {
        let data = Self.directory.appendingPathComponent("faithful-waiting.txt").path
        for (argument, ks) in [("2...3", [2, 3]), ("2..3", [2, 3]), ("3,1", [1, 3]), ("2", [2])] {
            let run = try Tool.run(["select", data, "--components", argument, "--variance", "shared", "--starts", "1", "--format", "json"])
            #expect(run.status == 0, "\(argument): \(run.stderr)")
            let models = try #require((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["models"] as? [[String: Any]])
            #expect(models.map { $0["components"] as! Int } == ks, "\(argument)")
        }
    }
}
