import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// `Landscape`: the grid of starts, the classification of where EM ends,
/// the population as quantile points, and the checks of issue 24.
@Suite struct LandscapeTests {
    /// The symmetric model 0.5 N(−θ, 1) + 0.5 N(θ, 1), σ known, weights fixed, both means free.
    static let theta = 2.0
    static let symmetric = try! GaussianMixture(weights: [0.5, 0.5], means: [-theta, theta], standardDeviations: [1, 1])
    static let knownFixed = EMConfiguration(weights: .fixed, variance: .known(standardDeviation: 1))

    static func meansPlane(_ range: (Double, Double), grid: Int) -> LandscapePlane {
        LandscapePlane(horizontal: .mean(0), vertical: .mean(1), horizontalRange: range, verticalRange: range, gridSize: grid)
    }

    static func options(data: [Double], plane: LandscapePlane, configuration: EMConfiguration, jobs: Int = 2) throws -> Landscape.Options {
        Landscape.Options(
            plane: plane, rule: try LandscapeStartRule.forData(data, componentCount: 2, fixed: [:]), configuration: configuration, jobs: jobs)
    }

    /// Xu, Hsu & Maleki (2016), "Global analysis of Expectation Maximization
    /// for mixtures of two Gaussians", NeurIPS: for this model the population
    /// EM map keeps the sign of μ2 − μ1, leaves the diagonal μ1 = μ2
    /// invariant (there it reaches the saddle (E x, E x) = (0, 0) in one
    /// step), and from every start off the diagonal converges to (−θ, θ) or
    /// (θ, −θ): the diagonal, the saddle's stable manifold, splits the basins.
    /// The basins behind `emlab fit --animate`: a 41 × 41 grid up to 5,000
    /// values, 25 × 25 beyond, none past the limit; shares sum to 1.
    @Test func basinsBehindTheAnimation() throws {
        var data: [Double] = []
        for i in 0..<400 {
            let centre: Double = i % 2 == 0 ? 0 : 6
            data.append(centre + Double(i % 7) * 0.3)
        }
        let configuration = EMConfiguration(weights: .free, variance: .perComponent, stoppingRule: .logLikelihoodChange(1e-8), maxIterations: 2000)
        let landscape = try #require(try Landscape.behindAnimation(data: data, configuration: configuration, fixedWeights: nil, jobs: 2))
        #expect(landscape.plane.gridSize == 41 && landscape.ends.count == 41 * 41)
        let shares: [Double] = landscape.limits.map { (limit: LandscapeLimit) -> Double in limit.share }
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
        #expect(landscape.limits.contains { (limit: LandscapeLimit) -> Bool in limit.kind == LandscapeLimit.Kind.maximum })
        let many: [Double] = (0..<(Landscape.animationDataLimit + 1)).map { (i: Int) -> Double in Double(i % 10) }
        #expect(try Landscape.behindAnimation(data: many, configuration: configuration, fixedWeights: nil, jobs: 1) == nil)
    }

    @Test func symmetricPopulationBasinsAreSplitByTheDiagonal() throws {
        let points = PopulationPoints.points(of: Self.symmetric, count: PopulationPoints.defaultCount)
        let n = 21
        let landscape = try Landscape.run(
            population: Self.symmetric, points: points,
            options: try Self.options(data: points, plane: Self.meansPlane((-5, 5), grid: n), configuration: Self.knownFixed))
        #expect(landscape.limits.map(\.kind) == [.maximum, .saddle])
        let maximum = try #require(landscape.limits.first?.mixture)
        // The 2000 cell means move the fixed point by a little (measured 4e-7), plus EM's stop at |Δℓ| < 1e-8.
        #expect(abs(maximum.means[0] + Self.theta) < 1e-5 && abs(maximum.means[1] - Self.theta) < 1e-5)
        let saddle = try #require(landscape.saddles.first?.mixture)
        #expect(abs(saddle.means[0]) < 1e-9 && saddle.means[0] == saddle.means[1])
        // ℓ per observation at the saddle: the closed form log φ averaged, E[log N(x; 0, 1)] = −½ log 2π − ½(1 + θ²).
        let closedForm = -0.5 * Foundation.log(2 * Double.pi) - 0.5 * (1 + Self.theta * Self.theta)
        #expect(abs(landscape.saddles[0].logLikelihood * landscape.logLikelihoodScale - closedForm) < 1e-4)
        for j in 0..<n {
            for i in 0..<n {
                let end = landscape.ends[j * n + i]
                if i == j {
                    #expect(end.limit == 1, "diagonal start (\(i), \(i)) must reach the saddle")
                } else {
                    #expect(end.limit == 0, "start (\(i), \(j)) must reach the maximum")
                    // μ2 > μ1 (j > i) ends at (−θ, θ), its labels in order; below the diagonal at (θ, −θ).
                    #expect(end.relabelled == (i > j), "start (\(i), \(j)) crossed the diagonal")
                }
            }
        }
        #expect(landscape.limits[1].share == Double(n) / Double(n * n))
    }

