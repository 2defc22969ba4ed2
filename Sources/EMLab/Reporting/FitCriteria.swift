import Foundation

/// AIC, BIC and ICL of one fit, for `emlab fit`: the ``InformationCriteria``
/// `emlab select` scores each model by (``ModelSelection``), lower is better,
/// with the free parameters of the fit's own model (fixed weights and a known
/// variance are not counted).
public enum FitCriteria {
    /// One line for people, numbers as `emlab select` prints them (10 significant digits).
    public static func text(_ criteria: InformationCriteria?) -> String {
        guard let c = criteria else {
            return "Information criteria: none — the fit collapsed, degenerated or went non-finite, so its likelihood has no maximum "
                + "(emlab select sets such fits aside).\n"
        }
        let number = SelectionReport.number
        return "Information criteria (lower is better, as emlab select): AIC \(number(c.aic)), BIC \(number(c.bic)), ICL \(number(c.icl)); "
            + "p = \(c.parameters) free parameters, n = \(c.count)\n"
    }

    /// The JSON pairs `aic`, `bic`, `icl` (`null` when there are no criteria).
    public static func jsonPairs(_ criteria: InformationCriteria?) -> [(String, String)] {
        InformationCriteria.Criterion.allCases.map { ($0.key, JSONText.number(criteria?[$0])) }
    }
}
