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
            (tau1…tauK), its MAP component and mclust's uncertainty 1 − max τ.

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
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum Accelerate: String, ExpressibleByArgument, CaseIterable { case none, squarem }

    @Argument(help: "The data file (`-` for standard input); optional with --preset.")
    var file: String?

    @Option(name: [.customShort("k"), .customLong("components")], parsing: .unconditional, help: "The number of components, K ≥ 1 (with --preset: the K values to fit a real data set with, default 2 and 3).")
    var components: Int?

    @Option(help: "Compare a document's estimator as written with the corrected one (doc000 … doc003; see `emlab presets`).")
    var preset: String?

    @Option(help: "With --preset and no FILE: how the data are drawn (default: the document's own sampler).")
    var sampler: Sampler?

    @Option(help: ArgumentHelp("How variances are modelled: per-component, shared, or known=SD (every component has this known standard deviation).", valueName: "model"))
    var variance: EMConfiguration.VarianceChoice = .model(.perComponent)

    @Option(help: "Whether the weights are estimated (free) or kept at their start (fixed; 1/K unless --init-weights).")
    var weights: EMConfiguration.Weights = .free

    @Option(parsing: .unconditional, help: "Initial means, comma-separated (one per component).")
    var initMeans: NumberList?

    @Option(parsing: .unconditional, help: "Initial standard deviations, comma-separated.")
    var initSds: NumberList?

    @Option(parsing: .unconditional, help: "Initial weights, comma-separated; they must sum to 1.")
    var initWeights: NumberList?

    @Option(help: "How to start when no initial values are given: quantile (deterministic), data-points, uniform, random-responsibilities, kmeans++, kmeans, small-em (random ones use --seed), or doc000/doc001/doc002.")
    var `init`: Initialization = .quantile

    @Option(help: "The stopping rule: loglik (|Δℓ| < tol), relative-loglik (|Δℓ|/|ℓ| < tol), mclust (|Δℓ|/(1+|ℓ|) < tol), aitken (Aitken's estimate of the remaining increase of ℓ < tol), mean-change (Σ|Δμ| < tol), parameter-change (max|Δθ| < tol), or iterations (exactly --iterations N).")
    var stop: EMConfiguration.StoppingRule.Kind = .loglik

    @Option(parsing: .unconditional, help: "The tolerance of the stopping rule.")
    var tol: Double = 1e-8

    @Option(parsing: .unconditional, help: "The most iterations EM may take (with --accelerate squarem: the most E-step passes).")
    var maxIterations: Int = 1000

    @Option(parsing: .unconditional, help: "Run exactly N iterations with no convergence test (document 001's rule; with --accelerate squarem, N SQUAREM cycles).")
    var iterations: Int?

    @Option(help: "Accelerate EM: none, or squarem (Varadhan & Roland 2008; same maximum, fewer E-steps).")
    var accelerate: Accelerate = .none

    @Option(parsing: .unconditional, help: ArgumentHelp("SQUAREM's step-length scheme: 1, 2 or 3 (default 3).", valueName: "scheme"))
    var squaremScheme: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("How far SQUAREM lets ℓ fall below the last accepted point before it rejects an extrapolation (default 1; 0: monotone).", valueName: "x"))
    var objfnInc: Double?

    @Option(parsing: .unconditional, help: "A lower bound on every variance (0: off).")
    var varianceFloor: Double = 0

    @Option(parsing: .unconditional, help: "A lower bound on every variance relative to the data's variance, e.g. 1e-3 (0: off); the larger floor wins.")
    var varianceFloorRelative: Double = 0

    @Option(parsing: .unconditional, help: "Restart a fit that collapsed, degenerated or went non-finite from a new start (--init), up to N times.")
    var restarts: Int = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Run EM from M starts and keep the best fit that did not collapse (start 1 as a single fit; starts 2…M by --init, or data-points when --init is quantile).", valueName: "M"))
    var starts: Int = 1

    @Option(parsing: .unconditional, help: "The coverage of the Wald intervals, in (0, 1).")
    var level: Double = 0.95

    @Option(help: ArgumentHelp("Write each value's responsibilities, MAP component and uncertainty (1 − max τ) to this CSV file.", valueName: "file.csv"))
    var posteriors: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Bootstrap intervals from B refits started at the estimate (0: off).", valueName: "B"))
    var bootstrap: Int = 0

    @Option(help: "How bootstrap samples are drawn: nonparametric (the data resampled) or parametric (from the fitted mixture).")
    var bootstrapType: BootstrapIntervals.Kind = .nonparametric

    @Option(help: ArgumentHelp("Write the log-likelihood and every parameter at every iteration to this CSV file (with --preset: every traced fit, a `fit` column first).", valueName: "file.csv"))
    var trace: String?

    @Option(help: "Output format: text (for people) or json (one object).")
    var format: Format = .text

    @Option(help: ArgumentHelp("Draw the fit with gnuplot as SVG, PNG or PDF, by the file's extension: histogram, each weighted component density, the mixture, the truth when known, and the log-likelihood trace.", valueName: "file.svg|png|pdf"))
    var plot: String?

    @Option(help: ArgumentHelp("Write a self-contained page that plays EM iteration by iteration (slider and play button).", valueName: "file.html"))
    var animate: String?

    @Option(parsing: .unconditional, help: "The histogram's number of bins for --plot/--animate (default: a Freedman–Diaconis bin width).")
    var bins: Int?

    @Option(parsing: .unconditional, help: "The histogram's bin width for --plot/--animate (default: Freedman–Diaconis).")
    var binWidth: Double?

    @OptionGroup(title: "Data file") var input: DataOptions

    @OptionGroup var random: RandomOptions

    /// The variance model; nil for `known`, which takes σ from a truth a data file does not have.
    var varianceModel: EMConfiguration.Variance? { variance.variance(truthSD: nil) }

    func validate() throws {
        try validatePictures()
        if let preset {
            try random.validate(presetStream: try documentPreset(named: preset).stream)
            if let components, components < 1 { throw ValidationError("Please give K ≥ 1 components (-k); got \(components).") }
            guard format == .text else { throw ValidationError("--preset prints a comparison for people; --format json goes with a plain fit.") }
            guard accelerate == .none else { throw ValidationError("--preset runs the documents' estimators as written; --accelerate goes with a plain fit.") }
            guard starts == 1, posteriors == nil, bootstrap == 0 else {
                throw ValidationError("--preset prints a comparison for people; --starts, --posteriors and --bootstrap go with a plain fit.")
            }
            return
        }
        guard file != nil else { throw ValidationError("Please give a data file (or - for standard input), or a --preset.") }
        guard let components else { throw ValidationError("Please give the number of components with -k.") }
        guard components >= 1 else { throw ValidationError("Please give K ≥ 1 components (-k); got \(components).") }
        guard varianceModel != nil else {
            throw ValidationError("--variance known takes σ from a known truth, and a data file has none: please give it, e.g. --variance known=2.")
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
            if tol != 1e-8 || (stop != .loglik && stop != .iterations) {
                throw ValidationError("--iterations runs a fixed number of iterations with no test: please drop --tol/--stop.")
            }
            guard iterations! >= 0 else { throw ValidationError("Please give --iterations ≥ 0.") }
            try Limits.require(iterations!, atMost: Limits.maximumIterations, "--iterations")
            if trace != nil || plot != nil || animate != nil {
                try MemoryBudget.check(Double(iterations!) * (Limits.mixtureBytes(components) + 16),
                                       for: "--iterations \(iterations!) with a trace of \(components) components")
            }
        } else if stop == .iterations {
            throw ValidationError("--stop iterations runs a fixed number of iterations: please give it with --iterations N.")
        }
        guard maxIterations >= 1 else { throw ValidationError("Please give --max-iterations ≥ 1.") }
        try Limits.require(maxIterations, atMost: Limits.maximumIterations, "--max-iterations")
        guard tol > 0, tol.isFinite else { throw ValidationError("Please give a positive, finite --tol.") }
        guard varianceFloor >= 0, varianceFloor.isFinite else { throw ValidationError("Please give --variance-floor ≥ 0.") }
        guard varianceFloorRelative >= 0, varianceFloorRelative.isFinite else { throw ValidationError("Please give --variance-floor-relative ≥ 0.") }
        guard restarts >= 0 else { throw ValidationError("Please give --restarts ≥ 0.") }
        try Limits.require(restarts, atMost: Limits.maximumRestarts, "--restarts", why: "a fit that fails from that many fresh starts is not rescued by more")
        guard starts >= 1 else { throw ValidationError("Please give --starts ≥ 1; got \(starts).") }
        if starts > 1 && restarts > 0 {
            throw ValidationError("--starts sets a collapsed start aside and counts it; --restarts redraws it: please give one of them.")
        }
        guard level > 0 && level < 1 else { throw ValidationError("Please give --level in (0, 1), e.g. 0.95; got \(formatNumber(level)).") }
        guard bootstrap == 0 || bootstrap >= 2 else { throw ValidationError("Please give --bootstrap B ≥ 2 (0: off); got \(bootstrap).") }
        if bootstrapType != .nonparametric && bootstrap == 0 { throw ValidationError("--bootstrap-type goes with --bootstrap B.") }
        if accelerate == .none {
            if squaremScheme != nil { throw ValidationError("--squarem-scheme goes with --accelerate squarem.") }
            if objfnInc != nil { throw ValidationError("--objfn-inc goes with --accelerate squarem.") }
        }
        if let squaremScheme, SQUAREMOptions.Scheme(rawValue: squaremScheme) == nil {
            throw ValidationError("Please give --squarem-scheme 1, 2 or 3; got \(squaremScheme).")
        }
        if let objfnInc, !(objfnInc >= 0) { throw ValidationError("Please give --objfn-inc ≥ 0 (0: monotone).") }
    }

    /// Checks --plot, --animate, --bins and --bin-width before any work, so a
    /// bad path fails at once and nothing is written.
    func validatePictures() throws {
        if bins != nil || binWidth != nil {
            guard plot != nil || animate != nil else { throw ValidationError("--bins and --bin-width go with --plot or --animate.") }
            guard bins == nil || binWidth == nil else { throw ValidationError("--bins and --bin-width contradict each other: please give one.") }
        }
        if let bins, bins < 1 || bins > HistogramBins.maximumBins {
            throw ValidationError("Please give --bins between 1 and \(HistogramBins.maximumBins); got \(bins).")
        }
        if let binWidth, !(binWidth > 0 && binWidth.isFinite) { throw ValidationError("Please give a positive, finite --bin-width.") }
        if let plot { try validatePlotPath(plot) }
        if let animate {
            guard animate.lowercased().hasSuffix(".html") else { throw ValidationError("--animate writes a .html file; please give a name ending in .html, e.g. fit.html.") }
            try validateOutputFolder(animate, option: "--animate")
        }
        if animate != nil && starts > 1 {
            throw ValidationError("--animate plays one fit; --starts runs many: please drop one of them.")
        }
    }

    /// Draws what --plot and --animate ask for.
    ///
    /// - Parameters:
    ///   - data: the values fitted.
    ///   - fits: the fits, labelled.
    ///   - truth: the truth, when known.
    ///   - subtitle: where the data came from.
    func drawPictures(data: [Double], fits: [FitPicture.Fit], truth: GaussianMixture?, subtitle: String) throws {
        guard plot != nil || animate != nil else { return }
        let picture = FitPicture(data: data, fits: fits, truth: truth, binWidth: binWidth, binCount: bins, subtitle: subtitle)
        if let plot { try FitPlot.write(picture, to: plot) }
        if let animate { try EMAnimationPage.write(picture, to: animate) }
    }

    /// The acceleration the options ask for.
    var acceleration: EMConfiguration.Acceleration {
        guard accelerate == .squarem else { return .none }
        var options = SQUAREMOptions()
        if let squaremScheme, let scheme = SQUAREMOptions.Scheme(rawValue: squaremScheme) { options.scheme = scheme }
        if let objfnInc { options.objectiveIncrease = objfnInc }
        return .squarem(options)
    }

    func run() throws {
        if let preset { return try comparePreset(try documentPreset(named: preset)) }
        let components = self.components!
        let data = try input.read(file!)
        try Initialization.requireDistinctValues(data, componentCount: components)
        // K is now at most the distinct values: what the fit, every start and every refit keep must fit in memory.
        try MemoryBudget.require(Limits.fitBytes(count: data.count, components: components), for: "-k \(components) on \(data.count) values")
        try MemoryBudget.require(Double(starts) * Limits.startBytes(components), for: "--starts \(starts) with K = \(components)")
        try MemoryBudget.require(Double(bootstrap) * (Limits.mixtureBytes(components) + 24 * Double(components) + 64),
                                 for: "--bootstrap \(bootstrap) with K = \(components)")
        // EM runs on the data standardised and reports in their units, so no unit of measurement is too large or too small.
        let standard = try StandardizedFit(data: data)
        let variance = varianceModel!
        var configuration = EMConfiguration(weights: weights, variance: variance, maxIterations: maxIterations,
                                            varianceFloor: varianceFloor, recordTrace: trace != nil || plot != nil || animate != nil)
        configuration.stoppingRule = iterations.map { .fixedIterations($0) } ?? stop.rule(tolerance: tol)
        configuration.acceleration = acceleration
        let source = try random.makeSource()
        let start = try startingMixture(data: data, variance: variance, random: source, standard: standard)
        // The floor the fit runs with, in the data's units (absolute or relative to the data's variance).
        var fitted = configuration
        let dataSD = Initialization.standardDeviation(data)
        fitted.varianceFloor = max(varianceFloor, varianceFloorRelative * dataSD * dataSD)
        var result: FitResult
        var restarted = 0
        var search: MultiStart?
        var standardizedFit: FitResult?
        let assessment: FailureModes.Assessment
        let startOptions = MultiStart.Options(
            starts: starts, initialization: `init`, seed: random.seed(), generator: random.generator, normalMethod: random.normal,
            fixedWeights: weights == .fixed ? (initWeights?.values ?? Array(repeating: 1 / Double(components), count: components)) : nil)
        if starts > 1 {
            // Several starts run on the data as given (a single fit runs standardised).
            let found = try MultiStart.run(data: data, firstStart: start, firstSeed: random.seed(), configuration: fitted,
                                           options: startOptions)
            let shown = found.outcomes[found.bestIndex ?? 0]
            (result, search) = (shown.result, found)
            assessment = FailureModes.assess(result, dataSD: dataSD, count: data.count, best: found.best?.logLikelihood ?? .nan,
                                             truth: nil, start: shown.start, restarts: 0, varianceFloor: fitted.varianceFloor)
        } else {
            let fit = try standard.fit(start: start, configuration: configuration, relativeVarianceFloor: varianceFloorRelative,
                                       maxRestarts: restarts) {
                try startingMixture(data: data, variance: variance, random: source, standard: standard, fresh: true)
            }
            (result, restarted, assessment) = (fit.result, fit.restarts, fit.assessment)
            standardizedFit = fit.standardizedResult
        }
        if let trace, let recorded = result.trace {
            try AtomicFile.write(FitReport.traceCSV(recorded, componentCount: components), to: trace)
        }
        if let posteriors {
            try AtomicFile.write(Posteriors(data: data, mixture: result.mixture).csv(data: data), to: posteriors)
        }
        // The information is computed where the fit ran, on the standardised
        // data (so no scale overflows it), and mapped back to the data's units.
        let analysis = standardizedFit.map {
            standard.restore(ConvergenceAnalysis(result: $0, data: standard.standardized,
                                                 configuration: standard.standardized(fitted)))
        } ?? ConvergenceAnalysis(result: result, data: data, configuration: fitted)
        let intervals = analysis.standardErrors.map { WaldIntervals(mixture: result.mixture, standardErrors: $0, level: level) }
        let bootstrapped = bootstrap > 0 && !MultiStart.isSetAside(result)
            ? try BootstrapIntervals.run(data: data, fit: result.mixture, configuration: fitted, kind: bootstrapType,
                                         replicates: bootstrap, level: level, seed: random.seed(), generator: random.generator,
                                         normalMethod: random.normal)
            : nil
        // AIC, BIC and ICL as `emlab select` scores a model.
        let criteria = FitCriteria.criteria(result: result, data: data, configuration: fitted)
        let dataSource = file == "-" ? "standard input" : file!
        try drawPictures(data: data, fits: [FitPicture.Fit(label: "EM, K = \(components), \(`init`.name) start", result: result)], truth: nil,
                         subtitle: "\(data.count) values from \(dataSource)" + (starts > 1 ? "; the best of \(starts) starts" : ""))
        switch format {
        case .text:
            print(FitReport.text(result, dataCount: data.count, configuration: configuration), terminator: "")
            print("")
            print(FitCriteria.text(criteria), terminator: "")
            if let search {
                print("")
                print(InferenceReport.startsText(search, options: startOptions), terminator: "")
            }
            print("")
            print(ConvergenceReport.text(analysis, result: result, configuration: configuration), terminator: "")
            if let intervals {
                print("")
                print(InferenceReport.intervalsText(intervals), terminator: "")
            }
            if let bootstrapped {
                print("")
                print(InferenceReport.bootstrapText(bootstrapped, estimate: result.mixture), terminator: "")
            } else if bootstrap > 0 {
                print("\nBootstrap: not run — the fit collapsed, degenerated or went non-finite, so there is no estimate to start the refits from.")
            }
            let diagnosis = FitDiagnosis.lines(for: result, data: data, assessment: assessment, maxIterations: maxIterations, restarts: restarted,
                                               request: FitDiagnosis.Request(initialization: `init`, variance: variance, varianceFloor: varianceFloor,
                                                                             relativeVarianceFloor: varianceFloorRelative, maxRestarts: restarts,
                                                                             stoppingRule: configuration.stoppingRule,
                                                                             accelerated: configuration.acceleration != .none))
            if !diagnosis.isEmpty {
                print("\nWhat went wrong:")
                for line in diagnosis { print("- \(line)") }
            }
        case .json:
            var extra = FitCriteria.jsonPairs(criteria) + ConvergenceReport.jsonPairs(analysis, result: result, configuration: configuration)
            if let intervals { extra.append(("intervals", InferenceReport.intervalsJSON(intervals))) }
            if bootstrap > 0 { extra.append(("bootstrap", bootstrapped.map(InferenceReport.bootstrapJSON) ?? "null")) }
            extra += InferenceReport.startsJSONPairs(search ?? MultiStart(single: start, result: result, seed: random.seed()))
            print(FitReport.json(result, extra: extra), terminator: "")
        }
        // A degenerate fit is reported whole, and is not a success.
        if FitReport.isDegenerate(result) {
            FileHandle.standardError.write(Data("Error: the fit \(result.stopReason == .nonFinite ? "went non-finite" : "degenerated") and has no estimate (stop: \(result.stopReason.rawValue)); \(format == .text ? "see the report above" : "the JSON above says what it ended with").\n".utf8))
            throw ExitCode(1)
        }
    }

    /// `--preset`: the document's estimator as written beside the corrected one, and the diagnosis.
    func comparePreset(_ preset: DocumentPreset) throws {
        let stream = try random.makeStream(defaultSeed: preset.seed ?? 1, defaultKind: preset.stream)
        var drawnWith: (sampler: Sampler, labels: [Int])?
        let data: [Double]
        var truth = preset.truth
        if let file {
            data = try input.read(file)
            truth = nil
            print("Data: \(data.count) values from \(file == "-" ? "standard input" : file).")
        } else if let own = preset.data, sampler == nil || sampler == .fixed {
            data = own
            print("Data: document \(preset.name.dropFirst(3))'s \(data.count) values.")
        } else {
            let chosen = sampler ?? preset.samplers.first!
            guard !chosen.needsData || preset.data != nil, chosen.needsData || preset.truth != nil else {
                throw ValidationError("Sampler '\(chosen.rawValue)' does not fit preset \(preset.name).")
            }
            let drawn = chosen.draw(from: preset.truth, data: preset.data, count: preset.sampleSize, using: stream)
            (data, drawnWith) = (drawn.values, (chosen, drawn.components))
            let (kind, seed) = (random.streamKind(or: preset.stream), random.seed(or: preset.seed ?? 1))
            if kind == .numpyLegacy, kind == preset.stream, seed == preset.seed, chosen == preset.samplers.first {
                print("Data: the document's own \(data.count) values — its \(chosen.rawValue) sampler on NumPy's legacy stream with its seed "
                      + "\(seed) (np.random.seed(\(seed))), replayed bit for bit (the default for \(preset.name); --stream gsl draws from GSL instead).")
            } else {
                print("Data: \(data.count) values drawn with the \(chosen.rawValue) sampler (\(kind.rawValue) stream, seed \(seed)).")
            }
        }
        try Initialization.requireDistinctValues(data, componentCount: 1)
        print("Document \(preset.name): \(preset.title)\n")
        let ks = components.map { [$0] } ?? [2, 3]
        // The fits come numbered as the truth is, for the text, the trace and the pictures alike.
        let comparison = DocumentComparison.run(preset: preset, data: data, truth: truth, stream: stream, componentCounts: ks,
                                                sampler: drawnWith?.sampler, labels: drawnWith?.labels)
        for fit in comparison.fits {
            print("== \(fit.label)")
            if let detail = fit.detail { print(detail) }
            let withTruth = truth.flatMap { $0.componentCount == fit.result.mixture.componentCount ? $0 : nil }
            print(FitReport.text(fit.result, dataCount: data.count, configuration: fit.configuration, truth: withTruth))
        }
        if let trace {
            let traced = comparison.fits.compactMap { fit in fit.estimator.flatMap { name in fit.result.trace.map { (name: name, trace: $0) } } }
            try AtomicFile.write(FitReport.traceCSV(traced, componentCount: preset.componentCount), to: trace)
        }
        print("What goes wrong, and why:")
        for finding in comparison.findings { print("- \(finding)") }
        try drawPictures(data: data, fits: comparison.fits.map { FitPicture.Fit(label: $0.label, result: $0.result) }, truth: truth,
                         subtitle: "Document \(preset.name.dropFirst(3)): \(preset.title) — \(data.count) values")
    }

    /// The start: given values where there are any, the chosen strategy for the rest.
    func startingMixture(data: [Double], variance: EMConfiguration.Variance, random source: RandomSource,
                         standard: StandardizedFit, fresh: Bool = false) throws -> GaussianMixture {
        let k = components!
        let automatic = try standard.start(`init`, componentCount: k, random: source)
        if fresh { return automatic }
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

extension BootstrapIntervals.Kind: ExpressibleByArgument {}
extension Initialization: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { Initialization.all.map(\.name) }
}
