import Foundation

/// ½ log(2π).
public let halfLogTwoPi = 0.918_938_533_204_672_741_78

extension Double {
    /// Natural logarithm (Foundation's `log`), spelled as a method so call
    /// sites read left to right.
    @inlinable func log() -> Double { Foundation.log(self) }
}

/// log Σ exp(terms), stable: the largest term is factored out, so the result
/// is finite whenever one term is, even if every exp(term) underflows.
///
/// - Returns: `-infinity` when every term is `-infinity`; NaN if any term is NaN.
/// - Complexity: O(terms.count).
@inlinable public func logSumExp(_ terms: [Double]) -> Double {
    var maximum = -Double.infinity
    for t in terms where t > maximum { maximum = t }
    if terms.contains(where: { $0.isNaN }) { return .nan }
    guard maximum.isFinite else { return maximum }
    var sum = 0.0
    for t in terms { sum += Foundation.exp(t - maximum) }
    return maximum + Foundation.log(sum)
}

/// A running sum with Neumaier's compensation (Neumaier 1974, "Rundungsfehleranalyse
/// einiger Verfahren zur Summation endlicher Summen", *ZAMM* 54(1), 39–51):
/// the rounding error of each addition is kept and added back at the end,
/// so the result is as if summed in about twice the precision, whatever the
/// terms' signs and order of size.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    /// Adds `term`: Fast2Sum on whichever of the running sum and the term is
    /// larger in magnitude, so the lost low part is exact.
    @inline(__always) mutating func add(_ term: Double) {
        let next = sum + term
        if abs(sum) >= abs(term) {
            compensation += (sum - next) + term
        } else {
            compensation += (term - next) + sum
        }
        sum = next
    }

    /// The sum with its compensation added.
    var value: Double { sum + compensation }
}

/// The shortest decimal text that reads back to the same `Double`
/// (Swift's `description`), with the non-finite values spelled as R and
/// pandas read them: `NaN`, `Inf`, `-Inf`. Integral values drop the `.0`.
public func formatNumber(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value == .infinity { return "Inf" }
    if value == -.infinity { return "-Inf" }
    var text = value.description
    dropTrailingPointZero(&text)
    return text
}

/// Removes a final ".0" (`5.0` → `5`), the one change ``formatNumber(_:)``
/// makes to Swift's shortest round-trip digits. By bytes: String.hasSuffix
/// compares Characters, which costs more than the formatting (a study
/// formats about twenty numbers per fit).
@inline(__always)
func dropTrailingPointZero(_ text: inout String) {
    let utf8 = text.utf8
    if utf8.count >= 2 && utf8.last == UInt8(ascii: "0") && utf8[utf8.index(utf8.endIndex, offsetBy: -2)] == UInt8(ascii: ".") {
        text.removeLast(2)
    }
}

/// Whether text with these first and last bytes can take ``parseNumber(_:)``'s
/// fast path: it starts like a number as ``formatNumber(_:)`` writes it (a
/// digit, `-` or `.`) and ends in a printable ASCII byte (no space to trim).
@inline(__always)
func isPlainNumber(first: UInt8, last: UInt8) -> Bool {
    last > 0x20 && last < 0x80
        && ((first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "-") || first == UInt8(ascii: "."))
}

/// Parses a number as ``formatNumber(_:)`` writes it (and as most tools do:
/// `1`, `-2.5`, `1e-3`, `NaN`, `Inf`, `-inf`), or nil.
public func parseNumber<S: StringProtocol>(_ text: S) -> Double? {
    // The common case — a number as formatNumber writes it, no spaces around
    // it — goes straight to the parser: trimming through Foundation costs
    // more than parsing (a study's summary reads every number of runs.csv).
    let utf8 = text.utf8
    if let first = utf8.first, let last = utf8.reversed().first, isPlainNumber(first: first, last: last) {
        return Double(text)
    }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    switch trimmed.lowercased() {
    case "inf", "+inf", "infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    case "nan": return .nan
    default: return Double(trimmed)
    }
}
