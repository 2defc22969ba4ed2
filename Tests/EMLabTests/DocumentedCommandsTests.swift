import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// A command the documentation shows: where it stands, what it is, and the
/// output printed beside it, if any.
struct DocumentedCommand: CustomStringConvertible, Sendable {
    /// The file (relative to the package root) and the 1-based line of the command.
    var source: String
    var line: Int
    /// The command as a shell line, comments and line continuations removed.
    var command: String
    /// The output block shown right after the command, if the document shows one.
    var expectedOutput: [String]?

    var description: String { "\(source):\(line): \(command)" }
}

/// Reads commands out of markdown and `--help` texts.
enum DocumentedCommandExtractor {
    /// Every command in the fenced `sh` blocks of a markdown file, each with
    /// the plain fenced block that follows it (only blank lines between) as
    /// its shown output, and every inline `` `emlab …` `` command with arguments.
    static func commands(inMarkdown text: String, source: String) -> [DocumentedCommand] {
        let lines = text.components(separatedBy: "\n")
        var commands: [DocumentedCommand] = []
        var index = 0
        var inFence = false
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "```sh" || trimmed == "```bash" {
                var blockCommands: [DocumentedCommand] = []
                index += 1
                var pending = "", pendingLine = 0
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != "```" {
                    var body = lines[index]
                    if pending.isEmpty { pendingLine = index + 1 }
                    let continues = body.hasSuffix("\\")
                    if continues { body.removeLast() }
                    pending += (pending.isEmpty ? "" : " ") + body.trimmingCharacters(in: .whitespaces)
                    if !continues {
                        let command = stripComment(pending)
                        if !command.isEmpty {
                            blockCommands.append(DocumentedCommand(source: source, line: pendingLine, command: command))
                        }
                        pending = ""
                    }
                    index += 1
                }
                index += 1
                // An output block directly after (blank lines only between) belongs to the last command.
                var look = index
                while look < lines.count, lines[look].trimmingCharacters(in: .whitespaces).isEmpty { look += 1 }
                if look < lines.count, lines[look].trimmingCharacters(in: .whitespaces) == "```", !blockCommands.isEmpty {
                    var output: [String] = []
                    look += 1
                    while look < lines.count, lines[look].trimmingCharacters(in: .whitespaces) != "```" {
                        output.append(lines[look])
                        look += 1
                    }
                    blockCommands[blockCommands.count - 1].expectedOutput = output
                    index = look + 1
                }
                commands += blockCommands
                continue
            }
            if trimmed.hasPrefix("```") { inFence.toggle() }
            if !inFence { commands += inlineCommands(in: line, source: source, line: index + 1) }
            index += 1
        }
        return commands
    }

    /// The `` `emlab SUBCOMMAND …` `` spans of one prose line that carry at
    /// least one argument beyond the subcommand (a bare `emlab fit` names a
    /// command; it does not show one).
    static func inlineCommands(in text: String, source: String, line: Int) -> [DocumentedCommand] {
        let parts = text.components(separatedBy: "`")
        var found: [DocumentedCommand] = []
        for (i, part) in parts.enumerated() where i % 2 == 1 {
            let words = part.split(separator: " ")
            // A span with a placeholder (`FILE`, `N`, `…`, `<name>`) describes a form, not a command.
            let placeholder = words.contains { word in word.allSatisfy { $0.isUppercase } }
            guard words.first == "emlab", words.count >= 3, !placeholder, !part.contains("…"), !part.contains("<") else { continue }
            found.append(DocumentedCommand(source: source, line: line, command: part))
        }
        return found
    }

    /// The example lines of a subcommand's help: lines under "Examples:" and
    /// lines "Example: emlab …", with any parenthesised remark removed.
    ///
    /// An example line ending in `\\` continues on the next line. Any other
    /// line inside an Examples block that does not start with `emlab ` is
    /// returned as a command too, so that it fails: it is an example the help
    /// formatter wrapped (argument-parser wraps at 80 columns), which a
    /// reader cannot copy.
    static func commands(inHelp text: String, source: String) -> [DocumentedCommand] {
        var found: [DocumentedCommand] = []
        var inExamples = false
        var pending = "", pendingLine = 0
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            var candidate: String?
            if !pending.isEmpty {
                candidate = pending + " " + trimmed
                pending = ""
            } else if trimmed == "Examples:" {
                inExamples = true
                continue
            } else if trimmed.hasPrefix("Example: emlab ") {
                candidate = String(trimmed.dropFirst("Example: ".count))
                pendingLine = i + 1
            } else if inExamples {
                if trimmed.isEmpty || !raw.hasPrefix(" ") {
                    inExamples = false
                    continue
                }
                if trimmed.hasPrefix("#") { continue }  // a comment saying what the next example does
                candidate = trimmed
                pendingLine = i + 1
            }
            guard var command = candidate else { continue }
            if command.hasSuffix("\\") {
                command.removeLast()
                pending = command.trimmingCharacters(in: .whitespaces)
                continue
            }
            if let remark = command.range(of: "   (") { command = String(command[..<remark.lowerBound]) }
            command = stripComment(command)
            found.append(DocumentedCommand(source: source, line: pendingLine, command: command))
        }
        return found
    }

    /// A shell line without its trailing `# comment` (a `#` after
    /// whitespace, outside quotes), trimmed.
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var result = ""
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#" && previous.isWhitespace {
                break
            }
            result.append(c)
            previous = c
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}

