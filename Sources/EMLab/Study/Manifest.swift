import Foundation

/// manifest.json: what produced a study's files — the EMLab and GSL
/// versions, the generator and study seed, the experiment file's text and
/// SHA-256, the command line, the shard, and the timings. Timings live here
/// only, never in runs.csv or summary.csv, so those stay byte-reproducible.
public struct Manifest: Sendable, Equatable {
    public var emlabVersion = EMLabVersion.current
    public var gslVersion = RandomSource.gslVersion
    public var experimentName: String
    public var experimentFile: String
    public var experimentSHA256: String
    public var experimentText: String
    public var generator: String
    public var normalMethod: String
    public var studySeed: UInt64
    public var conditions: Int
    /// The total number of (condition, replicate) units of the study.
    public var replicates: Int
    /// The block of units this folder holds (``Shard/whole`` for a whole or merged study).
    public var shard: Shard
    public var units: Int
    public var commandLine: [String]
    public var jobs: Int
    /// Where the study's writing stands; `--resume` continues anything but `complete`.
    public var status: Status
    public var startTime: String
    public var endTime: String?
    public var elapsedSeconds: Double?
    /// For an experiment whose truths name data files: one SHA-256 over the
    /// files' paths and hashes (``Experiment/dataSHA256``), so a resume, merge
    /// or report that finds them changed refuses; nil otherwise (and absent from the file).
    public var dataSHA256: String? = nil
    /// The folder those files' paths are relative to (the experiment file's, absolute); nil without data files.
    public var dataDirectory: String? = nil
    /// The SHA-256 of the runs.csv the finished study wrote (`emlab run` or
    /// `merge`), so `emlab report` can tell it from a stale or foreign copy;
    /// nil while the study runs, and in manifests written before it was recorded.
    public var runsSHA256: String? = nil

    /// The experiment file's hash, as recorded.
    public static func hash(of text: String) -> String { SHA256.hex(Array(text.utf8)) }

    /// The current time in ISO 8601 (UTC).
    public static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    static func quote(_ text: String) -> String { JSONText.string(text) }

    /// The JSON text, keys in a fixed order.
    public var json: String {
        var pairs: [(String, String)] = [
            ("emlabVersion", Self.quote(emlabVersion)), ("gslVersion", Self.quote(gslVersion)),
            ("experimentName", Self.quote(experimentName)), ("experimentFile", Self.quote(experimentFile)),
            ("experimentSHA256", Self.quote(experimentSHA256)), ("generator", Self.quote(generator)),
            ("normalMethod", Self.quote(normalMethod)), ("studySeed", String(studySeed)),
            ("conditions", String(conditions)), ("totalReplicates", String(replicates)),
            ("shard", Self.quote(shard.description)), ("units", String(units)),
            ("commandLine", "[" + commandLine.map(Self.quote).joined(separator: ", ") + "]"),
            ("jobs", String(jobs)), ("status", Self.quote(status.rawValue)), ("startTime", Self.quote(startTime))
        ]
        if let dataSHA256 { pairs.append(("dataSHA256", Self.quote(dataSHA256))) }
        if let dataDirectory { pairs.append(("dataDirectory", Self.quote(dataDirectory))) }
        if let runsSHA256 { pairs.append(("runsSHA256", Self.quote(runsSHA256))) }
        if let endTime { pairs.append(("endTime", Self.quote(endTime))) }
        if let elapsedSeconds { pairs.append(("elapsedSeconds", String(format: "%.3f", elapsedSeconds))) }
        pairs.append(("experimentText", Self.quote(experimentText)))
        return "{\n" + pairs.map { "  \(Self.quote($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Reads a manifest.json back.
    ///
    /// - Throws: ``EMLabError`` `.io` when there is no such file,
    ///   `.invalidData` when it is not a manifest (invalid JSON, or a field
    ///   missing or of the wrong type — which one is said).
    public static func read(path: String) throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EMLabError(.io, "\(path): no such file; is this a study's output folder?")
        }
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw EMLabError(.invalidData, "\(path): not a readable manifest (invalid JSON)")
        }
        do {
            return try JSONDecoder().decode(Manifest.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw EMLabError(.invalidData, "\(path): not a readable manifest (no \(key.stringValue))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw EMLabError(
                .invalidData, "\(path): not a readable manifest (\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type)")
        } catch let error as EMLabError {
            throw EMLabError(error.code, "\(path): \(error.message)")
        } catch {
            throw EMLabError(.invalidData, "\(path): not a readable manifest (\(error))")
        }
    }
}

extension Manifest {
    /// Where a study's writing stands.
    public enum Status: String, Codable, Sendable {
        /// A run is under way (or was killed outright).
        case running
        /// The run stopped on a signal or a failed write.
        case interrupted
        /// `emlab merge` is writing the folder.
        case merging
        /// Every row is written, with summary.csv.
        case complete
    }
}

