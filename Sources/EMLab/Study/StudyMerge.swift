import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Merging the shards of one study (`emlab merge`).
///
/// Shards are contiguous blocks of the study's units, so the merged
/// runs.csv and traces.csv are the shards' rows concatenated in shard
/// order — the same bytes an unsharded run writes. The shards must come from
/// the same experiment file (same hash), be complete, cover 1…N once each,
/// and hold the rows their manifests promise.
///
/// The output folder is written under its lock (``StudyLock``), in the
/// order `emlab run` uses: the rows under partial names, summary.csv, the
/// final names, the plots, and last the manifest marked `complete`; until
/// then it says `merging`, and a merge stopped half-way is replaced by the
/// next one.
public enum StudyMerge {
    public static func merge(
        directories: [String], into output: String, commandLine: [String], plots: Bool,
        reporter: (any StudyReporting)?
    ) throws {
        guard !directories.isEmpty else { throw EMLabError(.invalidOption, "merge needs at least one shard folder") }
        var shards: [(index: Int, directory: String, manifest: Manifest)] = []
        var count = 0
        var hash = ""
        for directory in directories {
            let manifest = try Manifest.read(path: "\(directory)/manifest.json")
            guard manifest.status == .complete else {
                throw EMLabError(.invalidData, "\(directory): the shard is not complete; finish it with `emlab run … --resume` first")
            }
            let parts = [manifest.shard.index, manifest.shard.count]
            let sha = manifest.experimentSHA256
            if shards.isEmpty {
                count = parts[1]
                hash = sha
            }
            guard sha == hash, shards.isEmpty || manifest.dataSHA256 == shards[0].manifest.dataSHA256 else {
                throw EMLabError(.invalidData, "\(directory): comes from a different experiment file (or data files) than \(shards[0].directory)")
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
        // Each shard file is opened only when it is copied, then the shard's
        // manifest is checked to be still the one read above: the open file then
        // belongs to that finished run, even if another command replaces the
        // shard while this merge reads it. One file open at a time, so 1000
        // shards need no more descriptors than one.
        let manifests = Dictionary(uniqueKeysWithValues: shards.map { ($0.directory, $0.manifest) })
        let openShardFile: (String, String) throws -> Int32 = { directory, name in
            let path = "\(directory)/\(name)"
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw EMLabError(.io, "\(path): cannot be read: \(POSIXFile.describe(errno: errno))") }
            let now = try? Manifest.read(path: "\(directory)/manifest.json")
            guard let now, let then = manifests[directory], now == then else {
                close(descriptor)
                throw EMLabError(.io, "\(directory): changed while it was being merged (another command is writing it); merge again when it is finished")
            }
            return descriptor
        }
        let first = shards[0].manifest
        let experimentText = first.experimentText
        // Parsed once, from the manifest's copy: for the rows each shard must hold, and for the plots and page.
        // With data files, they must still be the ones the shards ran on (read again, hashed).
        let experiment =
            first.dataSHA256 != nil
            ? try first.experiment(file: "\(shards[0].directory)/manifest.json")
            : try? first.experiment(file: "\(shards[0].directory)/manifest.json")
        let starts = experiment?.starts

        let fm = FileManager.default
        let holder = (["emlab"] + commandLine.dropFirst().map(StudyRunner.shellWord)).joined(separator: " ")
        let lock = try StudyLock.acquire(directory: output, command: commandLine.isEmpty ? "emlab merge" : holder, createDirectory: true)
        defer { lock.release() }
        let names = ["runs.csv", "traces.csv", StudyRunner.partialRuns, StudyRunner.partialTraces, "summary.csv", "manifest.json", "plots"]
        if (try? Manifest.read(path: "\(output)/manifest.json"))?.status == .merging {
            for name in names { try? fm.removeItem(atPath: "\(output)/\(name)") }  // a merge stopped half-way
        }
        for name in ["runs.csv", StudyRunner.partialRuns, "manifest.json", "summary.csv"] where fm.fileExists(atPath: "\(output)/\(name)") {
            throw EMLabError(.io, "\(output): already holds a study (\(name)); choose another --output")
        }
        var manifest = Manifest(
            experimentName: first.experimentName, experimentFile: first.experimentFile,
            experimentSHA256: hash, experimentText: experimentText,
            generator: first.generator, normalMethod: first.normalMethod,
            studySeed: first.studySeed, conditions: first.conditions,
            replicates: first.replicates, shard: .whole,
            units: shards.map(\.manifest.units).reduce(0, +), commandLine: commandLine, jobs: 0,
            status: .merging, startTime: Manifest.now(), endTime: nil, elapsedSeconds: nil,
            dataSHA256: first.dataSHA256, dataDirectory: first.dataDirectory)
        try AtomicFile.write(manifest.json, to: "\(output)/manifest.json")
        do {
            try write(
                shards: shards, open: openShardFile, starts: starts, output: output, plots: plots, reporter: reporter,
                experiment: experiment)
        } catch {
            for name in names { try? fm.removeItem(atPath: "\(output)/\(name)") }  // nothing half-made is left
            throw error
        }
        manifest.status = .complete
        manifest.endTime = Manifest.now()
        manifest.runsSHA256 = try SHA256.hexOfFile(atPath: "\(output)/runs.csv")
        try AtomicFile.write(manifest.json, to: "\(output)/manifest.json")
        _ = StudyOutput.writeReportPage(directory: output, reporter: reporter, experiment: experiment)  // like the plots: the merged numbers stand without it
    }

    /// The merged rows, summary and plots, in the order `emlab run` writes them.
    static func write(
        shards: [(index: Int, directory: String, manifest: Manifest)], open: (String, String) throws -> Int32, starts: Int?,
        output: String, plots: Bool, reporter: (any StudyReporting)?, experiment: Experiment?
    ) throws {
        let runsPartial = "\(output)/\(StudyRunner.partialRuns)", tracesPartial = "\(output)/\(StudyRunner.partialTraces)"
        try concatenate(shards.map { ($0.directory, nil) }, name: "traces.csv", open: open, into: tracesPartial)
        try concatenate(
            shards.map { shard in (shard.directory, starts.map { $0 * shard.manifest.units }) },
            name: "runs.csv", open: open, into: runsPartial)
        // Each shard judged its own rows; the whole study is judged again over all of them.
        try StudyOutput.judgeAgainstReference(runsPath: runsPartial, experiment: experiment)
        try StudyOutput.writeSummary(directory: output, runsPath: runsPartial)
        for (partial, final) in [(tracesPartial, "\(output)/traces.csv"), (runsPartial, "\(output)/runs.csv")] {
            guard rename(partial, final) == 0 else { throw EMLabError(.io, "\(final): cannot be written: \(POSIXFile.describe(errno: errno))") }
        }
        if plots { _ = StudyOutput.drawPlots(directory: output, reporter: reporter, experiment: experiment) }
    }

    /// Writes the shards' `name` files (each opened by `open(directory, name)` and closed after) into `path` (atomically): the first
    /// header, then every shard's rows, copied a chunk at a time so memory
    /// stays flat. Each shard's header must be the first one's, and, where
    /// `rows` is given, it must hold exactly that many rows.
    static func concatenate(
        _ shards: [(directory: String, rows: Int?)], name: String, open openFile: (String, String) throws -> Int32,
        into path: String
    ) throws {
        let temporary = "\(path).tmp-\(getpid())"
        let output = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard output >= 0 else { throw EMLabError(.io, "\(path): cannot be written: \(POSIXFile.describe(errno: errno))") }
        var finished = false, isOpen = true
        defer {
            if isOpen { close(output) }
            if !finished { unlink(temporary) }
        }
        var header: [UInt8]?
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for shard in shards {
            let source = "\(shard.directory)/\(name)"
            let input = try openFile(shard.directory, name)
            defer { close(input) }
            var inHeader = true
            var shardHeader: [UInt8] = []
            var lines = 0
            while true {
                let got = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw EMLabError(.io, "\(source): cannot be read: \(POSIXFile.describe(errno: errno))")
                }
                if got == 0 { break }
                var from = 0
                if inHeader {
                    if let end = buffer[0..<got].firstIndex(of: UInt8(ascii: "\n")) {
                        shardHeader += buffer[0...end]
                        from = end + 1
                        inHeader = false
                        if let header {
                            guard header == shardHeader else {
                                throw EMLabError(.invalidData, "\(source): its header differs from \(shards[0].directory)/\(name)'s")
                            }
                        } else {
                            header = shardHeader
                            if let code = POSIXFile.writeAll(output, Data(shardHeader)) {
                                throw EMLabError(.io, "\(path): cannot be written: \(POSIXFile.describe(errno: code))")
                            }
                        }
                    } else {
                        shardHeader += buffer[0..<got]
                        continue
                    }
                }
                lines += buffer[from..<got].reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
                if let code = buffer.withUnsafeBytes({ POSIXFile.writeAll(output, UnsafeRawBufferPointer(rebasing: $0[from..<got])) }) {
                    throw EMLabError(.io, "\(path): cannot be written: \(POSIXFile.describe(errno: code))")
                }
            }
            if inHeader { throw EMLabError(.invalidData, "\(source): is empty or has no header line") }
            if let rows = shard.rows, rows != lines {
                throw EMLabError(.invalidData, "\(source): holds \(lines) rows, but its manifest promises \(rows); the shard is damaged — run it again")
            }
        }
        isOpen = false
        guard close(output) == 0 || errno == EINTR else {
            throw EMLabError(.io, "\(path): cannot be written: \(POSIXFile.describe(errno: errno))")
        }
        guard rename(temporary, path) == 0 else { throw EMLabError(.io, "\(path): cannot be written: \(POSIXFile.describe(errno: errno))") }
        finished = true
    }
}