    /// The cell means stand for the population: one EM step on them
    /// agrees with the population EM map M(θ) = (E_F[γ_k x] / E_F[γ_k])_k
    /// integrated by GSL's adaptive quadrature.
    @Test func quantilePointsGiveThePopulationEMMap() throws {
        let points = PopulationPoints.points(of: Self.symmetric, count: PopulationPoints.defaultCount)
        for start in [(-1.0, 0.5), (3.0, -0.2), (0.1, 4.0)] {
            let mixture = try GaussianMixture(weights: [0.5, 0.5], means: [start.0, start.1], standardDeviations: [1, 1])
            var configuration = Self.knownFixed
            configuration.stoppingRule = .fixedIterations(1)
            let step = ExpectationMaximization.fit(data: points, start: mixture, configuration: configuration).mixture.means
            let breaks = PopulationTheory.breakpoints(of: Self.symmetric, alsoAt: mixture)
            func responsibility(_ k: Int, _ x: Double) -> Double {
                let a = -0.5 * (x - start.0) * (x - start.0), b = -0.5 * (x - start.1) * (x - start.1)
                let top = max(a, b)
                return Foundation.exp((k == 0 ? a : b) - top) / (Foundation.exp(a - top) + Foundation.exp(b - top))
            }
            for k in 0..<2 {
                let mass = try Quadrature.integrate(breakpoints: breaks, absoluteTolerance: 1e-14, relativeTolerance: 1e-12) {
                    responsibility(k, $0) * Foundation.exp(Self.symmetric.logDensity($0))
                }
                let first = try Quadrature.integrate(breakpoints: breaks, absoluteTolerance: 1e-14, relativeTolerance: 1e-12) {
                    responsibility(k, $0) * $0 * Foundation.exp(Self.symmetric.logDensity($0))
                }
                #expect(abs(step[k] - first / mass) < 1e-5, "start \(start), component \(k + 1): \(step[k]) against \(first / mass)")
            }
        }
    }