/// Whether printed output shows what a document says it shows.
enum DocumentedOutput {
    /// Numbers that the documents say depend on the machine: wall-clock
    /// times and rates (`12.3 s`, `4,567 fits/s`). Each is replaced by `#`
    /// on both sides before lines are compared.
    static let machineDependent: [String] = [
        #"[0-9][0-9,]*(\.[0-9]+)? ?s\b"#,
        #"[0-9][0-9,]*(\.[0-9]+)?(e[-+]?[0-9]+)? fits/s"#
    ]

    static func normalised(_ line: String) -> String {
        var text = line
        for pattern in machineDependent {
            text = text.replacingOccurrences(of: pattern, with: "#", options: .regularExpression)
        }
        // Trailing spaces are not shown in a document.
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The first shown line that the actual output lacks, or nil when it
    /// shows everything. The shown block is split at lines `...`; each
    /// piece must appear in the output as consecutive lines, the pieces in
    /// order (a document may show a slice of the output).
    static func firstMismatch(shown: [String], actual: String) -> String? {
        let actualLines = actual.components(separatedBy: "\n").map(normalised)
        var pieces: [[String]] = [[]]
        for line in shown {
            if line.trimmingCharacters(in: .whitespaces) == "..." { pieces.append([]) } else { pieces[pieces.count - 1].append(normalised(line)) }
        }
        var from = 0
        for piece in pieces where !piece.isEmpty {
            var matchedAt: Int?
            var start = from
            while start + piece.count <= actualLines.count {
                if Array(actualLines[start..<start + piece.count]) == piece {
                    matchedAt = start
                    break
                }
                start += 1
            }
            guard let at = matchedAt else {
                // Name the line of the piece that breaks the best partial match.
                var best = (length: 0, line: piece[0])
                for s in from..<max(from, actualLines.count) {
                    var l = 0
                    while l < piece.count, s + l < actualLines.count, actualLines[s + l] == piece[l] { l += 1 }
                    if l > best.length, l < piece.count { best = (l, piece[l]) }
                }
                return best.line
            }
            from = at + piece.count
        }
        return nil
    }
}

/// Every command shown in README.md, in each `Results/*/README.md` and in
/// each subcommand's `--help` examples is run, in order, in a scratch copy
/// of what the commands read (Experiments/, Tests/Fixtures/), with the built
/// `emlab` first on PATH. Each must exit 0; where a document shows output,
/// the output must contain it (``DocumentedOutput``).
///
/// Commands that submit to Slurm run against a real one-node cluster. Two
/// kinds are not run as written, as ``reduced(_:)`` says: `make run` and
/// `make test` (this test runs inside `make test`), and the canonical
/// studies that take minutes, run as one shard of 400 (the same command
/// line and code path, on a slice of the units).
@Suite(.serialized) struct DocumentedCommandsTests {
    static let root = Tool.packageRoot

