import Foundation

/// A fitted mixture as `emlab fit --save model.json` writes it and
/// `emlab score` reads it back: the estimates, the model they were fitted
/// under, how the fit ended, a summary of the data and the EMLab version.
///
/// The file is one JSON object (keys in a fixed order, numbers in the
/// shortest form that reads back to the same double, so a saved estimate is
/// the fitted one bit for bit):
///
///     {"format": "emlab-model", "formatVersion": 1, "emlabVersion": "0.1.0",
///      "components": 2, "weights": […], "means": […], "sds": […],
///      "model": {"variance": "per-component", "weightsModel": "free", "stop": …,
///                "maxIterations": …, "varianceFloor": …, "acceleration": …, "remedy": …,
///                "initialization": …, "starts": …, "seed": …, "parameters": p},
///      "fit": {"logLikelihood": …, "iterations": …, "eSteps": …, "stopReason": …,
///              "converged": …, "failures": […], "aic": …, "bic": …, "icl": …,
///              "starts": [{"start": 1, "seed": …, "logLikelihood": …, "iterations": …,
///                          "stopReason": …, "setAside": false}, …]},
///      "data": {"count": n, "mean": …, "sd": …, "min": …, "max": …}}
///
/// Only `format`, `formatVersion`, `components`, `weights`, `means`, `sds`
/// and `model.parameters` are needed to score data; the rest is the record
/// of the fit (the CmdStanPy convention of a fit that carries its provenance).
public struct SavedModel: Sendable, Equatable {
    /// The `format` tag every saved model carries.
    public static let formatName = "emlab-model"
    /// The layout version this EMLab writes and reads.
    public static let formatVersion = 1

    /// The fitted mixture.
    public var mixture: GaussianMixture
    /// p, the free parameters of the model (for AIC and BIC of new data).
    public var parameters: Int
    /// The JSON text of the whole record, as written (or as read).
    public var json: String

    /// The record of a fit, ready to be written.
    ///
    /// - Parameter outcome: what ``FitRequest/run(data:)`` gave; its fit must have an
    ///   estimate (not ``FitOutcome/isDegenerate``).
    /// - Throws: ``EMLabError`` `.invalidMixture` when the fit has no estimate to save.
    /// - Complexity: O(n) for the data summary.
    public init(outcome: FitOutcome) throws {
        let result = outcome.result
        guard !outcome.isDegenerate else {
            throw EMLabError(.invalidMixture, "the fit has no estimate (stop: \(result.stopReason.rawValue)), so there is no model to save")
        }
        let mixture = try GaussianMixture(
            weights: result.mixture.weights, means: result.mixture.means, standardDeviations: result.mixture.standardDeviations)
        let request = outcome.request
        let configuration = outcome.fittedConfiguration
        let layout = FreeParameterLayout(componentCount: mixture.componentCount, weights: configuration.weights, variance: configuration.variance)
        let data = outcome.data
        let mean = data.reduce(0, +) / Double(data.count)
        let acceleration: String
        switch configuration.acceleration {
        case .none: acceleration = "none"
        case .squarem(let options): acceleration = "squarem-scheme-\(options.scheme.rawValue)"
        default: acceleration = configuration.acceleration.description
        }
        let model = JSONText.object([
            ("variance", JSONText.string(configuration.variance.description)),
            ("weightsModel", JSONText.string(configuration.weights.rawValue)),
            ("stop", JSONText.string(configuration.stoppingRule.description)),
            ("maxIterations", String(configuration.maxIterations)),
            ("varianceFloor", JSONText.number(configuration.varianceFloor)),
            ("acceleration", JSONText.string(acceleration)),
            ("remedy", JSONText.string(configuration.remedy.description)),
            ("initialization", JSONText.string(request.initialization.name)),
            ("starts", String(request.starts)), ("seed", String(request.random.seed)),
            ("parameters", String(layout.count))
        ])
        let criteria = outcome.criteria
        let fit = JSONText.object([
            ("logLikelihood", JSONText.number(result.logLikelihood)), ("iterations", String(result.iterations)),
            ("eSteps", String(result.eSteps)), ("stopReason", JSONText.string(result.stopReason.rawValue)),
            ("converged", result.stopReason == .converged ? "true" : "false"),
            ("failures", "[" + FailureFlag.allCases.filter { outcome.assessment[$0] }.map { JSONText.string($0.rawValue) }.joined(separator: ", ") + "]"),
            ("aic", JSONText.number(criteria?.aic)), ("bic", JSONText.number(criteria?.bic)), ("icl", JSONText.number(criteria?.icl)),
            ("starts", Self.startsJSON(outcome.starts))
        ])
        let summary = JSONText.object([
            ("count", String(data.count)), ("mean", JSONText.number(mean)),
            ("sd", JSONText.number(Initialization.standardDeviation(data[...]))),
            ("min", JSONText.number(data.min())), ("max", JSONText.number(data.max()))
        ])
        let json =
            JSONText.object([
                ("format", JSONText.string(Self.formatName)), ("formatVersion", String(Self.formatVersion)),
                ("emlabVersion", JSONText.string(EMLabVersion.current)), ("components", String(mixture.componentCount)),
                ("weights", JSONText.array(mixture.weights)), ("means", JSONText.array(mixture.means)),
                ("sds", JSONText.array(mixture.standardDeviations)), ("model", model), ("fit", fit), ("data", summary)
            ]) + "\n"
        self.init(mixture: mixture, parameters: layout.count, json: json)
    }

