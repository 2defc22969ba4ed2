import EMLab
import Foundation

// `emlab fit --compare-remedies`: every remedy on the same data from the
// same start, in one table (``RemedyComparison``).
extension FitCommand {
    func compareRemedies(data: [Double]) throws {
        let comparison = try RemedyComparison.run(request: request, data: data)
        print(
            format == .text ? RemedyComparisonReport.text(comparison, dataCount: data.count) : RemedyComparisonReport.json(comparison),
            terminator: "")
    }
}
