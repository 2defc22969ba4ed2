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
    ///
    /// - Parameter dataDirectory: the folder a truth's `data = "FILE"` is
    ///   relative to; by default `file`'s folder (a study's merge and report
    ///   pass the one its manifest recorded).
    public static func parse(text: String, file: String, dataDirectory: String? = nil) throws -> Experiment {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw EMLabError(
                .invalidExperiment,
                "\(file):\(error.source.begin.line):\(error.source.begin.column): TOML syntax error: \(error.description)")
        }
        let folder = DataSetCollection.folder(of: file)
        var reader = ExperimentReader(file: file, locator: TOMLKeyLocator(text: text), dataDirectory: dataDirectory ?? folder)
        var experiment = try reader.experiment(root, text: text)
        experiment.dataDirectory = dataDirectory ?? folder
        return experiment
    }
}

/// The reader of one experiment text: its file name and key locator, for
/// messages that name the file, the line and the key.
struct ExperimentReader {
    let file: String
    let locator: TOMLKeyLocator
    /// The folder data files are relative to.
    var dataDirectory = ""

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

    /// An estimator's `accelerate`: "none", "squarem" with `squarem_scheme`
    /// (1, 2 or 3) and `objfn_inc` (≥ 0, `inf` allowed), "anderson" with
    /// `anderson_order` (m ≥ 1, default 3), "daarem" with `daarem_order`
    /// (≥ 1, default 5) and `mon_tol` (≥ 0, default 0.01), "qn" with
    /// `qn_secants` (q ≥ 1, default 2), or "pem"; each key goes with its scheme only.
    func acceleration(_ e: TOMLTable, _ place: String, method: EstimatorMethod) throws -> EMConfiguration.Acceleration {
        let name = try string(e, place, "accelerate") ?? "none"
        let keys = [
            "squarem": ["squarem_scheme", "objfn_inc"], "anderson": ["anderson_order"],
            "daarem": ["daarem_order", "mon_tol"], "qn": ["qn_secants"], "pem": [String](), "none": []
        ]
        guard let own = keys[name] else {
            throw fail(place, "accelerate", "unknown acceleration '\(name)'; use none, squarem, anderson, daarem, qn or pem")
        }
        for (scheme, schemeKeys) in keys.sorted(by: { $0.key < $1.key }) where scheme != name {
            for key in schemeKeys where e[key] != nil && !own.contains(key) {
                throw fail(place, key, "only goes with accelerate = \"\(scheme)\"")
            }
        }
        guard name != "none" else { return .none }
        if method != .engine {
            let scheme = name == "squarem" ? "SQUAREM" : name
            throw fail(place, "accelerate", "method \(method.name) runs the document's own step, which \(scheme) cannot accelerate; use method = \"engine\"")
        }
        func order(_ key: String, default value: Int) throws -> Int {
            guard let number = try integer(e, place, key, minimum: 1) else { return value }
            guard number <= 1000 else { throw fail(place, key, "must be at most 1000 (it is cut to the number of free parameters); got \(number)") }
            return number
        }
        switch name {
        case "anderson": return .anderson(order: try order("anderson_order", default: 3))
        case "daarem":
            var options = DAAREMOptions(order: try order("daarem_order", default: 5))
            if let tolerance = try number(e, place, "mon_tol") {
                guard tolerance >= 0 && tolerance.isFinite else { throw fail(place, "mon_tol", "must be finite and ≥ 0; got \(formatNumber(tolerance))") }
                options.monotonicityTolerance = tolerance
            }
            return .daarem(options)
        case "qn": return .quasiNewton(secants: try order("qn_secants", default: 2))
        case "pem": return .parabolic(ParabolicEMOptions())
        default: break
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

    /// An experiment file's root table → the ``Experiment``: its spec
    /// (``spec(_:)``), its conditions (``conditions(_:)``), then the keys
    /// that need both (the units' count, the starts).
    mutating func experiment(_ root: TOMLTable, text: String) throws -> Experiment {
        let spec = try self.spec(root)
        let (conditions, index) = try self.conditions(spec)
        let (name, replicates) = (spec.name, spec.replicates)
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

        var experiment = Experiment(
            name: name, description: try string(root, "", "description") ?? "", notes: try string(root, "", "notes") ?? "",
            random: spec.random,
            replicates: replicates,
            starts: starts,
            traceReplicates: try integer(root, "", "traces", minimum: 0) ?? 2,
            oracle: try boolean(root, "", "oracle") ?? true,
            conditions: conditions, fullConditionCount: index, sourceText: text)
        if let settings = try reference(root, largestK: experiment.maxComponents) {
            experiment.reference = settings
            experiment.referenceOwners = ReferenceMaximum.owners(conditions)
        }
        return experiment
    }

    /// The `[reference]` table (``ReferenceSettings``), or nil without one.
    ///
    /// - Throws: ``EMLabError`` `.invalidExperiment` naming the key: an
    ///   unknown one, a value of the wrong type or range, or a grid that
    ///   would make more than ``ReferenceSettings/gridStartLimit`` starts.
    func reference(_ root: TOMLTable, largestK: Int) throws -> ReferenceSettings? {
        guard let table = try table(root, "reference") else { return nil }
        let name = "reference"
        try checkKeys(table, name, allowed: ["grid", "kmeans_starts", "polish", "tolerance"])
        var settings = ReferenceSettings()
        if let grid = try integer(table, name, "grid", minimum: 0) {
            guard ReferenceSettings.choose(grid, largestK, limit: ReferenceSettings.gridStartLimit) != nil else {
                throw fail(
                    name, "grid",
                    "\(grid) points make more than \(ReferenceSettings.gridStartLimit) starts for K = \(largestK) (every K of them); please give a smaller grid"
                )
            }
            settings.grid = grid
        }
        if let starts = try integer(table, name, "kmeans_starts", minimum: 0) {
            guard starts <= ReferenceSettings.gridStartLimit else {
                throw fail(name, "kmeans_starts", "at most \(ReferenceSettings.gridStartLimit); got \(starts)")
            }
            settings.kmeansStarts = starts
        }
        if let polish = try boolean(table, name, "polish") { settings.polish = polish }
        if let tolerance = try number(table, name, "tolerance") {
            guard tolerance > 0, tolerance < 1 else {
                throw fail(name, "tolerance", "must be a relative ε in (0, 1), e.g. 1e-6; got \(formatNumber(tolerance))")
            }
            settings.tolerance = tolerance
        }
        return settings
    }
}
