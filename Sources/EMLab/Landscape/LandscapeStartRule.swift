import Foundation

/// How a landscape makes a whole start from a point of its plane: the two
/// plane coordinates, the parameters the user fixed (`--fix`), and a
/// stated rule for the rest.
///
/// The rule: weights not on the plane or fixed share what the others leave
/// equally (1/K each when none is set); means not set come from the
/// deterministic quantile start (``Initialization/quantile``, fitted once to
/// the data); standard deviations not set are the *pooled sd at the start*,
/// s² = (1/n) Σ_i min_k (x_i − μ_k)², the within-group spread when each
/// value joins the nearest start mean (the k-means assignment, Lloyd 1982),
/// so a start's spread matches where its means are. The engine then puts
/// the start into the model's form (a known σ replaces every sd; a shared σ
/// pools them).
public struct LandscapeStartRule: Sendable {
    /// K ≥ 2.
    public let componentCount: Int
    /// Parameters held at a value for every start.
    public let fixed: [LandscapeParameter: Double]
    /// The quantile start's means, the default of a mean not set.
    public let defaultMeans: [Double]

    /// A rule for K components.
    ///
    /// - Parameters:
    ///   - componentCount: K ≥ 2.
    ///   - fixed: parameters held fixed.
    ///   - defaultMeans: K means for those not set.
    public init(componentCount: Int, fixed: [LandscapeParameter: Double], defaultMeans: [Double]) {
        self.componentCount = componentCount
        self.fixed = fixed
        self.defaultMeans = defaultMeans
    }

    /// The rule for `data`: the quantile start's means (fitted as `emlab
    /// fit` makes it, on the data standardised) as the default means.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` when the data hold fewer than K distinct values.
    public static func forData(_ data: [Double], componentCount k: Int, fixed: [LandscapeParameter: Double]) throws -> LandscapeStartRule {
        let standard = try StandardizedFit(data: data)
        // The quantile start is deterministic: the stream is never drawn from.
        let quantile = try standard.start(.quantile, componentCount: k, random: StreamRecipe().makeSource())
        return LandscapeStartRule(componentCount: k, fixed: fixed, defaultMeans: quantile.means)
    }

    /// The start at the plane point (x, y).
    ///
    /// - Parameters:
    ///   - plane: which parameters x and y are.
    ///   - data: the values, for the pooled sd.
    /// - Returns: the start, unchecked (the caller has checked the plane's
    ///   ranges and the fixed values with ``check(plane:)``).
    /// - Complexity: O(n·K) for the pooled sd.
    public func start(x: Double, y: Double, plane: LandscapePlane, data: [Double]) -> GaussianMixture {
        let k = componentCount
        var set = fixed
        set[plane.horizontal] = x
        set[plane.vertical] = y
        var means = defaultMeans
        for j in 0..<k { if let m = set[.mean(j)] { means[j] = m } }
        var weights = [Double](repeating: 0, count: k)
        var given = 0.0, unset = 0
        for j in 0..<k {
            if let w = set[.weight(j)] {
                weights[j] = w
                given += w
            } else {
                unset += 1
            }
        }
        for j in 0..<k where set[.weight(j)] == nil { weights[j] = (1 - given) / Double(unset) }
        var pooled = 0.0
        if (0..<k).contains(where: { set[.sd($0)] == nil }) {
            var total = 0.0
            for x in data {
                var nearest = Double.infinity
                for m in means { nearest = min(nearest, (x - m) * (x - m)) }
                total += nearest
            }
            pooled = (total / Double(data.count)).squareRoot()
        }
        let sds = (0..<k).map { set[.sd($0)] ?? pooled }
        return GaussianMixture(unchecked: weights, means: means, standardDeviations: sds)
    }

    /// Checks that every start of `plane` is a mixture: components within K,
    /// the two axes and the fixed parameters distinct, weights in (0, 1)
    /// leaving a positive share to the others, sds positive, all finite.
    ///
    /// - Throws: ``EMLabError`` `.invalidOption` naming the parameter and value.
    public func check(plane: LandscapePlane) throws {
        func invalid(_ message: String) -> EMLabError { EMLabError(.invalidOption, message) }
        let k = componentCount
        guard k >= 2 else { throw invalid("a landscape needs K ≥ 2 components; got \(k)") }
        guard plane.gridSize >= 2 else { throw invalid("the grid needs N ≥ 2 starts a side; got \(plane.gridSize)") }
        guard plane.horizontal != plane.vertical else { throw invalid("the plane's two axes are both \(plane.horizontal)") }
        for p in [plane.horizontal, plane.vertical] + Array(fixed.keys) where p.component >= k {
            throw invalid("\(p) names component \(p.component + 1), but K is \(k)")
        }
        for p in [plane.horizontal, plane.vertical] where fixed[p] != nil {
            throw invalid("\(p) is on the plane and fixed; fix another parameter")
        }
        for (p, range) in [(plane.horizontal, plane.horizontalRange), (plane.vertical, plane.verticalRange)] {
            guard range.from.isFinite, range.to.isFinite, range.from < range.to else {
                throw invalid("the range of \(p) must be two finite values, the first smaller; got \(formatNumber(range.from)) to \(formatNumber(range.to))")
            }
            switch p {
            case .weight: guard range.from > 0, range.to < 1 else { throw invalid("the range of \(p) must lie inside (0, 1)") }
            case .sd: guard range.from > 0 else { throw invalid("the range of \(p) must be positive") }
            case .mean: break
            }
        }
        for (p, value) in fixed {
            guard value.isFinite else { throw invalid("--fix \(p)=\(formatNumber(value)): not a finite value") }
            if case .sd = p, value <= 0 { throw invalid("--fix \(p)=\(formatNumber(value)): an sd must be positive") }
            if case .weight = p, !(value > 0 && value < 1) { throw invalid("--fix \(p)=\(formatNumber(value)): a weight lies in (0, 1)") }
        }
        // The largest total the set weights reach over the plane must leave the others a share.
        var largest = 0.0, setCount = 0
        for j in 0..<k {
            if let w = fixed[.weight(j)] {
                largest += w
                setCount += 1
            } else if plane.horizontal == .weight(j) {
                largest += plane.horizontalRange.to
                setCount += 1
            } else if plane.vertical == .weight(j) {
                largest += plane.verticalRange.to
                setCount += 1
            }
        }
        if setCount == k {
            throw invalid("every weight is set (on the plane or fixed); leave one free so they sum to 1")
        }
        guard largest < 1 else { throw invalid("the weights set (on the plane or fixed) reach \(formatNumber(largest)), leaving nothing for the others") }
    }
}
