import ArgumentParser
import EMLab
import Foundation

/// The entry point: argument-parser's, except that a failure is one line.
///
/// argument-parser prints an error, then a usage line, a help line and a
/// pointer to `--help`, and lists a closed set's values one per line. EMLab
/// prints one line, `Error: …`, on standard error, with the values of a
/// closed set listed in it, and exits with argument-parser's status (64 for
/// a bad command line, 1 otherwise). Help, `--version` and
/// `--experimental-dump-help` are printed as argument-parser prints them.
/// A first argument that is no subcommand is answered with the nearest
/// subcommands' names ("did you mean").
extension EMLabCommand {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = unknownSubcommandMessage(arguments) {
            fail(message, status: ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let status = exitCode(for: error).rawValue
            guard status != 0 else { exit(withError: error) }
            let text = message(for: error)
            if text.isEmpty { Foundation.exit(status) }
            fail(oneLine(text), status: status)
        }
    }

    /// Prints `Error: message` and a line end to standard error and exits with `status`.
    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        Foundation.exit(status)
    }

    /// An error message on one line: argument-parser's bulleted list of a
    /// closed set's values (`  - loglik` …) joined into the sentence, any
    /// other line break a space.
    static func oneLine(_ text: String) -> String {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let items = lines.filter { $0.hasPrefix("  - ") }.map { "'\($0.dropFirst(4))'" }
        lines.removeAll { $0.hasPrefix("  - ") }
        var joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        if !items.isEmpty {
            let list = items.count == 1 ? items[0] : items.dropLast().joined(separator: ", ") + " or " + items.last!
            if joined.hasSuffix(" of the following:") {
                joined = String(joined.dropLast(" the following:".count)) + " \(list)."
            } else {
                joined += " \(list)"
            }
        }
        return joined
    }

    /// The subcommands' names, as typed.
    static var subcommandNames: [String] {
        configuration.subcommands.map { $0.configuration.commandName ?? String(describing: $0).lowercased() } + ["help"]
    }

    /// The message for a first argument that names no subcommand, or nil.
    ///
    /// - Returns: "Unknown subcommand 'fitt'. Did you mean 'fit'? …", the
    ///   names within two edits (a swap of neighbours is one) or that start
    ///   with what was typed; else the list of subcommands.
    static func unknownSubcommandMessage(_ arguments: [String]) -> String? {
        // `emlab help NAME` names a subcommand too.
        if arguments.first == "help" && arguments.count > 1 { return unknownSubcommandMessage(Array(arguments.dropFirst())) }
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommandNames.contains(first) else { return nil }
        let typed = first.lowercased()
        let names = subcommandNames.filter { $0 != "help" }
        let near = names.map { (name: $0, distance: editDistance(typed, $0)) }
            .filter { $0.distance <= min(2, max(1, $0.name.count / 2)) || ($0.name.hasPrefix(typed) && typed.count >= 2) }
            .sorted { $0.distance < $1.distance }
            .map { "'\($0.name)'" }
        let all = names.joined(separator: ", ")
        guard !near.isEmpty else {
            return "Unknown subcommand '\(first)'. The subcommands are \(all) (see 'emlab --help')."
        }
        let suggestion = near.count == 1 ? near[0] : near.dropLast().joined(separator: ", ") + " or " + near.last!
        return "Unknown subcommand '\(first)'. Did you mean \(suggestion)? (See 'emlab --help' for all of them.)"
    }

    /// The optimal-string-alignment distance: insertions, deletions,
    /// substitutions and swaps of neighbouring characters, each one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
