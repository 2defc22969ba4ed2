/// The columns of runs.csv and traces.csv, and the formatting of their rows.
///
/// Every study of K ≤ `componentColumns` components writes the same header;
/// the parameter columns past a condition's own K are left empty.
/// `Results/README.md` defines every column.
public struct RunsTable: Sendable {
    /// How many weight/mean/sd columns each table has: the experiment's largest K.
    public let componentColumns: Int
    /// Whether rows carry standard errors and interval bounds (``intervalColumnNames``).
    public let intervalColumns: Bool
    /// Whether rows carry the K each criterion chose (``selectionColumnNames``).
    public let selectionColumns: Bool
    /// Whether rows carry the remedy columns (``remedyColumnNames``).
    public let remedyColumns: Bool
    /// Whether rows end with `dataSet`, the id of the user's data set the replicate fitted.
    public let dataSetColumn: Bool
    /// Whether rows carry the reference maximum's columns (``ReferenceMaximum``).
    public let referenceColumns: Bool

    /// - Parameters:
    ///   - componentColumns: the experiment's largest K.
    ///   - intervalColumns: add the SE and interval columns (some estimator has `intervals`).
    ///   - selectionColumns: add `kAIC`, `kBIC`, `kICL` (some estimator has `select_k`).
    ///   - remedyColumns: add ``remedyColumnNames`` (some estimator has a `remedy`).
    ///   - dataSetColumn: end with `dataSet` (some truth names the user's data sets).
    ///   - referenceColumns: add ``ReferenceMaximum/unitColumns`` and
    ///     ``ReferenceMaximum/verdictColumns`` (the experiment has `[reference]`).
    public init(
        componentColumns: Int, intervalColumns: Bool = false, selectionColumns: Bool = false, remedyColumns: Bool = false,
        dataSetColumn: Bool = false, referenceColumns: Bool = false
    ) {
        self.referenceColumns = referenceColumns
        self.componentColumns = componentColumns
        self.intervalColumns = intervalColumns
        self.selectionColumns = selectionColumns
        self.remedyColumns = remedyColumns
        self.dataSetColumn = dataSetColumn
    }

    /// The experiment's table: its largest K, and the inference columns only when some estimator asks for them.
    public init(experiment: Experiment) {
        self.init(
            componentColumns: experiment.maxComponents, intervalColumns: experiment.recordsIntervals,
            selectionColumns: experiment.recordsSelection, remedyColumns: experiment.recordsRemedies,
            dataSetColumn: experiment.recordsDataSets, referenceColumns: experiment.reference != nil)
    }

    /// The prefixes of the interval columns, each numbered 1…K: a parameter's
    /// standard error and its interval's bounds, after label alignment.
    public static let intervalPrefixes = [
        "weightSE", "weightLow", "weightHigh", "meanSE", "meanLow", "meanHigh",
        "sdSE", "sdLow", "sdHigh"
    ]
    /// The K chosen by each criterion, in ``InformationCriteria/Criterion`` order.
    public static let selectionColumnNames = InformationCriteria.Criterion.allCases.map { "k\($0.rawValue)" }
    /// The remedy's objective at the fit (``FitResult/objective``), whether
    /// it was active there (0/1), how far it moved a variance
    /// (``FitResult/remedyEffect``), and whether the fit differs from the
    /// same estimator's without the remedy from the same start (0/1,
    /// ``RemedyComparison/differs(_:from:dataSD:)``); empty for an estimator without a remedy.
    public static let remedyColumnNames = ["objective", "remedyActive", "remedyEffect", "remedyChanged"]

    /// What a study inferred about one fit (the selected start of a replicate), in the fit's own component order.
    public struct Inference: Sendable {
        /// The standard errors the intervals come with (Wald, or the bootstrap's).
        public var standardErrors: StandardErrors?
        /// The intervals.
        public var intervals: BootstrapIntervals.Parameters?
        /// The K chosen by AIC, BIC and ICL (nil: no model could be scored).
        public var chosenComponents: [Int?]?

        public init(
            standardErrors: StandardErrors? = nil, intervals: BootstrapIntervals.Parameters? = nil,
            chosenComponents: [Int?]? = nil
        ) {
            self.standardErrors = standardErrors
            self.intervals = intervals
            self.chosenComponents = chosenComponents
        }
    }

    /// The design factors that identify a condition, in column order.
    public static let factorColumns = ["condition", "truth", "sampler", "n", "estimator", "init"]
    /// The failure flags, each 0 or 1 (``FailureModes`` defines them).
    public static let flagColumns = FailureModes.flagNames
    /// The numbers behind the flags.
    public static let diagnosticColumns = [
        "collapseIteration", "rateTheoretical", "rateEmpirical", "logLikelihoodGap",
        "iterationsPredicted", "largestDecrease", "restarts", "floorActive"
    ]

