import CSV
import Foundation

/// Reading observations from a file as people have them: one value per line
/// (an optional header line first), or one column of a comma-, tab- or
/// semicolon-separated file with a header row.
///
/// ## The layout
/// The first line that is not blank decides, unless a ``Delimiter`` is
/// given: a tab in it (outside double quotes) makes the file tab-separated;
/// else a semicolon, semicolon-separated; else a comma or a double quote,
/// comma-separated; else the file holds one value per line, and its first
/// line is a header when it is a word rather than a number. A separated file
/// is read from the column named by ``Options/column``, by default `value`.
///
/// ## Missing values
/// A value is missing when it is one of ``missingMarkers`` (pandas
/// `read_csv`'s default `na_values`, which include R's `NA`), or an empty
/// field of a separated row. By default the first one is an error naming its
/// file, line and text; with ``MissingValues/skip`` they are left out and
/// counted. EMLab never imputes.
///
/// ## Blank lines
/// Lines holding nothing but spaces or tabs are not values, nor missing ones (as
/// pandas' `skip_blank_lines` and R's `blank.lines.skip`); they are counted,
/// so the reader can say so.
///
/// Every other value must parse as a finite number; the first one that does
/// not is reported with its file, line and text.
public enum DataSet {
    /// The texts that mean "no value": pandas `read_csv`'s default
    /// `na_values` (pandas 2's `STR_NA_VALUES`; R reads `NA`, also here),
    /// compared with a field after spaces around it are trimmed, letter case
    /// included. An empty field of a separated row is missing as well;
    /// `inf`, `Inf` and numbers too large for a double are not missing but
    /// wrong, and stay errors.
    public static let missingMarkers: [String] = [
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"
    ]
    private static let markerSet = Set(missingMarkers)

    /// What to do with a missing value.
    public enum MissingValues: String, CaseIterable, Sendable {
        /// Stop at the first one, naming its file, line and text (the default).
        case error
        /// Leave them out and count them (``Contents/missingLines``).
        case skip
    }

    /// The field separator of a file with columns.
    public enum Delimiter: String, CaseIterable, Sendable {
        case comma = ","
        case tab = "tab"
        case semicolon = ";"

        /// Accepts `,` `comma` `tab` `\t` (the two characters, or a real tab) `;` `semicolon`.
        public init?(name: String) {
            switch name.lowercased() {
            case ",", "comma": self = .comma
            case "tab", "\\t", "\t": self = .tab
            case ";", "semicolon": self = .semicolon
            default: return nil
            }
        }

        /// The separating byte.
        public var byte: UInt8 {
            switch self {
            case .comma: return UInt8(ascii: ",")
            case .tab: return UInt8(ascii: "\t")
            case .semicolon: return UInt8(ascii: ";")
            }
        }

        /// "comma", "tab", "semicolon".
        public var word: String {
            switch self {
            case .comma: return "comma"
            case .tab: return "tab"
            case .semicolon: return "semicolon"
            }
        }

        /// The separator of a file whose first line that is not blank is
        /// `line`: a tab outside double quotes, else a semicolon, else a comma
        /// or a double quote (a quoted field is CSV); nil for one value per line.
        public static func detect<Bytes: Collection>(firstLine line: Bytes) -> Delimiter? where Bytes.Element == UInt8 {
            var inQuotes = false, sawQuote = false
            var seen = Set<UInt8>()
            for byte in line {
                if byte == UInt8(ascii: "\"") {
                    inQuotes.toggle()
                    sawQuote = true
                    continue
                }
                if !inQuotes { seen.insert(byte) }
            }
            for candidate in [Delimiter.tab, .semicolon, .comma] where seen.contains(candidate.byte) { return candidate }
            return sawQuote ? .comma : nil
        }
    }

    /// How to read a file.
    public struct Options: Sendable {
        /// The column of a separated file to read (nil: `value`).
        public var column: String?
        /// What to do with missing values.
        public var missing: MissingValues
        /// The separator; nil to detect it from the first line.
        public var delimiter: Delimiter?

        public init(column: String? = nil, missing: MissingValues = .error, delimiter: Delimiter? = nil) {
            self.column = column
            self.missing = missing
            self.delimiter = delimiter
        }
    }

    /// What a file held.
    public struct Contents: Sendable, Equatable {
        /// The values, in file order.
        public var values: [Double]
        /// The lines whose missing value was left out (``MissingValues/skip``), in file order.
        public var missingLines: [Int] = []
        /// The blank lines, in file order.
        public var blankLines: [Int] = []
        /// The separator the file was read with; nil when it holds one value per line.
        public var delimiter: Delimiter?

        /// What a person should know about how the file was read: how many
        /// missing values were skipped and how many blank lines ignored, with
        /// their lines. Empty when there were neither.
        ///
        /// - Parameter name: the file's name as the messages give it.
        public func notes(name: String) -> [String] {
            var notes: [String] = []
            if !missingLines.isEmpty {
                let count = missingLines.count
                notes.append("\(name): \(count) missing value\(count == 1 ? "" : "s") skipped (\(DataSet.lineList(missingLines)))")
            }
            if !blankLines.isEmpty {
                let count = blankLines.count
                notes.append("\(name): \(count) blank line\(count == 1 ? "" : "s") ignored (\(DataSet.lineList(blankLines)))")
            }
            return notes
        }
    }

