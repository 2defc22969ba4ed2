import Foundation

/// Small pieces of JSON text with keys in a fixed order, for the reports
/// people read as often as programs do (Foundation's encoder sorts keys or
/// scrambles them). Non-finite numbers, which JSON cannot hold, become `null`.
public enum JSONText {
    /// A number in the shortest round-trip form, or `null`.
    public static func number(_ x: Double) -> String { x.isFinite ? formatNumber(x) : "null" }

    /// An optional number; nil is `null`.
    public static func number(_ x: Double?) -> String { x.map { number($0) } ?? "null" }

    /// An array of numbers.
    public static func array(_ xs: [Double]) -> String { "[" + xs.map { number($0) }.joined(separator: ", ") + "]" }

    /// An array of optional numbers.
    public static func array(_ xs: [Double?]) -> String { "[" + xs.map { number($0) }.joined(separator: ", ") + "]" }

    /// A matrix as an array of rows.
    public static func matrix(_ m: Matrix) -> String { "[" + m.rowArrays.map { array($0) }.joined(separator: ", ") + "]" }

    /// A quoted, escaped string.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// An object from (key, JSON value) pairs, in their order, on one line.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
