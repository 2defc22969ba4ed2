import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Cutting a study's partial files back to their last whole unit on resume.
///
/// Rows are appended one whole unit at a time, in unit order, so an
/// interruption can leave only a torn last line or the first rows of one
/// unit after the last whole one. Both files are read from their end
/// (``BackwardLineReader``), so memory stays flat in the file's length, and
/// the rows that are read are checked: anything else there — a row of
/// another experiment, of a unit out of order, of the wrong width — means
/// the file was damaged (or written by two runs at once) and is reported,
/// never silently cut.
enum PartialFiles {
    static func truncate(_ path: String, to length: Int) throws {
        guard Glibc.truncate(path, off_t(length)) == 0 else {
            throw EMLabError(.io, "\(path): cannot be cut back to its last whole unit: \(POSIXFile.describe(errno: errno))")
        }
    }

    /// The fields of one CSV line (RFC 4180 quoting, no line breaks inside).
    static func fields(_ line: [UInt8]) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, quoted = false
        var i = 0
        while i < line.count {
            let byte = line[i]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < line.count && line[i + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                quoted = false
            } else if byte == UInt8(ascii: "\"") && field.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else {
                field.append(byte)
            }
            i += 1
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    /// Opens `path` and checks that it begins with `header`.
    static func open(_ path: String, header: String) throws -> (BackwardLineReader, headerLength: Int) {
        let reader = try BackwardLineReader(path: path)
        let expected = Array(header.utf8)
        guard try reader.read(at: 0, count: expected.count) == expected else {
            reader.close()
            throw EMLabError(.invalidData, "\(path): its header is not the one this experiment writes; it cannot be resumed")
        }
        return (reader, expected.count)
    }

    /// The error for a partial file whose end is not what EMLab writes.
    static func damaged(_ path: String, _ what: String, restart: String) -> EMLabError {
        EMLabError(.invalidData, "\(path): is damaged near its end (\(what)), so it cannot be resumed safely; start the study again with: \(restart)")
    }

    /// Cuts runs.csv.partial back to its last whole unit.
    ///
    /// - Parameters:
    ///   - header: the header line the file must begin with.
    ///   - rowsPerUnit: the experiment's starts (every unit writes one row per start).
    ///   - unitOf: the global unit of a (condition, replicate), nil if the experiment has none.
    ///   - range: the units this run (shard) covers.
    ///   - restart: the command that starts the study again, for the error message.
    /// - Returns: how many units of `range` the file holds whole.
    /// - Complexity: reads only the file's last unit and a torn line after it.
    static func truncateRuns(
        path: String, header: String, rowsPerUnit: Int, unitOf: (Int, Int) -> Int?,
        range: Range<Int>, restart: String
    ) throws -> Int {
        // The columns as the header names them, so a row is read as every reader reads it (``RunRecord``).
        let columns = try RunColumns(header: PartialFiles.fields(Array(header.utf8.dropLast())), file: path)
        let fieldCount = columns.header.count
        var (reader, headerLength) = try open(path, header: header)
        defer { reader.close() }
        // The rows after the last whole unit, newest first: they must be the
        // first rows of the next unit, starts 1, 2, … in order.
        var after: [(unit: Int, start: Int)] = []
        func checkAfter(lastWholeUnit: Int) throws {
            for (i, row) in after.reversed().enumerated() where row.unit != lastWholeUnit + 1 || row.start != i + 1 {
                throw damaged(path, "a row of unit \(row.unit + 1), start \(row.start) follows unit \(lastWholeUnit + 1)", restart: restart)
            }
        }
        /// The (unit, start) of a whole row line.
        func row(_ line: BackwardLineReader.Line) throws -> (unit: Int, start: Int) {
            let fields = PartialFiles.fields(line.bytes)
            guard fields.count == fieldCount else {
                throw damaged(path, "a line of \(fields.count) fields where rows have \(fieldCount)", restart: restart)
            }
            let run = RunRecord(record: CSVRecord(fields: fields), columns: columns)
            guard let condition = run.condition, let replicate = run.replicate, let start = run.start,
                let unit = unitOf(condition, replicate), range.contains(unit), (1...rowsPerUnit).contains(start)
            else {
                throw damaged(
                    path,
                    "a row for condition \(run[columns.condition]), replicate \(run[columns.replicate]), start \(run[columns.start]), which this run does not write",
                    restart: restart)
            }
            return (unit, start)
        }
        while let line = try reader.previousLine(), line.offset >= headerLength {
            guard line.terminated else { continue }  // a torn last line
            let (unit, start) = try row(line)
            if start == rowsPerUnit {
                try checkAfter(lastWholeUnit: unit)
                // The last whole unit must be whole and follow the unit before it
                // (or the header): a unit written twice, or out of order, is damage.
                var expected = (unit: unit, start: rowsPerUnit - 1)
                while true {
                    if expected.start == 0 { expected = (unit - 1, rowsPerUnit) }
                    guard let previous = try reader.previousLine(), previous.offset >= headerLength else {
                        guard expected.unit < range.lowerBound else {
                            throw damaged(path, "its first rows are not those of unit \(range.lowerBound + 1)", restart: restart)
                        }
                        break
                    }
                    let found = try row(previous)
                    guard found == expected else {
                        throw damaged(
                            path, "unit \(found.unit + 1), start \(found.start) where unit \(expected.unit + 1), start \(expected.start) belongs",
                            restart: restart)
                    }
                    if expected.unit < unit { break }
                    expected.start -= 1
                }
                try truncate(path, to: line.end)
                return unit - range.lowerBound + 1
            }
            after.append((unit, start))
            guard after.count < rowsPerUnit else {
                throw damaged(path, "\(after.count) rows after the last whole unit, where a unit has \(rowsPerUnit)", restart: restart)
            }
        }
        try checkAfter(lastWholeUnit: range.lowerBound - 1)
        try truncate(path, to: headerLength)
        return 0
    }

    /// Cuts traces.csv.partial after the last row of a unit below
    /// `keepBelow` (a global unit number), dropping any torn last line; a
    /// missing file is started afresh with its header.
    static func truncateTraces(path: String, header: String, unitOf: (Int, Int) -> Int?, keepBelow: Int, restart: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            try AtomicFile.write(header, to: path)
            return
        }
        var (reader, headerLength) = try open(path, header: header)
        defer { reader.close() }
        while let line = try reader.previousLine(), line.offset >= headerLength {
            guard line.terminated else { continue }
            let fields = line.bytes.split(separator: UInt8(ascii: ","), maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2, let condition = Int(String(decoding: fields[0], as: UTF8.self)),
                let replicate = Int(String(decoding: fields[1], as: UTF8.self)), let unit = unitOf(condition, replicate)
            else {
                throw damaged(path, "a line that is not a trace row of this experiment", restart: restart)
            }
            if unit < keepBelow {
                try truncate(path, to: line.end)
                return
            }
        }
        try truncate(path, to: headerLength)
    }
}