    /// "line 4", "lines 4, 9, 12", "lines 4, 9, 12, 15, 20 and 7 more".
    static func lineList(_ lines: [Int]) -> String {
        let shown = lines.prefix(5).map(String.init).joined(separator: ", ")
        let more = lines.count > 5 ? " and \(lines.count - 5) more" : ""
        return (lines.count == 1 ? "line " : "lines ") + shown + more
    }

    /// Reads the values of `path` (`-` for standard input).
    ///
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - options: the column, the separator and what to do with missing values.
    /// - Returns: the values, the missing values skipped and the blank lines.
    /// - Throws: ``EMLabError`` `.io` or `.invalidData`, naming the file,
    ///   the line and the offending text.
    public static func read(path: String, options: Options) throws -> Contents {
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
        return try parse(bytes: try text(of: raw, name: name), name: name, options: options)
    }

    /// Reads the values of `path` (`-` for standard input), missing values an error.
    ///
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - column: the column of a separated file to read (nil: `value`).
    /// - Returns: the values in file order.
    /// - Throws: as ``read(path:options:)``.
    public static func read(path: String, column: String? = nil) throws -> [Double] {
        try read(path: path, options: Options(column: column)).values
    }

    /// Parses file text as ``read(path:options:)`` does; `name` is used in messages.
    public static func parse(text: String, name: String, options: Options) throws -> Contents {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        return try parse(bytes: Data(text.utf8), name: name, options: options)
    }

    /// Parses file text as ``read(path:column:)`` does; `name` is used in errors.
    public static func parse(text: String, name: String, column: String? = nil) throws -> [Double] {
        try parse(text: text, name: name, options: Options(column: column)).values
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

    static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 }