    /// Document 000's model (known σ = 6, equal fixed weights) on
    /// well-separated data: every start off the diagonal reaches the one
    /// maximum, and each start's ℓ is the one `emlab fit` reaches from it.
    @Test func doc000ModelHasOneMaximumAndFitsLikeEmlabFit() throws {
        let truth = try GaussianMixture(weights: [0.5, 0.5], means: [40, 20], standardDeviations: [6, 6])
        let data = truth.sampleValues(count: 1000, using: RandomSource(generator: .mt19937, seed: 11))
        let configuration = EMConfiguration(weights: .fixed, variance: .known(standardDeviation: 6))
        let n = 15
        let options = try Self.options(data: data, plane: Self.meansPlane((5, 55), grid: n), configuration: configuration)
        let landscape = try Landscape.run(data: data, options: options)
        #expect(landscape.limits.filter { $0.kind == .maximum }.count == 1)
        for j in 0..<n {
            for i in 0..<n where i != j { #expect(landscape.ends[j * n + i].limit == 0, "start (\(i), \(j))") }
        }
        for index in [1, 17, 100, 223] {
            let (x, y) = options.plane.point(index)
            let request = FitRequest(componentCount: 2, configuration: configuration, initialMeans: [x, y], initialWeights: [0.5, 0.5])
            let fitted = try request.run(data: data).result.logLikelihood
            let mapped = landscape.ends[index].logLikelihood
            #expect(abs(mapped - fitted) <= 1e-9 * max(1, abs(fitted)), "start (\(x), \(y)): \(mapped) against emlab fit's \(fitted)")
        }
    }

    /// A K = 2 fit of three clusters (0, 4, 9) has two local maxima — one
    /// joins the left pair, one the right — as `emlab fit data.csv -k 2
    /// --starts 20` also finds; both appear, and every share sums to 1.
    @Test func twoMaximaBothAppearAndSharesSumToOne() throws {
        let truth = try GaussianMixture(weights: [0.2, 0.3, 0.5], means: [0, 4, 9], standardDeviations: [1, 1, 1.5])
        let data = truth.sampleValues(count: 400, using: RandomSource(generator: .mt19937, seed: 5))
        let plane = Self.meansPlane(LandscapePlane.defaultRange(of: .mean(0), data: data), grid: 12)
        let landscape = try Landscape.run(data: data, options: try Self.options(data: data, plane: plane, configuration: EMConfiguration()))
        let maxima = landscape.limits.filter { $0.kind == .maximum }
        #expect(maxima.count == 2, "\(LandscapeReport.text(landscape))")
        #expect(maxima.allSatisfy { $0.share > 0 })
        let shares: [Double] = landscape.limits.map { (limit: LandscapeLimit) -> Double in limit.share }
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
        #expect(landscape.limits.map(\.count).reduce(0, +) == 144)
        // The two differ in which clusters they join: the heavier component sits left in one, right in the other.
        let heavier = maxima.map { m in m.mixture!.weights[0] > m.mixture!.weights[1] }
        #expect(Set(heavier).count == 2)
    }

    /// The grid runs in parallel; the result is the same for any number of workers.
    @Test func theResultDoesNotDependOnTheWorkers() throws {
        let data = try FitRequestTests.faithful()
        let plane = Self.meansPlane((45, 95), grid: 9)
        var options = try Self.options(data: data, plane: plane, configuration: EMConfiguration(), jobs: 1)
        options.pathCount = 2
        let one = try Landscape.run(data: data, options: options)
        options.jobs = 3
        let three = try Landscape.run(data: data, options: options)
        #expect(one.ends == three.ends && one.limits == three.limits && one.paths == three.paths)
        #expect(LandscapeReport.json(one) == LandscapeReport.json(three))
    }

    /// Document 000's E-step, exp(−(x−μ)²/σ²), is EM for a known sd of σ/√2:
    /// narrower components take less of each other's data, so its fixed
    /// point lies farther out than the corrected maximum, on both sides.
    @Test func doc000AsWrittenMovesTheMaximumOutward() throws {
        let preset = DocumentPreset.doc000
        let stream = RandomSource(generator: .mt19937, seed: 1)
        let input = try DocumentComparison.Input(preset: preset, sampler: nil, stream: stream, streamKind: .gsl, seed: 1)
        let shown = try DocumentLandscape.landscapes(
            preset: preset, data: input.data, truth: nil, gridSize: 6, jobs: 2, pathCount: 0, stream: stream)
        #expect(shown.count == 2)
        let written = try #require(shown[0].limits.first { $0.kind == .maximum }?.mixture)
        let corrected = try #require(shown[1].limits.first { $0.kind == .maximum }?.mixture)
        #expect(written.means[0] < corrected.means[0] && written.means[1] > corrected.means[1])
        // The document's own start, both means in [0, 1), is drawn as a path in both.
        #expect(shown.allSatisfy { $0.paths.count == 1 && $0.paths[0].start.x < 1 && $0.paths[0].start.y < 1 })
        // The map as written is named as such: its "maxima" are its fixed points, not maxima of ℓ.
        #expect(LandscapeReport.text(shown[0]).contains("This map is not EM's"))
        #expect(!LandscapeReport.text(shown[1]).contains("This map is not EM's"))
        #expect(LandscapeReport.json(shown[0]).contains("\"emMap\": false") && LandscapeReport.json(shown[1]).contains("\"emMap\": true"))
    }

    /// Starts the rule cannot make a mixture of fail with one message naming the value.
    @Test func badPlanesAreClearErrors() throws {
        let data = try FitRequestTests.faithful()
        let rule = try LandscapeStartRule.forData(data, componentCount: 2, fixed: [.weight(1): 0.5])
        let weights = LandscapePlane(horizontal: .weight(0), vertical: .mean(0), horizontalRange: (0.1, 0.9), verticalRange: (40, 90), gridSize: 3)
        #expect(throws: EMLabError.self) { try rule.check(plane: weights) }
        let sds = LandscapePlane(horizontal: .mean(0), vertical: .sd(0), horizontalRange: (40, 90), verticalRange: (-1, 5), gridSize: 3)
        #expect(throws: EMLabError.self) { try LandscapeStartRule.forData(data, componentCount: 2, fixed: [:]).check(plane: sds) }
        #expect(LandscapeParameter(parsing: "mu2") == .mean(1) && LandscapeParameter(parsing: "sd0") == nil && LandscapeParameter(parsing: "x1") == nil)
    }
}
