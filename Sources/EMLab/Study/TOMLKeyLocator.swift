/// Finds the line of a key in TOML text, so an error about a value can say
/// where it is. TOMLKit reports positions for syntax errors only; this scan
/// covers the rest for the forms experiment files use: `[table]`,
/// `[[array-of-tables]]` and `key = value` lines.
struct TOMLKeyLocator {
    private var lines: [String: Int] = [:]
    private var tableLines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[[") {
                let name = Self.clean(line.dropFirst(2).prefix { $0 != "]" })
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                table = "\(name)[\(index)]"
                tableLines[table] = number
            } else if line.hasPrefix("[") {
                table = Self.clean(line.dropFirst().prefix { $0 != "]" })
                tableLines[table] = number
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = Self.clean(line[..<equals])
                let path = table.isEmpty ? key : "\(table).\(key)"
                if lines[path] == nil { lines[path] = number }
            }
        }
    }

    private static func clean<S: StringProtocol>(_ text: S) -> String {
        text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
    }

    /// The line of `key` in `table` (`""` for the top level, `truths.a`,
    /// `exclude[0]`), else the table's own line, else nil.
    func line(table: String, key: String? = nil) -> Int? {
        if let key, let line = lines[table.isEmpty ? key : "\(table).\(key)"] { return line }
        return tableLines[table]
    }
}

import Foundation
