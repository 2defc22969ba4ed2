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
        guard let chunk, !chunk.isEmpty else { atEnd = true; return false }
        buffer.removeFirst(position)
        position = 0
        buffer.append(contentsOf: chunk)
        return true
    }

    /// The next row's fields, or nil at the end of the file.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` for a quote left open at the end of the file.
    public func nextRow() throws -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false, inQuotes = false, sawAnything = false
        while true {
            if position >= buffer.count {
                if try !fill() {
                    if inQuotes { throw EMLabError(.invalidData, "\(path):\(lineNumber + 1): a quoted field is never closed") }
                    if !sawAnything { return nil }
                    fields.append(String(decoding: field, as: UTF8.self))
                    lineNumber += 1
                    return fields
                }
            }
            let byte = buffer[position]
            position += 1
            sawAnything = true
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if position >= buffer.count { _ = try fill() }
                    if position < buffer.count && buffer[position] == UInt8(ascii: "\"") {
                        field.append(byte); position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { lineNumber += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                quoted = false
            case UInt8(ascii: "\"") where field.isEmpty && !quoted:
                inQuotes = true; quoted = true
            case UInt8(ascii: "\n"):
                if field.last == UInt8(ascii: "\r") && !quoted { field.removeLast() }
                fields.append(String(decoding: field, as: UTF8.self))
                lineNumber += 1
                return fields
            case UInt8(ascii: "\r") where quoted:
                break   // the \r of a \r\n after a closing quote
            default:
                field.append(byte)
            }
        }
    }
}
