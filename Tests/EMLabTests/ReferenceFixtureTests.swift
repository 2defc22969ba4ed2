import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// EMLab's EM fixed point against scikit-learn's GaussianMixture and R
/// mixtools' normalmixEM, run from the same start on the same data
/// (Tests/Fixtures/make_em_fixtures.py made the files).
@Suite struct ReferenceFixtureTests {
    static let directory = Tool.packageRoot.appendingPathComponent("Tests/Fixtures")

    static var fixtureNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("em-") && $0.hasSuffix(".json") }.sorted()
    }

    @Test func thereAreFixturesForBothVarianceModels() {
        #expect(Self.fixtureNames.count >= 6)
        #expect(Self.fixtureNames.contains { $0.hasSuffix("-shared.json") })
        #expect(Self.fixtureNames.contains { $0.hasSuffix("-per-component.json") })
    }

    @Test(arguments: fixtureNames)
    func fixedPointMatchesScikitLearnAndMixtools(name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let values = try #require(object["data"] as? [Double])
        let start = try #require(object["start"] as? [String: [Double]])
        let variance: EMConfiguration.Variance = (object["variance"] as? String) == "shared" ? .shared : .perComponent
        let startMixture = try GaussianMixture(weights: start["weights"]!, means: start["means"]!, standardDeviations: start["sds"]!)
        // Drive EM to its fixed point: stop only when no parameter moves by 1e-13.
        let result = ExpectationMaximization.fit(
            data: values, start: startMixture,
            configuration: EMConfiguration(variance: variance, stoppingRule: .parameterChange(1e-13), maxIterations: 200_000))
        #expect(result.stopReason == .converged)
        let references = try #require(object["references"] as? [[String: Any]])
        #expect(references.count == 2)
        for reference in references {
            let tool = reference["tool"] as? String ?? "?"
            func close(_ mine: [Double], _ theirs: [Double], _ what: String) {
                for (a, b) in zip(mine, theirs) {
                    #expect(abs(a - b) <= 1e-6 * abs(b), "\(what): EMLab \(a), \(tool) \(b)")
                }
            }
            close(result.mixture.weights, reference["weights"] as! [Double], "weights")
            close(result.mixture.means, reference["means"] as! [Double], "means")
            close(result.mixture.standardDeviations, reference["sds"] as! [Double], "sds")
            let ll = reference["logLikelihood"] as! Double
            #expect(abs(result.logLikelihood - ll) <= 1e-8 * abs(ll), "log-likelihood: EMLab \(result.logLikelihood), \(tool) \(ll)")
        }
    }
}
