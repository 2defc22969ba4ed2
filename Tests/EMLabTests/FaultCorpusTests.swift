import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// The bad-input and fault corpus (issue 11): bad data files, CLI values and
/// experiment files; a full disk, a read-only and a vanished folder;
/// concurrent writers; SIGTERM, SIGINT and kill -9 mid-run; damaged
/// partial files; merges of mismatched shards; replays of edited rows.
///
/// Every case runs the real `emlab` and asserts the exit status, one clear
/// line on stderr (no stack trace), and that nothing which looks complete
/// is left behind.
enum Corpus {
    /// The small study the fault cases run (280 units, well under a second).
    static let study = goodExperiment.replacingOccurrences(of: "replicates = 3", with: "replicates = 150")
    /// The same design from another seed: another experiment file.
    static let other = study.replacingOccurrences(of: "seed = 7", with: "seed = 8")

    /// A folder with study.toml, other.toml and `whole/`, the uninterrupted run.
    static let fixture: URL = {
        let dir = try! Tool.scratchDirectory()
        try! study.write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        try! other.write(to: dir.appendingPathComponent("other.toml"), atomically: true, encoding: .utf8)
        let whole = try! Tool.run(["run", "study.toml", "--output", "whole", "--quiet", "--no-plots"], in: dir)
        precondition(whole.status == 0, whole.stderr)
        return dir
    }()

    /// A fresh scratch folder holding copies of the experiment files.
    static func scratch() throws -> URL {
        let dir = try Tool.scratchDirectory()
        for name in ["study.toml", "other.toml"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    static let stackTraceMarks = ["Fatal error", "Stack dump", "Backtrac", "Program crashed", "Current stack trace", "#0 ", "Thread 0"]

    /// Exactly one `Error:` line, first, naming what went wrong; the only
    /// other lines allowed are argument-parser's usage pointers; no stack trace.
    static func expectOneClearLine(
        _ output: Tool.Output, status: Int32? = nil, _ words: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if let status {
            #expect(output.status == status, "status \(output.status), stderr: \(output.stderr)", sourceLocation: sourceLocation)
        } else {
            #expect(output.status != 0, "exit status 0; stdout: \(output.stdout)", sourceLocation: sourceLocation)
        }
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.first?.hasPrefix("Error: ") == true, "stderr: \(output.stderr)", sourceLocation: sourceLocation)
        let others = lines.dropFirst().filter { !($0.hasPrefix("Usage: ") || $0.hasPrefix("Help: ") || $0.hasPrefix("  See '") || $0.hasPrefix("  - ")) }
        #expect(others.isEmpty, "more than one line: \(output.stderr)", sourceLocation: sourceLocation)
        for mark in stackTraceMarks {
            #expect(!output.stderr.contains(mark), "a stack trace: \(output.stderr)", sourceLocation: sourceLocation)
        }
        for word in words {
            #expect(output.stderr.contains(word), "'\(word)' not in: \(output.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// A failed study command leaves nothing that looks complete: no
    /// runs.csv, summary.csv or traces.csv, no manifest saying `complete`,
    /// no temporary files.
    static func expectNothingComplete(in dir: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for name in ["runs.csv", "summary.csv", "traces.csv"] {
            #expect(!files.contains(name), "\(dir.lastPathComponent)/\(name) looks complete", sourceLocation: sourceLocation)
        }
        #expect(!files.contains { $0.contains(".tmp-") }, "temporary files left: \(files)", sourceLocation: sourceLocation)
        if let manifest = try? Manifest.read(path: dir.appendingPathComponent("manifest.json").path) {
            #expect(manifest.status != .complete, sourceLocation: sourceLocation)
        }
    }

    /// The study files of `dir` are byte-identical to the uninterrupted run's.
    static func expectSameAsWhole(_ dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in StudyRunnerTests.studyFiles {
            let whole = try Data(contentsOf: fixture.appendingPathComponent("whole/\(name)"))
            let other = try Data(contentsOf: dir.appendingPathComponent(name))
            #expect(whole == other, "\(name) differs from the uninterrupted run's", sourceLocation: sourceLocation)
        }
    }

    /// Mounts a tmpfs (root only); false where mounting is not allowed.
    static func mount(_ dir: URL, options: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", dir.path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func remount(_ dir: URL, options: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-o", "remount,\(options)", dir.path]
        try? process.run()
        process.waitUntilExit()
    }

    /// Whether a tmpfs can be mounted here (root, with mount allowed): tried once.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, let dir = try? scratch() else { return false }
        let point = dir.appendingPathComponent("probe")
        guard (try? FileManager.default.createDirectory(at: point, withIntermediateDirectories: false)) != nil,
            mount(point, options: "size=64k")
        else { return false }
        unmount(point)
        return true
    }()

    static func unmount(_ dir: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [dir.path]
        try? process.run()
        process.waitUntilExit()
    }
}

/// `emlab` started in the background, to be interrupted.
struct RunningTool {
    let process: Process
    let stdout = Pipe(), stderr = Pipe()