    /// Every start's seed, ℓ, iterations, stop reason and whether it was set
    /// aside (collapsed, degenerate or non-finite), in start order.
    static func startsJSON(_ search: MultiStart) -> String {
        let rows = search.outcomes.map { outcome in
            JSONText.object([
                ("start", String(outcome.number)), ("seed", String(outcome.seed)),
                ("logLikelihood", JSONText.number(outcome.result.logLikelihood)), ("iterations", String(outcome.result.iterations)),
                ("stopReason", JSONText.string(outcome.result.stopReason.rawValue)), ("setAside", outcome.setAside ? "true" : "false")
            ])
        }
        return "[" + rows.joined(separator: ", ") + "]"
    }

    init(mixture: GaussianMixture, parameters: Int, json: String) {
        self.mixture = mixture
        self.parameters = parameters
        self.json = json
    }

    /// Reads a saved model, checking what scoring needs.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - name: the file's name, for messages.
    /// - Throws: ``EMLabError`` `.invalidData` with one line naming the file
    ///   and what is wrong: not JSON, not an EMLab model (no `format` tag),
    ///   a newer layout, a missing or mistyped field, arrays whose lengths
    ///   differ from `components`, or estimates that are not a mixture.
    /// - Complexity: O(K) after parsing.
    public init(parsing text: String, name: String) throws {
        func bad(_ what: String) -> EMLabError { EMLabError(.invalidData, "\(name): \(what)") }
        let making = "(make one with `emlab fit … --save \(name)`)"
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any] else {
            throw bad("not a saved model: the file is not a JSON object \(making)")
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: Data(text.utf8)), header.format == Self.formatName else {
            throw bad("not a saved model: it lacks \"format\": \"\(Self.formatName)\" \(making)")
        }
        guard header.formatVersion == Self.formatVersion else {
            let version = header.formatVersion.map(String.init) ?? "missing"
            throw bad("the model's layout version is \(version), and this EMLab (\(EMLabVersion.current)) reads version \(Self.formatVersion)")
        }
        let body: Body
        do {
            body = try decoder.decode(Body.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw bad("\(Self.path(context.codingPath + [key])) is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context)
        {
            throw bad("\(Self.path(context.codingPath)) is not \(Self.expected(context.codingPath))")
        } catch {
            throw bad("cannot be read: \(error.localizedDescription)")
        }
        // Whole numbers are read as doubles and checked here, so that 1.5 gets a message naming its key.
        guard let k = Self.wholeNumber(body.components), k >= 1 else {
            throw bad("\"components\" is \(formatNumber(body.components)); it is a whole number ≥ 1")
        }
        for (key, values) in [("weights", body.weights), ("means", body.means), ("sds", body.sds)] where values.count != k {
            throw bad("\"\(key)\" has \(values.count) value\(values.count == 1 ? "" : "s"), but \"components\" is \(k)")
        }
        let mixture: GaussianMixture
        do {
            mixture = try GaussianMixture(weights: body.weights, means: body.means, standardDeviations: body.sds)
        } catch let error as EMLabError {
            throw bad("the estimates are not a mixture: \(error.message)")
        }
        guard let parameters = Self.wholeNumber(body.model.parameters), parameters >= 1 else {
            throw bad("\"model.parameters\" is \(formatNumber(body.model.parameters)); it is a whole number ≥ 1")
        }
        self.init(mixture: mixture, parameters: parameters, json: text)
    }

    /// `x` as an Int when it is a whole number no component count reaches past (nil otherwise).
    private static func wholeNumber(_ x: Double) -> Int? {
        x == x.rounded() && abs(x) <= 1e9 ? Int(x) : nil
    }

    /// What says a file is a saved model, and which layout.
    private struct Header: Decodable {
        var format: String?
        var formatVersion: Int?
    }

    /// What scoring reads.
    private struct Body: Decodable {
        struct Model: Decodable { var parameters: Double }
        var components: Double
        var weights: [Double]
        var means: [Double]
        var sds: [Double]
        var model: Model
    }

    /// A JSON path as messages write it: `"model.parameters"`, `"weights" item 2`.
    private static func path(_ keys: [any CodingKey]) -> String {
        var named: [String] = []
        var item: Int?
        for key in keys {
            if let index = key.intValue { item = index + 1 } else { named.append(key.stringValue) }
        }
        return "\"\(named.joined(separator: "."))\"" + (item.map { " item \($0)" } ?? "")
    }

    /// What the field at `keys` should hold, in words.
    private static func expected(_ keys: [any CodingKey]) -> String {
        if keys.last?.intValue != nil { return "a number" }
        switch keys.last?.stringValue {
        case "components", "parameters": return "a number"
        case "weights", "means", "sds": return "an array of numbers"
        default: return "what a saved model holds there"
        }
    }

    /// Reads the saved model at `path`.
    ///
    /// - Throws: ``EMLabError`` `.io` when the file cannot be read; what ``init(parsing:name:)`` throws.
    public static func read(path: String) throws -> SavedModel {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw EMLabError(.io, "\(path): \(exists ? "cannot be read as UTF-8 text" : "no such file")")
        }
        return try SavedModel(parsing: text, name: path)
    }
}
