import Foundation
import TOMLKit

/// Reads an experiment file (TOML) into an ``Experiment``, checking every
/// key before any work starts.
///
/// Errors name the file, the line and the key: a syntax error (from TOMLKit,
/// with its line and column), an unknown key, a value of the wrong type, an
/// unknown truth, sampler, estimator or initialisation, an empty factor,
/// n < K, or an estimator whose K disagrees with its truth's.
/// `Experiments/example.toml` documents the format.
public enum ExperimentParser {
    /// Reads and parses the experiment file at `path`.
    public static func load(path: String) throws -> Experiment {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw EMLabError(.io, folderMessage(path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EMLabError(.io, "\(path): no such file or not readable")
        }
        // A UTF-8 byte-order mark (some editors write one) is not part of the text.
        guard let text = String(data: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data, encoding: .utf8) else {
            throw EMLabError(.invalidExperiment, "\(path): not UTF-8 text")
        }
        return try parse(text: text, file: path)
    }

    /// What to say when an experiment file's path is a folder: a study's
    /// folder (it holds manifest.json) is continued with `--resume
    /// --output`, or redrawn by `emlab report`; a folder of experiment files
    /// names one of them.
    static func folderMessage(_ path: String) -> String {
        let fm = FileManager.default
        let folder = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        if fm.fileExists(atPath: "\(folder)/manifest.json") {
            let manifest = try? Manifest.read(path: "\(folder)/manifest.json")
            let file = manifest.flatMap { $0.experimentFile.isEmpty ? nil : $0.experimentFile } ?? "EXPERIMENT.toml"
            return "\(path) is a folder holding a study, not an experiment file; to continue it, run: emlab run \(file) --resume --output \(folder); "
                + "to recompute its summary and plots: emlab report \(folder)"
        }
        let tomls = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
        if let first = tomls.first {
            return
                "\(path) is a folder, not an experiment file; please give one of its \(tomls.count) experiment file\(tomls.count == 1 ? "" : "s"), e.g. \(folder)/\(first)"
        }
        return "\(path) is a folder, not an experiment file; please give the experiment's .toml file (see Experiments/README.md)"
    }

    /// Parses experiment text; `file` names it in errors.
    public static func parse(text: String, file: String) throws -> Experiment {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw EMLabError(
                .invalidExperiment,
                "\(file):\(error.source.begin.line):\(error.source.begin.column): TOML syntax error: \(error.description)")
        }
        var reader = Reader(file: file, locator: TOMLKeyLocator(text: text))
        return try reader.experiment(root, text: text)
    }
}

private struct Reader {
    let file: String
    let locator: TOMLKeyLocator

    func fail(_ table: String, _ key: String?, _ message: String) -> EMLabError {
        let line = locator.line(table: table, key: key).map { ":\($0)" } ?? ""
        let place = [table.isEmpty ? nil : "[\(table)]", key].compactMap { $0 }.joined(separator: " ")
        return EMLabError(.invalidExperiment, "\(file)\(line): \(place.isEmpty ? "" : place + ": ")\(message)")
    }

    /// The value `parse` makes of a key's text, or the parser's message placed at the key.
    func parsed<T>(_ table: String, _ key: String, _ parse: () throws -> T) throws -> T {
        do { return try parse() } catch let error as EMLabError { throw fail(table, key, error.message) }
    }

