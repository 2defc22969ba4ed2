import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// `emlab fit --save` and `emlab score`: the saved model reads back bit for
/// bit, scoring the fitted data reproduces the fit's own posteriors, the
/// per-value numbers are the mixture's, and a bad model file gets one line.
@Suite struct SavedModelTests {
    /// 300 values from a well-separated two-component mixture, drawn once.
    static func sample(in directory: URL) throws {
        let made = try Tool.run(
            ["sample", "--weights", ".35,.65", "--means", "0,5", "--sds", "1,1.4", "-n", "300", "--seed", "11", "--output", "data.txt"],
            in: directory)
        #expect(made.status == 0, "\(made.stderr)")
    }

    @Test func savedModelRoundTripsAndScoreReproducesTheFitsPosteriors() throws {
        let dir = try Tool.scratchDirectory()
        try Self.sample(in: dir)
        let fit = try Tool.run(
            ["fit", "data.txt", "-k", "2", "--format", "json", "--save", "model.json", "--posteriors", "fitted.csv"], in: dir)
        #expect(fit.status == 0, "\(fit.stderr)")
        // JSONDecoder reads numbers exactly (Foundation's JSONSerialization on Linux can be an ulp off).
        let report = try JSONDecoder().decode(Report.self, from: Data(fit.stdout.utf8))
        let model = try SavedModel.read(path: dir.appendingPathComponent("model.json").path)
        // The estimates read back exactly as the fit printed them.
        #expect(model.mixture.weights == report.weights)
        #expect(model.mixture.means == report.means)
        #expect(model.mixture.standardDeviations == report.sds)
        #expect(model.parameters == 5)
        let saved = try JSONDecoder().decode(Saved.self, from: Data(model.json.utf8))
        #expect(saved.emlabVersion == EMLabVersion.current)
        #expect(saved.data.count == 300)
        #expect(saved.fit.logLikelihood == report.logLikelihood)
        #expect(saved.fit.bic == report.bic && saved.fit.failures.isEmpty && saved.fit.stopReason == "converged")
        #expect(saved.fit.starts.count == 1 && saved.fit.starts[0].logLikelihood == report.logLikelihood)

        let score = try Tool.run(["score", "model.json", "data.txt", "--posteriors", "scored.csv", "--format", "json"], in: dir)
        #expect(score.status == 0, "\(score.stderr)")
        // Scoring the fitted data gives the fit's own posteriors, byte for byte (value, tau…, map, uncertainty).
        let fitted = try String(contentsOf: dir.appendingPathComponent("fitted.csv"), encoding: .utf8)
        let scored = try String(contentsOf: dir.appendingPathComponent("scored.csv"), encoding: .utf8)
        let withoutLogDensity = scored.split(separator: "\n").map { line in
            var fields = line.split(separator: ",", omittingEmptySubsequences: false)
            fields.remove(at: 1)
            return fields.joined(separator: ",")
        }
        #expect(withoutLogDensity == fitted.split(separator: "\n").map(String.init))
        // ℓ of the scored data is the fit's ℓ (the fit sums by the E-step's pass, in another order).
        let scored_ = try JSONDecoder().decode(Report.self, from: Data(score.stdout.utf8))
        #expect(abs(scored_.logLikelihood - report.logLikelihood) <= 1e-12 * abs(report.logLikelihood))
        #expect(abs(scored_.bic - report.bic) <= 1e-12 * abs(report.bic))
    }

    /// The numbers of `emlab fit --format json` (and of `emlab score --format json`) compared here.
    struct Report: Decodable {
        var weights: [Double]?
        var means: [Double]?
        var sds: [Double]?
        var logLikelihood: Double
        var bic: Double
    }

    /// The record parts of a saved model checked here.
    struct Saved: Decodable {
        struct Fit: Decodable {
            var logLikelihood: Double
            var bic: Double
            var failures: [String]
            var stopReason: String
            var starts: [Start]
        }
        struct Start: Decodable {
            var start: Int
            var logLikelihood: Double
            var setAside: Bool
        }
        struct Summary: Decodable { var count: Int }
        var emlabVersion: String
        var fit: Fit
        var data: Summary
    }

