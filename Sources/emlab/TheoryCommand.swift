import ArgumentParser
import EMLab

struct TheoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theory",
        abstract: "How fast EM should converge on a true mixture, before any data exist.",
        discussion: """
            Computes, as expectations under the true mixture (GSL's adaptive quadrature), the \
            complete, missing and observed information per observation, the rate matrix \
            J = I_c⁻¹ I_m and its eigenvalues. The largest, λ, is EM's rate near the maximum: each \
            step leaves λ of the distance and λ² of the log-likelihood still to gain.

            With -n it also gives the standard errors to expect at n, and how many iterations the \
            stopping rule needs from a start (the population version of the quantile start unless \
            --start-means is given).

            Examples:
              emlab theory --weights .5,.5 --means 0,1 --sds 1,1
              emlab theory --weights .5,.5 --means 0,3 --sds 1,1 -n 1000 --tol 1e-10
              emlab theory --weights .5,.5 --means -1,1 --sds 1,1 --variance known --fixed-weights
              emlab theory --weights .2,.8 --means 0,2 --sds 1,1 --format json
            """)

    @Option(parsing: .unconditional, help: "The true weights, comma-separated; they must sum to 1.")
    var weights: NumberList

    @Option(parsing: .unconditional, help: "The true means, comma-separated.")
    var means: NumberList

    @Option(parsing: .unconditional, help: "The true standard deviations, comma-separated.")
    var sds: NumberList

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The variance model: per-component, shared (one σ² for all), known (σ is the true one, not estimated) or known=SD (the same, SD being the true sds); shared and known need equal sds.",
            valueName: "model"))
    var variance: EMConfiguration.VarianceChoice = .model(.perComponent)

    @Flag(help: "The weights are fixed (not estimated).")
    var fixedWeights = false

    @Option(
        name: [.customShort("n"), .long], parsing: .unconditional,
        help: "A sample size: adds the standard errors to expect and the iterations the stopping rule needs.")
    var sampleSize: Int?

    @Option(parsing: .unconditional, help: "The stopping rule the iteration count is for: loglik (|Δℓ| < tol) or relative-loglik (|Δℓ|/|ℓ| < tol).")
    var stop: EMConfiguration.StoppingRule.Kind = .loglik

    @Option(parsing: .unconditional, help: "The tolerance of the stopping rule.")
    var tol: Double = 1e-8

    @Option(parsing: .unconditional, help: "The start of the prediction: its means (default: the population's quantile start).")
    var startMeans: NumberList?

    @Option(parsing: .unconditional, help: "The start's standard deviations (default: the quantile start's).")
    var startSds: NumberList?

    @Option(parsing: .unconditional, help: "The start's weights (default: the quantile start's).")
    var startWeights: NumberList?

    @Option(parsing: .unconditional, help: "Output format: text (for people) or json (one object).")
    var format: FitCommand.Format = .text

    func truth() throws -> GaussianMixture {
        do {
            return try GaussianMixture(weights: weights.values, means: means.values, standardDeviations: sds.values)
        } catch let error as EMLabError {
            throw ValidationError("The truth is not a valid mixture: \(error.message).")
        }
    }

    func varianceModel(_ truth: GaussianMixture) throws -> EMConfiguration.Variance {
        let sdList = sds.values.map(formatNumber).joined(separator: ", ")
        guard variance != .model(.perComponent) else { return .perComponent }
        // Shared and known models hold the truth only when its sds are equal.
        guard Set(truth.standardDeviations).count == 1 else {
            throw ValidationError("--variance \(variance) needs equal true sds (the truth must be in the model); got \(sdList).")
        }
        let model = variance.variance(truthSD: truth.standardDeviations[0])!
        if case .known(let sd) = model, sd != truth.standardDeviations[0] {
            throw ValidationError(
                "--variance \(variance) says every σ is \(formatNumber(sd)), but the true sds are \(sdList): the truth must be in the model (give known=\(formatNumber(truth.standardDeviations[0])), or known)."
            )
        }
        return model
    }

    /// Throws unless doubles can integrate over the truth: each component's
    /// μ ± 40σ finite, and σ not lost in μ's rounding (μ ± 3σ ≠ μ).
    func requireIntegrable(_ truth: GaussianMixture) throws {
        if let j = truth.weights.firstIndex(where: { $0 <= 0 }) {
            throw ValidationError("True weight \(j + 1) is 0: that component does not exist, and its parameters have no information; please drop it.")
        }
        for j in 0..<truth.componentCount {
            let mu = truth.means[j], s = truth.standardDeviations[j]
            guard (mu - 40 * s).isFinite, (mu + 40 * s).isFinite, mu - 3 * s < mu, mu + 3 * s > mu else {
                throw ValidationError(
                    "Component \(j + 1) (mean \(formatNumber(mu)), sd \(formatNumber(s))) is beyond what doubles integrate over (μ ± 40σ must be finite and σ above μ's rounding): please give the truth in other units."
                )
            }
        }
    }

    func validate() throws {
        let truth = try truth()
        _ = try varianceModel(truth)
        try requireIntegrable(truth)
        // The information matrices are (3K − 1)² each; a handful are held at once.
        let p = 3 * Double(truth.componentCount)
        try MemoryBudget.check(64 * p * p, for: "a truth of \(truth.componentCount) components")
        if let sampleSize { guard sampleSize >= 1 else { throw ValidationError("Please give -n ≥ 1; got \(sampleSize).") } }
        guard tol > 0 && tol.isFinite else { throw ValidationError("Please give a positive, finite --tol.") }
        let k = truth.componentCount
        for (name, list) in [("--start-means", startMeans), ("--start-sds", startSds), ("--start-weights", startWeights)] {
            if let list, list.values.count != k {
                throw ValidationError("\(name) has \(list.values.count) value\(list.values.count == 1 ? "" : "s"), but the truth has \(k) components.")
            }
            if list != nil && sampleSize == nil { throw ValidationError("\(name) is the start of an iteration count: please give -n too.") }
        }
        if (startSds != nil || startWeights != nil) && startMeans == nil {
            throw ValidationError("Please give --start-means with --start-sds or --start-weights.")
        }
        guard stop == .loglik || stop == .relativeLoglik else {
            throw ValidationError("--stop \(stop.rawValue) has no iteration count by theory; please use loglik or relative-loglik.")
        }
    }

    func run() throws {
        let truth = try truth()
        let variance = try varianceModel(truth)
        var start: GaussianMixture?
        if let startMeans {
            let quantile = PopulationTheory.quantileStart(of: truth, componentCount: truth.componentCount)
            do {
                start = try GaussianMixture(
                    weights: startWeights?.values ?? quantile.weights, means: startMeans.values,
                    standardDeviations: startSds?.values ?? quantile.standardDeviations)
            } catch let error as EMLabError {
                throw ValidationError("The start is not a valid mixture: \(error.message).")
            }
        }
        let rule: EMConfiguration.StoppingRule = stop == .loglik ? .logLikelihoodChange(tol) : .relativeLogLikelihoodChange(tol)
        let analysis: PopulationAnalysis
        do {
            analysis = try PopulationAnalysis(
                truth: truth, weights: fixedWeights ? .fixed : .free, variance: variance,
                sampleSize: sampleSize, start: start, stoppingRule: rule)
        } catch let error as EMLabError where error.code == .gsl {
            // Scales far apart (sds 1e-300 and 1), or a start far from the truth, are beyond GSL's quadrature.
            throw EMLabError(
                .gsl,
                "the expectations under this truth\(start == nil ? "" : " from this start") cannot be computed: \(error.message); components of very different scales, or a start far from the truth, are beyond the quadrature"
            )
        }
        switch format {
        case .text: print(TheoryReport.text(analysis), terminator: "")
        case .json: print(TheoryReport.json(analysis), terminator: "")
        }
    }
}
