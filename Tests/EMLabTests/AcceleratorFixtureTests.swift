import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Each accelerator's first accepted iterates against an independent NumPy
/// implementation of the published algorithm (Tests/Fixtures/accel/
/// accelerators_numpy.py, its output accelerators.json) on three data sets:
/// AA(3), DAAREM at daarem's defaults, turboEM's quasi-Newton (q = 2) and
/// parabolic EM (geometric, l = 10).
@Suite struct AcceleratorFixtureTests {
    struct Fixture: Decodable {
        struct Start: Decodable {
            var weights: [Double]
            var means: [Double]
            var sds: [Double]
        }
        struct DataSet: Decodable {
            var name: String
            var data: [Double]
            var start: Start
            var iterates: [String: [[Double]]]
        }
        var datasets: [DataSet]
    }

    static let fixture: Fixture = {
        let url = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/accel/accelerators.json")
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    static let schemes: [(String, EMConfiguration.Acceleration)] = [
        ("anderson", .anderson(order: 3)), ("daarem", .daarem(DAAREMOptions())), ("qn", .quasiNewton(secants: 2)),
        ("pem", .parabolic(ParabolicEMOptions()))
    ]

    /// The accepted points agree to 1e-9 relative (the largest difference
    /// seen is 5e-11: the two E-steps' sums differ in their last bits, which
    /// the extrapolations amplify).
    @Test(arguments: [0, 1, 2])
    func firstIteratesMatchNumPy(index: Int) throws {
        let set = Self.fixture.datasets[index]
        let start = try GaussianMixture(weights: set.start.weights, means: set.start.means, standardDeviations: set.start.sds)
        for (name, scheme) in Self.schemes {
            let expected = try #require(set.iterates[name])
            var configuration = EMConfiguration(
                weights: .free, variance: .perComponent, stoppingRule: .fixedIterations(expected.count - 1))
            configuration.acceleration = scheme
            configuration.recordTrace = true
            let fit = ExpectationMaximization.fit(data: set.data, start: start, configuration: configuration)
            let mixtures = try #require(fit.trace).mixtures
            #expect(mixtures.count == expected.count, "\(set.name) \(name)")
            for (t, (mixture, theta)) in zip(mixtures, expected).enumerated() {
                let k = mixture.componentCount
                let ours = Array(mixture.weights.prefix(k - 1)) + mixture.means + mixture.standardDeviations.map { $0 * $0 }
                let worst = zip(ours, theta).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? .nan
                #expect(worst < 1e-9, "\(set.name) \(name) iterate \(t): \(ours) against NumPy's \(theta)")
            }
        }
    }
}