    @Test func perValueNumbersAreTheMixturesOwn() throws {
        let mixture = try GaussianMixture(weights: [0.25, 0.75], means: [-1, 3], standardDeviations: [0.5, 2])
        let model = SavedModel(mixture: mixture, parameters: 5, json: "")
        // -40 lies where both component densities underflow: log f is still finite.
        let data = [-1.0, 0.2, 3, 10, -40]
        let score = ModelScore(data: data, model: model)
        for (i, x) in data.enumerated() {
            let direct = log(
                0.25 * exp(-0.5 * pow((x + 1) / 0.5, 2)) / (0.5 * sqrt(2 * Double.pi)) + 0.75 * exp(-0.5 * pow((x - 3) / 2, 2)) / (2 * sqrt(2 * Double.pi)))
            if direct.isFinite { #expect(abs(score.logDensities[i] - direct) <= 1e-13 * abs(direct)) }
            #expect(score.logDensities[i].isFinite)
            #expect(abs(score.posteriors[i, 0] + score.posteriors[i, 1] - 1) <= 1e-15)
        }
        #expect(score.posteriors.mapComponent(0) == 0 && score.posteriors.mapComponent(3) == 1)
        #expect(abs(score.meanLogLikelihood - score.logDensities.reduce(0, +) / 5) <= 1e-13)
        #expect(abs(score.bic - (-2 * score.logLikelihood + 5 * log(5.0))) <= 1e-12)
        #expect(abs(score.aic - (-2 * score.logLikelihood + 10)) <= 1e-12)
    }

    @Test(arguments: [
        ("{\"weights\": [1]}", "not a saved model: it lacks \"format\": \"emlab-model\""),
        ("[1, 2]", "not a saved model: the file is not a JSON object"),
        ("weights: 1", "not a saved model: the file is not a JSON object"),
        ("{\"format\": \"emlab-model\", \"formatVersion\": 9}", "the model's layout version is 9, and this EMLab"),
        (
            "{\"format\": \"emlab-model\", \"formatVersion\": 1, \"components\": 1.5, \"weights\": [1], \"means\": [0], \"sds\": [1], \"model\": {\"parameters\": 2}}",
            "\"components\" is 1.5; it is a whole number ≥ 1"
        ),
        (
            "{\"format\": \"emlab-model\", \"formatVersion\": 1, \"components\": 2, \"weights\": [0.5, 0.5], \"means\": [0, 1], \"model\": {\"parameters\": 5}}",
            "\"sds\" is missing"
        ),
        (
            "{\"format\": \"emlab-model\", \"formatVersion\": 1, \"components\": 2, \"weights\": [0.5, 0.5], \"means\": [0, \"a\"], \"sds\": [1, 1], \"model\": {\"parameters\": 5}}",
            "\"means\" item 2 is not a number"
        ),
        (
            "{\"format\": \"emlab-model\", \"formatVersion\": 1, \"components\": 3, \"weights\": [0.5, 0.5], \"means\": [0, 1], \"sds\": [1, 1], \"model\": {\"parameters\": 5}}",
            "\"weights\" has 2 values, but \"components\" is 3"
        ),
        (
            "{\"format\": \"emlab-model\", \"formatVersion\": 1, \"components\": 2, \"weights\": [0.5, 0.5], \"means\": [0, 1], \"sds\": [1, -1], \"model\": {\"parameters\": 5}}",
            "the estimates are not a mixture: sd 2 is -1"
        ),
        (
            "{\"format\": \"emlab-model\", \"formatVersion\": 1, \"components\": 2, \"weights\": [0.5, 0.5], \"means\": [0, 1], \"sds\": [1, 1]}",
            "\"model\" is missing"
        )
    ])
    func badModelFilesGetOneLine(contents: String, message: String) throws {
        let dir = try Tool.scratchDirectory()
        try contents.write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        try "1\n2\n3\n".write(to: dir.appendingPathComponent("data.txt"), atomically: true, encoding: .utf8)
        let run = try Tool.run(["score", "bad.json", "data.txt", "--posteriors", "out.csv"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("Error: bad.json: \(message)"), "\(run.stderr)")
        // Nothing is half-written.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.csv").path))
    }

    @Test func missingModelAndBadSaveFolderAreOneLine() throws {
        let dir = try Tool.scratchDirectory()
        try Self.sample(in: dir)
        let missing = try Tool.run(["score", "absent.json", "data.txt"], in: dir)
        #expect(missing.status == 1 && missing.stderr == "Error: absent.json: no such file\n", "\(missing.stderr)")
        let folder = try Tool.run(["fit", "data.txt", "-k", "2", "--save", "no/such/model.json"], in: dir)
        #expect(folder.status != 0 && folder.stdout.isEmpty)
        #expect(folder.stderr.contains("--save no/such/model.json: the folder no/such does not exist."), "\(folder.stderr)")
        let preset = try Tool.run(["fit", "--preset", "doc002", "--save", "model.json"], in: dir)
        #expect(preset.status != 0 && preset.stderr.contains("--save goes with a plain fit"))
    }

    /// One-character names: Foundation's `deletingLastPathComponent` traps on
    /// them on Linux, so the folder check reads paths with ``PathName``.
    @Test func oneCharacterOutputNamesAreWrittenOrRefusedWithoutATrap() throws {
        let dir = try Tool.scratchDirectory()
        try Self.sample(in: dir)
        let saved = try Tool.run(["fit", "data.txt", "-k", "2", "--save", "m", "--posteriors", "p"], in: dir)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("m").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("p").path))
        let folder = try Tool.run(["fit", "data.txt", "-k", "2", "--save", "q/m"], in: dir)
        #expect(folder.status == 64 && folder.stderr.contains("--save q/m: the folder q does not exist."), "\(folder.stderr)")
        let plot = try Tool.run(["fit", "data.txt", "-k", "2", "--plot", "x"], in: dir)
        #expect(plot.status == 64 && plot.stderr.contains("--plot x: the plot is written as"), "\(plot.stderr)")
    }
}

/// ``PathName`` against POSIX dirname and basename (which say "." where it says "").
@Suite struct PathNameTests {
    @Test func folderAndLastComponentAreDirnameAndBasename() {
        let cases: [(path: String, folder: String, last: String)] = [
            ("x", "", "x"), ("x/", "", "x"), ("a/b", "a", "b"), ("a/b/", "a", "b"), ("a//b", "a", "b"),
            ("/a", "/", "a"), ("/", "/", "/"), ("//", "/", "/"), ("", "", ""), ("/a/b/c.png", "/a/b", "c.png"),
            ("./x.png", ".", "x.png"), ("é/ß.svg", "é", "ß.svg")
        ]
        for c in cases {
            #expect(PathName.folder(of: c.path) == c.folder, "\(c.path)")
            #expect(PathName.lastComponent(of: c.path) == c.last, "\(c.path)")
        }
    }
}
