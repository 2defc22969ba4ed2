import Foundation

/// How coarsely a column of a trace was written, and so how far each of its
/// values may be from the number the implementation held.
///
/// A trace written by `repr`, `to_csv`, `np.savetxt`'s default or EMLab
/// carries every digit (15 or more significant): its values are the
/// implementation's own, and the rounding is the arithmetic's. A trace
/// written by `f"{mu:.4f}"` or `"%.6g"` is rounded, and a value written with
/// d decimals may be anywhere within half a unit of its last place,
/// 0.5·10^−d. Which of the two a column is cannot be read from one value
/// (full precision writes 0.5 as `0.5`), so it is read from the column:
/// - **full precision** when some value in it has 15 or more significant digits;
/// - **fixed decimals** d when every value has the same d ≥ 1 decimals (`%.4f`);
/// - **significant digits** s otherwise, s the most any value has (`%.6g`),
///   each value then rounded to half a unit of its s-th digit.
enum PrintedPrecision {
    /// How a column was written.
    enum Form: Equatable {
        case full
        case fixedDecimals(Int)
        case significantDigits(Int)
    }

    /// The digits before and after the point in a number's text, and its decimal exponent.
    private static func digits(_ text: Substring) -> (significant: Int, decimals: Int, exponent: Int)? {
        var mantissa = text.trimmingCharacters(in: .whitespaces)[...]
        var exponent = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(mantissa[mantissa.index(after: e)...]) else { return nil }
            exponent = value
            mantissa = mantissa[..<e]
        }
        if mantissa.hasPrefix("-") || mantissa.hasPrefix("+") { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        let all = (whole + fraction).drop { $0 == "0" }
        return (all.count, fraction.count, exponent)
    }

    /// The form of a column from its texts.
    static func form(of texts: [Substring]) -> Form {
        var most = 0
        var decimals: Set<Int> = []
        var usesExponent = false
        for text in texts {
            guard let d = digits(text) else { continue }
            most = max(most, d.significant)
            decimals.insert(d.decimals)
            if d.exponent != 0 { usesExponent = true }
        }
        if most >= 15 { return .full }
        if !usesExponent, decimals.count == 1, let d = decimals.first, d >= 1 { return .fixedDecimals(d) }
        return .significantDigits(max(most, 1))
    }

    /// Half a unit in the last place `text` was written to under `form`; 0 at full precision.
    static func halfUnit(_ text: Substring, value: Double, form: Form) -> Double {
        switch form {
        case .full: return 0
        case .fixedDecimals(let d):
            guard let parsed = digits(text) else { return 0 }
            return 0.5 * pow(10, Double(parsed.exponent - d))
        case .significantDigits(let s):
            guard value != 0, value.isFinite else { return 0.5 * pow(10, Double(-s)) }
            let leading = floor(log10(abs(value)))
            return 0.5 * pow(10, leading - Double(s) + 1)
        }
    }
}
