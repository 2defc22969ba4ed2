import ArgumentParser
import EMLab
import Foundation

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a Gaussian mixture to data by EM.",
        discussion: """
            \(DataOptions.discussion)

            With no initial values, EM starts from a deterministic quantile split of the data. \
            By default weights and per-component variances are estimated, and EM stops when the \
            log-likelihood changes by less than 1e-8 (mixtools' rule), or after 1000 iterations.

            With --preset NAME (doc000 … doc003) the document's estimator runs as written beside \
            the corrected engine, from the document's own start, on the document's data (doc002's 50 \
            values, or a sample from the document's truth drawn with its own sampler — for doc003 the \
            notebook's own 40 points, NumPy's legacy stream with seed 42, unless --stream or --seed \
            say otherwise) or on FILE if given, and EMLab says in plain words what goes wrong and why. \
            Components are numbered as the truth's, after label alignment, in the text, --trace, \
            --plot and --animate alike; --trace writes every traced fit, a `fit` column first. For a real data set it also \
            fits K = 2 and 3 carefully (many starts, collapsed fits set aside).

            With --starts M, EM runs from M starts and keeps the best fit that did not collapse: \
            start 1 is the single fit's start, starts 2…M are drawn by --init (data-points when --init \
            is the deterministic quantile) from seeds derived from --seed. Collapsed starts are set \
            aside and counted, never redrawn; the report says how many starts reached the best \
            maximum and lists the others.

            Every fit with standard errors prints Wald intervals, estimate ± z·SE at --level \
            (default 0.95). --bootstrap B adds percentile and basic intervals from B refits \
            (--bootstrap-type nonparametric resamples the data, parametric draws from the fit), each \
            started at the estimate and its labels aligned to it; refits that collapsed or hit the \
            cap are counted and kept, never redrawn, and the intervals are shown over all refits \
            and over the clean ones. --posteriors FILE.csv writes each value's responsibilities \
            (tau1…tauK), its MAP component and mclust's uncertainty 1 − max τ. --save FILE.json \
            writes the fitted model (estimates, model options, how the fit ended, a data summary, \
            EMLab's version) for `emlab score` to apply to other data.

            --plot FILE.svg draws the histogram (a Freedman–Diaconis bin width, or --bins/--bin-width) \
            with each weighted component density, the mixture, the truth dashed when known, and the \
            log-likelihood trace; with --preset, the estimate as written beside the corrected one; \
            FILE.png or FILE.pdf draw the same as PNG or PDF (gnuplot's pngcairo and pdfcairo). \
            --animate FILE.html writes a self-contained page that plays EM iteration by iteration.

            Examples:
              emlab sample --weights .3,.7 --means 5,15 --sds 2,2 -n 500 | emlab fit - -k 2
              emlab fit faithful.txt -k 2 --starts 20 --seed 7 --posteriors posteriors.csv
              emlab fit data.csv -k 3 --starts 50 --init kmeans++ --level 0.9 --format json
              emlab fit faithful.txt -k 2 --bootstrap 999 --bootstrap-type parametric --seed 3
              emlab fit --preset doc002
              emlab fit my-series.txt --preset doc002
              emlab fit faithful.txt -k 2 --plot fit.svg --animate em.html
              emlab fit faithful.txt -k 2 --plot fit.png
              emlab fit data.csv -k 2 --column value --missing skip
              tr , '\\t' < data.csv | emlab fit - -k 2 --delimiter tab
              emlab fit --preset doc000 --plot doc000.svg
              emlab fit faithful.txt -k 2 --save model.json
              emlab fit my-series.txt -k 3 --prior mclust
              emlab fit my-series.txt -k 3 --variance-ratio 12 --format json
              emlab fit faithful.txt -k 2 --penalty chen-tan --accelerate squarem
              emlab fit my-series.txt -k 3 --compare-remedies --seed 1
              emlab fit faithful.txt -k 2 --accelerate daarem --stop parameter-change --tol 1e-8
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum Accelerate: String, ExpressibleByArgument, CaseIterable { case none, squarem, anderson, daarem, qn, pem }

    @Argument(help: "The data file (`-` for standard input); optional with --preset.")
    var file: String?

    @Option(
        name: [.customShort("k"), .customLong("components")], parsing: .unconditional,
        help: "The number of components, K ≥ 1 (with --preset: the K values to fit a real data set with, default 2 and 3).")
    var components: Int?

    @Option(parsing: .unconditional, help: "Compare a document's estimator as written with the corrected one (doc000 … doc003; see `emlab presets`).")
    var preset: String?

    @Option(parsing: .unconditional, help: "With --preset and no FILE: how the data are drawn (default: the document's own sampler).")
    var sampler: Sampler?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "How variances are modelled: per-component, shared, or known=SD (every component has this known standard deviation).", valueName: "model"))
    var variance: EMConfiguration.VarianceChoice = .model(.perComponent)

    @Option(parsing: .unconditional, help: "Whether the weights are estimated (free) or kept at their start (fixed; 1/K unless --init-weights).")
    var weights: EMConfiguration.Weights = .free

    @Option(parsing: .unconditional, help: "Initial means, comma-separated (one per component).")
    var initMeans: NumberList?

    @Option(parsing: .unconditional, help: "Initial standard deviations, comma-separated.")
    var initSds: NumberList?

    @Option(parsing: .unconditional, help: "Initial weights, comma-separated; they must sum to 1.")
    var initWeights: NumberList?

    @Option(
        parsing: .unconditional,
        help:
            "How to start when no initial values are given: quantile (deterministic), data-points, uniform, random-responsibilities, kmeans++, kmeans, small-em (random ones use --seed), far (deliberately bad: identical components in the lowest tenth), or doc000/doc001/doc002."
    )
    var `init`: Initialization = .quantile

    @Option(
        parsing: .unconditional,
        help:
            "The stopping rule: loglik (|Δℓ| < tol), relative-loglik (|Δℓ|/|ℓ| < tol), mclust (|Δℓ|/(1+|ℓ|) < tol), aitken (Aitken's estimate of the remaining increase of ℓ < tol), mean-change (Σ|Δμ| < tol), parameter-change (max|Δθ| < tol), or iterations (exactly --iterations N)."
    )
    var stop: EMConfiguration.StoppingRule.Kind = .loglik

    @Option(parsing: .unconditional, help: "The tolerance of the stopping rule.")
    var tol: Double = 1e-8

    @Option(parsing: .unconditional, help: "The most iterations EM may take (accelerated: the most E-step passes).")
    var maxIterations: Int = 1000

    @Option(
        parsing: .unconditional, help: "Run exactly N iterations with no convergence test (document 001's rule; accelerated, N accepted updates).")
    var iterations: Int?

    @Option(
        parsing: .unconditional,
        help:
            "Accelerate EM: none, squarem (Varadhan & Roland 2008), anderson (Walker & Ni 2011), daarem (Henderson & Varadhan 2019), qn (Zhou, Alexander & Lange 2011) or pem (Berlinet & Roland 2009); same maximum, fewer E-steps."
    )
    var accelerate: Accelerate = .none

    @Option(parsing: .unconditional, help: ArgumentHelp("SQUAREM's step-length scheme: 1, 2 or 3 (default 3).", valueName: "scheme"))
    var squaremScheme: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "How far SQUAREM lets ℓ fall below the last accepted point before it rejects an extrapolation (default 1; 0: monotone).", valueName: "x"))
    var objfnInc: Double?

    @OptionGroup var accelerators: AccelerationOptions

    @Option(parsing: .unconditional, help: "A lower bound on every variance (0: off).")
    var varianceFloor: Double = 0

    @Option(parsing: .unconditional, help: "A lower bound on every variance relative to the data's variance, e.g. 1e-3 (0: off); the larger floor wins.")
    var varianceFloorRelative: Double = 0

    @Option(parsing: .unconditional, help: "Restart a fit that collapsed, degenerated or went non-finite from a new start (--init), up to N times.")
    var restarts: Int = 0

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Run EM from M starts and keep the best fit that did not collapse (start 1 as a single fit; starts 2…M by --init, or data-points when --init is quantile).",
            valueName: "M"))
    var starts: Int = 1

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "With M > 1 starts: run every start to mclust's tolerance (|Δℓ|/(1 + |ℓ|) < 1e-5), then finish only those whose Aitken bound reaches the best to --tol, by SQUAREM — emlab select's default; fast, but the maxima listed for unfinished starts are their screened values. Off by default: every start runs to --tol."
        ))
    var screen = false

    @Option(parsing: .unconditional, help: "The coverage of the Wald intervals, in (0, 1).")
    var level: Double = 0.95

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Write each value's responsibilities, MAP component and uncertainty (1 − max τ) to this CSV file.", valueName: "file.csv"))
    var posteriors: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Write the fitted model (estimates, model options, data summary, version) to this JSON file, for `emlab score`.", valueName: "file.json"))
    var save: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Bootstrap intervals from B refits started at the estimate (0: off).", valueName: "B"))
    var bootstrap: Int = 0

    @Option(parsing: .unconditional, help: "How bootstrap samples are drawn: nonparametric (the data resampled) or parametric (from the fitted mixture).")
    var bootstrapType: BootstrapIntervals.Kind = .nonparametric

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Write the log-likelihood and every parameter at every iteration to this CSV file (with --preset: every traced fit, a `fit` column first).",
            valueName: "file.csv"))
    var trace: String?

    @Option(parsing: .unconditional, help: "Output format: text (for people) or json (one object).")
    var format: Format = .text

    @OptionGroup var pictures: PictureOptions

    @OptionGroup var remedies: RemedyOptions

    @OptionGroup(title: "Data file") var input: DataOptions

    @OptionGroup var random: RandomOptions

    /// The variance model; nil for `known`, which takes σ from a truth a data file does not have.
    var varianceModel: EMConfiguration.Variance? { variance.variance(truthSD: nil) }

    func run() throws {
        if let preset { return try comparePreset(try documentPreset(named: preset)) }
        let data = try input.read(file!)
        if remedies.compareRemedies { return try compareRemedies(data: data) }
        let outcome: FitOutcome
        do {
            outcome = try request.run(data: data)
        } catch let error as EMLabError where error.exitStatus == ExitCode.validationFailure.rawValue {
            // A usage error found with the data (initial values that make no mixture) is reported as one found before.
            throw ValidationError(error.message.prefix(1).uppercased() + error.message.dropFirst() + ".")
        }
        let k = outcome.request.componentCount
        if let trace, let recorded = outcome.result.trace { try AtomicFile.write(FitReport.traceCSV(recorded, componentCount: k), to: trace) }
        if let posteriors { try AtomicFile.write(Posteriors(data: data, mixture: outcome.result.mixture).csv(data: data), to: posteriors) }
        // A fit without an estimate has no model to save; the degenerate fit's error below says so.
        if let save, !outcome.isDegenerate { try AtomicFile.write(try SavedModel(outcome: outcome).json, to: save) }
        try pictures.draw(
            data: data, fits: [FitPicture.Fit(label: "EM, K = \(k), \(`init`.name) start", result: outcome.result)], truth: nil,
            subtitle: "\(data.count) values from \(file == "-" ? "standard input" : file!)" + (starts > 1 ? "; the best of \(starts) starts" : ""),
            basinsModel: outcome.request.configuration)
        print(format == .text ? FitReport.text(outcome) : FitReport.json(outcome), terminator: "")
        // A degenerate fit is reported whole, and is not a success.
        if let message = FitReport.degenerateMessage(outcome, afterJSON: format == .json) {
            FileHandle.standardError.write(Data("Error: \(message).\n".utf8))
            throw ExitCode(1)
        }
    }
}
