import Foundation

extension SlurmPlan {
    /// Where a shard stands, from its folder alone (so it holds however the task ended).
    public enum ShardState: Equatable, Sendable {
        /// Its manifest says `complete`, for this experiment and this split, and its runs.csv is there.
        case complete
        /// Started, not finished: the manifest's status (`running`, `interrupted`, …).
        case partial(String)
        /// No manifest: never started, or stopped before it wrote one.
        case missing
    }

    /// The state of shard `index`, the same test `emlab merge` applies.
    ///
    /// - Parameter experimentHash: the experiment file's SHA-256 (``Manifest/hash(of:)``).
    /// - Throws: ``EMLabError`` `.invalidData` when the folder holds a shard of
    ///   another experiment file or another split (a task would refuse to
    ///   resume it, so it must be moved away by hand).
    public func shardState(_ index: Int, experimentHash: String) throws -> ShardState {
        let directory = shardDirectory(index)
        guard FileManager.default.fileExists(atPath: "\(directory)/manifest.json") else { return .missing }
        let manifest = try Manifest.read(path: "\(directory)/manifest.json")
        guard manifest.experimentSHA256 == experimentHash else {
            throw EMLabError(
                .invalidData, "\(directory): holds a shard of another experiment file (its hash differs from \(experimentFile)); move it away, then try again")
        }
        guard manifest.shard.index == index, manifest.shard.count == tasks else {
            throw EMLabError(.invalidData, "\(directory): holds shard \(manifest.shard), not \(index)/\(tasks); move it away, then try again")
        }
        guard manifest.status == .complete, FileManager.default.fileExists(atPath: "\(directory)/runs.csv") else {
            return .partial(manifest.status.rawValue)
        }
        return .complete
    }

    /// The shards (1…N) that are not complete, in order.
    public func unfinishedShards(experimentHash: String) throws -> [Int] {
        try (1...tasks).filter { try shardState($0, experimentHash: experimentHash) != .complete }
    }

    /// Whether the merged study in DIR is complete (its manifest says so and its runs.csv is there).
    public var isMerged: Bool {
        guard let manifest = try? Manifest.read(path: "\(output)/manifest.json") else { return false }
        return manifest.status == .complete && manifest.shard.isWhole
            && FileManager.default.fileExists(atPath: "\(output)/runs.csv")
    }
}
