import Foundation
import Testing
@testable import EMLab

/// Each failure mode triggered on purpose by a constructed data set, and
/// detected; none on clean, well-separated data; each remedy changing the
/// outcome it should.
@Suite struct FailureModesTests {
    static let clean = try! GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
        .sample(count: 2000, using: try! RandomSource(seed: 12)).values
    static let ties = Array(repeating: 44.44571429, count: 13) + (0..<37).map { 20 + Double($0) * 0.61 }

    func fit(
        _ data: [Double], _ start: GaussianMixture, _ configuration: EMConfiguration = EMConfiguration(),
        truth: GaussianMixture? = nil, best: Double = .nan, method: EstimatorMethod = .engine
    ) -> (FitResult, FailureModes.Assessment) {
        var configuration = configuration
        let sd = Initialization.standardDeviation(data)
        configuration.collapseThreshold = FailureModes.collapseRatio * sd
        let estimator = Estimator(name: "e", method: method, configuration: configuration, knownVarianceFromTruth: false)
        let result = estimator.fit(data: data, start: start, configuration: configuration)
        return (
            result,
            FailureModes.assess(
                result, dataSD: sd, count: data.count, best: best, truth: truth, start: start,
                restarts: 0, varianceFloor: configuration.varianceFloor)
        )
    }

    func flagged(_ a: FailureModes.Assessment) -> Set<String> {
        Set(a.flags.map(\.rawValue))
    }

