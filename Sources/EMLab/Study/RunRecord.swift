/// Where runs.csv's columns are, found by name once from its header, so
/// every reader keeps working when columns are added (a new failure flag,
/// the inference columns) or K changes.
///
/// ``RunsTable`` writes the header; this reads it back. The summary, the
/// plots, replay and resume all find their columns here.
public struct RunColumns: Sendable {
    /// The header's names, in order.
    public let header: [String]
    /// The file the header came from, for messages.
    public let file: String
    /// The columns every reader needs.
    public let condition: Int, replicate: Int, start: Int, selected: Int, iterations: Int, stopReason: Int
    public let reachedBest: Int, logLikelihood: Int, dataSeed: Int, startSeed: Int
    /// The design factors (``RunsTable/factorColumns``), in order.
    public let factors: [Int]
    private let positions: [String: Int]

    /// The columns of `header`, read from `file`.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` naming the file and the first
    ///   column a runs.csv must have and this header lacks.
    public init(header: [String], file: String) throws {
        self.header = header
        self.file = file
        var positions: [String: Int] = [:]
        for (i, name) in header.enumerated() where positions[name] == nil { positions[name] = i }
        self.positions = positions
        func required(_ name: String) throws -> Int {
            guard let i = positions[name] else { throw EMLabError(.invalidData, "\(file): no column '\(name)'; is this a runs.csv?") }
            return i
        }
        condition = try required("condition")
        replicate = try required("replicate")
        start = try required("start")
        selected = try required("selected")
        iterations = try required("iterations")
        stopReason = try required("stopReason")
        reachedBest = try required("reachedBest")
        logLikelihood = try required("logLikelihood")
        dataSeed = try required("dataSeed")
        startSeed = try required("startSeed")
        factors = try RunsTable.factorColumns.map(required)
    }

    /// The index of the column called `name`.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` naming the file and the column.
    public func index(_ name: String) throws -> Int {
        guard let i = positions[name] else { throw EMLabError(.invalidData, "\(file): no column '\(name)'; is this a runs.csv?") }
        return i
    }

    /// Whether the header has a column called `name`.
    public func contains(_ name: String) -> Bool { positions[name] != nil }
}

/// One row of runs.csv — one start of one replicate of one condition — as
/// ``RunsTable/row(condition:replicate:start:selected:generator:dataSeed:outcome:assessment:analysis:truthLogLikelihood:bestLogLikelihood:inference:)``
/// wrote it, with its fields read by name (``RunColumns``) and turned into
/// numbers only when asked for.
public struct RunRecord {
    /// The row's fields, as bytes.
    public let record: CSVRecord
    /// Where the columns are.
    public let columns: RunColumns

    /// The row `record` under the header `columns`.
    public init(record: CSVRecord, columns: RunColumns) {
        self.record = record
        self.columns = columns
    }

    /// The condition's number (from 1).
    public var condition: Int? { Int(record[columns.condition]) }
    /// The replicate (from 1).
    public var replicate: Int? { Int(record[columns.replicate]) }
    /// The start (from 1).
    public var start: Int? { Int(record[columns.start]) }
    /// Whether this start is the one the replicate reports (the best that did not collapse).
    public var isSelected: Bool { record.field(columns.selected, is: "1") }
    /// EM's iterations (accepted updates); nil when no start could be made.
    public var iterations: Int? { Int(record[columns.iterations]) }
    /// Why the fit stopped (``StopReason``'s raw value).
    public var stopReason: String { record[columns.stopReason] }
    /// Whether the fit reached the best log-likelihood known for its data.
    public var reachedBest: Bool { record.field(columns.reachedBest, is: "1") }
    /// The fit's log-likelihood, as written.
    public var logLikelihood: Double? { record.number(columns.logLikelihood) }
    /// The seed the replicate's data were drawn from, as written.
    public var dataSeed: String { record[columns.dataSeed] }
    /// The seed of the start's stream, as written.
    public var startSeed: String { record[columns.startSeed] }
    /// The design factors' values, in ``RunsTable/factorColumns`` order.
    public var factors: [String] { columns.factors.map { record[$0] } }
    /// Field `i` as text.
    public subscript(i: Int) -> String { record[i] }
    /// Field `i` as a number, or nil.
    public func number(_ i: Int) -> Double? { record.number(i) }
    /// Whether field `i` is exactly `text`.
    public func field(_ i: Int, is text: String) -> Bool { record.field(i, is: text) }
}

/// The one reader of runs.csv (and of its partial copy while a study runs):
/// its header as ``RunColumns``, then each row as a ``RunRecord``, streamed
/// so memory stays flat for 10⁶ rows.
public final class RunsReader {
    /// The file read.
    public let path: String
    /// Where the columns are.
    public let columns: RunColumns
    private let reader: CSVFileReader

    /// Opens runs.csv at `path` and reads its header.
    ///
    /// - Throws: ``EMLabError`` `.io` if it cannot be read; `.invalidData`
    ///   if its header is not a runs.csv's.
    public init(path: String) throws {
        reader = try CSVFileReader(path: path)
        self.path = path
        columns = try RunColumns(header: reader.header, file: path)
    }

    /// The line the last row returned ended on (1 is the header).
    public var lineNumber: Int { reader.lineNumber }

    /// The next row, or nil at the end of the file.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` naming the file and line of a
    ///   row whose number of fields is not the header's, or of a quote left open.
    public func next() throws -> RunRecord? {
        guard let record = try reader.nextRecord() else { return nil }
        guard record.count == columns.header.count else {
            throw EMLabError(.invalidData, "\(path):\(reader.lineNumber): has \(record.count) fields, the header has \(columns.header.count)")
        }
        return RunRecord(record: record, columns: columns)
    }
}