    init(_ arguments: [String], in directory: URL, executable: URL = Tool.executable) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until `file` holds more than `bytes` bytes; false if the process ended first.
    func waitFor(_ file: URL, moreThan bytes: Int, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && process.isRunning {
            if let size = try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int, size > bytes {
                return process.isRunning
            }
            usleep(1_000)
        }
        return false
    }

    func finish() -> Tool.Output {
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Tool.Output(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}

@Suite struct FaultCorpusTests {
    static let files: [String: Data] = [
        "empty.txt": Data(), "header.txt": Data("value\n".utf8), "inf.txt": Data("1\n2\nInf\n".utf8),
        "huge.txt": Data("1\n1e999\n3\n".utf8), "hex.txt": Data("1\n0x10\n3\n".utf8), "nan.txt": Data("1\nnan\n3\n".utf8),
        "words.txt": Data("1\n2\ntwelve\n".utf8), "semicolons.txt": Data("1;2;3\n4;5;6\n".utf8),
        "nocolumn.csv": Data("a,b\n1,2\n3,4\n".utf8), "short.csv": Data("a,value\n1,2\n3\n".utf8),
        "badfield.csv": Data("value,w\n1,1\nx,1\n".utf8), "comma-decimals.txt": Data("1,5\n2,5\n".utf8),
        "utf16.txt": Data([0xFF, 0xFE, 0x31, 0, 0x0A, 0, 0x32, 0, 0x0A, 0]), "binary.txt": Data([0x31, 0x0A, 0x32, 0, 0x0A]),
        "equal.txt": Data("4\n4\n4\n4\n".utf8), "ties.txt": Data("1\n1\n2\n2\n".utf8), "good.txt": Data("1\n2\n3\n10\n11\n12\n".utf8),
        "bom-words.txt": Data([0xEF, 0xBB, 0xBF] + Array("1\nfoo\n".utf8)),
        "blanks-only.txt": Data("\n  \n\t\n".utf8), "all-missing.csv": Data("value,w\nNA,1\n,2\n".utf8)
    ]

    /// Bad data files and bad values on the command line.
    @Test(arguments: [
        // Data files.
        (["fit", "empty.txt", "-k", "2"], "empty.txt: holds no values"),
        (["fit", "header.txt", "-k", "2"], "header.txt: holds no values"),
        (["fit", "inf.txt", "-k", "2"], "inf.txt:3: 'Inf' is not a finite number"),
        (["fit", "huge.txt", "-k", "2"], "huge.txt:2: '1e999' is not a finite number"),
        (["fit", "hex.txt", "-k", "2"], "hex.txt:2: '0x10' is not a number"),
        (["fit", "nan.txt", "-k", "2"], "nan.txt:2: 'nan' is a missing value; give --missing skip to leave missing values out"),
        (["fit", "words.txt", "-k", "2"], "words.txt:3: 'twelve' is not a number"),
        (
            ["fit", "semicolons.txt", "-k", "2"],
            "semicolons.txt:1: the first line '1;2;3' holds numbers, not column names: a semicolon-separated file needs a header row"
        ),
        (["fit", "nocolumn.csv", "-k", "2"], "choose one with --column NAME"),
        (["fit", "nocolumn.csv", "-k", "2", "--column", "c"], "no column 'c'; the columns are a, b"),
        (["fit", "short.csv", "-k", "2"], "short.csv:3: has 1 fields, but column 'value' is field 2"),
        (["fit", "badfield.csv", "-k", "2"], "badfield.csv:3: 'x' is not a number"),
        (["fit", "comma-decimals.txt", "-k", "2"], "comma-decimals.txt:1: the first line '1,5' holds numbers, not column names"),
        (["fit", "blanks-only.txt", "-k", "2"], "blanks-only.txt: holds no values"),
        (["fit", "all-missing.csv", "-k", "2", "--missing", "skip"], "all-missing.csv: holds no values (2 missing values were skipped)"),
        (["fit", "all-missing.csv", "-k", "2"], "all-missing.csv:2: 'NA' is a missing value"),
        (["fit", "all-missing.csv", "-k", "2", "--delimiter", ";"], "all-missing.csv:2: 'NA,1' is not a number"),
        (["select", "all-missing.csv"], "all-missing.csv:2: 'NA' is a missing value"),
        (["fit", "utf16.txt", "-k", "2"], "utf16.txt: is UTF-16 or UTF-32 text; save it as UTF-8"),
        (["fit", "binary.txt", "-k", "2"], "binary.txt: is not a text file"),
        (["fit", "equal.txt", "-k", "1"], "all 4 values are equal (4)"),
        (["fit", "ties.txt", "-k", "3"], "2 distinct values, fewer than K = 3"),
        (["fit", "bom-words.txt", "-k", "2"], "bom-words.txt:2: 'foo' is not a number"),
        (["fit", "absent.txt", "-k", "2"], "absent.txt: no such file"),
        (["fit", "folder", "-k", "2"], "folder: is a folder, not a data file"),
        (["fit", "-", "-k", "2"], "<stdin>: holds no values"),
        // Values on the command line.
        (["fit", "good.txt", "-k", "-1"], "got -1"),
        (["fit", "good.txt", "-k", "2", "--tol", "0"], "positive, finite --tol"),
        (["fit", "good.txt", "-k", "2", "--tol", "nan"], "positive, finite --tol"),
        (["fit", "good.txt", "-k", "2", "--iterations", "-5"], "--iterations ≥ 0"),
        (["fit", "good.txt", "-k", "2", "--variance-floor", "-1e-3"], "--variance-floor ≥ 0"),
        (["fit", "good.txt", "-k", "2", "--init-sds", "-1,1"], "sd 1 is -1"),
        (["fit", "good.txt", "-k", "2", "--init-means", "1,,2"], "The value '1,,2' is invalid for '--init-means"),
        (["fit", "good.txt", "-k", "2", "--init", "psychic"], "The value 'psychic' is invalid for '--init"),
        (["fit", "good.txt", "-k", "2", "--seed", "-3"], "The value '-3' is invalid for '--seed"),
        (["fit", "good.txt", "-k", "2", "--variance", "known=-2"], "The value 'known=-2' is invalid for '--variance <model>'"),
        (["fit", "good.txt", "-k", "2", "--trace", "no/such/folder/t.csv"], "no/such/folder/t.csv: cannot be written: the folder does not exist"),
        (["sample", "--weights", ".5,.5", "--means", "-1,1", "--sds", "1,1", "-n", "-4"], "at least one value"),
        (["sample", "--weights", "-.5,1.5", "--means", "-1,1", "--sds", "1,1", "-n", "4"], "weight 1 is -0.5"),
        (["run", "study.toml", "--jobs", "-2"], "Please give --jobs 1 or more; got -2."),
        (["run", "study.toml", "--shard", "-1/2"], "--shard must be I/N"),
        (["run", "study.toml", "--resume", "--overwrite"], "contradict"),
        (["fit", "good.txt", "-k", "2", "--missing", "impute"], "The value 'impute' is invalid for '--missing"),
        (["fit", "good.txt", "-k", "2", "--delimiter", "|"], "The value '|' is invalid for '--delimiter"),
        (["select", "good.txt", "--delimiter", "space"], "The value 'space' is invalid for '--delimiter"),
        (["fit", "good.txt", "-k", "2", "--plot", "fit.jpeg"], "--plot fit.jpeg: the plot is written as FILE.svg, FILE.png or FILE.pdf"),
        (["select", "good.txt", "--plot", "criteria.eps"], "--plot criteria.eps: the plot is written as FILE.svg, FILE.png or FILE.pdf"),
        (["select", "good.txt", "--plot", "no/such/folder/criteria.png"], "--plot no/such/folder/criteria.png: the folder no/such/folder does not exist"),
        (["replay", "absent/runs.csv", "--row", "-1"], "absent/runs.csv: no such file"),
        (["report", "absent"], "absent: no such folder")
    ])
    func badInput(arguments: [String], message: String) throws {
        let dir = try Corpus.scratch()
        for (name, data) in Self.files { try data.write(to: dir.appendingPathComponent(name)) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder"), withIntermediateDirectories: false)
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        let result = try Tool.run(arguments, stdin: "", in: dir)
        Corpus.expectOneClearLine(result, [message])
        #expect(result.stdout.isEmpty)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(after == before, "left behind: \(after.subtracting(before))")
    }

    /// Bad experiment files: one line naming file, line and key; no output folder.
    @Test(arguments: [
        ("n = [30, 60]", "n = []", "bad.toml:27: [design] n: is empty"),
        ("truth = [\"a\", \"b\"]", "truth = [\"a\", \"c\"]", "bad.toml:26: [design] truth: unknown truth 'c'"),
        ("seed = 7", "seed = 7\nseed = 8", "bad.toml:3:8: TOML syntax error"),
        ("weights = [0.3, 0.7]", "weights = [0.3, 0.6]", "bad.toml:8: [truths.a] weights: weights sum to"),
        ("replicates = 150", "replicates = -4", "bad.toml:3: replicates"),
        ("name = \"tiny\"", "name = \"tiny\"\ngenerator = \"nope\"", "bad.toml:2: generator"),
        ("sds = [1, 1, 1]", "sds = [1, -1, 1]", "bad.toml:14: [truths.b] sds: sd 2 is -1")
    ])
    func badExperimentFile(original: String, replacement: String, message: String) throws {
        let dir = try Corpus.scratch()
        let text = Corpus.study.replacingOccurrences(of: original, with: replacement)
        #expect(text != Corpus.study)
        try text.write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["run", "bad.toml", "--output", "out", "--quiet"], in: dir)
        Corpus.expectOneClearLine(result, [message])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func anExperimentFileWithAByteOrderMarkRunsLikeOneWithout() throws {
        let dir = try Tool.scratchDirectory()
        try Data(goodExperiment.utf8).write(to: dir.appendingPathComponent("plain.toml"))
        try (Data([0xEF, 0xBB, 0xBF]) + Data(goodExperiment.utf8)).write(to: dir.appendingPathComponent("bom.toml"))
        for name in ["plain", "bom"] {
            let result = try Tool.run(["run", "\(name).toml", "--output", name, "--quiet", "--no-plots"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
        }
        for name in StudyRunnerTests.studyFiles {
            #expect(try Data(contentsOf: dir.appendingPathComponent("plain/\(name)")) == Data(contentsOf: dir.appendingPathComponent("bom/\(name)")))
        }
    }
}

/// Faults while a study is written: each ends in one clear line, nothing
/// that looks complete, and — where it can continue — a `--resume` that
/// ends with the bytes of an uninterrupted run.
@Suite struct StudyFaultTests {
    static let isRoot = getuid() == 0
    static let quiet = ["--quiet", "--no-plots"]

    /// Starts `emlab run study.toml --output out` and waits until some units are
    /// on disk; nil when it finished first (then the caller tries again).
    func startRun(in dir: URL, output: String = "out", extra: [String] = []) throws -> RunningTool? {
        let run = try RunningTool(["run", "study.toml", "--output", output, "--jobs", "1"] + Self.quiet + extra, in: dir)
        if run.waitFor(dir.appendingPathComponent("\(output)/runs.csv.partial"), moreThan: 3000) { return run }
        _ = run.finish()
        return nil
    }

    /// Runs `body` with a run under way, up to 5 times until the run was still going when `body` ended.
    func withRunUnderWay(_ body: (URL, RunningTool) throws -> Bool) throws {
        for _ in 0..<5 {
            let dir = try Corpus.scratch()
            guard let run = try startRun(in: dir) else { continue }
            if try body(dir, run) { return }
        }
        Issue.record("the run always finished before the fault could be made")
    }

    @Test func sigtermStopsAfterWholeUnitsAndResumeMatches() throws {
        try withRunUnderWay { dir, run in
            kill(run.process.processIdentifier, SIGTERM)
            let result = run.finish()
            guard result.status != 0 else { return false }  // it had just finished
            let out = dir.appendingPathComponent("out")
            Corpus.expectOneClearLine(
                result, status: 143,
                [
                    "interrupted by SIGTERM", "units are safely on disk", "out/runs.csv.partial",
                    "continue with: emlab run study.toml --output out --resume"
                ])
            Corpus.expectNothingComplete(in: out)
            #expect(try Manifest.read(path: out.appendingPathComponent("manifest.json").path).status == .interrupted)
            // Whole units only: the partial file ends with a line end, after a unit's last start.
            let partial = try readText(out.appendingPathComponent("runs.csv.partial").path)
            #expect(partial.hasSuffix("\n") && (partial.split(separator: "\n").count - 1) % 2 == 0)
            let resumed = try Tool.run(["run", "study.toml", "--output", "out", "--resume"] + Self.quiet, in: dir)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            try Corpus.expectSameAsWhole(out)
            return true
        }
    }

    /// After an interruption, `--resume` reports the fits it ran, those already
    /// on disk and what the study holds; a second `--resume` runs nothing and
    /// says so without a rate (issue 19 §6).
    @Test func resumeReportsWhatItRanAndWhatTheStudyHolds() throws {
        try withRunUnderWay { dir, run in
            kill(run.process.processIdentifier, SIGTERM)
            guard run.finish().status != 0 else { return false }
            let out = dir.appendingPathComponent("out")
            let before = try readText(out.appendingPathComponent("runs.csv.partial").path).split(separator: "\n").count - 1
            let held = try readText(Corpus.fixture.appendingPathComponent("whole/runs.csv").path).split(separator: "\n").count - 1
            let resumed = try Tool.run(["run", "study.toml", "--output", "out", "--resume", "--no-plots", "--jobs", "2"], in: dir)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let line = try #require(resumed.stderr.split(separator: "\n").last.map(String.init))
            #expect(line.hasPrefix("tiny: \(held - before) fits in "), "\(line)")
            #expect(line.hasSuffix(" with 2 jobs; \(before) were already on disk; the study holds \(held) fits → out"), "\(line)")
            try Corpus.expectSameAsWhole(out)
            let again = try Tool.run(["run", "study.toml", "--output", "out", "--resume", "--no-plots"], in: dir)
            #expect(again.status == 0)
            #expect(again.stderr.hasSuffix("tiny: 0 fits run: the study was already complete; it holds \(held) fits → out\n"), "\(again.stderr)")
            #expect(!again.stderr.contains("fits/s"))
            return true
        }
    }

    @Test func sigintExitsWith130() throws {
        try withRunUnderWay { dir, run in
            kill(run.process.processIdentifier, SIGINT)
            let result = run.finish()
            guard result.status != 0 else { return false }
            Corpus.expectOneClearLine(result, status: 130, ["interrupted by SIGINT", "units are safely on disk", "--resume"])
            Corpus.expectNothingComplete(in: dir.appendingPathComponent("out"))
            return true
        }
    }

    @Test func killNineLeavesNoLockThatBlocks() throws {
        try withRunUnderWay { dir, run in
            kill(run.process.processIdentifier, SIGKILL)
            _ = run.finish()
            let out = dir.appendingPathComponent("out")
            guard !FileManager.default.fileExists(atPath: out.appendingPathComponent("runs.csv").path) else { return false }
            Corpus.expectNothingComplete(in: out)
            // The lock file is still there, but the kernel released the lock with the process.
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(StudyLock.fileName).path))
            let resumed = try Tool.run(["run", "study.toml", "--output", "out", "--resume"] + Self.quiet, in: dir)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            try Corpus.expectSameAsWhole(out)
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(StudyLock.fileName).path))
            return true
        }
    }

    /// A second writer is refused at once, naming the holder. The first then
    /// ends as if alone: it runs to the end in the issue's own case (a
    /// `--resume` half a second later), and is stopped by SIGTERM in the
    /// others, leaving a partial file whose units are all whole.
    @Test(arguments: [
        ["run", "study.toml", "--output", "out", "--resume"],
        ["run", "study.toml", "--output", "out", "--overwrite"],
        ["run", "study.toml", "--output", "out"],
        ["report", "out"]
    ])
    func aSecondWriterIsRefusedAtOnce(second: [String]) throws {
        try withRunUnderWay { dir, run in
            let result = try Tool.run(second + (second[0] == "run" ? Self.quiet : ["--no-plots"]), in: dir)
            guard run.process.isRunning else {
                _ = run.finish()
                return false
            }
            Corpus.expectOneClearLine(
                result,
                [
                    "out: another emlab is writing this study folder", "PID \(run.process.processIdentifier) on host",
                    "emlab run study.toml --output out"
                ])
            let out = dir.appendingPathComponent("out")
            if second.contains("--resume") {
                let first = run.finish()
                #expect(first.status == 0, "\(first.stderr)")
                try Corpus.expectSameAsWhole(out)
            } else {
                kill(run.process.processIdentifier, SIGTERM)
                let first = run.finish()
                guard first.status == 143 else { return false }
                let whole = try readText(Corpus.fixture.appendingPathComponent("whole/runs.csv").path)
                let partial = try readText(out.appendingPathComponent("runs.csv.partial").path)
                #expect(whole.hasPrefix(partial) && (partial.split(separator: "\n").count - 1) % 2 == 0, "the partial rows are not whole units of the run")
            }
            return true
        }
    }

    @Test func aMergeIntoALockedFolderIsRefused() throws {
        let dir = try MergeFixture.scratch()
        let lock = try StudyLock.acquire(directory: dir.appendingPathComponent("merged").path, command: "the test's holder", createDirectory: true)
        let refused = try Tool.run(["merge", "s1", "s2", "--output", "merged", "--no-plots"], in: dir)
        Corpus.expectOneClearLine(refused, ["merged: another emlab is writing this study folder", "PID \(getpid())", "the test's holder"])
        Corpus.expectNothingComplete(in: dir.appendingPathComponent("merged"))
        lock.release()
        let merged = try Tool.run(["merge", "s1", "s2", "--output", "merged", "--no-plots"], in: dir)
        #expect(merged.status == 0, "\(merged.stderr)")
    }

    @Test func theFolderDeletedMidRunIsSaidSo() throws {
        try withRunUnderWay { dir, run in
            try FileManager.default.removeItem(at: dir.appendingPathComponent("out"))
            let result = run.finish()
            guard result.status != 0 else { return false }
            Corpus.expectOneClearLine(
                result, status: 1,
                [
                    "out/runs.csv.partial: was deleted while the run was writing it",
                    "none of this run's units are left on disk",
                    "start it again with: emlab run study.toml --output out"
                ])
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
            return true
        }
    }

    /// A full disk: a small tmpfs where mounting is allowed (root), and a file-size limit (`ulimit -f`),
    /// which fails the same writes with EFBIG, everywhere.
    @Test(arguments: ["tmpfs", "ulimit"].filter { $0 == "ulimit" || Corpus.canMountTmpfs })
    func aFullDiskStopsCleanlyAndResumeMatches(kind: String) throws {
        let dir = try Corpus.scratch()
        let disk = dir.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
        let result: Tool.Output
        if kind == "tmpfs" {
            try #require(Corpus.mount(disk, options: "size=256k"), "a tmpfs mounted a moment ago no longer mounts")
            defer { Corpus.unmount(disk) }
            try FileManager.default.copyItem(at: dir.appendingPathComponent("study.toml"), to: disk.appendingPathComponent("study.toml"))
            result = try Tool.run(["run", "study.toml", "--output", "out"] + Self.quiet, in: disk)
            Corpus.expectOneClearLine(
                result, status: 1,
                [
                    "cannot be written: the disk is full", "units are safely on disk",
                    "free some space, then continue with: emlab run study.toml --output out --resume"
                ])
            Corpus.expectNothingComplete(in: disk.appendingPathComponent("out"))
            Corpus.remount(disk, options: "size=16m")
            let resumed = try Tool.run(["run", "study.toml", "--output", "out", "--resume"] + Self.quiet, in: disk)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            try Corpus.expectSameAsWhole(disk.appendingPathComponent("out"))
        } else {
            // dash counts `ulimit -f` in 512-byte blocks; SIGXFSZ ignored, so writes fail with EFBIG.
            let script = "trap '' XFSZ; ulimit -f 200; exec \"$0\" \"$@\""
            result = try Tool.runShell(script, [Tool.executable.path, "run", "study.toml", "--output", "out"] + Self.quiet, in: dir)
            Corpus.expectOneClearLine(
                result, status: 1,
                [
                    "cannot be written: the file would exceed the size limit", "units are safely on disk",
                    "continue with: emlab run study.toml --output out --resume"
                ])
            Corpus.expectNothingComplete(in: dir.appendingPathComponent("out"))
            let resumed = try Tool.run(["run", "study.toml", "--output", "out", "--resume"] + Self.quiet, in: dir)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            try Corpus.expectSameAsWhole(dir.appendingPathComponent("out"))
        }
    }

    /// A read-only folder: a read-only tmpfs as root, a folder without write permission otherwise.
    @Test(.enabled(if: !isRoot || Corpus.canMountTmpfs, "as root the read-only folder is a read-only tmpfs, and mount is not allowed here"))
    func aReadOnlyFolderIsSaidSo() throws {
        let dir = try Corpus.scratch()
        let locked = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        if Self.isRoot {
            try #require(Corpus.mount(locked, options: "size=4m"), "a tmpfs mounted a moment ago no longer mounts")
            try FileManager.default.copyItem(at: Corpus.fixture.appendingPathComponent("whole"), to: locked.appendingPathComponent("study"))
            Corpus.remount(locked, options: "ro")
        } else {
            try FileManager.default.copyItem(at: Corpus.fixture.appendingPathComponent("whole"), to: locked.appendingPathComponent("study"))
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.appendingPathComponent("study").path)
        }
        defer { if Self.isRoot { Corpus.unmount(locked) } }
        let cause = Self.isRoot ? "the file system is read-only" : "permission denied"
        let fresh = try Tool.run(["run", "study.toml", "--output", "ro/new"] + Self.quiet, in: dir)
        Corpus.expectOneClearLine(fresh, status: 1, ["ro/new: cannot create the folder: \(cause)"])
        let report = try Tool.run(["report", "ro/study", "--no-plots"], in: dir)
        Corpus.expectOneClearLine(report, status: 1, ["ro/study: cannot write in this folder: \(cause)"])
        let merge = try Tool.run(["merge", "ro/study", "--output", "ro/merged", "--no-plots"], in: dir)
        Corpus.expectOneClearLine(merge, status: 1, ["ro/merged: cannot create the folder: \(cause)"])
    }

