import CSV
import Foundation

/// Reading observations from a file: one value per line (an optional
/// header line first), or one column of a CSV file with a header row.
///
/// Every value must parse as a finite number; the first one that does not
/// is reported with its file, line and text.
public enum DataSet {
    /// Reads the values of `path` (`-` for standard input).
    ///
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - column: the CSV column to read. When nil, a file whose first line
    ///     has no comma is read as one value per line (a non-numeric first
    ///     line is taken as its header), and a CSV file is read from its
    ///     `value` column if it has one.
    /// - Returns: the values in file order.
    /// - Throws: ``EMLabError`` `.io` or `.invalidData`, naming the file,
    ///   the line and the offending text.
    public static func read(path: String, column: String? = nil) throws -> [Double] {
        let name = path == "-" ? "<stdin>" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw EMLabError(.io, "\(name): no such file")
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw EMLabError(.io, "\(name): cannot be read")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EMLabError(.invalidData, "\(name): not UTF-8 text")
        }
        return try parse(text: text, name: name, column: column)
    }

    /// Parses file text as ``read(path:column:)`` does; `name` is used in errors.
    public static func parse(text: String, name: String, column: String? = nil) throws -> [Double] {
        let firstLine = text.utf8.prefix { $0 != UInt8(ascii: "\n") }
        let values: [Double]
        if column != nil || firstLine.contains(UInt8(ascii: ",")) || firstLine.contains(UInt8(ascii: "\"")) {
            values = try parseCSV(text: text, name: name, column: column)
        } else {
            values = try parseLines(text: text, name: name)
        }
        guard !values.isEmpty else { throw EMLabError(.invalidData, "\(name): holds no values") }
        return values
    }

    private static func check(_ field: Substring, line: Int, name: String) throws -> Double {
        guard let value = parseNumber(field) else {
            throw EMLabError(.invalidData, "\(name):\(line): '\(field)' is not a number")
        }
        guard value.isFinite else {
            throw EMLabError(.invalidData, "\(name):\(line): '\(field)' is not a finite number; remove NaN and infinite values first")
        }
        return value
    }

    private static func parseLines(text: String, name: String) throws -> [Double] {
        var values: [Double] = []
        var lineNumber = 0
        // Bytes, not Characters: Swift reads "\r\n" as one Character.
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            let line = Substring(decoding: bytes, as: UTF8.self)
            if lineNumber == 1, parseNumber(line) == nil, line.first?.isLetter == true { continue } // header
            values.append(try check(line, line: lineNumber, name: name))
        }
        return values
    }

    private static func parseCSV(text: String, name: String, column: String?) throws -> [Double] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw EMLabError(.invalidData, "\(name): not a readable CSV file (\(error))")
        }
        let header = reader.headerRow ?? []
        let wanted = column ?? "value"
        guard let index = header.firstIndex(of: wanted) else {
            if column == nil {
                throw EMLabError(.invalidData, "\(name): a CSV file with columns \(header.joined(separator: ", ")); choose one with --column NAME")
            }
            throw EMLabError(.invalidData, "\(name): no column '\(wanted)'; the columns are \(header.joined(separator: ", "))")
        }
        var values: [Double] = []
        var lineNumber = 1
        while let row = reader.next() {
            lineNumber += 1
            if row.count == 1 && row[0].isEmpty { continue }
            guard index < row.count else {
                throw EMLabError(.invalidData, "\(name):\(lineNumber): has \(row.count) fields, but column '\(wanted)' is field \(index + 1)")
            }
            values.append(try check(Substring(row[index]), line: lineNumber, name: name))
        }
        return values
    }
}
