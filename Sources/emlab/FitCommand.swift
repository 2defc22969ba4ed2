import ArgumentParser
import EMLab

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a Gaussian mixture to data by EM.",
        discussion: """
            FILE holds one value per line (an optional header line first) or is a CSV file \
            read from the column named by --column (default `value`); `-` reads standard input.

            With no initial values, EM starts from a deterministic quantile split of the data. \
            By default weights and per-component variances are estimated, and EM stops when the \
            log-likelihood changes by less than 1e-8 (mixtools' rule), or after 1000 iterations.

            Example: emlab sample --weights .3,.7 --means 5,15 --sds 2,2 -n 10000 | emlab fit - -k 2
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum Stop: String, ExpressibleByArgument, CaseIterable {
        case loglik, relativeLoglik = "relative-loglik", meanChange = "mean-change", parameterChange = "parameter-change"
    }

    @Argument(help: "The data file (`-` for standard input).")
    var file: String

    @Option(name: [.customShort("k"), .customLong("components")], help: "The number of components, K ≥ 1.")
    var components: Int

    @Option(help: ArgumentHelp("The column of a CSV file to read.", valueName: "name"))
    var column: String?

    @Option(help: ArgumentHelp("How variances are modelled: per-component, shared, or known=SD (every component has this known standard deviation).", valueName: "model"))
    var variance: String = "per-component"

    @Option(help: "Whether the weights are estimated (free) or kept at their start (fixed; 1/K unless --init-weights).")
    var weights: EMConfiguration.Weights = .free

    @Option(help: "Initial means, comma-separated (one per component).")
    var initMeans: NumberList?

    @Option(help: "Initial standard deviations, comma-separated.")
    var initSds: NumberList?

    @Option(help: "Initial weights, comma-separated; they must sum to 1.")
    var initWeights: NumberList?

    @Option(help: "How to start when no initial values are given: quantile (deterministic) or data-points (random data points, uses --seed).")
    var `init`: Initialization = .quantile

    @Option(help: "The stopping rule: loglik (|Δℓ| < tol), relative-loglik (|Δℓ|/|ℓ| < tol), mean-change (Σ|Δμ| < tol) or parameter-change (max|Δθ| < tol).")
    var stop: Stop = .loglik

    @Option(help: "The tolerance of the stopping rule.")
    var tol: Double = 1e-8

    @Option(help: "The most iterations EM may take.")
    var maxIterations: Int = 1000

    @Option(help: "Run exactly N iterations with no convergence test (document 001's rule).")
    var iterations: Int?

    @Option(help: "A lower bound on every variance (0: off).")
    var varianceFloor: Double = 0

    @Option(help: ArgumentHelp("Write the log-likelihood and every parameter at every iteration to this CSV file.", valueName: "file.csv"))
    var trace: String?

    @Option(help: "Output format: text (for people) or json (one object).")
    var format: Format = .text

    @OptionGroup var random: RandomOptions

    var varianceModel: EMConfiguration.Variance? { EMConfiguration.Variance(parsing: variance) }

    func validate() throws {
        guard components >= 1 else { throw ValidationError("Please give K ≥ 1 components (-k); got \(components).") }
        guard varianceModel != nil else {
            throw ValidationError("Unknown variance model '\(variance)'. Please use per-component, shared, or known=SD with SD > 0.")
        }
        for (name, list) in [("--init-means", initMeans), ("--init-sds", initSds), ("--init-weights", initWeights)] {
            if let list, list.values.count != components {
                throw ValidationError("\(name) has \(list.values.count) value\(list.values.count == 1 ? "" : "s"), but -k is \(components).")
            }
        }
        if initSds != nil, case .known = varianceModel {
            throw ValidationError("--init-sds and --variance known=SD contradict each other: a known variance is not estimated.")
        }
        if iterations != nil {
            if maxIterations != 1000 { throw ValidationError("--iterations and --max-iterations contradict each other: please give one.") }
            if tol != 1e-8 || stop != .loglik { throw ValidationError("--iterations runs a fixed number of iterations with no test: please drop --tol/--stop.") }
            guard iterations! >= 0 else { throw ValidationError("Please give --iterations ≥ 0.") }
        }
        guard maxIterations >= 1 else { throw ValidationError("Please give --max-iterations ≥ 1.") }
        guard tol > 0, tol.isFinite else { throw ValidationError("Please give a positive, finite --tol.") }
        guard varianceFloor >= 0, varianceFloor.isFinite else { throw ValidationError("Please give --variance-floor ≥ 0.") }
    }

    func run() throws {
        let data = try DataSet.read(path: file, column: column)
        try Initialization.requireDistinctValues(data, componentCount: components)
        let variance = varianceModel!
        var configuration = EMConfiguration(weights: weights, variance: variance, maxIterations: maxIterations,
                                            varianceFloor: varianceFloor, recordTrace: trace != nil)
        if let iterations {
            configuration.stoppingRule = .fixedIterations(iterations)
        } else {
            switch stop {
            case .loglik: configuration.stoppingRule = .logLikelihoodChange(tol)
            case .relativeLoglik: configuration.stoppingRule = .relativeLogLikelihoodChange(tol)
            case .meanChange: configuration.stoppingRule = .meanChange(tol)
            case .parameterChange: configuration.stoppingRule = .parameterChange(tol)
            }
        }
        let start = try startingMixture(data: data, variance: variance)
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        if let trace, let recorded = result.trace {
            try AtomicFile.write(FitReport.traceCSV(recorded, componentCount: components), to: trace)
        }
        switch format {
        case .text: print(FitReport.text(result, dataCount: data.count, configuration: configuration), terminator: "")
        case .json: print(FitReport.json(result), terminator: "")
        }
    }

    /// The start: given values where there are any, the chosen strategy for the rest.
    func startingMixture(data: [Double], variance: EMConfiguration.Variance) throws -> GaussianMixture {
        let k = components
        let automatic = try `init`.start(data: data, componentCount: k, random: random.makeSource())
        var sds = initSds?.values ?? automatic.standardDeviations
        if case .known(let sd) = variance { sds = Array(repeating: sd, count: k) }
        let defaultWeights = weights == .fixed ? Array(repeating: 1 / Double(k), count: k) : automatic.weights
        do {
            return try GaussianMixture(weights: initWeights?.values ?? defaultWeights,
                                       means: initMeans?.values ?? automatic.means, standardDeviations: sds)
        } catch let error as EMLabError {
            throw ValidationError("The initial values are not a valid mixture: \(error.message).")
        }
    }
}

extension EMConfiguration.Weights: ExpressibleByArgument {}
extension Initialization: ExpressibleByArgument {}
