import Foundation
import ArgumentParser
import EMLab

struct SelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Choose the number of components: AIC, BIC and ICL for every K, and a bootstrap likelihood-ratio test.",
        discussion: """
            \(DataOptions.discussion)

            Every K of --components is fitted under every variance model \
            of --variance, each by the best of --starts starts that did not collapse (start 1 by --init, \
            the others by data-points when --init is quantile, seeded from --seed), and scored by AIC, \
            BIC and ICL — lower is better, as scikit-learn's bic()/aic(); mclust's BIC, 2ℓ − p log n \
            (larger is better), is shown beside. A model whose every start collapsed has no maximum and \
            no criteria: it is listed and counted, never chosen. Every start first runs to mclust's \
            tolerance, |Δℓ|/(1 + |ℓ|) < 1e-5; only the starts whose Aitken bound still reaches the best \
            are finished to --tol (by SQUAREM where EM crawls), so the reported maxima are those of \
            --tol (Biernacki, Celeux & Govaert 2003's emEM); --no-screen finishes every start.

            --bootstrap-lrt B adds the parametric bootstrap likelihood-ratio test of K against K + 1 \
            (McLachlan 1987) for every adjacent pair: B samples from the K-component fit, both models \
            refitted by SQUAREM (EM's fixed points, in a few cycles where EM crawls) to --tol from \
            their fitted mixtures (as mclust's mclustBootstrapLRT), the K + 1 model also \
            from the K refit with its heaviest component split; p = (1 + #{T* ≥ T}) / (1 + used). \
            Failed refits are counted and left out, never redrawn. The same --seed gives the same \
            bytes, on any number of cores.

            --plot FILE.svg draws AIC, BIC and ICL against K with gnuplot (FILE.png or FILE.pdf: \
            the same as PNG or PDF); FILE.dat and FILE.gp (the data and the script) are written beside it.

            Examples:
              emlab select faithful.txt --components 1...4
              emlab select data.csv --components 1,2,3 --variance shared --starts 20
              emlab select faithful.txt --components 1...4 --bootstrap-lrt 99 --format json
              emlab select faithful.txt --components 1...6 --plot criteria.svg
              emlab select faithful.txt --components 1...4 --plot criteria.pdf
              emlab select data.csv --components 1...3 --missing skip
              emlab select my-series.txt --components 1...3 --prior mclust
              emlab select my-series.txt --components 1...3 --compare-remedies --starts 5
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The data file (`-` for standard input).")
    var file: String

    @Option(parsing: .unconditional, help: ArgumentHelp("The K values to fit: a range 1...6, or a list 1,2,3.", valueName: "list"))
    var components: ComponentList = ComponentList(ranges: [1...6])

    @Option(parsing: .unconditional, help: ArgumentHelp("The variance models, comma-separated: per-component, shared.", valueName: "models"))
    var variance: VarianceChoiceList = VarianceChoiceList([.model(.perComponent), .model(.shared)])

    @Option(parsing: .unconditional, help: ArgumentHelp("The starts per model; the best that did not collapse is kept.", valueName: "M"))
    var starts: Int = 10

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Run every start to mclust's tolerance (|Δℓ|/(1 + |ℓ|) < 1e-5), then finish only those whose Aitken bound reaches the best to --tol, by SQUAREM (the default); --no-screen runs every start to --tol."
        ))
    var screen = true

    @Option(parsing: .unconditional, help: "How start 1 of each model is made; later starts use it too, unless it is quantile (then data-points).")
    var `init`: Initialization = .quantile

    @Option(parsing: .unconditional, help: ArgumentHelp("Bootstrap likelihood-ratio test of K against K + 1 with B samples per step (0: off).", valueName: "B"))
    var bootstrapLrt: Int = 0

    @Option(parsing: .unconditional, help: "The tolerance of the stopping rule |Δℓ| < tol.")
    var tol: Double = 1e-8

    @Option(
        parsing: .unconditional,
        help:
            "The most iterations EM may take per fit (more than emlab fit's 1000: bootstrap refits of K + 1 components to K-component samples converge slowly)."
    )
    var maxIterations: Int = 5000

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Draw the criteria against K with gnuplot to this SVG, PNG or PDF file, by its extension (its .dat and .gp go beside it).",
            valueName: "file.svg|png|pdf"))
    var plot: String?

    @Option(parsing: .unconditional, help: "Output format: text (for people) or json (one object).")
    var format: Format = .text

    @OptionGroup(title: "Data file") var input: DataOptions

    @OptionGroup var random: RandomOptions

    @OptionGroup var remedies: RemedyOptions

    /// The variance models asked for: per-component and shared (a known σ has no K to choose by these criteria).
    var varianceModels: [EMConfiguration.Variance] {
        variance.choices.compactMap { $0.variance(truthSD: nil) }.filter { $0 == .perComponent || $0 == .shared }
    }

    func validate() throws {
        if let other = variance.choices.first(where: { $0 != .model(.perComponent) && $0 != .model(.shared) }) {
            throw ValidationError(
                "emlab select compares per-component and shared variances; '\(other)' is not one of them: please give per-component, shared, or both: per-component,shared."
            )
        }
        guard starts >= 1 else { throw ValidationError("Please give --starts ≥ 1; got \(starts).") }
        guard bootstrapLrt >= 0 else { throw ValidationError("Please give --bootstrap-lrt ≥ 0 (0: no test); got \(bootstrapLrt).") }
        guard tol > 0, tol.isFinite else { throw ValidationError("Please give a positive, finite --tol.") }
        guard maxIterations >= 1 else { throw ValidationError("Please give --max-iterations ≥ 1.") }
        try Limits.require(maxIterations, atMost: Limits.maximumIterations, "--max-iterations")
        // Every test keeps its B statistics (the starts are checked with the data).
        try MemoryBudget.check(Double(bootstrapLrt) * 64, for: "--bootstrap-lrt \(bootstrapLrt)")
        guard !`init`.needsTruth else { throw ValidationError("--init \(`init`) needs a known truth; a data file has none.") }
        if let plot { try validatePlotPath(plot) }
        if random.streamKind() != .gsl { throw ValidationError("emlab select draws from GSL's generators; drop --stream.") }
        try remedies.check()
    }

    func run() throws {
        let data = try input.read(file)
        try ModelSelection.requireDistinctValues(data, components: components.ranges, name: file == "-" ? "standard input" : file)
        // Only now, with every K at most the distinct values (so at most n), are the K values listed.
        let ks = components.values
        try MemoryBudget.require(
            Double(ks.count) * Double(varianceModels.count) * Double(starts) * MemoryBudget.startBytes(components: components.largest)
                + MemoryBudget.fitBytes(count: data.count, components: components.largest),
            for: "--starts \(starts) for \(ks.count * varianceModels.count) models up to K = \(components.largest) on \(data.count) values")
        var configuration = EMConfiguration(stoppingRule: .logLikelihoodChange(tol), maxIterations: maxIterations)
        configuration.collapseThreshold = FailureModes.collapseRatio * Initialization.standardDeviation(data)
        configuration.remedy = remedies.remedy
        var options = MultiStart.Options(starts: starts, initialization: `init`, random: random.recipe)
        options.screen = screen
        if remedies.compareRemedies {
            // Every remedy on the same models from the same starts (the floor in the data's units).
            let variance = Initialization.standardDeviation(data) * Initialization.standardDeviation(data)
            let selections = try SelectionRemedyReport.remedies.map { entry in
                var remedied = configuration
                remedied.remedy = entry.remedy
                remedied.varianceFloor = entry.relativeFloor * variance
                return (
                    name: entry.name,
                    selection: try ModelSelection.run(
                        data: data, components: ks, variances: varianceModels, configuration: remedied, options: options)
                )
            }
            print(format == .text ? SelectionRemedyReport.text(selections) : SelectionRemedyReport.json(selections), terminator: "")
            return
        }
        let selection = try ModelSelection.run(
            data: data, components: ks, variances: varianceModels, configuration: configuration,
            options: options)
        let lrt =
            bootstrapLrt > 0
            ? BootstrapLRT.steps(selection: selection, count: data.count, replicates: bootstrapLrt, random: random.recipe)
            : nil
        if let plot { try PlotSelection.draw(selection, count: data.count, to: plot) }
        switch format {
        case .text:
            if configuration.remedy != .none {
                print(
                    "Remedy: \(configuration.remedy) — each start keeps the best \(configuration.remedy.objectiveName); the criteria use ℓ at that estimate, as mclust's BIC with a prior does"
                )
            }
            print(
                SelectionReport.text(selection, lrt: lrt, count: data.count, options: options, configuration: configuration),
                terminator: "")
        case .json: print(SelectionReport.json(selection, lrt: lrt), terminator: "")
        }
    }
}

/// The K values of `--components`: a range `1...6` (also `1..6`) or a list `1,2,3`.
///
/// Kept as ascending ranges, never expanded until the data have shown
/// every K can be fitted (K ≤ the distinct values): `1...99999999999` is
/// refused for the data it is asked of, not by a trap allocating 10¹¹ K.
struct ComponentList: ExpressibleByArgument, Sendable {
    var ranges: [ClosedRange<Int>]

    init(ranges: [ClosedRange<Int>]) { self.ranges = ranges }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces)
        for separator in ["...", ".."] where text.contains(separator) {
            let ends = text.components(separatedBy: separator)
            guard ends.count == 2, let low = Int(ends[0]), let high = Int(ends[1]), low >= 1, low <= high else { return nil }
            ranges = [low...high]
            return
        }
        var list: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let k = Int(part.trimmingCharacters(in: .whitespaces)), k >= 1 else { return nil }
            if !list.contains(k) { list.append(k) }
        }
        guard !list.isEmpty else { return nil }
        ranges = list.sorted().map { $0...$0 }
    }

    /// Every K, ascending.
    var values: [Int] { ranges.flatMap { Array($0) } }

    /// The largest K.
    var largest: Int { ranges.last!.upperBound }

    var defaultValueDescription: String {
        ranges.count == 1 && ranges[0].count > 1
            ? "\(ranges[0].lowerBound)...\(ranges[0].upperBound)"
            : ranges.map { String($0.lowerBound) }.joined(separator: ",")
    }
    static var defaultCompletionKind: CompletionKind { .default }
}
