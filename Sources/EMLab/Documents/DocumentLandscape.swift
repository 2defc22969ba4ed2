import Foundation

/// The landscapes that show what each document's defect or start does
/// (`emlab landscape --preset NAME`).
///
/// - **doc000**: the means plane, with the path from the document's own
///   start (both means in [0, 1)), under the document's estimator as written
///   (its E-step's exp(−(x−μ)²/σ²) is EM for a known sd of σ/√2: the
///   components look narrower, so each takes less of the other's data and
///   the fixed points move outward) beside the corrected engine, and the
///   population's map.
/// - **doc001**: the means plane of the corrected model (free weights, one
///   shared σ) run to convergence, with the path from the document's own
///   start [U, 10U, 10U, 10U] (drawn from the stream given) and where it is
///   after the document's 50 iterations; and the population's map.
/// - **doc002**: K = 3 over (μ2, μ3), component 1 fixed at its value in
///   the best of 20 k-means++ starts (the component with the lowest mean).
public enum DocumentLandscape {
    /// The presets that have a landscape.
    public static let presetNames = ["doc000", "doc001", "doc002"]

    /// The preset's landscapes, in the order they are drawn.
    ///
    /// - Parameters:
    ///   - preset: doc000, doc001 or doc002.
    ///   - data: the document's data (drawn by the caller with the preset's sampler).
    ///   - truth: its truth, when it has one.
    ///   - gridSize: N.
    ///   - jobs: workers.
    ///   - pathCount: M paths spread over the grid.
    ///   - stream: what the document's own random start is drawn from.
    /// - Throws: ``EMLabError`` `.invalidOption` for a preset without a
    ///   landscape; what ``Landscape/run(data:options:)`` throws.
    public static func landscapes(
        preset: DocumentPreset, data: [Double], truth: GaussianMixture?, gridSize: Int, jobs: Int, pathCount: Int,
        stream: any RandomStream
    ) throws -> [Landscape] {
        let means = LandscapePlane.defaultRange(of: .mean(0), data: data)
        switch preset.name {
        case "doc000":
            let plane = LandscapePlane(horizontal: .mean(0), vertical: .mean(1), horizontalRange: means, verticalRange: means, gridSize: gridSize)
            var configuration = preset.corrected.configuration
            configuration.maxIterations = 10000
            let rule = try LandscapeStartRule.forData(data, componentCount: 2, fixed: [:])
            // The document's own start, both means in [0, 1): next to the diagonal, far below the data.
            let start = try Initialization.doc000.start(data: data, componentCount: 2, random: stream)
            let asWritten = preset.asWritten
            let written = try Landscape.run(
                data: data,
                options: Landscape.Options(
                    plane: plane, rule: rule, configuration: configuration, jobs: jobs, pathCount: pathCount, extraPathStarts: [start],
                    estimator: { asWritten.fit(data: $0, start: $1, configuration: $2) }, title: "document 000 as written"))
            let corrected = try Landscape.run(
                data: data,
                options: Landscape.Options(
                    plane: plane, rule: rule, configuration: configuration, jobs: jobs, pathCount: pathCount, extraPathStarts: [start],
                    title: "corrected EM"))
            var shown = [written, corrected]
            if let truth { shown.append(try population(truth, plane: plane, configuration: configuration, jobs: jobs, pathCount: pathCount)) }
            return shown
        case "doc001":
            let plane = LandscapePlane(horizontal: .mean(0), vertical: .mean(1), horizontalRange: means, verticalRange: means, gridSize: gridSize)
            var configuration = preset.corrected.configuration
            configuration.stoppingRule = .logLikelihoodChange(1e-8)
            configuration.maxIterations = 10000
            let start = try Initialization.doc001.start(data: data, componentCount: 2, random: stream)
            let rule = try LandscapeStartRule.forData(data, componentCount: 2, fixed: [:])
            let sample = try Landscape.run(
                data: data,
                options: Landscape.Options(
                    plane: plane, rule: rule, configuration: configuration, jobs: jobs, pathCount: pathCount, extraPathStarts: [start],
                    title: "corrected EM to convergence, the document's start's path"))
            var shown = [sample]
            if let truth { shown.append(try population(truth, plane: plane, configuration: configuration, jobs: jobs, pathCount: pathCount)) }
            return shown
        case "doc002":
            let best = try FitRequest(
                componentCount: 3, configuration: preset.corrected.configuration, initialization: .kmeansPlusPlus, starts: 20,
                random: StreamRecipe(seed: 1)
            ).run(data: data).result.mixture
            let first = (0..<3).min { best.means[$0] < best.means[$1] }!
            let fixed: [LandscapeParameter: Double] = [
                .weight(0): best.weights[first], .mean(0): best.means[first], .sd(0): best.standardDeviations[first]
            ]
            let plane = LandscapePlane(horizontal: .mean(1), vertical: .mean(2), horizontalRange: means, verticalRange: means, gridSize: gridSize)
            var configuration = preset.corrected.configuration
            configuration.maxIterations = 10000
            let rule = try LandscapeStartRule.forData(data, componentCount: 3, fixed: fixed)
            return [
                try Landscape.run(
                    data: data,
                    options: Landscape.Options(
                        plane: plane, rule: rule, configuration: configuration, jobs: jobs, pathCount: pathCount,
                        title: "K = 3 over (μ2, μ3), component 1 at its best value"))
            ]
        default:
            throw EMLabError(
                .invalidOption, "preset \(preset.name) has no landscape; the landscapes are \(presetNames.joined(separator: ", "))")
        }
    }

    /// The population's landscape for `truth` on `plane`.
    static func population(_ truth: GaussianMixture, plane: LandscapePlane, configuration: EMConfiguration, jobs: Int, pathCount: Int) throws
        -> Landscape
    {
        let points = PopulationPoints.points(of: truth, count: PopulationPoints.defaultCount)
        let rule = try LandscapeStartRule.forData(points, componentCount: truth.componentCount, fixed: [:])
        return try Landscape.run(
            population: truth, points: points,
            options: Landscape.Options(plane: plane, rule: rule, configuration: configuration, jobs: jobs, pathCount: pathCount))
    }
}
