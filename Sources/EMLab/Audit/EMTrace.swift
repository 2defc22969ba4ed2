/// An EM run as any implementation can write it: one row per iteration,
/// the start first, with the weights, means and sds of each component and,
/// optionally, the implementation's own log-likelihood (``EMTrace/read(path:)``
/// reads one from CSV).
///
/// Each value keeps how coarsely it was written (``PrintedPrecision``), so
/// the audit can tell a trace rounded to four decimals from one that is not EM.
public struct EMTrace: Sendable {
    /// One iteration's row.
    public struct Row: Sendable {
        /// The row's line in the file (the header is line 1), for messages.
        public var line: Int
        public var iteration: Int
        /// The implementation's own log-likelihood, when the trace has the column.
        public var logLikelihood: Double?
        public var weights: [Double]
        public var means: [Double]
        /// The standard deviations (read as the square roots of a variance column's values).
        public var sds: [Double]
        /// Half a unit in the last written place of each weight, mean and sd
        /// (0 for values written to full precision), and of the log-likelihood.
        public var weightRounding: [Double]
        public var meanRounding: [Double]
        public var sdRounding: [Double]
        public var logLikelihoodRounding: Double

        public init(
            line: Int, iteration: Int, logLikelihood: Double?, weights: [Double], means: [Double], sds: [Double],
            weightRounding: [Double]? = nil, meanRounding: [Double]? = nil, sdRounding: [Double]? = nil,
            logLikelihoodRounding: Double = 0
        ) {
            (self.line, self.iteration, self.logLikelihood) = (line, iteration, logLikelihood)
            (self.weights, self.means, self.sds) = (weights, means, sds)
            let zeros = [Double](repeating: 0, count: means.count)
            self.weightRounding = weightRounding ?? zeros
            self.meanRounding = meanRounding ?? zeros
            self.sdRounding = sdRounding ?? zeros
            self.logLikelihoodRounding = logLikelihoodRounding
        }
    }

    /// Where the trace came from, as messages name it.
    public var file: String
    /// The number of components, read from the header.
    public var componentCount: Int
    public var rows: [Row]
    /// The names of the header's columns, for messages: `weights[j]` is the column weight j + 1 came from.
    public var weightColumns: [String]
    public var meanColumns: [String]
    public var sdColumns: [String]
    /// Whether the trace gave variances (`var1…`) rather than sds.
    public var givesVariances: Bool
    /// Whether the trace has weight columns (without them: 1/K, for fixed weights).
    public var hasWeights: Bool
    /// Whether the trace has sd or variance columns (without them: a known σ).
    public var hasSDs: Bool
    /// Whether the trace has a log-likelihood column.
    public var hasLogLikelihood: Bool { rows.first?.logLikelihood != nil }

    public init(
        file: String, rows: [Row], weightColumns: [String]? = nil, meanColumns: [String]? = nil,
        sdColumns: [String]? = nil, givesVariances: Bool = false, hasWeights: Bool = true, hasSDs: Bool = true
    ) {
        let k = rows.first?.means.count ?? 0
        self.file = file
        self.componentCount = k
        self.rows = rows
        self.weightColumns = weightColumns ?? (1...max(k, 1)).map { "weight\($0)" }
        self.meanColumns = meanColumns ?? (1...max(k, 1)).map { "mean\($0)" }
        self.sdColumns = sdColumns ?? (1...max(k, 1)).map { "sd\($0)" }
        self.givesVariances = givesVariances
        self.hasWeights = hasWeights
        self.hasSDs = hasSDs
    }

    /// The trace of an EMLab fit (``FitTrace``), every value exact.
    public init(_ trace: FitTrace, file: String = "trace") {
        let rows = trace.mixtures.indices.map { i in
            Row(
                line: i + 2, iteration: trace.iterations[i], logLikelihood: trace.logLikelihoods[i],
                weights: trace.mixtures[i].weights, means: trace.mixtures[i].means, sds: trace.mixtures[i].standardDeviations)
        }
        self.init(file: file, rows: rows)
    }

    /// "trace.csv:5 (iteration 3)": where a row is, for messages.
    func place(_ row: Row) -> String { "\(file):\(row.line) (iteration \(row.iteration))" }
}