    /// What a partial file left by two writers at once (or a damaged disk) looks like: refused, never cut silently.
    @Test(arguments: ["foreign line", "repeated unit", "other header", "unknown condition"])
    func aDamagedPartialFileIsRefused(damage: String) throws {
        let dir = try Corpus.scratch()
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        let whole = try readText(Corpus.fixture.appendingPathComponent("whole/runs.csv").path)
        let lines = whole.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept = Array(lines[0..<41])  // the header and 20 whole units
        switch damage {
        case "foreign line": kept.append(Array(repeating: "9", count: 83).joined(separator: ","))
        case "repeated unit": kept += lines[39..<41]
        case "other header": kept[0] = kept[0].replacingOccurrences(of: "weight3", with: "weight4")
        default: kept.append("99" + lines[41].drop { $0 != "," })
        }
        let partial = kept.joined(separator: "\n") + "\n"
        try partial.write(to: out.appendingPathComponent("runs.csv.partial"), atomically: true, encoding: .utf8)
        let manifest = try readText(Corpus.fixture.appendingPathComponent("whole/manifest.json").path)
            .replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"running\"")
        try manifest.write(to: out.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["run", "study.toml", "--output", "out", "--resume"] + Self.quiet, in: dir)
        let words =
            damage == "other header"
            ? ["its header is not the one this experiment writes"]
            : ["out/runs.csv.partial: is damaged near its end", "start the study again with: emlab run study.toml --output out --overwrite"]
        Corpus.expectOneClearLine(result, status: 1, words)
        Corpus.expectNothingComplete(in: out)
        #expect(try readText(out.appendingPathComponent("runs.csv.partial").path) == partial, "the damaged file was changed")
    }

