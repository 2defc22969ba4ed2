import ArgumentParser
import EMLab
import Foundation

struct LandscapeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landscape",
        abstract: "Where EM goes from every start of a plane: basins, maxima, saddles, collapse.",
        discussion: """
            Runs EM from every start of an N × N grid over two parameters (--over: means (μ1, μ2), \
            mean-sd (μ1, σ1) or weight-mean (π1, μ1); --pair picks the components) and classifies \
            where each start ends: a maximum (label-swapped copies merged, numbered by ℓ), a saddle \
            (EM converged where the observed information is not positive definite: the start lay on \
            the saddle's stable manifold), collapse, or the cap. Parameters off the plane are fixed \
            by --fix or set by a rule: equal weights, means from the quantile start, the pooled sd \
            at each start. Each start runs as `emlab fit` from that start does.

            With a truth (--weights, --means, --sds) the same runs for the population: EM on m \
            points standing for it, the means of m equal-mass cells of the truth (--population-points), \
            ℓ per observation. With data and a truth, both run and the picture shows them side by side.

            --preset doc000 draws document 000's map as written beside the corrected one and the \
            population's; doc001 the corrected model with the path from the document's own start; \
            doc002 K = 3 over (μ2, μ3) with component 1 fixed at its best value.

            --plot FILE.svg draws the basins coloured by limit, the contours of ℓ at the starts, \
            the maxima and saddles, --paths M EM paths (with --accelerate squarem, the accelerated \
            path beside each), and the iterations from each start on a log colour scale.

            Examples:
              emlab landscape faithful.txt -k 2 --grid 20
              emlab landscape data.csv -k 2 --over mean-sd --grid 15 --format json
              emlab landscape --weights .5,.5 --means -2,2 --sds 1,1 --variance known --fixed-weights --grid 21
              emlab landscape my-series.txt -k 2 --grid 12 --paths 4 --accelerate squarem --plot landscape.svg
              emlab landscape faithful.txt -k 2 --over weight-mean --fix mu2=80 --grid 10 --path-from 0.5,60
              emlab landscape --preset doc002 --grid 10 --plot doc002.svg
            """)

    @Argument(help: "The data file (`-` for standard input); optional with a truth.")
    var file: String?

    @Option(parsing: .unconditional, help: "Draw a document's landscape: doc000 (as written beside corrected), doc001 (its start), doc002 (K = 3 over a pair).")
    var preset: String?

    @Option(name: [.customShort("k"), .customLong("components")], parsing: .unconditional, help: "The number of components, K ≥ 2 (default: the truth's).")
    var components: Int?

    @Option(parsing: .unconditional, help: "The true weights, comma-separated (with --means and --sds: the population's landscape).")
    var weights: NumberList?

    @Option(parsing: .unconditional, help: "The true means, comma-separated.")
    var means: NumberList?

    @Option(parsing: .unconditional, help: "The true standard deviations, comma-separated.")
    var sds: NumberList?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "How variances are modelled: per-component, shared, known=SD, or known (the truth's common sd).", valueName: "model"))
    var variance: EMConfiguration.VarianceChoice = .model(.perComponent)

    @Flag(help: "The weights are fixed at each start's (not estimated).")
    var fixedWeights = false

    @Option(parsing: .unconditional, help: "The plane: means (μ_a, μ_b), mean-sd (μ_a, σ_a) or weight-mean (π_a, μ_a).")
    var over: LandscapePlane.Axes = .means

    @Option(parsing: .unconditional, help: ArgumentHelp("The components a and b of the plane, 1-based (default 1,2).", valueName: "a,b"))
    var pair: NumberList?

    @Option(parsing: .unconditional, help: ArgumentHelp("The horizontal range (default: from the data).", valueName: "from,to"))
    var xRange: NumberList?

    @Option(parsing: .unconditional, help: ArgumentHelp("The vertical range (default: from the data).", valueName: "from,to"))
    var yRange: NumberList?

    @Option(parsing: .unconditional, help: ArgumentHelp("Hold parameters off the plane fixed, e.g. mu3=2,sd1=0.5,w2=0.3 (1-based).", valueName: "name=value,…"))
    var fix: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("N: the grid has N × N starts (2 to 500).", valueName: "N"))
    var grid: Int = 40

    @Option(parsing: .unconditional, help: ArgumentHelp("Draw M EM paths from starts spread over the grid.", valueName: "M"))
    var paths: Int = 0

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Draw a path from this plane point too (repeatable).", valueName: "x,y"))
    var pathFrom: [NumberList] = []

    @Option(parsing: .unconditional, help: "Accelerate EM: none, or squarem (each start runs SQUAREM; each path is drawn plain and accelerated).")
    var accelerate: FitCommand.Accelerate = .none

    @Option(parsing: .unconditional, help: "The stopping rule (as emlab fit's --stop).")
    var stop: EMConfiguration.StoppingRule.Kind = .loglik

    @Option(parsing: .unconditional, help: "The tolerance of the stopping rule.")
    var tol: Double = 1e-8

    @Option(parsing: .unconditional, help: "The most iterations EM may take from a start; starts that reach it are counted as cap.")
    var maxIterations: Int = 10000

    @Option(parsing: .unconditional, help: "With a truth: the number of quantile points that stand for the population.")
    var populationPoints: Int = PopulationPoints.defaultCount

    @Option(parsing: .unconditional, help: "Worker threads; the result is the same for any number.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: ArgumentHelp("Draw the landscape with gnuplot (SVG, PNG or PDF by the extension).", valueName: "file.svg|png|pdf"))
    var plot: String?

    @Option(parsing: .unconditional, help: "Output format: text (for people) or json (one object).")
    var format: FitCommand.Format = .text

    @OptionGroup(title: "Data file") var input: DataOptions

    func truth() throws -> GaussianMixture? {
        guard weights != nil || means != nil || sds != nil else { return nil }
        guard let weights, let means, let sds else { throw ValidationError("A truth needs --weights, --means and --sds together.") }
        do {
            return try GaussianMixture(weights: weights.values, means: means.values, standardDeviations: sds.values)
        } catch let error as EMLabError {
            throw ValidationError("The truth is not a valid mixture: \(error.message).")
        }
    }

    func fixedParameters() throws -> [LandscapeParameter: Double] {
        guard let fix else { return [:] }
        var fixed: [LandscapeParameter: Double] = [:]
        for part in fix.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, let parameter = LandscapeParameter(parsing: String(pieces[0])), let value = parseNumber(pieces[1]) else {
                throw ValidationError("--fix takes name=value pairs such as mu2=3,sd1=0.5,w1=0.4; got '\(part)'.")
            }
            fixed[parameter] = value
        }
        return fixed
    }

    func validate() throws {
        guard accelerate == .none || accelerate == .squarem else {
            throw ValidationError("emlab landscape draws SQUAREM's paths beside EM's: please give --accelerate none or squarem; got \(accelerate.rawValue).")
        }
        if let preset {
            guard DocumentLandscape.presetNames.contains(preset) else {
                throw ValidationError("Unknown landscape preset '\(preset)'. Please choose one of: \(DocumentLandscape.presetNames.joined(separator: ", ")).")
            }
            guard file == nil, weights == nil, means == nil, sds == nil, components == nil, fix == nil, pair == nil else {
                throw ValidationError("--preset draws the document's own data and plane: please drop FILE, the truth, -k, --fix and --pair.")
            }
        }
        let truth = try truth()
        guard preset == nil else {
            guard grid >= 2 else { throw ValidationError("Please give --grid N ≥ 2; got \(grid).") }
            try Limits.require(grid, atMost: 500, "--grid", why: "250000 fits")
            guard jobs >= 1 else { throw ValidationError("Please give --jobs 1 or more; got \(jobs).") }
            try Limits.require(jobs, atMost: Limits.maximumJobs, "--jobs")
            if let plot { try validatePlotPath(plot) }
            return
        }
        guard file != nil || truth != nil else {
            throw ValidationError("Please give a data file (or - for standard input), or a truth (--weights, --means, --sds).")
        }
        guard let k = components ?? truth?.componentCount else { throw ValidationError("Please give the number of components with -k.") }
        guard k >= 2 else { throw ValidationError("Please give K ≥ 2 components (-k); a landscape needs two to compare; got \(k).") }
        try Limits.require(k, atMost: 100, "-k", why: "a landscape's plane holds two parameters of a few components")
        guard grid >= 2 else { throw ValidationError("Please give --grid N ≥ 2; got \(grid).") }
        try Limits.require(grid, atMost: 500, "--grid", why: "250000 fits")
        guard paths >= 0 else { throw ValidationError("Please give --paths ≥ 0; got \(paths).") }
        try Limits.require(paths, atMost: 100, "--paths")
        for point in pathFrom where point.values.contains(where: { !$0.isFinite }) {
            throw ValidationError("--path-from takes a finite plane point x,y; got \(point.values.map(formatNumber).joined(separator: ",")).")
        }
        for point in pathFrom where point.values.count != 2 {
            throw ValidationError("--path-from takes one plane point x,y; got \(point.values.count) values.")
        }
        guard maxIterations >= 1 else { throw ValidationError("Please give --max-iterations ≥ 1.") }
        try Limits.require(maxIterations, atMost: Limits.maximumIterations, "--max-iterations")
        guard tol > 0, tol.isFinite else { throw ValidationError("Please give a positive, finite --tol.") }
        guard stop != .iterations else { throw ValidationError("--stop iterations has no limit to classify; please give a convergence rule.") }
        guard jobs >= 1 else { throw ValidationError("Please give --jobs 1 or more; got \(jobs).") }
        try Limits.require(jobs, atMost: Limits.maximumJobs, "--jobs")
        guard populationPoints >= 10 else { throw ValidationError("Please give --population-points ≥ 10; got \(populationPoints).") }
        try Limits.require(populationPoints, atMost: 1_000_000, "--population-points")
        if let truth, truth.componentCount != k { throw ValidationError("-k is \(k), but the truth has \(truth.componentCount) components.") }
        if let pair {
            guard pair.values.count == 2, pair.values.allSatisfy({ $0 >= 1 && $0 <= Double(k) && $0 == $0.rounded() }) else {
                throw ValidationError("--pair takes two components between 1 and K = \(k), e.g. 1,2.")
            }
            if over == .means && pair.values[0] == pair.values[1] { throw ValidationError("--pair needs two different components for --over means.") }
        }
        for (name, range) in [("--x-range", xRange), ("--y-range", yRange)] {
            if let range, range.values.count != 2 { throw ValidationError("\(name) takes from,to; got \(range.values.count) values.") }
        }
        if case .knownFromTruth = variance, truth.map({ Set($0.standardDeviations).count != 1 }) ?? true {
            throw ValidationError("--variance known takes σ from a truth with equal sds; please give known=SD.")
        }
        _ = try fixedParameters()
        if let plot { try validatePlotPath(plot) }
    }

    /// `--preset`: the document's data, drawn as `emlab fit --preset` draws them, and its landscapes.
    func runPreset(_ name: String) throws {
        let preset = try documentPreset(named: name)
        // The document's data and start, drawn as `emlab fit --preset` draws them by default.
        let stream = try preset.stream.make(generator: GeneratorName.mt19937.name, seed: preset.seed ?? 1, normalMethod: .polar)
        let input = try DocumentComparison.Input(
            preset: preset, sampler: nil, stream: stream, streamKind: preset.stream, seed: preset.seed ?? 1)
        let shown = try DocumentLandscape.landscapes(
            preset: preset, data: input.data, truth: input.truth, gridSize: grid, jobs: jobs, pathCount: paths, stream: stream)
        if let plot { try LandscapePlot.write(shown, to: plot) }
        switch format {
        case .text:
            print("Document \(preset.name): \(preset.title)\n\(input.summary)\n")
            print(shown.map(LandscapeReport.text).joined(separator: "\n"), terminator: "")
        case .json: print(LandscapeReport.json(shown), terminator: "")
        }
    }

    func run() throws {
        if let preset { return try runPreset(preset) }
        let truth = try truth()
        let data = try file.map { try input.read($0) }
        let k = components ?? truth!.componentCount
        let model = variance.variance(truthSD: truth?.standardDeviations[0])!
        var configuration = EMConfiguration(
            weights: fixedWeights ? .fixed : .free, variance: model, stoppingRule: stop.rule(tolerance: tol), maxIterations: maxIterations)
        if accelerate == .squarem { configuration.acceleration = .squarem(SQUAREMOptions()) }
        let reference = data ?? PopulationPoints.points(of: truth!, count: populationPoints)
        let (a, b) = (pair.map { Int($0.values[0]) - 1 } ?? 0, pair.map { Int($0.values[1]) - 1 } ?? 1)
        let (horizontal, vertical) = over.parameters(first: a, second: b)
        let plane = LandscapePlane(
            horizontal: horizontal, vertical: vertical,
            horizontalRange: xRange.map { ($0.values[0], $0.values[1]) } ?? LandscapePlane.defaultRange(of: horizontal, data: reference),
            verticalRange: yRange.map { ($0.values[0], $0.values[1]) } ?? LandscapePlane.defaultRange(of: vertical, data: reference), gridSize: grid)
        func options(for values: [Double]) throws -> Landscape.Options {
            let rule = try LandscapeStartRule.forData(values, componentCount: k, fixed: try fixedParameters())
            return Landscape.Options(
                plane: plane, rule: rule, configuration: configuration, jobs: jobs, pathCount: paths,
                extraPathStarts: pathFrom.map { rule.start(x: $0.values[0], y: $0.values[1], plane: plane, data: values) },
                pathAcceleration: accelerate == .squarem ? SQUAREMOptions() : nil)
        }
        let sample = try data.map { try Landscape.run(data: $0, options: try options(for: $0)) }
        let population = try truth.map { truth in
            let points = PopulationPoints.points(of: truth, count: populationPoints)
            return try Landscape.run(population: truth, points: points, options: try options(for: points))
        }
        let shown = [sample, population].compactMap { $0 }
        if let plot { try LandscapePlot.write(shown, to: plot) }
        switch format {
        case .text: print(shown.map(LandscapeReport.text).joined(separator: "\n"), terminator: "")
        case .json: print(LandscapeReport.json(shown), terminator: "")
        }
    }
}

extension LandscapePlane.Axes: ExpressibleByArgument {}
