/// What `emlab audit` found in a trace (``TraceAudit/run(data:trace:configuration:tolerance:)``): numbers and verdicts only;
/// `AuditReport` renders them.
public struct TraceAuditOutcome: Sendable {
    /// The run as a whole.
    public enum Verdict: Equatable, Sendable {
        /// Every step is EM's.
        case em
        /// The steps are those of EM with these defects (one, or a few that compose).
        case defect([TraceDefect])
        /// A step is not EM's, no defect explains it, and every such step raises ℓ.
        case generalizedEM
        /// A step is not EM's and no defect explains it.
        case notEM
    }

    /// One step, row t → row t + 1.
    public struct Step: Sendable {
        /// Row t + 1's iteration and line.
        public var iteration: Int
        public var line: Int
        /// F(θ_t), EM's step, and θ_{t+1}, the trace's (3K each: weights, means, sds).
        public var expected: [Double]
        public var actual: [Double]
        /// The tolerance of each parameter (``AuditTolerance``).
        public var tolerance: [Double]
        /// ℓ(θ_{t+1}) − ℓ(θ_t), EMLab's, exact where the plain difference loses digits (``LogLikelihoodChange``).
        public var logLikelihoodChange: Double
        /// How far ℓ may seem to fall by rounding alone.
        public var fallAllowance: Double

        /// |actual − expected| per parameter (∞ when exactly one is not finite, 0 when both are NaN).
        public var residuals: [Double] {
            zip(actual, expected).map { a, e in
                if a.isNaN && e.isNaN { return 0 }
                let d = abs(a - e)
                return d.isNaN ? .infinity : d
            }
        }
        /// The largest residual over its tolerance: ≤ 1 when the step is EM's.
        public var ratio: Double { zip(residuals, tolerance).map { $1 > 0 ? $0 / $1 : ($0 == 0 ? 0 : .infinity) }.max() ?? 0 }
        public var agrees: Bool { ratio <= 1 }
        public var falls: Bool { logLikelihoodChange < -fallAllowance }
    }

    /// The first step that is not EM's.
    public struct Deviation: Sendable {
        /// The row that is not F(previous row): its iteration and line.
        public var iteration: Int
        public var line: Int
        /// The parameter furthest outside its tolerance: `weight2`, `mean1`, `sd3`.
        public var parameter: String
        public var expected: Double
        public var actual: Double
        /// The blocks that deviate: some of `weights`, `means`, `sds`.
        public var blocks: [String]
    }

    /// The log-likelihood column's verdict.
    public struct Column: Sendable {
        /// What it holds; nil when none of the verdicts fits.
        public var verdict: LogLikelihoodColumnVerdict?
        public var explanation: String
        public var matches: Bool { verdict == .matches }
    }

    public var file: String
    public var componentCount: Int
    public var dataCount: Int
    public var rowCount: Int
    public var configuration: EMConfiguration
    public var tolerance: AuditTolerance
    /// M, the unit of means and sds in the tolerance.
    public var dataScale: Double
    public var verdict: Verdict
    public var steps: [Step]
    public var firstDeviation: Deviation?
    /// EMLab's ℓ at every row.
    public var logLikelihoods: [Double]
    /// The column's verdict; nil without a column.
    public var logLikelihoodColumn: Column?
    /// Why the steps after some row were not checked (a zero or non-finite parameter), if so.
    public var uncheckedNote: String?

    public var isEM: Bool { verdict == .em }
    /// The defects named, in catalogue order (empty unless ``verdict`` is `.defect`).
    public var defects: [TraceDefect] {
        if case .defect(let list) = verdict { return list }
        return []
    }
    /// The defects' names joined by `+`, or nil.
    public var defectName: String? { defects.isEmpty ? nil : defects.map(\.rawValue).joined(separator: "+") }
    public var logLikelihoodMonotone: Bool { !steps.contains(where: \.falls) }
}