    func checkKeys(_ table: TOMLTable, _ name: String, allowed: [String]) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            throw fail(name, key, "unknown key '\(key)'; allowed here: \(allowed.joined(separator: ", "))")
        }
    }

    func typeName(_ value: any TOMLValueConvertible) -> String { "\(value.type)" }

    func string(_ table: TOMLTable, _ name: String, _ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw fail(name, key, "must be a string, not \(typeName(value))") }
        return text
    }

    func integer(_ table: TOMLTable, _ name: String, _ key: String, minimum: Int) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw fail(name, key, "must be an integer, not \(typeName(value))") }
        guard number >= minimum else { throw fail(name, key, "must be at least \(minimum); got \(number)") }
        return number
    }

    func number(_ table: TOMLTable, _ name: String, _ key: String) throws -> Double? {
        guard let value = table[key] else { return nil }
        if let number = value.double { return number }
        if let number = value.int { return Double(number) }
        throw fail(name, key, "must be a number, not \(typeName(value))")
    }

    func boolean(_ table: TOMLTable, _ name: String, _ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw fail(name, key, "must be true or false, not \(typeName(value))") }
        return flag
    }

    func array(_ table: TOMLTable, _ name: String, _ key: String) throws -> TOMLArray? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw fail(name, key, "must be an array, not \(typeName(value))") }
        guard !array.isEmpty else { throw fail(name, key, "is empty; a factor needs at least one level") }
        return array
    }

    func numbers(_ table: TOMLTable, _ name: String, _ key: String) throws -> [Double]? {
        guard let array = try array(table, name, key) else { return nil }
        return try array.map { element in
            if let number = element.double { return number }
            if let number = element.int { return Double(number) }
            throw fail(name, key, "must hold numbers; found \(typeName(element))")
        }
    }

    func strings(_ table: TOMLTable, _ name: String, _ key: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        if let single = value.string { return [single] }
        guard let array = try array(table, name, key) else { return nil }
        return try array.map { element in
            guard let text = element.string else { throw fail(name, key, "must hold strings; found \(typeName(element))") }
            return text
        }
    }

    func integers(_ table: TOMLTable, _ name: String, _ key: String) throws -> [Int]? {
        guard let value = table[key] else { return nil }
        if let single = value.int { return [single] }
        guard let array = try array(table, name, key) else { return nil }
        return try array.map { element in
            guard let number = element.int else { throw fail(name, key, "must hold integers; found \(typeName(element))") }
            return number
        }
    }

    func table(_ root: TOMLTable, _ key: String) throws -> TOMLTable? {
        guard let value = root[key] else { return nil }
        guard let table = value.table else { throw fail("", key, "must be a table, not \(typeName(value))") }
        return table
    }

    /// An estimator's `accelerate` ("none" or "squarem"), with `squarem_scheme`
    /// (1, 2 or 3) and `objfn_inc` (≥ 0, `inf` allowed), which go with "squarem" only.
    func acceleration(_ e: TOMLTable, _ place: String, method: EstimatorMethod) throws -> EMConfiguration.Acceleration {
        let name = try string(e, place, "accelerate") ?? "none"
        guard name == "none" || name == "squarem" else {
            throw fail(place, "accelerate", "unknown acceleration '\(name)'; use none or squarem")
        }
        guard name == "squarem" else {
            for key in ["squarem_scheme", "objfn_inc"] where e[key] != nil {
                throw fail(place, key, "only goes with accelerate = \"squarem\"")
            }
            return .none
        }
        if method != .engine {
            throw fail(place, "accelerate", "method \(method.name) runs the document's own step, which SQUAREM cannot accelerate; use method = \"engine\"")
        }
        var options = SQUAREMOptions()
        if let number = try integer(e, place, "squarem_scheme", minimum: 1) {
            guard let scheme = SQUAREMOptions.Scheme(rawValue: number) else {
                throw fail(place, "squarem_scheme", "must be 1, 2 or 3; got \(number)")
            }
            options.scheme = scheme
        }
        if let increase = try number(e, place, "objfn_inc") {
            guard increase >= 0 else { throw fail(place, "objfn_inc", "must be ≥ 0 (0: monotone; inf: never reject for ℓ); got \(formatNumber(increase))") }
            options.objectiveIncrease = increase
        }
        return .squarem(options)
    }

    /// An estimator's inference keys: `intervals` ("wald" or "bootstrap")
    /// with `bootstrap = B` (≥ 2), `bootstrap_type` and `level` (in (0, 1),
    /// default 0.95), and `select_k` (distinct integers ≥ 1) with
    /// `select_starts` (≥ 1). Each needs method = "engine"; `select_k` also
    /// free weights, since fixed weights belong to one K.
    func inference(_ e: TOMLTable, _ place: String, into estimator: inout Estimator) throws {
        let intervalsName = try string(e, place, "intervals")
        switch intervalsName {
        case nil:
            for key in ["bootstrap", "bootstrap_type", "level"] where e[key] != nil {
                throw fail(place, key, "only goes with intervals = \"wald\" or \"bootstrap\"")
            }
        case "wald":
            for key in ["bootstrap", "bootstrap_type"] where e[key] != nil {
                throw fail(place, key, "only goes with intervals = \"bootstrap\"")
            }
            estimator.intervals = .wald
        case "bootstrap":
            guard let replicates = try integer(e, place, "bootstrap", minimum: 2) else {
                throw fail(place, "intervals", "intervals = \"bootstrap\" needs bootstrap = B (the refits per fit, at least 2)")
            }
            let kindName = try string(e, place, "bootstrap_type") ?? "nonparametric"
            guard let kind = BootstrapIntervals.Kind(rawValue: kindName) else {
                throw fail(place, "bootstrap_type", "unknown bootstrap type '\(kindName)'; use nonparametric or parametric")
            }
            estimator.intervals = .bootstrap(replicates: replicates, kind: kind)
        case let other?:
            throw fail(place, "intervals", "unknown interval method '\(other)'; use wald or bootstrap")
        }
        if let level = try number(e, place, "level") {
            guard level > 0 && level < 1 else { throw fail(place, "level", "must lie strictly between 0 and 1 (e.g. 0.95); got \(formatNumber(level))") }
            estimator.level = level
        }
        if let ks = try integers(e, place, "select_k") {
            if let bad = ks.first(where: { $0 < 1 }) { throw fail(place, "select_k", "every K must be at least 1; got \(bad)") }
            guard Set(ks).count == ks.count else { throw fail(place, "select_k", "lists a K twice: \(ks.map(String.init).joined(separator: ", "))") }
            if estimator.configuration.weights == .fixed {
                throw fail(place, "select_k", "compares K with free weights; weights = \"fixed\" fixes them for one K")
            }
            estimator.selectComponents = ks.sorted()
        }
        if let starts = try integer(e, place, "select_starts", minimum: 1) {
            guard estimator.selectComponents != nil else { throw fail(place, "select_starts", "only goes with select_k = [...]") }
            estimator.selectStarts = starts
        }
        if estimator.method != .engine {
            for key in ["intervals", "select_k"] where e[key] != nil {
                throw fail(place, key, "needs method = \"engine\": intervals and selection refit with EMLab's engine, not \(estimator.method.name)")
            }
        }
    }

    mutating func experiment(_ root: TOMLTable, text: String) throws -> Experiment {
        try checkKeys(
            root, "",
            allowed: [
                "name", "description", "notes", "seed", "replicates", "generator", "normal", "stream", "starts",
                "traces", "oracle", "truths", "estimators", "design", "exclude"
            ])
        guard let name = try string(root, "", "name") else { throw fail("", nil, "missing key 'name' (the study's name; results go to Results/<name>/)") }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !name.hasPrefix(".") else {
            throw fail("", "name", "'\(name)' is not a usable folder name (letters, digits, - _ . only)")
        }
        guard let seedValue = try integer(root, "", "seed", minimum: 0) else { throw fail("", nil, "missing key 'seed' (the study seed)") }
        guard let replicates = try integer(root, "", "replicates", minimum: 1) else { throw fail("", nil, "missing key 'replicates'") }
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

        // Truths.
        guard let truthTables = try table(root, "truths") else { throw fail("", nil, "missing table [truths.NAME]: at least one truth") }
        var truths: [String: Truth] = [:]
        for key in truthTables.keys {
            let place = "truths.\(key)"
            guard let t = truthTables[key]?.table else { throw fail("truths", key, "must be a table") }
            try checkKeys(t, place, allowed: ["preset", "weights", "means", "sds", "data"])
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
            if let data = try numbers(t, place, "data") {
                if let extra = t.keys.first(where: { $0 != "data" }) { throw fail(place, extra, "a data truth takes no other keys") }
                guard data.allSatisfy(\.isFinite) else { throw fail(place, "data", "holds a value that is not finite") }
                truths[key] = Truth(name: key, mixture: nil, data: data)
                continue
            }
            guard let means = try numbers(t, place, "means") else { throw fail(place, nil, "missing key 'means' (or give preset = NAME, or data = [...])") }
            guard let sds = try numbers(t, place, "sds") else { throw fail(place, nil, "missing key 'sds'") }
            let weights = try numbers(t, place, "weights") ?? Array(repeating: 1 / Double(means.count), count: means.count)
            do {
                truths[key] = Truth(name: key, mixture: try GaussianMixture(weights: weights, means: means, standardDeviations: sds), data: nil)
            } catch let error as EMLabError {
                let key = error.message.hasPrefix("sd") ? "sds" : error.message.hasPrefix("mean") ? "means" : "weights"
                throw fail(place, key, error.message)
            }
        }

        // Estimators.
        guard let estimatorTables = try table(root, "estimators") else { throw fail("", nil, "missing table [estimators.NAME]: at least one estimator") }
        var estimators: [String: (Estimator, Int?)] = [:]
        for key in estimatorTables.keys {
            let place = "estimators.\(key)"
            guard let e = estimatorTables[key]?.table else { throw fail("estimators", key, "must be a table") }
            try checkKeys(
                e, place,
                allowed: [
                    "method", "variance", "weights", "fixed_weights", "stop", "tol", "max_iterations",
                    "iterations", "variance_floor", "variance_floor_relative", "restarts", "components",
                    "accelerate", "squarem_scheme", "objfn_inc", "intervals", "bootstrap",
                    "bootstrap_type", "level", "select_k", "select_starts"
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

        // Design: one [design] table, or several [[design]] blocks whose conditions are concatenated.
        var blocks: [(TOMLTable, String)] = []
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

        // Exclusions.
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

        var conditions: [Condition] = []
        var index = 0
        var dataIndices: [String: Int] = [:]  // (truth, sampler, n) → data index, by first appearance
        for (design, place) in blocks {
            try checkKeys(design, place, allowed: ["truth", "sampler", "n", "estimator", "init", "replicates"])
            guard let truthNames = try strings(design, place, "truth") else { throw fail(place, nil, "missing factor 'truth'") }
            let samplerNames = try strings(design, place, "sampler") ?? ["latent"]
            guard let sizes = try integers(design, place, "n") else { throw fail(place, nil, "missing factor 'n' (sample sizes)") }
            // A unit holds its sample, its responsibilities and a start's trace: about 32 bytes a value, checked before any is drawn.
            for n in sizes { try parsed(place, "n") { try MemoryBudget.require(32 * Double(n), for: "n = \(n)") } }
            guard let estimatorNames = try strings(design, place, "estimator") else { throw fail(place, nil, "missing factor 'estimator'") }
            let initNames = try strings(design, place, "init") ?? ["quantile"]
            let blockReplicates = try integer(design, place, "replicates", minimum: 1) ?? replicates

            for name in truthNames where truths[name] == nil {
                throw fail(place, "truth", "unknown truth '\(name)'; defined: \(truths.keys.sorted().joined(separator: ", "))")
            }
            for name in estimatorNames where estimators[name] == nil {
                throw fail(place, "estimator", "unknown estimator '\(name)'; defined: \(estimators.keys.sorted().joined(separator: ", "))")
            }
            let samplers = try samplerNames.map { name in
                guard let sampler = Sampler(rawValue: name) else {
                    throw fail(place, "sampler", "unknown sampler '\(name)'; known: \(Sampler.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return sampler
            }
            let inits = try initNames.map { name in
                guard let initialization = Initialization(name: name) else {
                    throw fail(place, "init", "unknown initialisation '\(name)'; known: \(Initialization.all.map(\.name).joined(separator: ", "))")
                }
                return initialization
            }
            for name in truthNames {
                let truth = truths[name]!
                for sampler in samplers {
                    if sampler.needsData && truth.data == nil {
                        throw fail(place, "sampler", "sampler '\(sampler.rawValue)' draws from data, but truth '\(name)' is a mixture")
                    }
                    if !sampler.needsData && truth.mixture == nil {
                        throw fail(place, "sampler", "sampler '\(sampler.rawValue)' draws from a mixture, but truth '\(name)' is data; use bootstrap or fixed")
                    }
                    if let required = sampler.requiredComponents, let m = truth.mixture, m.componentCount != required {
                        throw fail(
                            place, "sampler", "sampler '\(sampler.rawValue)' is written for K = \(required), but truth '\(name)' has K = \(m.componentCount)")
                    }
                    if sampler == .fixed, let data = truth.data, let other = sizes.first(where: { $0 != data.count }) {
                        throw fail(place, "n", "sampler 'fixed' uses the \(data.count) values of truth '\(name)' as they are; n = \(other) cannot be")
                    }
                }
                if truth.mixture == nil, let needing = inits.first(where: \.needsTruth) {
                    throw fail(place, "init", "init '\(needing.name)' needs a known truth, but truth '\(name)' is data")
                }
                for estimatorName in estimatorNames {
                    let (estimator, components) = estimators[estimatorName]!
                    let estimatorPlace = "estimators.\(estimatorName)"
                    guard let k = truth.mixture?.componentCount ?? components else {
                        throw fail(estimatorPlace, nil, "truth '\(name)' is data, so this estimator must set components = K")
                    }
                    if inits.contains(.doc001) && k != 2 {
                        throw fail(place, "init", "init 'doc001' is written for K = 2")
                    }
                    if let small = sizes.first(where: { $0 < k }) {
                        throw fail(place, "n", "n = \(small) is smaller than K = \(k) of truth '\(name)'")
                    }
                    if let largest = estimator.selectComponents?.last, let small = sizes.first(where: { $0 < largest }) {
                        throw fail(estimatorPlace, "select_k", "K = \(largest) cannot be fitted to n = \(small) values")
                    }
                    if let components, components != k {
                        throw fail(estimatorPlace, "components", "K = \(components) disagrees with truth '\(name)', which has K = \(k)")
                    }
                    if let w = estimator.fixedWeights, w.count != k {
                        throw fail(estimatorPlace, "fixed_weights", "has \(w.count) weights but truth '\(name)' has K = \(k)")
                    }
                    if estimator.knownVarianceFromTruth {
                        guard let m = truth.mixture, Set(m.standardDeviations).count == 1 else {
                            throw fail(
                                estimatorPlace, "variance",
                                "variance = \"known\" takes the truth's common σ, but truth '\(name)' has none (unequal sds, or data)")
                        }
                    }
                    if estimator.method == .asWritten(.doc001) && k != 2 {
                        throw fail(estimatorPlace, "method", "doc001-as-written is written for K = 2")
                    }
                }
            }

            // Cross the factors of this block: truth × sampler × n × estimator × init, the last varying fastest.
            for truthName in truthNames {
                for sampler in samplers {
                    for n in sizes {
                        let dataKey = "\(truthName)\u{1}\(sampler.rawValue)\u{1}\(n)"
                        if dataIndices[dataKey] == nil { dataIndices[dataKey] = dataIndices.count + 1 }
                        let dataIndex = dataIndices[dataKey]!
                        for estimatorName in estimatorNames {
                            for initialization in inits {
                                index += 1
                                let levels = [
                                    "truth": truthName, "sampler": sampler.rawValue, "n": String(n),
                                    "estimator": estimatorName, "init": initialization.name
                                ]
                                if exclusions.contains(where: { rule in rule.allSatisfy { key, values in values.contains(levels[key]!) } }) { continue }
                                conditions.append(
                                    Condition(
                                        index: index, dataIndex: dataIndex, truth: truths[truthName]!, sampler: sampler,
                                        sampleSize: n, estimator: estimators[estimatorName]!.0, initialization: initialization,
                                        replicates: blockReplicates))
                            }
                        }
                    }
                }
            }
        }
        guard !conditions.isEmpty else { throw fail("", "exclude", "the exclusions leave no condition to run") }
        // The units are numbered by Int.
        var units = 0
        for condition in conditions {
            let (sum, overflow) = units.addingReportingOverflow(condition.replicates)
            if overflow { throw fail("", "replicates", "the design has more than \(Int.max) (condition, replicate) units; please give fewer replicates") }
            units = sum
        }
        let starts = try integer(root, "", "starts", minimum: 1) ?? 1
        // Every start of a unit is kept until the unit is written.
        try parsed("", "starts") { try MemoryBudget.require(256 * Double(starts), for: "starts = \(starts)") }

        return Experiment(
            name: name, description: try string(root, "", "description") ?? "", notes: try string(root, "", "notes") ?? "",
            random: try parsed("", "seed") {
                try StreamRecipe(kind: stream, seed: UInt64(seedValue), generator: generator, normalMethod: normal)
            },
            replicates: replicates,
            starts: starts,
            traceReplicates: try integer(root, "", "traces", minimum: 0) ?? 2,
            oracle: try boolean(root, "", "oracle") ?? true,
            conditions: conditions, fullConditionCount: index, sourceText: text)
    }
}