    @Test func cleanWellSeparatedDataRaiseNoFlag() throws {
        let start = try Initialization.quantile.start(data: Self.clean, componentCount: 2, random: try RandomSource(seed: 1))
        let (oracle, _) = fit(Self.clean, Self.clean2Truth)
        let (_, assessment) = fit(Self.clean, start, truth: Self.clean2Truth, best: oracle.logLikelihood)
        #expect(flagged(assessment).isEmpty, "\(flagged(assessment))")
    }
    static let clean2Truth = try! GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])

    @Test func tiesCollapseAComponentAndSayWhen() throws {
        let start = try GaussianMixture(weights: [0.3, 0.7], means: [44.44571429, 30], standardDeviations: [0.5, 6])
        let (result, assessment) = fit(Self.ties, start)
        #expect(assessment[.collapsed])
        #expect(result.stopReason == .degenerate)
        let iteration = try #require(assessment.collapseIteration)
        #expect(iteration >= 1 && iteration <= result.iterations)
        let lines = FitDiagnosis.lines(for: result, data: Self.ties, assessment: assessment, maxIterations: 1000)
        #expect(lines.contains { $0.contains("collapsed onto 13 repeated values at 44.4457 in iteration \(iteration)") })
    }

    @Test func aComponentWithNoDataDies() throws {
        let start = try GaussianMixture(weights: [0.3, 0.6, 0.1], means: [5, 15, 1000], standardDeviations: [2, 2, 1])
        let (result, assessment) = fit(Self.clean, start)
        #expect(assessment[.componentDeath])
        #expect(result.stopReason == .degenerate && result.mixture.weights[2] == 0)
    }

    @Test func aFarOutlierGetsItsOwnCollapsingComponent() throws {
        let data = Array(Self.clean.prefix(300)) + [1e4]
        let start = try GaussianMixture(weights: [0.5, 0.49, 0.01], means: [5, 15, 1e4], standardDeviations: [2, 2, 1])
        let (_, assessment) = fit(data, start)
        #expect(assessment[.collapsed] && assessment[.componentDeath])
    }

    @Test func overflowIsNonFinite() throws {
        let data = [1e200, -1e200, 3e200, -2e200, 5e199]
        let (_, assessment) = fit(data, try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1, 1]))
        #expect(assessment[.nonFinite])
    }

    /// Document 000's estimator as written is not EM for the model: on its own
    /// truth its likelihood falls near the end.
    @Test func aDefectiveEstimatorIsNonMonotone() throws {
        let data = DocumentPreset.doc000.truth!.sample(count: 1000, using: try RandomSource(seed: 5)).values
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [0.3, 0.9], standardDeviations: [6, 6])
        let configuration = EMConfiguration(weights: .fixed, variance: .known(standardDeviation: 6), stoppingRule: .meanChange(1e-6))
        let (_, written) = fit(data, start, configuration, method: .asWritten(.doc000))
        let (_, engine) = fit(data, start, configuration)
        #expect(written[.nonMonotone] && !engine[.nonMonotone])
    }

    @Test func aCapOfTwoIterationsIsReported() throws {
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [0, 20], standardDeviations: [5, 5])
        let (result, assessment) = fit(Self.clean, start, EMConfiguration(maxIterations: 2))
        #expect(assessment[.iterationCap] && result.iterations == 2)
    }

    @Test func identicalStartsStayMerged() throws {
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [10, 10], standardDeviations: [5, 5])
        let (_, assessment) = fit(Self.clean, start)
        #expect(assessment[.merged])
    }

    /// Three well-separated clusters fitted with K = 2: merging the wrong pair is a local maximum below the best.
    @Test func aLocalMaximumBelowTheBestIsSpurious() throws {
        let three = try GaussianMixture(weights: [0.2, 0.4, 0.4], means: [0, 10, 20], standardDeviations: [1, 1, 1])
            .sample(count: 1000, using: try RandomSource(seed: 3)).values
        let a = try GaussianMixture(weights: [0.5, 0.5], means: [0, 15], standardDeviations: [1, 5])
        let b = try GaussianMixture(weights: [0.5, 0.5], means: [5, 20], standardDeviations: [5, 1])
        let (ra, _) = fit(three, a), (rb, _) = fit(three, b)
        let best = max(ra.logLikelihood, rb.logLikelihood)
        let worse = ra.logLikelihood < rb.logLikelihood ? a : b
        let better = ra.logLikelihood < rb.logLikelihood ? b : a
        #expect(fit(three, worse, best: best).1[.spurious])
        #expect(!fit(three, better, best: best).1[.spurious])
    }

    /// A narrow component at 6 and a wide one at 5: by distance the start
    /// matches the wide one to the left cluster, but the narrow one takes
    /// the left cluster and the wide one travels right, across the labels.
    @Test func componentsThatCrossSwitchLabels() throws {
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [6, 5], standardDeviations: [1, 10])
        let (result, assessment) = fit(Self.clean, start, truth: Self.clean2Truth)
        #expect(result.stopReason == .converged)
        #expect(assessment[.labelSwitch])
        let (_, straight) = fit(Self.clean, try GaussianMixture(weights: [0.5, 0.5], means: [4, 16], standardDeviations: [2, 2]), truth: Self.clean2Truth)
        #expect(!straight[.labelSwitch])
    }

    @Test func heavilyOverlappingComponentsConvergeSlowly() throws {
        let data = try GaussianMixture(weights: [0.5, 0.5], means: [0, 0.5], standardDeviations: [1, 1])
            .sample(count: 2000, using: try RandomSource(seed: 8)).values
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [-1, 1], standardDeviations: [1, 1])
        let (result, assessment) = fit(data, start, EMConfiguration(stoppingRule: .logLikelihoodChange(1e-12), maxIterations: 300))
        #expect(result.convergenceRate > 0.99, "rate \(result.convergenceRate)")
        #expect(assessment[.slowConvergence])
        let (fast, _) = fit(Self.clean, try GaussianMixture(weights: [0.5, 0.5], means: [4, 16], standardDeviations: [2, 2]))
        #expect(fast.convergenceRate < 0.5)
    }

    @Test func aVarianceFloorRescuesACollapse() throws {
        let start = try GaussianMixture(weights: [0.3, 0.7], means: [44.44571429, 30], standardDeviations: [0.5, 6])
        let floor = 1e-3 * pow(Initialization.standardDeviation(Self.ties), 2)
        let (result, assessment) = fit(Self.ties, start, EMConfiguration(varianceFloor: floor))
        #expect(result.stopReason == .converged)
        #expect(assessment.floorActive && assessment[.rescued])
    }

    /// Restarts (mixtools' remedy) in a study: a collapsing condition with and
    /// without restarts; the restarted fits are marked rescued.
    @Test func restartsChangeTheOutcomeAndAreMarked() throws {
        let text = """
            name = "restarts"
            seed = 3
            replicates = 30
            oracle = false
            [truths.ties]
            data = [\(Self.ties.map(formatNumber).joined(separator: ", "))]
            [estimators.plain]
            components = 3
            [estimators.restarting]
            components = 3
            restarts = 10
            [design]
            truth = ["ties"]
            sampler = ["fixed"]
            n = [50]
            estimator = ["plain", "restarting"]
            init = ["doc002"]
            """
        let e = try ExperimentParser.parse(text: text, file: "restarts.toml")
        let table = RunsTable(componentColumns: 3)
        func rows(_ condition: Condition) -> [[String]] {
            (1...30).map { Simulation.run(condition: condition, replicate: $0, experiment: e, table: table).runs }
                .map { $0.dropLast().split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let header = table.header
        func column(_ rows: [[String]], _ name: String) -> [String] { rows.map { $0[header.firstIndex(of: name)!] } }
        let plain = rows(e.conditions[0]), restarted = rows(e.conditions[1])
        let plainCollapsed = column(plain, "collapsed").filter { $0 == "1" }.count
        let restartedCollapsed = column(restarted, "collapsed").filter { $0 == "1" }.count
        #expect(plainCollapsed > 0 && restartedCollapsed < plainCollapsed, "\(plainCollapsed) → \(restartedCollapsed)")
        let rescued = zip(column(restarted, "rescued"), column(restarted, "restarts")).filter { $0.0 == "1" }
        #expect(!rescued.isEmpty && rescued.allSatisfy { Int($0.1)! > 0 })
        #expect(column(plain, "rescued").allSatisfy { $0 == "0" })
    }

    @Test func bestOfManyStartsSelectsTheHighestLikelihood() throws {
        let text = goodExperiment.replacingOccurrences(of: "starts = 2", with: "starts = 5")
        let e = try ExperimentParser.parse(text: text, file: "tiny.toml")
        let table = RunsTable(componentColumns: e.maxComponents)
        let header = table.header
        for condition in e.conditions.prefix(4) {
            let rows = Simulation.run(condition: condition, replicate: 1, experiment: e, table: table).runs
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let ll = rows.map { Double($0[header.firstIndex(of: "logLikelihood")!]) ?? -.infinity }
            let selected = rows.firstIndex { $0[header.firstIndex(of: "selected")!] == "1" }!
            #expect(ll[selected] == ll.max())
            #expect(rows.filter { $0[header.firstIndex(of: "selected")!] == "1" }.count == 1)
        }
    }
}

@Suite struct InitializationTests {
    static let twoClusters = try! GaussianMixture(weights: [0.4, 0.6], means: [-3, 4], standardDeviations: [1, 1.5])
        .sample(count: 400, using: try! RandomSource(seed: 21)).values

    @Test(arguments: Initialization.all.filter { ![.doc001].contains($0) })
    func everyStrategyGivesAValidStartOnEdgeData(strategy: Initialization) throws {
        let truth = try GaussianMixture(weights: [0.4, 0.6], means: [-3, 4], standardDeviations: [1, 1.5])
        for (data, k) in [
            (Self.twoClusters, 2), ([1.0, 2, 3], 3), (Array(repeating: 5.0, count: 20) + [6, 7], 2),
            (Array(repeating: 5.0, count: 20) + [6, 7], 3)
        ] {
            let t: GaussianMixture? = k == 2 ? truth : try GaussianMixture(weights: [0.2, 0.3, 0.5], means: [1, 2, 3], standardDeviations: [1, 1, 1])
            let start = try strategy.start(data: data, componentCount: k, random: try RandomSource(seed: 4), truth: t)
            #expect(start.componentCount == k)
            #expect(start.standardDeviations.allSatisfy { $0 > 0 && $0.isFinite })
            #expect(abs(start.weights.reduce(0, +) - 1) < 1e-9)
        }
    }

    @Test func theSameSeedGivesTheSameStart() throws {
        for strategy in Initialization.all where strategy != .doc001 && !strategy.needsTruth {
            let a = try strategy.start(data: Self.twoClusters, componentCount: 3, random: try RandomSource(seed: 9))
            let b = try strategy.start(data: Self.twoClusters, componentCount: 3, random: try RandomSource(seed: 9))
            #expect(a == b, "\(strategy)")
        }
    }

    @Test func kmeansFindsTheTwoClusters() throws {
        let start = try Initialization.kmeans.start(data: Self.twoClusters, componentCount: 2, random: try RandomSource(seed: 2))
        let means = start.means.sorted()
        #expect(abs(means[0] + 3) < 0.5 && abs(means[1] - 4) < 0.5)
    }

    @Test func noStartCanExistWithFewerValuesThanK() {
        for strategy in Initialization.all where strategy != .doc000 && strategy != .doc001 && !strategy.needsTruth {
            #expect(throws: EMLabError.self) {
                try strategy.start(data: [1, 2], componentCount: 3, random: try RandomSource(seed: 1))
            }
            #expect(throws: EMLabError.self) {
                try strategy.start(data: Array(repeating: 7, count: 10), componentCount: 2, random: try RandomSource(seed: 1))
            }
        }
        #expect(throws: EMLabError.self) {
            try Initialization.quantile.start(data: Array(repeating: 7, count: 10), componentCount: 1, random: try RandomSource(seed: 1))
        }
    }

    @Test func namesRoundTrip() {
        for strategy in Initialization.all { #expect(Initialization(name: strategy.name) == strategy) }
        #expect(Initialization(name: "perturbed-truth=0.2") == .perturbedTruth(scale: 0.2))
        #expect(Initialization(name: "psychic") == nil)
    }
}

