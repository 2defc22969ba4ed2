import Foundation

/// `emlab fit --preset NAME`'s report of a ``DocumentComparison``: each fit's
/// table, every traced fit's trace, and the findings.
public enum DocumentComparisonReport {
    /// Each fit as `== label`, its detail, and its table
    /// (``FitReport/text(_:dataCount:configuration:truth:)``, beside the
    /// truth when it has the fit's K), each followed by a blank line.
    ///
    /// - Parameters:
    ///   - comparison: what ``DocumentComparison/run(preset:input:stream:componentCounts:)`` gave.
    ///   - dataCount: n, the values fitted.
    ///   - truth: the truth, when known.
    public static func fitsText(_ comparison: DocumentComparison, dataCount: Int, truth: GaussianMixture?) -> String {
        comparison.fits.map { fit in
            let withTruth = truth.flatMap { $0.componentCount == fit.result.mixture.componentCount ? $0 : nil }
            return "== \(fit.label)\n" + (fit.detail.map { $0 + "\n" } ?? "")
                + FitReport.text(fit.result, dataCount: dataCount, configuration: fit.configuration, truth: withTruth) + "\n"
        }.joined()
    }

    /// "What goes wrong, and why:" and one finding a line.
    public static func findingsText(_ comparison: DocumentComparison) -> String {
        "What goes wrong, and why:\n" + comparison.findings.map { "- \($0)\n" }.joined()
    }

    /// Every traced fit's trace in one CSV, a `fit` column first (the estimator's name).
    ///
    /// - Parameter k: the document's K.
    public static func traceCSV(_ comparison: DocumentComparison, componentCount k: Int) -> String {
        let traced = comparison.fits.compactMap { fit in fit.estimator.flatMap { name in fit.result.trace.map { (name: name, trace: $0) } } }
        return FitReport.traceCSV(traced, componentCount: k)
    }
}
