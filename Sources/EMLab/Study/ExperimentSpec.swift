import TOMLKit

/// What an experiment file says, read and checked key by key (the first
/// stage of ``ExperimentParser``): the study's settings, its named truths
/// and estimators, its design blocks and its exclusions — before the design
/// is crossed into conditions (``ExperimentReader/conditions(_:)``).
struct ExperimentSpec {
    var name: String
    var random: StreamRecipe
    var replicates: Int
    var truths: [String: Truth]
    var estimators: [String: (estimator: Estimator, components: Int?)]
    /// Each `[design]` table (or `[[design]]` block) with its place in the file.
    var blocks: [(table: TOMLTable, place: String)]
    /// Each `[[exclude]]` rule: factor → the values it excludes.
    var exclusions: [[String: [String]]]
}

extension ExperimentReader {
    /// TOML → spec: every key checked and read, the truths and estimators
    /// built, the design blocks and exclusions collected.
    ///
    /// - Throws: ``EMLabError`` `.invalidExperiment` naming the file, the table and the key.
    mutating func spec(_ root: TOMLTable) throws -> ExperimentSpec {
        let (name, random, replicates) = try settings(root)
        return ExperimentSpec(
            name: name, random: random, replicates: replicates, truths: try truths(root), estimators: try estimators(root),
            blocks: try designBlocks(root), exclusions: try exclusions(root))
    }

    /// The study's own keys: its name, seed, replicates and streams.
    func settings(_ root: TOMLTable) throws -> (name: String, random: StreamRecipe, replicates: Int) {
        try checkKeys(
            root, "",
            allowed: [
                "name", "description", "notes", "seed", "replicates", "generator", "normal", "stream", "starts",
                "traces", "oracle", "reference", "truths", "estimators", "design", "exclude"
            ])
        guard let name = try string(root, "", "name") else { throw fail("", nil, "missing key 'name' (the study's name; results go to Results/<name>/)") }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !name.hasPrefix(".") else {
            throw fail("", "name", "'\(name)' is not a usable folder name (letters, digits, - _ . only)")
        }
        guard let seedValue = try integer(root, "", "seed", minimum: 0) else { throw fail("", nil, "missing key 'seed' (the study seed)") }
        // A study whose truths are all data files needs no `replicates` (each data set is one); 0 marks it unset.
        let dataFilesOnly =
            root["truths"]?.table.map { truths in
                !truths.keys.isEmpty && truths.keys.allSatisfy { truths[$0]?.table?["data"]?.string != nil }
            } ?? false
        guard let replicates = try integer(root, "", "replicates", minimum: 1) ?? (dataFilesOnly ? 0 : nil) else {
            throw fail("", nil, "missing key 'replicates'")
        }
        let generatorText = try string(root, "", "generator") ?? RandomSource.defaultGenerator
        guard let generator = try? GeneratorName(generatorText) else {
            throw fail("", "generator", "unknown generator '\(generatorText)'; see `emlab generators`")
        }
        let streamName = try string(root, "", "stream") ?? "gsl"
        guard let stream = StreamKind(rawValue: streamName) else {
            throw fail("", "stream", "unknown stream '\(streamName)'; use gsl or numpy-legacy")
        }
        if stream == .numpyLegacy && generator != .mt19937 {
            throw fail("", "stream", "the numpy-legacy stream runs on generator mt19937 only")
        }
        let normalName = try string(root, "", "normal") ?? "polar"
        guard let normal = RandomSource.NormalMethod(rawValue: normalName) else {
            throw fail("", "normal", "unknown normal method '\(normalName)'; use polar or ziggurat")
        }
        let random = try parsed("", "seed") {
            try StreamRecipe(kind: stream, seed: UInt64(seedValue), generator: generator, normalMethod: normal)
        }
        return (name, random, replicates)
    }

