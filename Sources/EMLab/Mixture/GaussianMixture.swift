/// A one-dimensional Gaussian mixture: K components, each with a weight, a
/// mean and a standard deviation.
///
///     f(x) = Σ_k π_k · N(x; μ_k, σ_k²)
///
/// A value of this type is always valid: the initialiser checks that
/// K ≥ 1, every weight is ≥ 0 and they sum to 1 within ``weightTolerance``,
/// every σ_k > 0, and every number is finite.
public struct GaussianMixture: Equatable, Sendable, CustomStringConvertible {
    /// How far the weights may sum from 1.
    public static let weightTolerance = 1e-9

    public let weights: [Double]
    public let means: [Double]
    public let standardDeviations: [Double]

    /// The number of components, K.
    public var componentCount: Int { weights.count }

    /// The variances σ_k².
    public var variances: [Double] { standardDeviations.map { $0 * $0 } }

    /// Creates a validated mixture.
    ///
    /// - Throws: ``EMLabError`` `.invalidMixture` naming the field and the bad value.
    public init(weights: [Double], means: [Double], standardDeviations: [Double]) throws {
        guard !weights.isEmpty else {
            throw EMLabError(.invalidMixture, "a mixture needs at least one component (K ≥ 1); got no weights")
        }
        guard means.count == weights.count, standardDeviations.count == weights.count else {
            throw EMLabError(
                .invalidMixture,
                "weights, means and sds must have one value per component; got \(weights.count) weights, \(means.count) means, \(standardDeviations.count) sds")
        }
        for (k, w) in weights.enumerated() where !(w.isFinite && w >= 0) {
            throw EMLabError(.invalidMixture, "weight \(k + 1) is \(formatNumber(w)); weights must be finite and ≥ 0")
        }
        for (k, m) in means.enumerated() where !m.isFinite {
            throw EMLabError(.invalidMixture, "mean \(k + 1) is \(formatNumber(m)); means must be finite")
        }
        for (k, s) in standardDeviations.enumerated() where !(s.isFinite && s > 0) {
            throw EMLabError(.invalidMixture, "sd \(k + 1) is \(formatNumber(s)); standard deviations must be finite and > 0")
        }
        let total = weights.reduce(0, +)
        guard abs(total - 1) <= Self.weightTolerance else {
            throw EMLabError(
                .invalidMixture,
                "weights sum to \(formatNumber(total)), not 1 (tolerance \(Self.weightTolerance))")
        }
        self.weights = weights
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// Creates a mixture without checks, for parameters an algorithm produced
    /// (they may legitimately be degenerate or non-finite).
    public init(unchecked weights: [Double], means: [Double], standardDeviations: [Double]) {
        self.weights = weights
        self.means = means
        self.standardDeviations = standardDeviations
    }

    public var description: String {
        "GaussianMixture(weights: \(weights.map(formatNumber)), means: \(means.map(formatNumber)), sds: \(standardDeviations.map(formatNumber)))"
    }
}

extension GaussianMixture {
    /// log N(x; μ, σ²).
    @inlinable public static func logNormalDensity(_ x: Double, mean: Double, standardDeviation: Double) -> Double {
        let z = (x - mean) / standardDeviation
        return -0.5 * z * z - standardDeviation.log() - halfLogTwoPi
    }

    /// Draws `count` values by the latent-variable construction: a component
    /// by its weight (one uniform draw, inverted against the cumulative
    /// weights), then its normal (one normal draw).
    ///
    /// - Returns: the values and the 0-based component each came from.
    /// - Complexity: O(count · K).
    @inlinable
    public func sample<Stream: RandomStream>(count: Int, using random: Stream) -> (values: [Double], components: [Int]) {
        var components: [Int] = []
        // Written straight into uninitialised storage: no append per draw.
        let values = [Double](unsafeUninitializedCapacity: count) { valueBuffer, valueCount in
            components = [Int](unsafeUninitializedCapacity: count) { componentBuffer, componentCount in
                draw(count: count, using: random, into: valueBuffer.baseAddress!, components: componentBuffer.baseAddress)
                componentCount = count
            }
            valueCount = count
        }
        return (values, components)
    }

    /// The values of ``sample(count:using:)`` alone — the same draws, the
    /// same values — without the array of components (what a study keeps).
    /// - Complexity: O(count · K).
    @inlinable
    public func sampleValues<Stream: RandomStream>(count: Int, using random: Stream) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { valueBuffer, valueCount in
            draw(count: count, using: random, into: valueBuffer.baseAddress!, components: nil)
            valueCount = count
        }
    }

    /// The sampling loop: one uniform and one normal draw per value, written
    /// to `values` (and the component to `components` when given). The
    /// parameters are read through buffers, so the loop is the two draws,
    /// the inversion and a multiply-add.
    @inlinable
    func draw<Stream: RandomStream>(
        count: Int, using random: Stream, into values: UnsafeMutablePointer<Double>,
        components: UnsafeMutablePointer<Int>?
    ) {
        guard count > 0 else { return }
        let last = componentCount - 1
        // The component is the number of cumulative weights c_j = w_0 + … + w_j
        // (j < K − 1, summed in that order) that u reaches: the first k with
        // u < c_k, as a walk along them finds it, but counted without a
        // branch the processor could not predict. u ≥ c_j exactly when the
        // sign bit of u − c_j is clear (u = c_j gives +0; a difference of
        // two doubles is zero only when they are equal). Written as integer
        // arithmetic because LLVM turns a select in a loop back into a branch.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(last, 1)) { cumulative in
            var running = 0.0
            for j in 0..<last {
                running += weights[j]
                cumulative[j] = running
            }
            @inline(__always) func component(_ u: Double) -> Int {
                var k = 0
                for j in 0..<last { k &+= 1 &- Int(truncatingIfNeeded: (u - cumulative[j]).bitPattern >> 63) }
                return k
            }
            means.withUnsafeBufferPointer { mu in
                standardDeviations.withUnsafeBufferPointer { sd in
                    if let components {
                        for i in 0..<count {
                            let k = component(random.uniform())
                            components[i] = k
                            values[i] = mu[k] + sd[k] * random.standardNormal()
                        }
                    } else {
                        for i in 0..<count {
                            let k = component(random.uniform())
                            values[i] = mu[k] + sd[k] * random.standardNormal()
                        }
                    }
                }
            }
        }
    }
}
