import Foundation

extension Landscape {
    /// The basins drawn behind `emlab fit --animate` when K = 2: where EM
    /// goes from every start of the (μ1, μ2) plane, so the animation shows
    /// the fit's own path crossing them (Xu, Hsu & Maleki 2016 for why the
    /// diagonal μ1 = μ2 is the saddle's stable manifold).
    ///
    /// The plane spans the data's range widened by 5 % each side
    /// (``LandscapePlane/defaultRange(of:data:)``); the rest of each start
    /// follows ``LandscapeStartRule``: equal weights (or the fit's own when
    /// they are fixed) and the pooled sd at each start.
    ///
    /// - Parameters:
    ///   - data: the values fitted.
    ///   - configuration: the model, stopping rule and cap the fit ran with.
    ///   - fixedWeights: with fixed weights, the weights the fit kept.
    ///   - jobs: workers; the result does not depend on them.
    /// - Returns: the landscape on a 41 × 41 grid (25 × 25 beyond 5,000
    ///   values), or nil beyond ``animationDataLimit`` values, where a few
    ///   thousand fits would cost more than the page is worth.
    /// - Throws: what ``run(data:options:)`` throws.
    /// - Complexity: O(N²·I·n) for I iterations a start, on `jobs` workers.
    public static func behindAnimation(
        data: [Double], configuration: EMConfiguration, fixedWeights: [Double]?, jobs: Int
    ) throws -> Landscape? {
        guard data.count <= animationDataLimit else { return nil }
        let range = LandscapePlane.defaultRange(of: .mean(0), data: data)
        let plane = LandscapePlane(
            horizontal: .mean(0), vertical: .mean(1), horizontalRange: range, verticalRange: range, gridSize: data.count <= 5000 ? 41 : 25)
        var fixed: [LandscapeParameter: Double] = [:]
        if configuration.weights == .fixed, let fixedWeights, fixedWeights.count == 2 {
            fixed[.weight(0)] = fixedWeights[0]  // the rule gives the other what is left
        }
        let rule = try LandscapeStartRule.forData(data, componentCount: 2, fixed: fixed)
        return try run(
            data: data,
            options: Options(plane: plane, rule: rule, configuration: configuration, jobs: max(1, jobs), title: "where EM goes from every start"))
    }

    /// The most values ``behindAnimation(data:configuration:fixedWeights:jobs:)`` maps.
    public static let animationDataLimit = 100_000
}
