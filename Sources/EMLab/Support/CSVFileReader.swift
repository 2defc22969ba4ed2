import CEMKernels
import Foundation

/// Reads an RFC 4180 CSV file row by row, in 1 MiB chunks, so memory stays
/// flat however long the file is.
///
/// EMLab reads its own runs.csv with this rather than a general CSV library
/// because summaries and plots of 10^5–10^6 fits must re-read it in well
/// under a second (about 20× faster than CSV.swift's `CSVReader` here). It
/// handles what ``CSVFormat`` writes and what RFC 4180 allows: quoted fields
/// with doubled quotes, commas and line breaks inside quotes, `\n` or
/// `\r\n` line ends, and a last line without one.
public final class CSVFileReader {
    public let path: String
    /// The first row.
    public private(set) var header: [String] = []
    /// The line the last row returned ended on (1 is the header).
    public private(set) var lineNumber = 0

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    /// Opens `path` and reads its header row.
    ///
    /// - Throws: ``EMLabError`` `.io` if the file cannot be opened.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw EMLabError(.io, "\(path): cannot be read") }
        self.path = path
        self.handle = handle
        header = try nextRow() ?? []
    }

    deinit { try? handle.close() }

    /// Refills the buffer; false at the end of the file.
    private func fill() throws -> Bool {
        if atEnd { return false }
        let chunk: Data?
        do { chunk = try handle.read(upToCount: 1 << 20) } catch {
            throw EMLabError(.io, "\(path): cannot be read (\(error.localizedDescription))")
        }
        guard let chunk, !chunk.isEmpty else {
            atEnd = true
            return false
        }
        buffer.removeFirst(position)
        position = 0
        buffer.append(contentsOf: chunk)
        return true
    }

    /// The next row's fields, or nil at the end of the file.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` for a quote left open at the end of the file.
    public func nextRow() throws -> [String]? {
        try nextRecord()?.fields
    }

    /// The last record read, kept so its storage is reused by the next.
    private var record = CSVRecord(bytes: [], ends: [])

    /// The next row as a ``CSVRecord`` (its fields as bytes, turned into
    /// strings or numbers only when asked for), or nil at the end of the file.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` for a quote left open at the end of the file.
    public func nextRecord() throws -> CSVRecord? {
        // Take the last record's arrays (unshared unless the caller kept it),
        // so their capacity is reused.
        var bytes = record.bytes, ends = record.ends
        record = CSVRecord(bytes: [], ends: [])
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        // The common row, whole in the buffer with no quote and no \r: its
        // fields are the bytes between commas, copied a field at a time.
        let plain: Bool = buffer.withUnsafeBufferPointer { buf in
            guard position < buf.count, let base = buf.baseAddress else { return false }
            let start = base + position, left = buf.count - position
            guard let newline = memchr(start, Int32(UInt8(ascii: "\n")), left) else { return false }
            let length = UnsafeRawPointer(newline) - UnsafeRawPointer(start)
            guard memchr(start, Int32(UInt8(ascii: "\"")), length) == nil,
                memchr(start, Int32(UInt8(ascii: "\r")), length) == nil
            else { return false }
            var fieldStart = position
            let end = position + length
            for i in position..<end where buf[i] == UInt8(ascii: ",") {
                bytes.append(contentsOf: buf[fieldStart..<i])
                ends.append(bytes.count)
                fieldStart = i + 1
            }
            bytes.append(contentsOf: buf[fieldStart..<end])
            ends.append(bytes.count)
            position = end + 1
            return true
        }
        if plain {
            lineNumber += 1
            record = CSVRecord(bytes: bytes, ends: ends)
            return record
        }
        var quoted = false, inQuotes = false, sawAnything = false
        while true {
            if position >= buffer.count {
                if try !fill() {
                    if inQuotes { throw EMLabError(.invalidData, "\(path):\(lineNumber + 1): a quoted field is never closed") }
                    if !sawAnything { return nil }
                    ends.append(bytes.count)
                    lineNumber += 1
                    record = CSVRecord(bytes: bytes, ends: ends)
                    return record
                }
            }
            // Scan what the buffer holds; stop at the row's end, or before a
            // quote whose next byte is not read yet (to look at it after a refill).
            let atEnd = self.atEnd
            let rowEnded: Bool = buffer.withUnsafeBufferPointer { buf in
                var i = position
                defer { position = i }
                while i < buf.count {
                    let byte = buf[i]
                    if inQuotes {
                        if byte == UInt8(ascii: "\"") {
                            if i + 1 == buf.count && !atEnd { return false }
                            if i + 1 < buf.count && buf[i + 1] == UInt8(ascii: "\"") {
                                bytes.append(byte)
                                i += 2
                            } else {
                                inQuotes = false
                                i += 1
                            }
                        } else {
                            if byte == UInt8(ascii: "\n") { lineNumber += 1 }
                            bytes.append(byte)
                            i += 1
                        }
                        sawAnything = true
                        continue
                    }
                    i += 1
                    sawAnything = true
                    switch byte {
                    case UInt8(ascii: ","):
                        ends.append(bytes.count)
                        quoted = false
                    case UInt8(ascii: "\"") where bytes.count == (ends.last ?? 0) && !quoted:
                        inQuotes = true
                        quoted = true
                    case UInt8(ascii: "\n"):
                        if !quoted && bytes.count > (ends.last ?? 0) && bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                        ends.append(bytes.count)
                        lineNumber += 1
                        return true
                    case UInt8(ascii: "\r") where quoted:
                        break  // the \r of a \r\n after a closing quote
                    default:
                        bytes.append(byte)
                    }
                }
                return false
            }
            if rowEnded {
                record = CSVRecord(bytes: bytes, ends: ends)
                return record
            }
            if position < buffer.count {
                // A quote at the end of the buffer: read on to see what follows it.
                if try !fill() { continue }
            }
        }
    }
}

