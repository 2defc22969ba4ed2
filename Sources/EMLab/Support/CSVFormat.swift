import Foundation

/// Writing CSV per RFC 4180: comma-separated, CRLF-free (`\n` line ends,
/// which every reader accepts), fields quoted only when they hold a comma,
/// a quote or a line break, and quotes doubled inside quoted fields.
///
/// Rows are written by hand rather than through a CSV library so that the
/// bytes are fixed by EMLab alone: studies promise byte-identical files.
public enum CSVFormat {
    /// One field, quoted if it must be.
    public static func field(_ text: String) -> String {
        // By bytes: all four are ASCII, and a Character "\r\n" equals neither "\r" nor "\n".
        if text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// One row, with its line end.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}

/// One CSV row built in place: the same bytes as ``CSVFormat/row(_:)`` of
/// the same fields, without an array of field strings in between (a study
/// writes one row per fit, and building them was a tenth of its time).
public struct CSVRow {
    public private(set) var text: String
    private var first = true

    /// - Parameter capacity: bytes to reserve (a runs.csv row is ~400).
    public init(capacity: Int = 512) {
        text = ""
        text.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if first { first = false } else { text.append(",") }
    }

    /// A text field, quoted if it must be.
    public mutating func append(_ field: String) {
        separate()
        text.append(CSVFormat.field(field))
    }

    /// A field known to need no quoting (a number, a flag, a fixed word).
    public mutating func appendPlain(_ field: String) {
        separate()
        text.append(field)
    }

    /// A number as ``formatNumber(_:)`` writes it. A finite one is written
    /// straight into the row (`write(to:)` prints the digits `description`
    /// would, without a String of its own), then loses a trailing ".0".
    public mutating func append(_ value: Double) {
        guard value.isFinite else {
            appendPlain(formatNumber(value))
            return
        }
        separate()
        value.write(to: &text)
        dropTrailingPointZero(&text)
    }

    /// An integer.
    public mutating func append(_ value: Int) { appendPlain(String(value)) }

    /// `count` empty fields.
    public mutating func appendEmpty(_ count: Int) {
        for _ in 0..<count { separate() }
    }

    /// The row with its line end.
    public consuming func line() -> String {
        text.append("\n")
        return text
    }
}

/// A number to six significant digits for people (`%.6g`), or
/// ``formatNumber(_:)``'s word for a non-finite one.
public func formatShort(_ value: Double) -> String {
    value.isFinite ? String(format: "%.6g", value) : formatNumber(value)
}
