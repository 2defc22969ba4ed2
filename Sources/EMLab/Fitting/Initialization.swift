/// Where EM starts. Each strategy turns the data (and, for random ones, a
/// ``RandomSource``) into a starting ``GaussianMixture``.
public enum Initialization: String, CaseIterable, Sendable {
    /// Sort the data, cut it into K groups of (nearly) equal count, and start
    /// each component at its group's share, mean and sd. Deterministic;
    /// mclust's one-dimensional default (Scrucca et al. 2016, *The R Journal*
    /// 8(1)). A group with no spread takes the sd of the whole data.
    case quantile
    /// K distinct data points chosen at random as means, the data's sd for
    /// every component, equal weights (scikit-learn's `random_from_data`).
    case dataPoints = "data-points"
    /// The true parameters (the oracle start); only where a truth is known.
    case truth
    /// Document 000's start: every mean uniform on [0, 1) (`np.random.random(2)`),
    /// weights 1/K, sds 1 (the document's σ is known and replaces them).
    case doc000
    /// Document 001's start, K = 2: `rand(4)` → (π1, μ1, μ2, σ) = (U, 10U, 10U, 10U).
    case doc001
    /// Document 002's start: weights 1/K, means K data values drawn with
    /// replacement (`np.random.choice(data, k)`), variances uniform on [0, 1)
    /// (`random_sample(k)`), so sds are their square roots.
    case doc002

    /// Builds the starting mixture.
    ///
    /// - Parameters:
    ///   - data: the observations (finite).
    ///   - componentCount: K ≥ 1.
    ///   - random: the stream random strategies draw from.
    ///   - truth: the true mixture, for `truth`.
    /// - Returns: a valid mixture with K components.
    /// - Throws: ``EMLabError`` `.invalidData` when no start can exist: fewer
    ///   distinct values than K.
    /// - Complexity: O(n log n) for `quantile`, O(n) for `data-points`.
    public func start(data: [Double], componentCount k: Int, random: any RandomStream,
                      truth: GaussianMixture? = nil) throws -> GaussianMixture {
        if self != .doc000 && self != .doc001 { try Self.requireDistinctValues(data, componentCount: k) }
        let overallSD = Self.standardDeviation(data[...])
        switch self {
        case .quantile:
            let sorted = data.sorted()
            let n = sorted.count
            var weights: [Double] = [], means: [Double] = [], sds: [Double] = []
            for j in 0..<k {
                let group = sorted[(j * n / k)..<((j + 1) * n / k)]
                weights.append(Double(group.count) / Double(n))
                means.append(group.reduce(0, +) / Double(group.count))
                let sd = Self.standardDeviation(group)
                sds.append(sd > 0 ? sd : overallSD)
            }
            return try GaussianMixture(weights: weights, means: means, standardDeviations: sds)
        case .truth:
            guard let truth, truth.componentCount == k else {
                throw EMLabError(.invalidOption, "the truth start needs a known truth with K = \(k) components")
            }
            return truth
        case .doc000:
            let means = (0..<k).map { _ in random.uniform() }
            return try GaussianMixture(weights: Array(repeating: 1 / Double(k), count: k), means: means,
                                       standardDeviations: Array(repeating: 1, count: k))
        case .doc001:
            guard k == 2 else { throw EMLabError(.invalidOption, "document 001's start is for K = 2; got K = \(k)") }
            let u = (0..<4).map { _ in random.uniform() }
            return try GaussianMixture(weights: [u[0], 1 - u[0]], means: [10 * u[1], 10 * u[2]],
                                       standardDeviations: [10 * u[3], 10 * u[3]])
        case .doc002:
            let means = (0..<k).map { _ in data[random.index(below: data.count)] }
            let sds = (0..<k).map { _ in random.uniform().squareRoot() }
            return try GaussianMixture(weights: Array(repeating: 1 / Double(k), count: k), means: means, standardDeviations: sds)
        case .dataPoints:
            var chosen: [Double] = []
            var tries = 0
            while chosen.count < k {
                let x = data[Int(random.uniform() * Double(data.count))]
                tries += 1
                if !chosen.contains(x) || tries > 100 * k * data.count { chosen.append(x) }
            }
            return try GaussianMixture(weights: Array(repeating: 1 / Double(k), count: k), means: chosen,
                                       standardDeviations: Array(repeating: overallSD, count: k))
        }
    }

    /// Throws unless `data` holds at least K distinct values.
    public static func requireDistinctValues(_ data: [Double], componentCount k: Int) throws {
        guard k >= 1 else { throw EMLabError(.invalidOption, "K must be at least 1; got \(k)") }
        var distinct = Set<Double>()
        for x in data {
            distinct.insert(x)
            if distinct.count >= k { return }
        }
        throw EMLabError(.invalidData,
            "the data hold \(distinct.count) distinct value\(distinct.count == 1 ? "" : "s"), fewer than K = \(k) components; EM cannot separate them")
    }

    /// The population standard deviation (divisor n), 0 for one value.
    static func standardDeviation(_ values: ArraySlice<Double>) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        var squares = 0.0
        for x in values { squares += (x - mean) * (x - mean) }
        return (squares / Double(values.count)).squareRoot()
    }
}
