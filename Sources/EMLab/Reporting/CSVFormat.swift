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
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// One row, with its line end.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}