    @Test(arguments: [
        (["run", "other.toml", "--output", "out", "--resume"], "out: was started from a different experiment file"),
        (["run", "study.toml", "--output", "out", "--resume", "--shard", "1/2"], "out: was started as shard 1/1; resume it with the same --shard"),
        (["run", "study.toml", "--output", "out"], "out: already holds a study (runs.csv.partial); use --resume")
    ])
    func resumingTheWrongWayIsRefused(arguments: [String], message: String) throws {
        try withRunUnderWay { dir, run in
            kill(run.process.processIdentifier, SIGTERM)
            guard run.finish().status == 143 else { return false }
            let out = dir.appendingPathComponent("out")
            let before = try readText(out.appendingPathComponent("runs.csv.partial").path)
            let result = try Tool.run(arguments + Self.quiet, in: dir)
            Corpus.expectOneClearLine(result, status: 1, [message])
            Corpus.expectNothingComplete(in: out)
            #expect(try readText(out.appendingPathComponent("runs.csv.partial").path) == before)
            return true
        }
    }

    @Test func aFinishedStudyIsNeverOverwrittenByAccident() throws {
        let dir = try Corpus.scratch()
        try FileManager.default.copyItem(at: Corpus.fixture.appendingPathComponent("whole"), to: dir.appendingPathComponent("out"))
        let result = try Tool.run(["run", "study.toml", "--output", "out"] + Self.quiet, in: dir)
        Corpus.expectOneClearLine(result, status: 1, ["out: already holds a study (runs.csv)"])
        try Corpus.expectSameAsWhole(dir.appendingPathComponent("out"))
        let again = try Tool.run(["run", "study.toml", "--output", "out", "--resume"] + Self.quiet, in: dir)
        #expect(again.status == 0 && again.stderr.contains("the run is already complete; nothing to resume"))
    }