    /// How a command is run when running it as written is not possible
    /// inside the test suite; nil to skip it (with the reason as the value's
    /// comment below).
    static func reduced(_ command: String) -> String?? {
        // `make run` and `make test` are what runs this suite.
        if command.hasPrefix("make ") { return .some(nil) }
        // The one-node test cluster has 2 CPUs: a help example sized for a
        // real cluster (100 tasks of 4 CPUs) runs there as 4 tasks of 1 CPU.
        if command.hasPrefix("emlab slurm"), command.contains("--cpus-per-task 4") || command.contains("--tasks 100") {
            return .some(
                command.replacingOccurrences(of: "--tasks 100", with: "--tasks 4")
                    .replacingOccurrences(of: "--cpus-per-task 4", with: "--cpus-per-task 1"))
        }
        // The canonical studies take minutes each: one shard of 400 runs the same command line.
        for study in ["convergence", "documents", "inference", "initialization", "remedies", "algorithms"]
        where command.hasPrefix("emlab run Experiments/\(study).toml") && !command.contains("--shard") {
            return .some(command + " --shard 1/400 --output shard-\(study) --no-plots --quiet")
        }
        return .none
    }

    /// Whether a command submits to Slurm (and so runs against the test cluster).
    static func submitsToSlurm(_ command: String) -> Bool {
        command.hasPrefix("emlab slurm") && (command.contains("--submit") || command.contains("--rerun-failed"))
    }

