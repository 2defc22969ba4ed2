import Foundation

/// `emlab select --compare-remedies`: mclust's BIC (2ℓ − p log n, larger is
/// better; ℓ at the remedied estimate, as mclust reports BIC with a prior)
/// of every model under every remedy, and the model each remedy selects.
public enum SelectionRemedyReport {
    /// The remedies `emlab select --compare-remedies` scores the models
    /// under: none, the relative floor σ² ≥ 1e-3·var(x), mclust's prior, the
    /// variance-ratio bound 12 and Chen, Tan & Zhang's penalty.
    public static let remedies: [(name: String, remedy: Remedy, relativeFloor: Double)] = [
        ("none", .none, 0), ("floor=\(formatNumber(RemedyComparison.relativeFloor))·var(x)", .none, RemedyComparison.relativeFloor),
        ("prior=mclust", .prior(ConjugatePrior()), 0),
        ("variance-ratio=\(formatNumber(RemedyComparison.varianceRatio))", .varianceRatio(RemedyComparison.varianceRatio), 0),
        ("penalty=chen-tan", .penalty(ChenTanPenalty()), 0)
    ]

    /// One row per model (K × variance), one column per remedy; then the
    /// model each remedy's BIC selects.
    ///
    /// - Parameter selections: each remedy's name and selection, over the same models in the same order.
    public static func text(_ selections: [(name: String, selection: ModelSelection)]) -> String {
        guard let first = selections.first?.selection else { return "" }
        var rows = [["K", "variance"] + selections.map(\.name)]
        for (i, model) in first.models.enumerated() {
            rows.append(
                ["\(model.components)", model.variance.description]
                    + selections.map { entry in
                        entry.selection.models[i].criteria.map { FitReport.short($0.mclustBIC) } ?? "collapsed"
                    })
        }
        rows.append(
            ["selected", ""]
                + selections.map { entry in
                    guard let choice = entry.selection.selected.first(where: { $0.criterion == .bic }) else { return "none" }
                    let model = entry.selection.models[choice.model]
                    return "K=\(model.components) \(model.variance)"
                })
        var lines = ["mclust's BIC (2ℓ − p log n, larger is better) under each remedy; \"collapsed\": every start collapsed, no maximum", ""]
        lines += FitReport.table(rows)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same as JSON: `{"remedies": [{"name", "bic": [per model, null when collapsed], "selected": index}], "models": [{"components", "variance"}]}`.
    public static func json(_ selections: [(name: String, selection: ModelSelection)]) -> String {
        guard let first = selections.first?.selection else { return "{}\n" }
        let models = first.models.map {
            JSONText.object([("components", String($0.components)), ("variance", JSONText.string($0.variance.description))])
        }
        let entries = selections.map { entry in
            JSONText.object([
                ("name", JSONText.string(entry.name)),
                ("bic", JSONText.array(entry.selection.models.map { $0.criteria?.mclustBIC })),
                ("selected", entry.selection.selected.first(where: { $0.criterion == .bic }).map { String($0.model) } ?? "null")
            ])
        }
        return JSONText.object([("models", "[" + models.joined(separator: ", ") + "]"), ("remedies", "[" + entries.joined(separator: ", ") + "]")]) + "\n"
    }
}