    /// The layout decided, then the values read.
    static func parse(bytes data: Data, name: String, options: Options) throws -> Contents {
        // The first line that is not blank decides the layout.
        var firstLine = data[data.startIndex..<data.startIndex]
        var lineStart = data.startIndex
        while lineStart < data.endIndex {
            let lineEnd = data[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            let line = data[lineStart..<lineEnd]
            if !line.allSatisfy(isBlank) {
                // Spaces and tabs around it are not separators.
                let first = line.firstIndex { !isBlank($0) }!, last = line.lastIndex { !isBlank($0) }!
                firstLine = data[first...last]
                break
            }
            lineStart = lineEnd + 1
        }
        let contents: Contents
        if let delimiter = options.delimiter {
            let columns = options.column != nil || firstLine.contains(delimiter.byte) || firstLine.contains(UInt8(ascii: "\""))
            contents =
                columns
                ? try parseSeparated(bytes: data, name: name, delimiter: delimiter, options: options)
                : try parseLines(bytes: data, name: name, missing: options.missing)
        } else if let delimiter = Delimiter.detect(firstLine: firstLine) {
            contents = try parseSeparated(bytes: data, name: name, delimiter: delimiter, options: options)
        } else if options.column != nil {
            contents = try parseSeparated(bytes: data, name: name, delimiter: .comma, options: options)
        } else {
            contents = try parseLines(bytes: data, name: name, missing: options.missing)
        }
        guard !contents.values.isEmpty else {
            let skipped = contents.missingLines.count
            throw EMLabError(
                .invalidData,
                "\(name): holds no values"
                    + (skipped > 0 ? " (\(skipped) missing value\(skipped == 1 ? " was" : "s were") skipped)" : ""))
        }
        return contents
    }

    /// The message for a missing value under ``MissingValues/error``.
    static func missingError(name: String, line: Int, text: String, column: String?) -> EMLabError {
        let what = text.isEmpty ? "column '\(column ?? "value")' is empty" : "'\(text)' is a missing value"
        return EMLabError(.invalidData, "\(name):\(line): \(what); give --missing skip to leave missing values out")
    }

    /// The fast path for one value per line: `strtod` straight on the bytes,
    /// no `String` per line (a file of 10^6 values parses at well over 50 MB/s).
    static func parseLines(bytes data: Data, name: String, missing: MissingValues) throws -> Contents {
        var buffer = [UInt8](data)
        buffer.append(0)  // strtod needs a terminator past the last line
        var contents = Contents(values: [])
        contents.values.reserveCapacity(buffer.count / 8)
        try buffer.withUnsafeMutableBufferPointer { pointer in
            let raw = pointer
            let base = raw.baseAddress!
            let end = raw.count - 1
            var lineStart = 0
            var lineNumber = 0
            var sawLine = false  // a line that is not blank: the header may only be the first
            while lineStart < end {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < end && raw[lineEnd] != 10 { lineEnd += 1 }
                var first = lineStart, last = lineEnd
                while first < last && isBlank(raw[first]) { first += 1 }
                while last > first && isBlank(raw[last - 1]) { last -= 1 }
                defer { lineStart = lineEnd + 1 }
                if first == last {
                    contents.blankLines.append(lineNumber)
                    continue
                }
                let firstOfFile = !sawLine
                sawLine = true
                var stop: UnsafeMutablePointer<CChar>?
                let value = base.withMemoryRebound(to: CChar.self, capacity: raw.count) { chars in
                    strtod(chars + first, &stop)
                }
                let parsedTo = stop.map { UnsafeMutableRawPointer($0) - UnsafeMutableRawPointer(base) } ?? first
                let (from, to) = (first, last)
                let text = { String(decoding: UnsafeBufferPointer(rebasing: raw[from..<to]), as: UTF8.self) }
                let isNumber =
                    parsedTo == last
                    && !(raw[first] == UInt8(ascii: "0") && last - first > 1 && (raw[first + 1] | 0x20) == UInt8(ascii: "x"))
                if isNumber && value.isFinite {
                    contents.values.append(value)
                    continue
                }
                let word = text()
                if markerSet.contains(word) {
                    guard missing == .skip else { throw missingError(name: name, line: lineNumber, text: word, column: nil) }
                    contents.missingLines.append(lineNumber)
                    continue
                }
                guard isNumber else {
                    if firstOfFile, (raw[first] | 0x20) >= UInt8(ascii: "a"), (raw[first] | 0x20) <= UInt8(ascii: "z"),
                        parseNumber(word) == nil
                    {
                        continue
                    }  // a header line
                    throw EMLabError(.invalidData, "\(name):\(lineNumber): '\(word)' is not a number")
                }
                throw EMLabError(.invalidData, "\(name):\(lineNumber): '\(word)' is not a finite number; remove infinite values first")
            }
        }
        return contents
    }

    /// One column of a separated file with a header row, read by CSV.swift.
    private static func parseSeparated(bytes data: Data, name: String, delimiter: Delimiter, options: Options) throws -> Contents {
        var contents = Contents(values: [], delimiter: delimiter)
        // Blank lines before the header are counted here: CSV.swift would take the first as the header.
        var start = data.startIndex
        var lineNumber = 0
        while start < data.endIndex {
            let lineEnd = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            guard data[start..<lineEnd].allSatisfy(isBlank) else { break }
            lineNumber += 1
            contents.blankLines.append(lineNumber)
            start = lineEnd + 1
        }
        guard start < data.endIndex else { return contents }
        guard let text = String(data: data[start...], encoding: .utf8) else {
            throw EMLabError(.invalidData, "\(name): not UTF-8 text")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: UnicodeScalar(delimiter.byte))
        } catch {
            throw EMLabError(.invalidData, "\(name): not a readable \(delimiter.word)-separated file (\(error))")
        }
        lineNumber += 1
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let wanted = options.column ?? "value"
        guard let index = header.firstIndex(of: wanted) else {
            let shownHeader = header.joined(separator: delimiter == .tab ? " " : String(UnicodeScalar(delimiter.byte)))
            if header.allSatisfy({ parseNumber($0) != nil || markerSet.contains($0) }) {
                throw EMLabError(
                    .invalidData,
                    "\(name):\(lineNumber): the first line '\(shownHeader)' holds numbers, not column names: "
                        + "a \(delimiter.word)-separated file needs a header row naming its columns"
                        + (delimiter == .comma && header.count == 2 ? " (EMLab reads decimal points, not decimal commas)" : ""))
            }
            if options.column == nil {
                throw EMLabError(
                    .invalidData, "\(name): a \(delimiter.word)-separated file with columns \(header.joined(separator: ", ")); choose one with --column NAME")
            }
            throw EMLabError(.invalidData, "\(name): no column '\(wanted)'; the columns are \(header.joined(separator: ", "))")
        }
        while let row = reader.next() {
            lineNumber += 1
            // A line of nothing but spaces (and, in a tab-separated file, tabs) is blank.
            if (row.count == 1 || delimiter == .tab) && row.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
                contents.blankLines.append(lineNumber)
                continue
            }
            guard index < row.count else {
                throw EMLabError(.invalidData, "\(name):\(lineNumber): has \(row.count) fields, but column '\(wanted)' is field \(index + 1)")
            }
            let field = row[index].trimmingCharacters(in: .whitespacesAndNewlines)
            if field.isEmpty || markerSet.contains(field) {
                guard options.missing == .skip else { throw missingError(name: name, line: lineNumber, text: field, column: wanted) }
                contents.missingLines.append(lineNumber)
                continue
            }
            guard let value = parseNumber(field) else {
                throw EMLabError(.invalidData, "\(name):\(lineNumber): '\(field)' is not a number")
            }
            guard value.isFinite else {
                throw EMLabError(.invalidData, "\(name):\(lineNumber): '\(field)' is not a finite number; remove infinite values first")
            }
            contents.values.append(value)
        }
        if let error = reader.error {
            throw EMLabError(.invalidData, "\(name):\(lineNumber + 1): not readable as a \(delimiter.word)-separated row (\(error))")
        }
        return contents
    }
}
