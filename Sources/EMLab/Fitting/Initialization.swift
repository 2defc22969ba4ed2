/// Where EM starts. Each strategy turns the data (and, for the random ones,
/// a ``RandomStream``) into a starting ``GaussianMixture``.
///
/// Names, as used by `emlab fit --init NAME` and experiment files:
/// `quantile`, `data-points`, `uniform`, `random-responsibilities`,
/// `kmeans++`, `kmeans`, `small-em`, `far`, `truth`, `perturbed-truth` (or
/// `perturbed-truth=SCALE`), and the documents' own `doc000`, `doc001`, `doc002`.
public enum Initialization: Equatable, Sendable, CustomStringConvertible {
    /// Cut the data by rank into K groups of (nearly) equal count, as a
    /// sort would, and start each component at its group's share, mean and
    /// sd (``RankGroups``: found by selection, summed in a fixed order, so
    /// the same bits on every machine). Deterministic; mclust's
    /// one-dimensional default (Scrucca et al. 2016, *The R Journal* 8(1)).
    /// A group with no spread takes the sd of the whole data.
    case quantile
    /// K distinct data points chosen at random as means, the data's sd for
    /// every component, equal weights (scikit-learn's `init_params='random_from_data'`).
    case dataPoints
    /// The documents' style of start — means drawn uniformly over a range —
    /// made data-aware: each mean uniform on [min x, max x], the data's sd
    /// for every component, equal weights.
    case uniform
    /// Responsibilities drawn uniform on [0, 1) for every point and
    /// component, normalised per point, then one M-step
    /// (scikit-learn's `init_params='random'`).
    case randomResponsibilities
    /// k-means++ seeding (Arthur & Vassilvitskii 2007, SODA): the first
    /// centre a random data point, each next one a data point drawn with
    /// probability ∝ its squared distance to the nearest centre; then each
    /// point joins its nearest centre and the clusters give the weights,
    /// means and sds (scikit-learn's `init_params='k-means++'`).
    case kmeansPlusPlus
    /// Lloyd's k-means from k-means++ seeds to convergence (at most 300
    /// iterations), then the clusters' weights, means and sds
    /// (scikit-learn's default, `init_params='kmeans'`).
    case kmeans
    /// Several short runs of EM (10 random-data-point starts, 5 iterations
    /// each, the same model), keeping the parameters of the run with the
    /// highest log-likelihood: Biernacki, Celeux & Govaert (2003), "Choosing
    /// starting values for the EM algorithm…", *CSDA* 41, the "small EM" strategy.
    case smallEM
    /// A deterministic start far from any maximum: every component nearly
    /// the same — means 0.01 data sds apart from the mean of the data's
    /// lowest tenth (by rank), every sd the data's, equal weights. EM must
    /// leave the ridge of identical components (a saddle, where it crawls)
    /// and cross the data to reach a maximum: the "far start" of issue 22's
    /// algorithms study, beside the quantile start, to compare how the
    /// accelerators cope with a bad start (Varadhan & Roland 2008 and
    /// turboEM compare schemes from several starting values, not only good ones).
    case far
    /// The true parameters (the oracle start); only where a truth is known.
    case truth
    /// The truth plus noise of relative size `scale`: μ_k + scale·σ_k·Z,
    /// σ_k·exp(scale·Z′), weights ∝ π_k·exp(scale·Z″), with Z standard normals.
    case perturbedTruth(scale: Double)
    /// Document 000's start: every mean uniform on [0, 1) (`np.random.random(2)`),
    /// weights 1/K, sds 1 (the document's σ is known and replaces them).
    case doc000
    /// Document 001's start, K = 2: `rand(4)` → (π1, μ1, μ2, σ) = (U, 10U, 10U, 10U).
    case doc001
    /// Document 002's start: weights 1/K, means K data values drawn with
    /// replacement (`np.random.choice(data, k)`), variances uniform on [0, 1)
    /// (`random_sample(k)`), so sds are their square roots.
    case doc002

    /// The default noise scale of `perturbed-truth`.
    public static let defaultPerturbation = 0.5

    /// Every strategy, by its name (perturbed-truth at its default scale).
    public static let all: [Initialization] = [
        .quantile, .dataPoints, .uniform, .randomResponsibilities, .kmeansPlusPlus,
        .kmeans, .smallEM, .far, .truth, .perturbedTruth(scale: defaultPerturbation),
        .doc000, .doc001, .doc002
    ]

