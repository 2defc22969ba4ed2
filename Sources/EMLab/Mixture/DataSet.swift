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
        let raw: Data
        if path == "-" {
            raw = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw EMLabError(.io, "\(name): no such file")
            }
            guard !isDirectory.boolValue else { throw EMLabError(.io, "\(name): is a folder, not a data file") }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw EMLabError(.io, "\(name): cannot be read")
            }
            raw = contents
        }
        let data = try text(of: raw, name: name)
        let firstLine = data.prefix { $0 != UInt8(ascii: "\n") }
        if column == nil && !firstLine.contains(UInt8(ascii: ",")) && !firstLine.contains(UInt8(ascii: "\"")) {
            let values = try parseLines(bytes: data, name: name)
            guard !values.isEmpty else { throw EMLabError(.invalidData, "\(name): holds no values") }
            return values
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EMLabError(.invalidData, "\(name): not UTF-8 text")
        }
        return try parse(text: text, name: name, column: column)
    }

    /// The bytes of a text file, without a UTF-8 byte-order mark (what
    /// spreadsheets put at the start of "CSV UTF-8" files).
    ///
    /// - Throws: ``EMLabError`` `.invalidData` for UTF-16 or UTF-32 text and
    ///   for binary files (NUL bytes), saying what the file is.
    static func text(of data: Data, name: String) throws -> Data {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return data.dropFirst(3) }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0, 0, 0xFE, 0xFF]) {
            throw EMLabError(.invalidData, "\(name): is UTF-16 or UTF-32 text; save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet) and try again")
        }
        if data.prefix(4096).contains(0) {
            throw EMLabError(.invalidData, "\(name): is not a text file (it holds NUL bytes); give one value per line, or a CSV file")
        }
        return data
    }

    /// The fast path for one value per line: `strtod` straight on the bytes,
    /// no `String` per line (a file of 10^6 values parses at well over 50 MB/s).
    static func parseLines(bytes data: Data, name: String) throws -> [Double] {
        var buffer = [UInt8](data)
        buffer.append(0)   // strtod needs a terminator past the last line
        var values: [Double] = []
        values.reserveCapacity(buffer.count / 8)
        try buffer.withUnsafeMutableBufferPointer { pointer in
            let raw = pointer
            let base = raw.baseAddress!
            let end = raw.count - 1
            var lineStart = 0
            var lineNumber = 0
            func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 13 }
            while lineStart < end {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < end && raw[lineEnd] != 10 { lineEnd += 1 }
                var first = lineStart, last = lineEnd
                while first < last && isBlank(raw[first]) { first += 1 }
                while last > first && isBlank(raw[last - 1]) { last -= 1 }
                defer { lineStart = lineEnd + 1 }
                if first == last { continue }
                var stop: UnsafeMutablePointer<CChar>?
                let value = base.withMemoryRebound(to: CChar.self, capacity: raw.count) { chars in
                    strtod(chars + first, &stop)
                }
                let parsedTo = stop.map { UnsafeMutableRawPointer($0) - UnsafeMutableRawPointer(base) } ?? first
                let (from, to) = (first, last)
                let text = { String(decoding: UnsafeBufferPointer(rebasing: raw[from..<to]), as: UTF8.self) }
                if parsedTo != last || raw[first] == UInt8(ascii: "0") && last - first > 1 && (raw[first + 1] | 0x20) == UInt8(ascii: "x") {
                    if lineNumber == 1, (raw[first] | 0x20) >= UInt8(ascii: "a"), (raw[first] | 0x20) <= UInt8(ascii: "z"),
                       parseNumber(text()) == nil { continue }   // a header line
                    throw EMLabError(.invalidData, "\(name):\(lineNumber): '\(text())' is not a number")
                }
                guard value.isFinite else {
                    throw EMLabError(.invalidData, "\(name):\(lineNumber): '\(text())' is not a finite number; remove NaN and infinite values first")
                }
                values.append(value)
            }
        }
        return values
    }

    /// Parses file text as ``read(path:column:)`` does; `name` is used in errors.
    public static func parse(text: String, name: String, column: String? = nil) throws -> [Double] {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let firstLine = text.utf8.prefix { $0 != UInt8(ascii: "\n") }
        let values: [Double]
        if column != nil || firstLine.contains(UInt8(ascii: ",")) || firstLine.contains(UInt8(ascii: "\"")) {
            values = try parseCSV(text: text, name: name, column: column)
        } else {
            values = try parseLines(bytes: Data(text.utf8), name: name)
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
