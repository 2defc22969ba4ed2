/// The columns of runs.csv and traces.csv, and the formatting of their rows.
///
/// Every study of K ≤ `componentColumns` components writes the same header;
/// the parameter columns past a condition's own K are left empty.
/// `Results/README.md` defines every column.
public struct RunsTable: Sendable {
    /// How many weight/mean/sd columns each table has: the experiment's largest K.
    public let componentColumns: Int

    public init(componentColumns: Int) { self.componentColumns = componentColumns }

    /// The design factors that identify a condition, in column order.
    public static let factorColumns = ["condition", "truth", "sampler", "n", "estimator", "init"]
    /// The failure flags, each 0 or 1 (``FailureModes`` defines them).
    public static let flagColumns = FailureModes.flagNames
    /// The numbers behind the flags.
    public static let diagnosticColumns = ["collapseIteration", "rateTheoretical", "rateEmpirical", "logLikelihoodGap",
                                           "iterationsPredicted", "largestDecrease", "restarts", "floorActive"]
    /// A relative fall of the log-likelihood beyond this marks a fit non-monotone.
    public static let nonMonotoneThreshold = 1e-10

    func numbered(_ names: [String]) -> [String] {
        names.flatMap { name in (1...componentColumns).map { "\(name)\($0)" } }
    }

    public var header: [String] {
        Self.factorColumns + ["replicate", "start", "selected", "generator", "dataSeed", "startSeed",
                              "iterations", "eSteps", "stopReason", "converged", "logLikelihood", "logLikelihoodTruth",
                              "logLikelihoodBest", "reachedBest"]
            + numbered(["weight", "mean", "sd", "weightError", "meanError", "sdError"])
            + ["permutation"] + Self.flagColumns + Self.diagnosticColumns
    }

    public var headerLine: String { CSVFormat.row(header) }

    public var traceHeader: [String] {
        ["condition", "replicate", "start", "iteration", "logLikelihood"] + numbered(["weight", "mean", "sd"])
    }

    public var traceHeaderLine: String { CSVFormat.row(traceHeader) }

    func factorFields(_ c: Condition) -> [String] {
        [String(c.index), c.truth.name, c.sampler.rawValue, String(c.sampleSize), c.estimator.name, c.initialization.name]
    }

    func padded(_ values: [Double]) -> [String] {
        values.map(formatNumber) + Array(repeating: "", count: componentColumns - values.count)
    }

    /// One runs.csv row. `outcome.result` is nil when no start could be made.
    public func row(condition: Condition, replicate: Int, start: Int, selected: Bool, generator: String,
                    dataSeed: UInt64, outcome: Simulation.StartOutcome, assessment: FailureModes.Assessment?,
                    analysis: ConvergenceAnalysis?, truthLogLikelihood: Double, bestLogLikelihood: Double) -> String {
        var fields = factorFields(condition)
        fields += [String(replicate), String(start), selected ? "1" : "0", generator, String(dataSeed), String(outcome.seed)]
        let k = condition.componentCount
        guard let result = outcome.result, let assessment else {
            fields += ["0", "0", "no-start", "0", "", formatNumber(truthLogLikelihood), formatNumber(bestLogLikelihood), "0"]
            fields += Array(repeating: "", count: 6 * componentColumns + 1)
            fields += Array(repeating: "0", count: Self.flagColumns.count) + ["", "", "", "", "", "", String(outcome.restarts), "0"]
            return CSVFormat.row(fields)
        }
        let ll = result.logLikelihood
        let reached = ll.isFinite && bestLogLikelihood.isFinite && ll >= bestLogLikelihood - Simulation.sameMaximumTolerance(bestLogLikelihood)
        fields += [String(result.iterations), String(result.eSteps), result.stopReason.rawValue, result.converged ? "1" : "0", formatNumber(ll),
                   formatNumber(truthLogLikelihood), formatNumber(bestLogLikelihood), reached ? "1" : "0"]
        let estimate = result.mixture
        fields += padded(estimate.weights) + padded(estimate.means) + padded(estimate.standardDeviations)
        if let truth = condition.truth.mixture {
            let permutation = assessment.permutation ?? LabelAlignment.bestPermutation(estimate: estimate, truth: truth)
            let aligned = LabelAlignment.relabel(estimate, by: permutation)
            fields += padded((0..<k).map { aligned.weights[$0] - truth.weights[$0] })
            fields += padded((0..<k).map { aligned.means[$0] - truth.means[$0] })
            fields += padded((0..<k).map { aligned.standardDeviations[$0] - truth.standardDeviations[$0] })
            fields.append(permutation.map { String($0 + 1) }.joined(separator: " "))
        } else {
            // No truth (a real data set): no errors, no alignment.
            fields += Array(repeating: "", count: 3 * componentColumns + 1)
        }
        fields += assessment.flags.map { $0 ? "1" : "0" }
        let rateTheoretical = analysis?.rateTheoretical ?? .nan
        fields += [assessment.collapseIteration.map(String.init) ?? "", rateTheoretical.isNaN ? "" : formatNumber(rateTheoretical),
                   formatNumber(result.convergenceRate), formatNumber(result.logLikelihoodGap),
                   analysis?.iterationsPredicted.map(formatNumber) ?? "",
                   formatNumber(result.largestRelativeDecrease), String(outcome.restarts), assessment.floorActive ? "1" : "0"]
        return CSVFormat.row(fields)
    }

    /// The traces.csv rows of one fit.
    public func traceRows(condition: Condition, replicate: Int, start: Int, trace: FitTrace) -> String {
        var text = ""
        for (i, mixture) in trace.mixtures.enumerated() {
            var fields = [String(condition.index), String(replicate), String(start), String(trace.iterations[i]),
                          formatNumber(trace.logLikelihoods[i])]
            fields += padded(mixture.weights) + padded(mixture.means) + padded(mixture.standardDeviations)
            text += CSVFormat.row(fields)
        }
        return text
    }
}