    /// The strategy's name, as written in files and options.
    public var name: String {
        switch self {
        case .quantile: return "quantile"
        case .dataPoints: return "data-points"
        case .uniform: return "uniform"
        case .randomResponsibilities: return "random-responsibilities"
        case .kmeansPlusPlus: return "kmeans++"
        case .kmeans: return "kmeans"
        case .smallEM: return "small-em"
        case .far: return "far"
        case .truth: return "truth"
        case .perturbedTruth(let scale):
            return scale == Self.defaultPerturbation ? "perturbed-truth" : "perturbed-truth=\(formatNumber(scale))"
        case .doc000: return "doc000"
        case .doc001: return "doc001"
        case .doc002: return "doc002"
        }
    }

    public var description: String { name }

    /// Parses a name (`perturbed-truth=0.2` sets the scale).
    public init?(name: String) {
        if name.hasPrefix("perturbed-truth=") {
            guard let scale = parseNumber(name.dropFirst("perturbed-truth=".count)), scale.isFinite, scale >= 0 else { return nil }
            self = .perturbedTruth(scale: scale)
            return
        }
        guard let match = Self.all.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// Whether the strategy needs the truth.
    public var needsTruth: Bool {
        if case .perturbedTruth = self { return true }
        return self == .truth
    }

    /// Builds the starting mixture.
    ///
    /// - Parameters:
    ///   - data: the observations (finite).
    ///   - componentCount: K ≥ 1.
    ///   - random: the stream random strategies draw from.
    ///   - truth: the true mixture, for `truth` and `perturbed-truth`.
    ///   - configuration: the model `small-em` runs its short fits with.
    ///   - dataSD: the population sd of `data` when the caller has it
    ///     already (a study does), so it is not computed twice.
    /// - Returns: a valid mixture with K components.
    /// - Throws: ``EMLabError`` `.invalidData` when no start can exist
    ///   (fewer distinct values than K), `.invalidOption` when the truth is needed but unknown.
    /// - Complexity: O(n·K) for `quantile`; O(n·K) per pass for the
    ///   others (k-means: up to 300 passes; small EM: 50 EM iterations).
    public func start(
        data: [Double], componentCount k: Int, random: any RandomStream,
        truth: GaussianMixture? = nil, configuration: EMConfiguration = EMConfiguration(),
        dataSD: Double? = nil
    ) throws -> GaussianMixture {
        switch self {
        case .doc000, .doc001: break
        default: try Self.requireDistinctValues(data, componentCount: k)
        }
        var overallSD = dataSD ?? Self.standardDeviation(data[...])
        if !(overallSD > 0 && overallSD.isFinite) && data.contains(where: { $0 != data[0] }) {
            // The plain formula underflowed (data near 1e-300) or overflowed
            // (near 1e300): the values are not all equal, so measure their
            // spread on their own scale.
            overallSD = Self.scaledStandardDeviation(data)
        }
        if overallSD == 0 && self != .doc000 && self != .doc001 && self != .doc002 && !needsTruth {
            throw EMLabError(.invalidData, "all \(data.count) values are equal (\(formatNumber(data[0]))): there is no spread to start a variance from")
        }
        let equal = Array(repeating: 1 / Double(k), count: k)
        switch self {
        case .quantile:
            // The K rank groups' sizes, means and sds (RankGroups: found by
            // selection in O(n·K), summed in an order of their own).
            let groups = RankGroups.moments(data, groups: k)
            let n = Double(data.count)
            return try GaussianMixture(
                weights: groups.counts.map { Double($0) / n }, means: groups.means,
                standardDeviations: groups.standardDeviations.map { $0 > 0 ? $0 : overallSD })
        case .far:
            // The mean of the lowest tenth by rank (RankGroups: the same bits on every machine).
            let low = RankGroups.moments(data, groups: min(10, data.count)).means[0]
            let means = (0..<k).map { low + Double($0) * 0.01 * overallSD }
            guard means.allSatisfy(\.isFinite) else {
                throw EMLabError(.invalidData, "the far start's means are not finite (values near the largest double)")
            }
            return try GaussianMixture(weights: equal, means: means, standardDeviations: Array(repeating: overallSD, count: k))
        case .dataPoints:
            return try GaussianMixture(
                weights: equal, means: Self.distinctPoints(data, count: k, random: random),
                standardDeviations: Array(repeating: overallSD, count: k))
        case .uniform:
            let low = data.min()!, high = data.max()!
            let means = (0..<k).map { _ in low + (high - low) * random.uniform() }
            return try GaussianMixture(weights: equal, means: means, standardDeviations: Array(repeating: overallSD, count: k))
        case .randomResponsibilities:
            var mass = Array(repeating: 0.0, count: k), sums = mass, squares = mass
            var row = Array(repeating: 0.0, count: k)
            for x in data {
                var total = 0.0
                for j in 0..<k {
                    row[j] = random.uniform()
                    total += row[j]
                }
                for j in 0..<k {
                    let r = total > 0 ? row[j] / total : 1 / Double(k)
                    mass[j] += r
                    sums[j] += r * x
                    squares[j] += r * x * x
                }
            }
            return try Self.mixture(mass: mass, sums: sums, squares: squares, count: data.count, fallbackSD: overallSD)
        case .kmeansPlusPlus:
            let centres = Self.kmeansPlusPlusSeeds(data, count: k, random: random)
            return try Self.clusterMixture(data, centres: centres, fallbackSD: overallSD)
        case .kmeans:
            var centres = Self.kmeansPlusPlusSeeds(data, count: k, random: random)
            for _ in 0..<300 {
                var sums = Array(repeating: 0.0, count: k), counts = Array(repeating: 0, count: k)
                for x in data {
                    let j = Self.nearest(x, centres)
                    sums[j] += x
                    counts[j] += 1
                }
                let next = (0..<k).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : centres[$0] }
                if next == centres { break }
                centres = next
            }
            return try Self.clusterMixture(data, centres: centres, fallbackSD: overallSD)
        case .smallEM:
            var short = configuration
            short.stoppingRule = .fixedIterations(5)
            short.recordTrace = false
            short.acceleration = .none  // the strategy is five plain EM steps, whatever the fit that follows
            var best: FitResult?
            for _ in 0..<10 {
                var start = try Initialization.dataPoints.start(data: data, componentCount: k, random: random)
                if short.weights == .fixed {
                    start = GaussianMixture(unchecked: equal, means: start.means, standardDeviations: start.standardDeviations)
                }
                let result = ExpectationMaximization.fit(data: data, start: start, configuration: short)
                let usable = result.stopReason == .fixedIterationsDone && result.logLikelihood.isFinite
                if usable && (best == nil || result.logLikelihood > best!.logLikelihood) { best = result }
            }
            guard let best else {
                // Every short run failed: fall back to a plain random-data-point start.
                return try Initialization.dataPoints.start(data: data, componentCount: k, random: random)
            }
            return try GaussianMixture(
                weights: best.mixture.weights, means: best.mixture.means,
                standardDeviations: best.mixture.standardDeviations)
        case .truth:
            guard let truth, truth.componentCount == k else {
                throw EMLabError(.invalidOption, "the truth start needs a known truth with K = \(k) components")
            }
            return truth
        case .perturbedTruth(let scale):
            guard let truth, truth.componentCount == k else {
                throw EMLabError(.invalidOption, "the perturbed-truth start needs a known truth with K = \(k) components")
            }
            let means = (0..<k).map { truth.means[$0] + scale * truth.standardDeviations[$0] * random.standardNormal() }
            let sds = (0..<k).map { truth.standardDeviations[$0] * exp(scale * random.standardNormal()) }
            let raw = (0..<k).map { truth.weights[$0] * exp(scale * random.standardNormal()) }
            let total = raw.reduce(0, +)
            return try GaussianMixture(weights: raw.map { $0 / total }, means: means, standardDeviations: sds)
        case .doc000:
            let means = (0..<k).map { _ in random.uniform() }
            return try GaussianMixture(weights: equal, means: means, standardDeviations: Array(repeating: 1, count: k))
        case .doc001:
            guard k == 2 else { throw EMLabError(.invalidOption, "document 001's start is for K = 2; got K = \(k)") }
            let u = (0..<4).map { _ in random.uniform() }
            return try GaussianMixture(
                weights: [u[0], 1 - u[0]], means: [10 * u[1], 10 * u[2]],
                standardDeviations: [10 * u[3], 10 * u[3]])
        case .doc002:
            let means = (0..<k).map { _ in data[random.index(below: data.count)] }
            let sds = (0..<k).map { _ in random.uniform().squareRoot() }
            return try GaussianMixture(weights: equal, means: means, standardDeviations: sds)
        }
    }