    func numbered(_ names: [String]) -> [String] {
        names.flatMap { name in (1...componentColumns).map { "\(name)\($0)" } }
    }

    public var header: [String] {
        Self.factorColumns + [
            "replicate", "start", "selected", "generator", "dataSeed", "startSeed",
            "iterations", "eSteps", "stopReason", "converged", "logLikelihood", "logLikelihoodTruth",
            "logLikelihoodBest", "reachedBest"
        ]
            + numbered(["weight", "mean", "sd", "weightError", "meanError", "sdError"])
            + ["permutation"] + Self.flagColumns + Self.diagnosticColumns
            + (intervalColumns ? numbered(Self.intervalPrefixes) : []) + (selectionColumns ? Self.selectionColumnNames : [])
            + (remedyColumns ? Self.remedyColumnNames : [])
            + (referenceColumns ? ReferenceMaximum.unitColumns + ReferenceMaximum.verdictColumns : [])
            + (dataSetColumn ? ["dataSet"] : [])
    }

    public var headerLine: String { CSVFormat.row(header) }

    public var traceHeader: [String] {
        ["condition", "replicate", "start", "iteration", "logLikelihood"] + numbered(["weight", "mean", "sd"])
    }

    public var traceHeaderLine: String { CSVFormat.row(traceHeader) }

    /// The interval and selection fields of a row (none when the table has no such columns).
    ///
    /// Standard errors and bounds are relabelled by `permutation` (true
    /// component k gets the fit's component `permutation[k]`), so column k
    /// belongs to true component k as the errors do; without a truth they
    /// stay in the fit's order. A missing value is an empty field.
    func inferenceFields(_ inference: Inference?, permutation: [Int]?, componentCount k: Int) -> [String] {
        var fields: [String] = []
        if intervalColumns {
            let order = permutation ?? Array(0..<k)
            func column(_ values: [Double?]?) -> [String] {
                guard let values, values.count == k else { return Array(repeating: "", count: componentColumns) }
                return order.map { values[$0].map(formatNumber) ?? "" } + Array(repeating: "", count: componentColumns - k)
            }
            let se = inference?.standardErrors, bounds = inference?.intervals
            fields += column(se?.weights) + column(bounds?.weights.map { $0?.low }) + column(bounds?.weights.map { $0?.high })
            fields += column(se?.means) + column(bounds?.means.map { $0?.low }) + column(bounds?.means.map { $0?.high })
            fields += column(se?.sds) + column(bounds?.sds.map { $0?.low }) + column(bounds?.sds.map { $0?.high })
        }
        if selectionColumns {
            let chosen = inference?.chosenComponents
            fields += Self.selectionColumnNames.indices.map { i in chosen?[i].map(String.init) ?? "" }
        }
        return fields
    }

    /// The factor fields of a condition, in ``factorColumns`` order.
    func appendFactors(_ c: Condition, to row: inout CSVRow) {
        row.append(c.index)
        row.append(c.truth.name)
        row.append(c.sampler.rawValue)
        row.append(c.sampleSize)
        row.append(c.estimator.name)
        row.append(c.initialization.name)
    }

    /// `values` then empty fields up to ``componentColumns``.
    func appendPadded(_ values: [Double], to row: inout CSVRow) {
        for value in values { row.append(value) }
        row.appendEmpty(componentColumns - values.count)
    }

    /// What a unit knows of the reference maximum: its fit's ℓ after the
    /// Newton polish, and (in the group owner's unit) the best of the extra starts.
    public struct ReferenceFields: Sendable {
        public var polished: Double?
        public var starts: Double?

        public init(polished: Double? = nil, starts: Double? = nil) {
            self.polished = polished
            self.starts = starts
        }
    }

    /// The reference fields of a row: the two unit columns, then the verdict columns left empty for ``ReferenceMaximum/annotate(runsPath:experiment:settings:)``.
    func appendReference(_ reference: ReferenceFields?, to row: inout CSVRow) {
        guard referenceColumns else { return }
        for value in [reference?.polished, reference?.starts] {
            if let value, value.isFinite { row.append(value) } else { row.appendEmpty(1) }
        }
        row.appendEmpty(ReferenceMaximum.verdictColumns.count)
    }

