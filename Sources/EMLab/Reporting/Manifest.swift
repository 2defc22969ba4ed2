import Foundation

/// manifest.json: what produced a study's files — the EMLab and GSL
/// versions, the generator and study seed, the experiment file's text and
/// SHA-256, the command line, the shard, and the timings. Timings live here
/// only, never in runs.csv or summary.csv, so those stay byte-reproducible.
public struct Manifest: Sendable {
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
    public var shardIndex: Int
    public var shardCount: Int
    public var units: Int
    public var commandLine: [String]
    public var jobs: Int
    /// `running` while a run is under way (or after it was killed outright),
    /// `interrupted` after it stopped on a signal or a failed write,
    /// `merging` while `emlab merge` writes the folder, `complete` after.
    /// `--resume` continues anything but `complete`.
    public var status: String
    public var startTime: String
    public var endTime: String?
    public var elapsedSeconds: Double?

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
            ("shard", Self.quote("\(shardIndex)/\(shardCount)")), ("units", String(units)),
            ("commandLine", "[" + commandLine.map(Self.quote).joined(separator: ", ") + "]"),
            ("jobs", String(jobs)), ("status", Self.quote(status)), ("startTime", Self.quote(startTime)),
        ]
        if let endTime { pairs.append(("endTime", Self.quote(endTime))) }
        if let elapsedSeconds { pairs.append(("elapsedSeconds", String(format: "%.3f", elapsedSeconds))) }
        pairs.append(("experimentText", Self.quote(experimentText)))
        return "{\n" + pairs.map { "  \(Self.quote($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// Reads the fields later commands need back from a manifest.json.
    public static func read(path: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EMLabError(.io, "\(path): no such file; is this a study's output folder?")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw EMLabError(.invalidData, "\(path): not a readable manifest (invalid JSON)")
        }
        return object
    }
}