    /// Throws unless `data` holds at least K distinct values — and, with
    /// K > 1, some spread (all values equal leaves nothing to separate).
    public static func requireDistinctValues(_ data: [Double], componentCount k: Int) throws {
        guard k >= 1 else { throw EMLabError(.invalidOption, "K must be at least 1; got \(k)") }
        // The first K distinct values, found by comparison: K is small, and a
        // hashed set cost more than the quantile start itself.
        var distinct: [Double] = []
        distinct.reserveCapacity(min(k, data.count))  // K comes from the command line: any Int
        for x in data where !distinct.contains(x) {
            distinct.append(x)
            if distinct.count >= k { return }
        }
        throw EMLabError(
            .invalidData,
            "the data hold \(distinct.count) distinct value\(distinct.count == 1 ? "" : "s"), fewer than K = \(k) components; EM cannot separate them")
    }

    /// The population standard deviation (divisor n) of the data, 0 for one value.
    public static func standardDeviation(_ data: [Double]) -> Double { standardDeviation(data[...]) }

    /// The population standard deviation (divisor n), 0 for one value.
    static func standardDeviation(_ values: ArraySlice<Double>) -> Double {
        guard values.count > 1 else { return 0 }
        return standardDeviation(values, mean: values.reduce(0, +) / Double(values.count))
    }

