import Foundation

/// Merging the shards of one study (`emlab merge`).
///
/// Shards are contiguous blocks of the study's units, so the merged
/// runs.csv and traces.csv are the shards' rows concatenated in shard
/// order — the same bytes an unsharded run writes. The shards must come from
/// the same experiment file (same hash), be complete, and cover 1…N once each.
public enum StudyMerge {
    public static func merge(directories: [String], into output: String, commandLine: [String], plots: Bool) throws {
        guard !directories.isEmpty else { throw EMLabError(.invalidOption, "merge needs at least one shard folder") }
        var shards: [(index: Int, directory: String, manifest: [String: Any])] = []
        var count = 0
        var hash = ""
        for directory in directories {
            let manifest = try Manifest.read(path: "\(directory)/manifest.json")
            guard manifest["status"] as? String == "complete" else {
                throw EMLabError(.invalidData, "\(directory): the shard is not complete; finish it with `emlab run … --resume` first")
            }
            let parts = (manifest["shard"] as? String ?? "").split(separator: "/").compactMap { Int($0) }
            guard parts.count == 2 else { throw EMLabError(.invalidData, "\(directory)/manifest.json: no shard recorded") }
            let sha = manifest["experimentSHA256"] as? String ?? ""
            if shards.isEmpty { count = parts[1]; hash = sha }
            guard sha == hash else {
                throw EMLabError(.invalidData, "\(directory): comes from a different experiment file than \(shards[0].directory)")
            }
            guard parts[1] == count else {
                throw EMLabError(.invalidData, "\(directory): is shard \(parts[0])/\(parts[1]), but \(shards[0].directory) splits into \(count)")
            }
            if let other = shards.first(where: { $0.index == parts[0] }) {
                throw EMLabError(.invalidData, "\(directory) and \(other.directory) are both shard \(parts[0])/\(count)")
            }
            shards.append((parts[0], directory, manifest))
        }
        let missing = (1...count).filter { i in !shards.contains { $0.index == i } }
        guard missing.isEmpty else {
            throw EMLabError(.invalidData, "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing")
        }
        shards.sort { $0.index < $1.index }

        let fm = FileManager.default
        for name in ["runs.csv", "runs.csv.partial", "manifest.json"] where fm.fileExists(atPath: "\(output)/\(name)") {
            throw EMLabError(.io, "\(output): already holds a study (\(name)); choose another --output")
        }
        try fm.createDirectory(atPath: output, withIntermediateDirectories: true)
        for name in ["runs.csv", "traces.csv"] {
            var data = Data()
            var header: Data?
            for shard in shards {
                guard let contents = fm.contents(atPath: "\(shard.directory)/\(name)") else {
                    throw EMLabError(.io, "\(shard.directory)/\(name): cannot be read")
                }
                let end = contents.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? contents.endIndex
                let head = contents[contents.startIndex..<end]
                if let header {
                    guard header == head else { throw EMLabError(.invalidData, "\(shard.directory)/\(name): its header differs from shard 1's") }
                } else {
                    header = head
                    data.append(head)
                }
                data.append(contents[end...])
            }
            try AtomicFile.write(data, to: "\(output)/\(name)")
        }
        _ = try StudyOutput.finish(directory: output, plots: plots)
        let first = shards[0].manifest
        let manifest = Manifest(
            experimentName: first["experimentName"] as? String ?? "", experimentFile: first["experimentFile"] as? String ?? "",
            experimentSHA256: hash, experimentText: first["experimentText"] as? String ?? "",
            generator: first["generator"] as? String ?? "", normalMethod: first["normalMethod"] as? String ?? "",
            studySeed: (first["studySeed"] as? NSNumber)?.uint64Value ?? 0, conditions: first["conditions"] as? Int ?? 0,
            replicates: first["totalReplicates"] as? Int ?? 0, shardIndex: 1, shardCount: 1,
            units: shards.map { $0.manifest["units"] as? Int ?? 0 }.reduce(0, +), commandLine: commandLine, jobs: 0,
            status: "complete", startTime: Manifest.now(), endTime: Manifest.now(), elapsedSeconds: nil)
        try AtomicFile.write(manifest.json, to: "\(output)/manifest.json")
    }
}