@Suite struct QuantileSelectionTests {
    /// The groups are those of a stable sort (ties keep their data order),
    /// and their moments are the groups' own.
    @Test func rankGroupsAreThoseOfAStableSort() throws {
        let source = try RandomSource(seed: 31)
        for n in [1, 2, 3, 7, 9, 16, 40, 1001] {
            for k in 1...5 where k <= n {
                for ties in [true, false] {
                    let values = (0..<n).map { _ in ties ? (source.uniform() * 5).rounded() : source.normal() }
                    let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
                    var expected = [UInt8](repeating: 0, count: n)
                    for j in 0..<k { for r in (j * n / k)..<((j + 1) * n / k) { expected[order[r]] = UInt8(j) } }
                    #expect(RankGroups.labels(values, groups: k) == expected, "n \(n) k \(k) ties \(ties)")
                    let moments = RankGroups.moments(values, groups: k)
                    for j in 0..<k {
                        let group = (0..<n).filter { expected[$0] == UInt8(j) }.map { values[$0] }
                        let mean = group.reduce(0, +) / Double(group.count)
                        let sd = (group.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(group.count)).squareRoot()
                        #expect(moments.counts[j] == group.count)
                        #expect(abs(moments.means[j] - mean) <= 1e-13 * max(1, abs(mean)), "n \(n) k \(k) group \(j)")
                        #expect(abs(moments.standardDeviations[j] - sd) <= 1e-12 * max(1, sd), "n \(n) k \(k) group \(j)")
                    }
                }
            }
        }
    }