    /// The same, given the mean `values.reduce(0, +) / count` (one pass fewer).
    static func standardDeviation(_ values: ArraySlice<Double>, mean: Double) -> Double {
        guard values.count > 1 else { return 0 }
        var squares = 0.0
        for x in values { squares += (x - mean) * (x - mean) }
        return (squares / Double(values.count)).squareRoot()
    }

    /// The population standard deviation computed on the data's own scale
    /// (the values times the power of two that brings max|x| into [1, 2),
    /// which is exact), so it neither overflows for data near 1e300 nor
    /// underflows for data near 1e-300.
    static func scaledStandardDeviation(_ values: [Double]) -> Double {
        let largest = values.reduce(0) { max($0, abs($1)) }
        guard largest > 0 else { return 0 }
        let exponent = Int(largest.exponent)
        return scalbn(standardDeviation(values.map { scalbn($0, -exponent) }[...]), exponent)
    }

    /// `count` distinct data values in random order (the data hold at least that many).
    static func distinctPoints(_ data: [Double], count: Int, random: any RandomStream) -> [Double] {
        var chosen: [Double] = []
        while chosen.count < count {
            let x = data[random.index(below: data.count)]
            if !chosen.contains(x) { chosen.append(x) }
        }
        return chosen
    }

    static func nearest(_ x: Double, _ centres: [Double]) -> Int {
        var best = 0
        for j in 1..<centres.count where abs(x - centres[j]) < abs(x - centres[best]) { best = j }
        return best
    }

    static func kmeansPlusPlusSeeds(_ data: [Double], count k: Int, random: any RandomStream) -> [Double] {
        var centres = [data[random.index(below: data.count)]]
        var distances = data.map { ($0 - centres[0]) * ($0 - centres[0]) }
        while centres.count < k {
            let total = distances.reduce(0, +)
            var chosen = data[random.index(below: data.count)]
            if total > 0 {
                let target = random.uniform() * total
                var cumulative = 0.0
                for (i, d) in distances.enumerated() {
                    cumulative += d
                    if cumulative > target {
                        chosen = data[i]
                        break
                    }
                }
            }
            centres.append(chosen)
            for i in data.indices { distances[i] = min(distances[i], (data[i] - chosen) * (data[i] - chosen)) }
        }
        return centres
    }

    /// Hard clusters around `centres` → weights, means, sds (an empty or flat cluster borrows the data's sd).
    static func clusterMixture(_ data: [Double], centres: [Double], fallbackSD: Double) throws -> GaussianMixture {
        let k = centres.count
        var mass = Array(repeating: 0.0, count: k), sums = mass, squares = mass
        for x in data {
            let j = nearest(x, centres)
            mass[j] += 1
            sums[j] += x
            squares[j] += x * x
        }
        for j in 0..<k where mass[j] == 0 {
            mass[j] = 1
            sums[j] = centres[j]
            squares[j] = centres[j] * centres[j]
        }
        return try mixture(mass: mass, sums: sums, squares: squares, count: data.count, fallbackSD: fallbackSD)
    }

    /// Weights, means and sds from soft or hard counts.
    static func mixture(mass: [Double], sums: [Double], squares: [Double], count: Int, fallbackSD: Double) throws -> GaussianMixture {
        let total = mass.reduce(0, +)
        var weights: [Double] = [], means: [Double] = [], sds: [Double] = []
        for j in mass.indices {
            let mean = sums[j] / mass[j]
            let variance = max(squares[j] / mass[j] - mean * mean, 0)
            weights.append(mass[j] / total)
            means.append(mean)
            let sd = variance.squareRoot()
            sds.append(sd > 1e-8 * fallbackSD ? sd : fallbackSD)
        }
        return try GaussianMixture(weights: weights, means: means, standardDeviations: sds)
    }
}

import Foundation