    /// The `[truths.NAME]` tables: a preset, data, or a mixture each.
    func truths(_ root: TOMLTable) throws -> [String: Truth] {
        guard let truthTables = try table(root, "truths") else { throw fail("", nil, "missing table [truths.NAME]: at least one truth") }
        var truths: [String: Truth] = [:]
        for key in truthTables.keys {
            let place = "truths.\(key)"
            guard let t = truthTables[key]?.table else { throw fail("truths", key, "must be a table") }
            try checkKeys(t, place, allowed: ["preset", "weights", "means", "sds", "data", "dataset_column", "value_column"])
            if let presetName = try string(t, place, "preset") {
                guard let preset = DocumentPreset.named(presetName) else {
                    throw fail(place, "preset", "unknown preset '\(presetName)'; known: \(DocumentPreset.all.map(\.name).joined(separator: ", "))")
                }
                if let extra = t.keys.first(where: { $0 != "preset" }) {
                    throw fail(place, extra, "a preset truth takes no other keys")
                }
                truths[key] = Truth(name: key, mixture: preset.truth, data: preset.data)
                continue
            }
            if let pattern = t["data"]?.string {
                // The user's data sets: one long CSV, or a glob of files (DataSetCollection).
                if let extra = t.keys.first(where: { !["data", "dataset_column", "value_column"].contains($0) }) {
                    throw fail(place, extra, "a truth of data files takes only dataset_column and value_column besides data")
                }
                let dataSetColumn = try string(t, place, "dataset_column") ?? "dataset"
                let valueColumn = try string(t, place, "value_column")
                let sets = try parsed(place, "data") {
                    try DataSetCollection.read(
                        pattern: pattern, relativeTo: dataDirectory, dataSetColumn: dataSetColumn, valueColumn: valueColumn)
                }
                truths[key] = Truth(name: key, mixture: nil, data: nil, dataSets: sets)
                continue
            }
            if let extra = ["dataset_column", "value_column"].first(where: { t[$0] != nil }) {
                throw fail(place, extra, "only goes with data = \"FILE\" (a data file or a glob of files)")
            }
            if let data = try numbers(t, place, "data") {
                if let extra = t.keys.first(where: { $0 != "data" }) { throw fail(place, extra, "a data truth takes no other keys") }
                guard data.allSatisfy(\.isFinite) else { throw fail(place, "data", "holds a value that is not finite") }
                truths[key] = Truth(name: key, mixture: nil, data: data)
                continue
            }
            guard let means = try numbers(t, place, "means") else {
                throw fail(place, nil, "missing key 'means' (or give preset = NAME, data = [...], or data = \"FILE\")")
            }
            guard let sds = try numbers(t, place, "sds") else { throw fail(place, nil, "missing key 'sds'") }
            let weights = try numbers(t, place, "weights") ?? Array(repeating: 1 / Double(means.count), count: means.count)
            do {
                truths[key] = Truth(name: key, mixture: try GaussianMixture(weights: weights, means: means, standardDeviations: sds), data: nil)
            } catch let error as EMLabError {
                let key = error.message.hasPrefix("sd") ? "sds" : error.message.hasPrefix("mean") ? "means" : "weights"
                throw fail(place, key, error.message)
            }
        }
        return truths
    }

