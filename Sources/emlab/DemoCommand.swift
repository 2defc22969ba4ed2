import ArgumentParser
import EMLab

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Sample a mixture like document 001's and fit it, showing truth beside estimate.",
        discussion: """
            The truth is π = (0.3, 0.7), μ = (5, 15), σ = (2, 2), n = 10000, drawn correctly \
            (component by weight, then its normal).

            Examples:
              emlab demo
              emlab demo -n 500 --seed 7
              emlab demo --generator ranlxd2 --normal ziggurat
            """)

    @Option(name: [.customShort("n"), .customLong("count")], parsing: .unconditional, help: "How many values to draw.")
    var count: Int = 10000

    @OptionGroup var random: RandomOptions

    func validate() throws {
        guard count >= 2 else { throw ValidationError("Please give -n 2 or more (K = 2 components need two values); got \(count).") }
        // The values, their components and the fit's responsibilities.
        try MemoryBudget.check(64 * Double(count), for: "-n \(count)")
    }

    func run() throws {
        let truth = try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
        let source = random.makeSource()
        let data = truth.sample(count: count, using: source).values
        let configuration = EMConfiguration()
        let start = try Initialization.quantile.start(data: data, componentCount: 2, random: source)
        let result = ExpectationMaximization.fit(data: data, start: start, configuration: configuration)
        print("Drew \(count) values from the truth with GSL \(random.generator), seed \(random.seed()); fitting K = 2 from a quantile start.\n")
        print(FitReport.text(result, dataCount: data.count, configuration: configuration, truth: truth), terminator: "")
        print("log-likelihood at the truth: \(formatNumber(truth.logLikelihood(data)))")
    }
}