    /// Runs a list of commands in order in one scratch folder; returns the
    /// failures. A command that submits to Slurm runs against a real
    /// one-node cluster (``SlurmTestCluster``), started when first needed.
    static func run(_ commands: [DocumentedCommand], in directory: URL) throws -> [String] {
        var failures: [String] = []
        let toolDirectory = Tool.executable.deletingLastPathComponent().path
        var cluster: SlurmTestCluster?
        defer { cluster?.stop() }
        for documented in commands {
            var command = documented.command
            switch reduced(command) {
            case .some(nil): continue
            case .some(let replacement?): command = replacement
            case .none: break
            }
            // Absolute scratch paths in the documents go under this folder.
            command = command.replacingOccurrences(of: #" /(scratch|tmp)/"#, with: " \(directory.path)/$1/", options: .regularExpression)
            var environment = ""
            if submitsToSlurm(command) {
                guard SlurmTestCluster.available else {
                    print("DocumentedCommandsTests: not run without Slurm (make test installs it and runs it): \(documented)")
                    continue
                }
                if cluster == nil { cluster = try SlurmTestCluster() }
                environment = "SLURM_CONF='\(cluster!.environment["SLURM_CONF"]!)'; export SLURM_CONF; "
            }
            let output = try Tool.runShell("PATH=\"$0:$PATH\"; export PATH; \(environment)\(command)", [toolDirectory], in: directory)
            if output.status != 0 {
                failures.append("\(documented): exit \(output.status): \(output.stderr.prefix(400))")
                continue
            }
            if let shown = documented.expectedOutput, let missing = DocumentedOutput.firstMismatch(shown: shown, actual: output.stdout + output.stderr) {
                failures.append("\(documented): the output lacks the shown line «\(missing)»\n--- actual output:\n\(output.stdout)")
            }
        }
        return failures
    }

    /// A scratch folder holding what documented commands read, as they name it.
    static func scratchCopy() throws -> URL {
        let directory = try Tool.scratchDirectory()
        let fileManager = FileManager.default
        try fileManager.copyItem(at: root.appendingPathComponent("Experiments"), to: directory.appendingPathComponent("Experiments"))
        try fileManager.createDirectory(at: directory.appendingPathComponent("Tests"), withIntermediateDirectories: true)
        try fileManager.copyItem(at: root.appendingPathComponent("Tests/Fixtures"), to: directory.appendingPathComponent("Tests/Fixtures"))
        try fileManager.createDirectory(at: directory.appendingPathComponent("scratch"), withIntermediateDirectories: true)
        try fileManager.createDirectory(at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        return directory
    }

    @Test func extractorFindsCommandsOutputsAndExamples() {
        let markdown = """
            Text with `emlab fit data.csv -k 2` inline and a bare `emlab fit`.

            ```sh
            emlab sample -n 5 \\
                  --seed 1   # five values
            emlab fit data.csv -k 2
            ```

            ```
            EM fit: 2 components
            ...
            log-likelihood: -1
            ```
            """
        let commands = DocumentedCommandExtractor.commands(inMarkdown: markdown, source: "X.md")
        #expect(commands.map(\.command) == ["emlab fit data.csv -k 2", "emlab sample -n 5 --seed 1", "emlab fit data.csv -k 2"])
        #expect(commands.map(\.line) == [1, 4, 6])
        #expect(commands[2].expectedOutput == ["EM fit: 2 components", "...", "log-likelihood: -1"])
        let help = DocumentedCommandExtractor.commands(
            inHelp: """
                OVERVIEW: x

                  Examples:
                    emlab sample -n 3 --seed 1
                    emlab sample --preset doc003 --seed 42   (the notebook's 40 points)

                  Example: emlab replay runs.csv --row 2
                """, source: "help")
        #expect(help.map(\.command) == ["emlab sample -n 3 --seed 1", "emlab sample --preset doc003 --seed 42", "emlab replay runs.csv --row 2"])
    }

    @Test func outputComparisonNeedsEveryShownLineInOrder() {
        let actual = "a\nb 1.5 s\nc\nd\ne"
        #expect(DocumentedOutput.firstMismatch(shown: ["b 0.2 s", "c"], actual: actual) == nil)
        #expect(DocumentedOutput.firstMismatch(shown: ["a", "...", "d", "e"], actual: actual) == nil)
        #expect(DocumentedOutput.firstMismatch(shown: ["a", "c"], actual: actual) == "c")
        #expect(DocumentedOutput.firstMismatch(shown: ["d", "...", "b 1.5 s"], actual: actual) == "b #")
        #expect(DocumentedOutput.firstMismatch(shown: ["c", "x"], actual: actual) == "x")
    }

    @Test func everyReadmeCommandRunsAndShowsWhatItSays() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = DocumentedCommandExtractor.commands(inMarkdown: readme, source: "README.md")
        #expect(commands.count >= 30)
        let directory = try Self.scratchCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failures = try Self.run(commands, in: directory)
        #expect(failures.isEmpty, "\(failures.count) README command(s) failed:\n\(failures.joined(separator: "\n\n"))")
    }

    @Test func everyResultsReadmeCommandRuns() throws {
        let results = Self.root.appendingPathComponent("Results")
        let studies = try FileManager.default.contentsOfDirectory(atPath: results.path).sorted()
        var commands: [DocumentedCommand] = []
        for study in studies {
            let file = results.appendingPathComponent(study).appendingPathComponent("README.md")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            commands += DocumentedCommandExtractor.commands(inMarkdown: text, source: "Results/\(study)/README.md")
        }
        #expect(!commands.isEmpty)
        let directory = try Self.scratchCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failures = try Self.run(commands, in: directory)
        #expect(failures.isEmpty, "\(failures.count) Results README command(s) failed:\n\(failures.joined(separator: "\n\n"))")
    }

    @Test func everyHelpExampleRuns() throws {
        // The subcommands, as `emlab --help` lists them.
        let subcommands = try HelpTextTests.subcommands()
        #expect(subcommands.contains("fit") && subcommands.contains("theory") && subcommands.count >= 10)
        var commands: [DocumentedCommand] = []
        for subcommand in subcommands {
            let help = try Tool.run(["help", subcommand])
            #expect(help.status == 0)
            commands += DocumentedCommandExtractor.commands(inHelp: help.stdout, source: "emlab help \(subcommand)")
        }
        #expect(commands.count >= 15)
        // The files the examples name, made the way a user would make them.
        let directory = try Self.scratchCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let setup = try Tool.runShell(
            """
            PATH="$0:$PATH"
            cp Tests/Fixtures/faithful-waiting.txt faithful.txt &&
            cp Experiments/example.toml big.toml &&
            emlab sample --weights .2,.3,.5 --means 0,4,9 --sds 1,1,1.5 -n 400 --seed 5 --output data.csv &&
            emlab sample --preset doc002 --output my-series.txt
            """, [Tool.executable.deletingLastPathComponent().path], in: directory)
        #expect(setup.status == 0, "setup: \(setup.stderr)")
        let failures = try Self.run(commands, in: directory)
        #expect(failures.isEmpty, "\(failures.count) help example(s) failed:\n\(failures.joined(separator: "\n\n"))")
    }
}
