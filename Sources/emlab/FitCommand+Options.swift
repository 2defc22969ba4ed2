import ArgumentParser
import EMLab

// What `emlab fit`'s options mean: the checks of the values as typed
// (argument-parser's `validate()`, before any data are read), and the
// ``FitRequest`` they make. Checks that need the data (K against the
// distinct values, memory) are the request's own (``FitRequest/validate(data:)``).
extension FitCommand {
    func validate() throws {
        try pictures.check()
        try remedies.check()
        if pictures.animate != nil && starts > 1 {
            throw ValidationError("--animate plays one fit; --starts runs many: please drop one of them.")
        }
        if let preset = try preset.map(documentPreset(named:)) {
            try random.validate(presetStream: preset.stream)
            if let components, components < 1 { throw ValidationError("Please give K ≥ 1 components (-k); got \(components).") }
            guard format == .text else { throw ValidationError("--preset prints a comparison for people; --format json goes with a plain fit.") }
            guard accelerate == .none else { throw ValidationError("--preset runs the documents' estimators as written; --accelerate goes with a plain fit.") }
            guard save == nil else { throw ValidationError("--preset prints a comparison for people; --save goes with a plain fit.") }
            guard remedies.remedy == .none && !remedies.compareRemedies else {
                throw ValidationError(
                    "--preset runs the documents' estimators as written; --prior, --variance-ratio, --penalty and --compare-remedies go with a plain fit.")
            }
            guard starts == 1, posteriors == nil, bootstrap == 0 else {
                throw ValidationError("--preset prints a comparison for people; --starts, --posteriors and --bootstrap go with a plain fit.")
            }
            if file == nil, let sampler, !(sampler == .fixed && preset.data != nil), !DocumentComparison.Input.canDraw(sampler, for: preset) {
                throw ValidationError("Sampler '\(sampler.rawValue)' does not fit preset \(preset.name).")
            }
            return
        }
        guard file != nil else { throw ValidationError("Please give a data file (or - for standard input), or a --preset.") }
        if let save { try validateOutputFolder(save, option: "--save") }
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
            if trace != nil || pictures.wanted {
                try MemoryBudget.check(
                    Double(iterations!) * (MemoryBudget.mixtureBytes(components: components) + 16),
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
        try accelerators.check(accelerate: accelerate)
        if let acceleration = accelerators.acceleration(accelerate), !acceleration.carriesRemedies,
            remedies.remedy != .none || remedies.compareRemedies
        {
            throw ValidationError(
                "--prior, --variance-ratio, --penalty and --compare-remedies go with --accelerate none or squarem (\(accelerate) runs the plain EM map).")
        }
        if accelerate != .squarem {
            if squaremScheme != nil { throw ValidationError("--squarem-scheme goes with --accelerate squarem.") }
            if objfnInc != nil { throw ValidationError("--objfn-inc goes with --accelerate squarem.") }
        }
        if let squaremScheme, SQUAREMOptions.Scheme(rawValue: squaremScheme) == nil {
            throw ValidationError("Please give --squarem-scheme 1, 2 or 3; got \(squaremScheme).")
        }
        if let objfnInc, !(objfnInc >= 0) { throw ValidationError("Please give --objfn-inc ≥ 0 (0: monotone).") }
    }

    /// The request the options make (validated: K is given, and the variance model known).
    var request: FitRequest {
        var configuration = EMConfiguration(
            weights: weights, variance: varianceModel!, maxIterations: maxIterations,
            varianceFloor: varianceFloor, recordTrace: trace != nil || pictures.wanted)
        configuration.stoppingRule = iterations.map { .fixedIterations($0) } ?? stop.rule(tolerance: tol)
        if accelerate == .squarem {
            var options = SQUAREMOptions()
            if let squaremScheme, let scheme = SQUAREMOptions.Scheme(rawValue: squaremScheme) { options.scheme = scheme }
            if let objfnInc { options.objectiveIncrease = objfnInc }
            configuration.acceleration = .squarem(options)
        } else if let acceleration = accelerators.acceleration(accelerate) {
            configuration.acceleration = acceleration
        }
        configuration.remedy = remedies.remedy
        return FitRequest(
            componentCount: components!, configuration: configuration, relativeVarianceFloor: varianceFloorRelative,
            initialization: `init`, initialMeans: initMeans?.values, initialStandardDeviations: initSds?.values,
            initialWeights: initWeights?.values, maxRestarts: restarts, starts: starts, level: level,
            bootstrapReplicates: bootstrap, bootstrapKind: bootstrapType, random: random.recipe
        )
        .screening(screen)
    }
}
