import ArgumentParser
import EMLab

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw values from a Gaussian mixture and write them as CSV.",
        discussion: """
            Give the mixture (--weights, --means, --sds) or a document's preset (--preset). \
            By default each value is drawn by the latent-variable construction: a component \
            by its weight, then a normal draw from that component; --sampler replays a \
            document's own sampler instead, defects included. The CSV has the header `value` \
            (and `component`, numbered from 1, with --labels).

            A preset draws with its own seed; doc003, whose notebook fixed np.random.seed(42), \
            also draws from NumPy's legacy stream by default, so `--preset doc003` alone writes \
            the notebook's own 40 points (--stream gsl draws from GSL instead).

            Examples:
              emlab sample --weights .3,.7 --means 5,15 --sds 2,2 -n 10000 --seed 1
              emlab sample --preset doc003   (the notebook's 40 points: --stream numpy-legacy --seed 42)
              emlab sample --preset doc001 --sampler doc001-curve -n 5
            """)

    @Option(parsing: .unconditional, help: "The mixing weights, comma-separated; they must sum to 1.")
    var weights: NumberList?

    @Option(parsing: .unconditional, help: "The component means, comma-separated.")
    var means: NumberList?

    @Option(parsing: .unconditional, help: "The component standard deviations, comma-separated; each > 0.")
    var sds: NumberList?

    @Option(parsing: .unconditional, help: "A document's preset (doc000 … doc003): its truth, n, sampler and seed.")
    var preset: String?

    @Option(
        parsing: .unconditional,
        help: "How values are drawn: latent, doc000, doc001-curve, doc001-randn, doc003, bootstrap or fixed (default: latent, or the preset's own).")
    var sampler: Sampler?

    @Option(name: [.customShort("n"), .customLong("count")], parsing: .unconditional, help: "How many values to draw (default: the preset's n).")
    var count: Int?

    @Flag(help: "Add a `component` column with the component each value came from (empty where the sampler has none).")
    var labels = false

    @Option(name: [.short, .long], parsing: .unconditional, help: "Write to this file instead of standard output (written whole or not at all).")
    var output: String?

    @OptionGroup var random: RandomOptions

    func validate() throws {
        if let preset {
            try random.validate(presetStream: try documentPreset(named: preset).stream)
            guard weights == nil && means == nil && sds == nil else {
                throw ValidationError("--preset and --weights/--means/--sds contradict each other: please give one.")
            }
        } else {
            guard let weights, let means, let sds else {
                throw ValidationError("Please give the mixture (--weights, --means and --sds) or a --preset.")
            }
            do {
                _ = try GaussianMixture(weights: weights.values, means: means.values, standardDeviations: sds.values)
            } catch let error as EMLabError {
                throw ValidationError(error.message)
            }
            guard count != nil else { throw ValidationError("Please say how many values to draw (-n).") }
        }
        if let count {
            guard count >= 1 else { throw ValidationError("Please ask for at least one value (-n 1 or more); got \(count).") }
            // Each value, its component and its line of text, held at once.
            try MemoryBudget.check(48 * Double(count), for: "-n \(count)")
        }
    }

    func run() throws {
        let chosenPreset = try preset.map { try documentPreset(named: $0) }
        let truth =
            try chosenPreset.map { $0.truth }
            ?? GaussianMixture(
                weights: weights!.values, means: means!.values,
                standardDeviations: sds!.values)
        let data = chosenPreset?.data
        let chosenSampler = sampler ?? chosenPreset?.samplers.first ?? .latent
        if chosenSampler.needsData && data == nil {
            throw ValidationError("Sampler '\(chosenSampler.rawValue)' draws from a data set; only --preset doc002 has one.")
        }
        if !chosenSampler.needsData && truth == nil {
            throw ValidationError("Preset \(chosenPreset!.name) is a data set, not a mixture: use --sampler fixed or bootstrap.")
        }
        if let required = chosenSampler.requiredComponents, let truth, truth.componentCount != required {
            throw ValidationError("Sampler '\(chosenSampler.rawValue)' is written for K = \(required); this mixture has K = \(truth.componentCount).")
        }
        var n = count ?? chosenPreset?.sampleSize ?? 1
        if chosenSampler == .fixed { n = data!.count }
        let stream = try random.makeStream(defaultSeed: chosenPreset?.seed ?? 1, defaultKind: chosenPreset?.stream ?? .gsl)
        let (values, components) = chosenSampler.draw(from: truth, data: data, count: n, using: stream)
        var text = labels ? "value,component\n" : "value\n"
        text.reserveCapacity(values.count * 24)
        for i in values.indices {
            text += formatNumber(values[i])
            if labels { text += components[i] >= 0 ? ",\(components[i] + 1)" : "," }
            text += "\n"
        }
        try emit(text, to: output)
    }
}
