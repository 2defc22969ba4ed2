import Foundation
import Testing
import EMLabTestSupport

/// Every subcommand's help, as a user reads it: the same text from
/// `emlab help X` and `emlab X --help`; an overview sentence; a usage line;
/// every option and argument explained; an Examples block; and every option
/// an example uses is one that its subcommand lists. (The examples are run by
/// ``DocumentedCommandsTests/everyHelpExampleRuns()``.)
@Suite struct HelpTextTests {
    /// The subcommands `emlab --help` lists.
    static func subcommands() throws -> [String] {
        let top = try Tool.run(["--help"])
        var names: [String] = []
        var inList = false
        for line in top.stdout.components(separatedBy: "\n") {
            if line.hasPrefix("SUBCOMMANDS:") {
                inList = true
                continue
            }
            // A subcommand's line starts with two spaces and its name; its wrapped summary is indented further.
            if inList, line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first, name != "See" {
                names.append(String(name))
            }
        }
        return names
    }

    /// The sections that list arguments and options: `ARGUMENTS:`, `OPTIONS:`
    /// and each option group's own (`DATA FILE:`, …), each up to the next blank line.
    static func optionSections(of help: String) -> [[String]] {
        let lines = help.components(separatedBy: "\n")
        return lines.indices.compactMap { i in
            let title = lines[i]
            guard title.hasSuffix(":"), title.first?.isUppercase == true, title == title.uppercased(),
                !title.hasPrefix("OVERVIEW"), !title.hasPrefix("USAGE")
            else { return nil }
            return Array(lines[(i + 1)...].prefix { !$0.isEmpty })
        }
    }

    /// The long option names a help text lists (`--seed`, `--no-plots`, …).
    static func optionNames(in help: String) -> Set<String> {
        var names: Set<String> = []
        for line in optionSections(of: help).joined() where line.hasPrefix("  -") {
            for word in line.split(separator: " ") where word.hasPrefix("--") {
                names.insert(String(word.prefix { $0 != "," && $0 != "=" }))
            }
        }
        return names
    }

    /// The option and argument lines that have no explanation beside them
    /// or on the next line.
    static func unexplained(in help: String) -> [String] {
        var missing: [String] = []
        for lines in optionSections(of: help) {
            for (i, line) in lines.enumerated() where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                // "  --name <value>   Explanation": the explanation starts at column 26.
                let explained = line.count > 26 && !line.dropFirst(26).trimmingCharacters(in: .whitespaces).isEmpty
                let continued = i + 1 < lines.count && lines[i + 1].hasPrefix(String(repeating: " ", count: 26))
                if !explained && !continued { missing.append(line.trimmingCharacters(in: .whitespaces)) }
            }
        }
        return missing
    }

    @Test func everySubcommandHasHelpAUserCanFollow() throws {
        let names = try Self.subcommands()
        #expect(names.count >= 12 && names.contains("fit") && names.contains("generators"))
        var helps: [String: String] = [:]
        for name in names {
            let help = try Tool.run(["help", name])
            let flag = try Tool.run([name, "--help"])
            #expect(help.status == 0 && flag.status == 0, "\(name): help exits \(help.status), --help exits \(flag.status)")
            #expect(help.stdout == flag.stdout, "emlab help \(name) and emlab \(name) --help differ")
            let text = help.stdout
            helps[name] = text
            // An overview: one or more sentences before the first blank line.
            let overview = text.components(separatedBy: "\n\n").first ?? ""
            #expect(overview.hasPrefix("OVERVIEW: ") && overview.hasSuffix("."), "\(name): the overview is not a sentence: \(overview)")
            #expect(text.contains("\nUSAGE: emlab \(name)"), "\(name): no usage line")
            #expect(Self.unexplained(in: text).isEmpty, "\(name): options or arguments without an explanation: \(Self.unexplained(in: text))")
            #expect(text.contains("\nExamples:\n"), "\(name): no Examples block")
            let examples = DocumentedCommandExtractor.commands(inHelp: text, source: "emlab help \(name)")
            #expect(!examples.isEmpty, "\(name): the Examples block has no command")
            #expect(examples.contains { $0.command.contains("emlab \(name)") }, "\(name): no example runs emlab \(name)")
        }
        // Every option an example passes is one that the subcommand it runs lists.
        for (name, text) in helps {
            for example in DocumentedCommandExtractor.commands(inHelp: text, source: "emlab help \(name)") {
                for stage in example.command.components(separatedBy: "|") {
                    let words = stage.split(separator: " ").map(String.init)
                    guard let at = words.firstIndex(of: "emlab"), at + 1 < words.count, let listed = helps[words[at + 1]] else { continue }
                    let known = Self.optionNames(in: listed)
                    for word in words[(at + 2)...] where word.hasPrefix("--") {
                        let option = String(word.prefix { $0 != "=" })
                        #expect(
                            known.contains(option),
                            "emlab help \(name): the example `\(example.command)` passes \(option), which emlab \(words[at + 1]) does not list")
                    }
                }
            }
        }
    }

    @Test func theCheckerFindsAnOptionWithoutAnExplanation() {
        let help = """
            OVERVIEW: Something.

            USAGE: emlab thing [--quiet] [--seed <seed>]

            OPTIONS:
              --quiet
              --seed <seed>           The seed.
              --a-very-long-option-name <value>
                                      Explained on the next line.
              -h, --help              Show help information.

            DATA FILE:
              --column <column>

            """
        #expect(HelpTextTests.unexplained(in: help) == ["--quiet", "--column <column>"])
        #expect(HelpTextTests.optionNames(in: help) == ["--quiet", "--seed", "--a-very-long-option-name", "--help", "--column"])
    }
}
