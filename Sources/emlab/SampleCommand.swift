import ArgumentParser
import EMLab

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw values from a Gaussian mixture and write them as CSV.",
        discussion: """
            Each value is drawn by the latent-variable construction: a component by its \
            weight, then a normal draw from that component. The CSV has the header `value` \
            (and `component`, numbered from 1, with --labels).

            Example: emlab sample --weights .3,.7 --means 5,15 --sds 2,2 -n 10000 --seed 1
            """)

    @Option(help: "The mixing weights, comma-separated; they must sum to 1.")
    var weights: NumberList

    @Option(help: "The component means, comma-separated.")
    var means: NumberList

    @Option(help: "The component standard deviations, comma-separated; each > 0.")
    var sds: NumberList

    @Option(name: [.customShort("n"), .customLong("count")], help: "How many values to draw.")
    var count: Int

    @Flag(help: "Add a `component` column with the component each value came from.")
    var labels = false

    @Option(name: [.short, .long], help: "Write to this file instead of standard output (written whole or not at all).")
    var output: String?

    @OptionGroup var random: RandomOptions

    func validate() throws {
        guard count >= 1 else { throw ValidationError("Please ask for at least one value (-n 1 or more); got \(count).") }
        do {
            _ = try GaussianMixture(weights: weights.values, means: means.values, standardDeviations: sds.values)
        } catch let error as EMLabError {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let mixture = try GaussianMixture(weights: weights.values, means: means.values, standardDeviations: sds.values)
        let source = try random.makeSource()
        let (values, components) = mixture.sample(count: count, using: source)
        var text = labels ? "value,component\n" : "value\n"
        text.reserveCapacity(count * 24)
        for i in 0..<count {
            text += formatNumber(values[i])
            if labels { text += ",\(components[i] + 1)" }
            text += "\n"
        }
        try emit(text, to: output)
    }
}