    /// Selection returns what sorting does, for every rank, on sorted,
    /// reversed, constant and organ-pipe data (the inputs that defeat naive
    /// pivots) and on random data.
    @Test func orderStatisticsAreThoseOfSorting() throws {
        let source = try RandomSource(seed: 5)
        let n = 301
        let cases: [[Double]] = [
            (0..<n).map { Double($0) }, (0..<n).map { Double(n - $0) }, Array(repeating: 2.5, count: n),
            (0..<n).map { Double(min($0, n - $0)) }, (0..<n).map { _ in source.normal() }
        ]
        for values in cases {
            #expect(RankGroups.orderStatistics(values, ranks: Array(0..<n)) == values.sorted())
        }
    }

    /// The quantile start is the rank groups' weights, means and sds.
    @Test func theQuantileStartIsTheRankGroups() throws {
        let source = try RandomSource(seed: 8)
        let data = (0..<500).map { i in (i % 3 == 0 ? 10.0 : 0.0) + source.normal() }
        let start = try Initialization.quantile.start(data: data, componentCount: 3, random: source)
        let sorted = data.sorted()
        for j in 0..<3 {
            let group = sorted[(j * 500 / 3)..<((j + 1) * 500 / 3)]
            let mean = group.reduce(0, +) / Double(group.count)
            let sd = (group.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(group.count)).squareRoot()
            #expect(abs(start.means[j] - mean) < 1e-12)
            #expect(abs(start.standardDeviations[j] - sd) < 1e-12)
            #expect(start.weights[j] == Double(group.count) / 500)
        }
    }
}