    /// The `[estimators.NAME]` tables: the model, stopping rule, remedies and inference of each.
    mutating func estimators(_ root: TOMLTable) throws -> [String: (estimator: Estimator, components: Int?)] {
        guard let estimatorTables = try table(root, "estimators") else { throw fail("", nil, "missing table [estimators.NAME]: at least one estimator") }
        var estimators: [String: (estimator: Estimator, components: Int?)] = [:]
        for key in estimatorTables.keys {
            let place = "estimators.\(key)"
            guard let e = estimatorTables[key]?.table else { throw fail("estimators", key, "must be a table") }
            try checkKeys(
                e, place,
                allowed: [
                    "method", "variance", "weights", "fixed_weights", "stop", "tol", "max_iterations",
                    "iterations", "variance_floor", "variance_floor_relative", "restarts", "components",
                    "accelerate", "squarem_scheme", "objfn_inc", "anderson_order", "daarem_order", "mon_tol", "qn_secants", "intervals", "bootstrap",
                    "bootstrap_type", "level", "select_k", "select_starts", "remedy"
                ])
            let methodName = try string(e, place, "method") ?? "engine"
            let method: EstimatorMethod
            if methodName == "engine" {
                method = .engine
            } else if let asWritten = AsWrittenEstimator(rawValue: methodName) {
                method = .asWritten(asWritten)
            } else {
                throw fail(
                    place, "method", "unknown method '\(methodName)'; use engine or \(AsWrittenEstimator.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var configuration = EMConfiguration()
            var fromTruth = false
            let varianceText = try string(e, place, "variance") ?? "per-component"
            switch try parsed(place, "variance", { try EMConfiguration.VarianceChoice(parsing: varianceText) }) {
            case .knownFromTruth:
                fromTruth = true
                configuration.variance = .known(standardDeviation: 1)
            case .model(let variance):
                configuration.variance = variance
            }
            let weightsText = try string(e, place, "weights") ?? "free"
            let weights = try parsed(place, "weights") { try EMConfiguration.Weights(parsing: weightsText) }
            configuration.weights = weights
            let fixedWeights = try numbers(e, place, "fixed_weights")
            if fixedWeights != nil && weights != .fixed { throw fail(place, "fixed_weights", "only goes with weights = \"fixed\"") }
            let tol = try number(e, place, "tol") ?? 1e-8
            guard tol > 0 && tol.isFinite else { throw fail(place, "tol", "must be positive and finite") }
            let stopText = try string(e, place, "stop") ?? (e["iterations"] != nil ? "iterations" : "loglik")
            let stop = try parsed(place, "stop") { try EMConfiguration.StoppingRule.Kind(parsing: stopText) }
            if stop == .iterations {
                guard let count = try integer(e, place, "iterations", minimum: 0) else {
                    throw fail(place, "stop", "stop = \"iterations\" needs iterations = N")
                }
                configuration.stoppingRule = stop.rule(tolerance: tol, iterations: count)
            } else {
                configuration.stoppingRule = stop.rule(tolerance: tol)
            }
            if stop != .iterations, e["iterations"] != nil { throw fail(place, "iterations", "only goes with stop = \"iterations\"") }
            configuration.maxIterations = try integer(e, place, "max_iterations", minimum: 1) ?? 1000
            configuration.varianceFloor = try number(e, place, "variance_floor") ?? 0
            guard configuration.varianceFloor >= 0 else { throw fail(place, "variance_floor", "must be ≥ 0") }
            configuration.acceleration = try acceleration(e, place, method: method)
            if let remedyText = try string(e, place, "remedy") {
                configuration.remedy = try parsed(place, "remedy") { try Remedy(parsing: remedyText) }
                if method != .engine && configuration.remedy != .none {
                    throw fail(place, "remedy", "method \(method.name) runs the document's own step, which has no remedy; use method = \"engine\"")
                }
                if configuration.remedy != .none && !configuration.acceleration.carriesRemedies {
                    throw fail(place, "remedy", "goes with accelerate = \"none\" or \"squarem\" (\(configuration.acceleration) runs the plain EM map)")
                }
            }
            let components = try integer(e, place, "components", minimum: 1)
            var estimator = Estimator(
                name: key, method: method, configuration: configuration, knownVarianceFromTruth: fromTruth,
                fixedWeights: fixedWeights, components: components)
            estimator.maxRestarts = try integer(e, place, "restarts", minimum: 0) ?? 0
            estimator.relativeVarianceFloor = try number(e, place, "variance_floor_relative") ?? 0
            guard estimator.relativeVarianceFloor >= 0 && estimator.relativeVarianceFloor.isFinite else {
                throw fail(place, "variance_floor_relative", "must be ≥ 0 and finite")
            }
            try inference(e, place, into: &estimator)
            estimators[key] = (estimator, components)
        }
        return estimators
    }

    /// The design: one `[design]` table, or several `[[design]]` blocks whose conditions are concatenated.
    func designBlocks(_ root: TOMLTable) throws -> [(table: TOMLTable, place: String)] {
        var blocks: [(table: TOMLTable, place: String)] = []
        if let value = root["design"] {
            if let single = value.table {
                blocks = [(single, "design")]
            } else if let list = value.array {
                for (i, element) in list.enumerated() {
                    guard let block = element.table else { throw fail("design[\(i)]", nil, "each [[design]] must be a table") }
                    blocks.append((block, "design[\(i)]"))
                }
            } else {
                throw fail("", "design", "must be a table [design] or tables [[design]]")
            }
        }
        guard !blocks.isEmpty else { throw fail("", nil, "missing table [design] (or [[design]] blocks)") }
        return blocks
    }

    /// The `[[exclude]]` rules.
    func exclusions(_ root: TOMLTable) throws -> [[String: [String]]] {
        var exclusions: [[String: [String]]] = []
        if let value = root["exclude"] {
            guard let list = value.array else { throw fail("", "exclude", "must be an array of tables: [[exclude]]") }
            for (i, element) in list.enumerated() {
                let place = "exclude[\(i)]"
                guard let t = element.table else { throw fail(place, nil, "each [[exclude]] must be a table") }
                try checkKeys(t, place, allowed: ["truth", "sampler", "n", "estimator", "init"])
                var rule: [String: [String]] = [:]
                for key in t.keys {
                    if key == "n" { rule[key] = try integers(t, place, key)!.map(String.init) } else { rule[key] = try strings(t, place, key)! }
                }
                if rule.isEmpty { throw fail(place, nil, "an empty [[exclude]] would exclude everything") }
                exclusions.append(rule)
            }
        }
        return exclusions
    }
}