/// One CSV row as ``CSVFileReader/nextRecord()`` read it: the fields'
/// unquoted bytes, back to back. Reading a number from the bytes, not from a
/// `String` made for every field, is what lets a summary re-read 10^6 rows
/// quickly (most fields of runs.csv are never looked at).
public struct CSVRecord {
    /// The fields' bytes, back to back.
    let bytes: [UInt8]
    /// Where each field ends in `bytes` (field i starts where i − 1 ends).
    let ends: [Int]

    /// The number of fields.
    public var count: Int { ends.count }

    private func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// Field `i` as text.
    public subscript(i: Int) -> String { String(decoding: bytes[range(i)], as: UTF8.self) }

    /// Every field as text.
    public var fields: [String] { ends.indices.map { self[$0] } }

    /// Whether field `i` is empty.
    public func isEmpty(_ i: Int) -> Bool { range(i).isEmpty }

    /// Whether field `i` is exactly `text`.
    public func field(_ i: Int, is text: String) -> Bool {
        let r = range(i)
        var utf8 = text.utf8.makeIterator()
        for index in r { guard utf8.next() == bytes[index] else { return false } }
        return utf8.next() == nil
    }

    /// Field `i` as ``parseNumber(_:)`` reads it, or nil.
    public func number(_ i: Int) -> Double? {
        let r = range(i)
        guard let first = r.first.map({ bytes[$0] }), let last = r.last.map({ bytes[$0] }) else { return nil }
        // The common case, a number as formatNumber writes it: parsed from the
        // bytes, as Double(String) parses (CEMKernels' emlab_parse_double).
        if r.count < 64, isPlainNumber(first: first, last: last) {
            var value = 0.0
            let parsed = bytes.withUnsafeBufferPointer { b in
                UnsafeRawPointer(b.baseAddress! + r.lowerBound).withMemoryRebound(to: CChar.self, capacity: r.count) {
                    emlab_parse_double($0, r.count, &value)
                }
            }
            return parsed == 1 ? value : nil
        }
        return parseNumber(self[i])
    }
}

extension CSVRecord {
    /// A record of `fields`, as a line parsed elsewhere gives them (a line
    /// read backwards from the end of a file while a study resumes).
    public init(fields: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for field in fields {
            bytes += field.utf8
            ends.append(bytes.count)
        }
        self.init(bytes: bytes, ends: ends)
    }
}