    /// Stopped after the manifest and before the first row, or while finishing: `--resume` carries on.
    @Test(arguments: ["before the first row", "while finishing"])
    func resumeCarriesOnFromAnyStop(stop: String) throws {
        let dir = try Corpus.scratch()
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        let manifest = try readText(Corpus.fixture.appendingPathComponent("whole/manifest.json").path)
            .replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"running\"")
        try manifest.write(to: out.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        if stop == "while finishing" {
            for name in ["runs.csv", "traces.csv"] {
                try FileManager.default.copyItem(at: Corpus.fixture.appendingPathComponent("whole/\(name)"), to: out.appendingPathComponent(name))
            }
        }
        let resumed = try Tool.run(["run", "study.toml", "--output", "out", "--resume"] + Self.quiet, in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        try Corpus.expectSameAsWhole(out)
    }
}

/// Shards of a small study (and of another experiment) to merge.
enum MergeFixture {
    static let study = goodExperiment  // 42 units
    static let fixture: URL = {
        let dir = try! Tool.scratchDirectory()
        try! study.write(to: dir.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        try! study.replacingOccurrences(of: "seed = 7", with: "seed = 8").write(to: dir.appendingPathComponent("other.toml"), atomically: true, encoding: .utf8)
        for (file, shard, folder) in [
            ("study.toml", "1/2", "s1"), ("study.toml", "2/2", "s2"), ("other.toml", "2/2", "o2"),
            ("study.toml", "1/3", "t1"), ("study.toml", "2/3", "t2")
        ] {
            let result = try! Tool.run(["run", file, "--shard", shard, "--output", folder, "--quiet", "--no-plots"], in: dir)
            precondition(result.status == 0, result.stderr)
        }
        return dir
    }()

    static func scratch() throws -> URL {
        let dir = try Tool.scratchDirectory()
        for name in ["s1", "s2", "o2", "t1", "t2"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }
}

@Suite struct MergeAndReplayFaultTests {
    @Test(arguments: [
        (["s1", "o2"], "o2: comes from a different experiment file (or data files) than s1"),
        (["s1", "s1"], "s1 and s1 are both shard 1/2"),
        (["s1", "t2"], "t2: is shard 2/3, but s1 splits into 2"),
        (["s1"], "shard 2/2 missing"),
        (["s1", "s2", "partial"], "partial: the shard is not complete"),
        (["s1", "cut"], "cut/runs.csv: holds 41 rows, but its manifest promises 42"),
        (["s1", "s2", "nothing"], "nothing/manifest.json: no such file")
    ])
    func aBadMergeIsRefused(shards: [String], message: String) throws {
        let dir = try MergeFixture.scratch()
        // A shard whose last row was lost, and one still running.
        try FileManager.default.copyItem(at: dir.appendingPathComponent("s2"), to: dir.appendingPathComponent("cut"))
        let runs = try readText(dir.appendingPathComponent("cut/runs.csv").path).split(separator: "\n").dropLast().joined(separator: "\n") + "\n"
        try runs.write(to: dir.appendingPathComponent("cut/runs.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: dir.appendingPathComponent("s2"), to: dir.appendingPathComponent("partial"))
        let manifest = try readText(dir.appendingPathComponent("partial/manifest.json").path)
        try manifest.replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"running\"")
            .write(to: dir.appendingPathComponent("partial/manifest.json"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["merge"] + shards + ["--output", "merged", "--no-plots"], in: dir)
        Corpus.expectOneClearLine(result, status: 1, [message])
        Corpus.expectNothingComplete(in: dir.appendingPathComponent("merged"))
    }

    @Test func aMergeIntoAFinishedStudyIsRefused() throws {
        let dir = try MergeFixture.scratch()
        let before = try readText(dir.appendingPathComponent("s1/runs.csv").path)
        let result = try Tool.run(["merge", "s1", "s2", "--output", "s1", "--no-plots"], in: dir)
        Corpus.expectOneClearLine(result, status: 1, ["s1: already holds a study (runs.csv); choose another --output"])
        #expect(try readText(dir.appendingPathComponent("s1/runs.csv").path) == before)
    }

    /// A row whose seeds were edited is not replayed as if it were the study's.
    @Test(arguments: [
        ("dataSeed", "data seed 12345 is not the one the seed rule gives"),
        ("startSeed", "start seed 12345 is not the one the seed rule gives"),
        ("condition", "names no condition of the recorded experiment")
    ])
    func anEditedRowIsNotReplayed(column: String, message: String) throws {
        let dir = try MergeFixture.scratch()
        let path = dir.appendingPathComponent("s1/runs.csv").path
        var lines = try readText(path).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let index = try #require(lines[0].firstIndex(of: column))
        lines[3][index] = column == "condition" ? "999" : "12345"
        try (lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Tool.run(["replay", "s1/runs.csv", "--row", "3"], in: dir)
        Corpus.expectOneClearLine(result, status: 1, ["s1/runs.csv:4: ", message])
        #expect(result.stdout.isEmpty)
    }

    @Test func aRowBeyondTheEndIsSaidSo() throws {
        let dir = try MergeFixture.scratch()
        let result = try Tool.run(["replay", "s1/runs.csv", "--row", "500"], in: dir)
        Corpus.expectOneClearLine(result, status: 1, ["s1/runs.csv: has 42 rows; there is no row 500"])
    }
}