/// manifest.json's keys. The file is written by ``Manifest/json`` (fixed
/// key order and number forms, so its bytes are EMLab's alone); these
/// read and write the same keys.
extension Manifest: Codable {
    enum CodingKeys: String, CodingKey {
        case emlabVersion, gslVersion, experimentName, experimentFile, experimentSHA256, experimentText, generator, normalMethod
        case studySeed, conditions, totalReplicates, shard, units, commandLine, jobs, status, startTime, endTime, elapsedSeconds
        case dataSHA256, dataDirectory, runsSHA256
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let shardText = try c.decode(String.self, forKey: .shard)
        guard let shard = try? Shard(parsing: shardText) else {
            throw EMLabError(.invalidData, "not a readable manifest (shard '\(shardText)' is not I/N)")
        }
        self.init(
            experimentName: try c.decode(String.self, forKey: .experimentName),
            experimentFile: try c.decode(String.self, forKey: .experimentFile),
            experimentSHA256: try c.decode(String.self, forKey: .experimentSHA256),
            experimentText: try c.decode(String.self, forKey: .experimentText),
            generator: try c.decode(String.self, forKey: .generator),
            normalMethod: try c.decode(String.self, forKey: .normalMethod),
            studySeed: try c.decode(UInt64.self, forKey: .studySeed),
            conditions: try c.decode(Int.self, forKey: .conditions),
            replicates: try c.decode(Int.self, forKey: .totalReplicates),
            shard: shard,
            units: try c.decode(Int.self, forKey: .units),
            commandLine: try c.decode([String].self, forKey: .commandLine),
            jobs: try c.decode(Int.self, forKey: .jobs),
            status: try c.decode(Status.self, forKey: .status),
            startTime: try c.decode(String.self, forKey: .startTime),
            endTime: try c.decodeIfPresent(String.self, forKey: .endTime),
            elapsedSeconds: try c.decodeIfPresent(Double.self, forKey: .elapsedSeconds))
        emlabVersion = try c.decode(String.self, forKey: .emlabVersion)
        gslVersion = try c.decode(String.self, forKey: .gslVersion)
        dataSHA256 = try c.decodeIfPresent(String.self, forKey: .dataSHA256)
        dataDirectory = try c.decodeIfPresent(String.self, forKey: .dataDirectory)
        runsSHA256 = try c.decodeIfPresent(String.self, forKey: .runsSHA256)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(emlabVersion, forKey: .emlabVersion)
        try c.encode(gslVersion, forKey: .gslVersion)
        try c.encode(experimentName, forKey: .experimentName)
        try c.encode(experimentFile, forKey: .experimentFile)
        try c.encode(experimentSHA256, forKey: .experimentSHA256)
        try c.encode(experimentText, forKey: .experimentText)
        try c.encode(generator, forKey: .generator)
        try c.encode(normalMethod, forKey: .normalMethod)
        try c.encode(studySeed, forKey: .studySeed)
        try c.encode(conditions, forKey: .conditions)
        try c.encode(replicates, forKey: .totalReplicates)
        try c.encode(shard.description, forKey: .shard)
        try c.encode(units, forKey: .units)
        try c.encode(commandLine, forKey: .commandLine)
        try c.encode(jobs, forKey: .jobs)
        try c.encode(status, forKey: .status)
        try c.encode(startTime, forKey: .startTime)
        try c.encodeIfPresent(endTime, forKey: .endTime)
        try c.encodeIfPresent(elapsedSeconds, forKey: .elapsedSeconds)
        try c.encodeIfPresent(dataSHA256, forKey: .dataSHA256)
        try c.encodeIfPresent(dataDirectory, forKey: .dataDirectory)
        try c.encodeIfPresent(runsSHA256, forKey: .runsSHA256)
    }
}

extension Manifest {
    /// The experiment the manifest recorded, parsed from its text, with any
    /// data files read again from the recorded folder and checked against
    /// the recorded hash.
    ///
    /// - Parameter file: names the text in messages.
    /// - Throws: what ``ExperimentParser/parse(text:file:dataDirectory:)``
    ///   throws (a data file gone: `.io`), and `.invalidData` when the data
    ///   files differ from those the study ran on.
    public func experiment(file: String) throws -> Experiment {
        let experiment = try ExperimentParser.parse(text: experimentText, file: file, dataDirectory: dataDirectory)
        if let dataSHA256, experiment.dataSHA256 != dataSHA256 {
            let files = experiment.dataFiles.map(\.path).joined(separator: ", ")
            throw EMLabError(
                .invalidData,
                "\(file): the study's data files (\(files)) changed since it ran (their SHA-256 differs); restore them, or run the study again")
        }
        return experiment
    }
}

extension Manifest {
    /// Throws unless the runs.csv at `runsPath` is the one the study wrote:
    /// its SHA-256 is the recorded ``runsSHA256`` (a manifest without one is
    /// not checked).
    ///
    /// - Throws: ``EMLabError`` `.invalidData` naming the file and what to do;
    ///   `.io` when it cannot be read.
    public func checkRuns(at runsPath: String) throws {
        guard let runsSHA256 else { return }
        guard try SHA256.hexOfFile(atPath: runsPath) == runsSHA256 else {
            throw EMLabError(
                .invalidData,
                "\(runsPath): is not the runs.csv this study wrote (its SHA-256 differs from manifest.json's runsSHA256): a stale copy, another run's, or edited; put back the study's own runs.csv, or run the study again with --overwrite"
            )
        }
    }
}