    /// One runs.csv row. `outcome.result` is nil when no start could be made;
    /// `inference` fills the interval and selection columns (selected start only).
    public func row(
        condition: Condition, replicate: Int, start: Int, selected: Bool, generator: String,
        dataSeed: UInt64, outcome: Simulation.StartOutcome, assessment: FailureModes.Assessment?,
        analysis: ConvergenceAnalysis?, truthLogLikelihood: Double, bestLogLikelihood: Double,
        inference: Inference? = nil, reference: ReferenceFields? = nil
    ) -> String {
        var row = CSVRow()
        appendFactors(condition, to: &row)
        row.append(replicate)
        row.append(start)
        row.appendPlain(selected ? "1" : "0")
        row.append(generator)
        row.appendPlain(String(dataSeed))
        row.appendPlain(String(outcome.seed))
        let k = condition.componentCount
        guard let result = outcome.result, let assessment else {
            for field in ["0", "0", "no-start", "0", ""] { row.appendPlain(field) }
            row.append(truthLogLikelihood)
            row.append(bestLogLikelihood)
            row.appendPlain("0")
            row.appendEmpty(6 * componentColumns + 1)
            for _ in Self.flagColumns { row.appendPlain("0") }
            row.appendEmpty(6)
            row.append(outcome.restarts)
            row.appendPlain("0")
            for field in inferenceFields(inference, permutation: nil, componentCount: k) { row.append(field) }
            if remedyColumns { row.appendEmpty(Self.remedyColumnNames.count) }
            appendReference(reference, to: &row)
            appendDataSet(condition, replicate: replicate, to: &row)
            return row.line()
        }
        let ll = result.logLikelihood
        let reached = ll.isFinite && bestLogLikelihood.isFinite && ll >= bestLogLikelihood - FailureModes.sameMaximumTolerance(bestLogLikelihood)
        row.append(result.iterations)
        row.append(result.eSteps)
        row.append(result.stopReason.rawValue)
        row.appendPlain(result.converged ? "1" : "0")
        row.append(ll)
        row.append(truthLogLikelihood)
        row.append(bestLogLikelihood)
        row.appendPlain(reached ? "1" : "0")
        let estimate = result.mixture
        appendPadded(estimate.weights, to: &row)
        appendPadded(estimate.means, to: &row)
        appendPadded(estimate.standardDeviations, to: &row)
        var alignment: [Int]?
        if let truth = condition.truth.mixture {
            let permutation = assessment.permutation ?? LabelAlignment.bestPermutation(estimate: estimate, truth: truth)
            alignment = permutation
            let aligned = LabelAlignment.relabel(estimate, by: permutation)
            appendPadded((0..<k).map { aligned.weights[$0] - truth.weights[$0] }, to: &row)
            appendPadded((0..<k).map { aligned.means[$0] - truth.means[$0] }, to: &row)
            appendPadded((0..<k).map { aligned.standardDeviations[$0] - truth.standardDeviations[$0] }, to: &row)
            row.append(permutation.map { String($0 + 1) }.joined(separator: " "))
        } else {
            // No truth (a real data set): no errors, no alignment.
            row.appendEmpty(3 * componentColumns + 1)
        }
        for flag in FailureFlag.allCases { row.appendPlain(assessment[flag] ? "1" : "0") }
        let rateTheoretical = analysis?.rateTheoretical ?? .nan
        if let iteration = assessment.collapseIteration { row.append(iteration) } else { row.appendEmpty(1) }
        if rateTheoretical.isNaN { row.appendEmpty(1) } else { row.append(rateTheoretical) }
        row.append(result.convergenceRate)
        row.append(result.logLikelihoodGap)
        if let predicted = analysis?.iterationsPredicted { row.append(predicted) } else { row.appendEmpty(1) }
        row.append(result.largestRelativeDecrease)
        row.append(outcome.restarts)
        row.appendPlain(assessment.floorActive ? "1" : "0")
        for field in inferenceFields(inference, permutation: alignment, componentCount: k) { row.append(field) }
        if remedyColumns {
            if let active = result.remedyActive, let changed = outcome.remedyChanged {
                row.append(result.objective)
                row.appendPlain(active ? "1" : "0")
                row.append(result.remedyEffect ?? .nan)
                row.appendPlain(changed ? "1" : "0")
            } else {
                row.appendEmpty(Self.remedyColumnNames.count)
            }
        }
        appendReference(reference, to: &row)
        appendDataSet(condition, replicate: replicate, to: &row)
        return row.line()
    }

    /// The `dataSet` field: the id of the replicate's data set (empty for a truth without data sets).
    func appendDataSet(_ condition: Condition, replicate: Int, to row: inout CSVRow) {
        guard dataSetColumn else { return }
        if let sets = condition.truth.dataSets, replicate >= 1 && replicate <= sets.count {
            row.append(sets.ids[replicate - 1])
        } else {
            row.appendEmpty(1)
        }
    }

    /// The traces.csv rows of one fit.
    public func traceRows(condition: Condition, replicate: Int, start: Int, trace: FitTrace) -> String {
        var text = ""
        for (i, mixture) in trace.mixtures.enumerated() {
            var row = CSVRow(capacity: 256)
            row.append(condition.index)
            row.append(replicate)
            row.append(start)
            row.append(trace.iterations[i])
            row.append(trace.logLikelihoods[i])
            appendPadded(mixture.weights, to: &row)
            appendPadded(mixture.means, to: &row)
            appendPadded(mixture.standardDeviations, to: &row)
            text += row.line()
        }
        return text
    }
}
