/// The four documents' settings by name (`doc000` … `doc003`): truth or
/// data, sample size, samplers, estimator as written and corrected, start
/// and stopping rule. ../shared/DOCUMENTS.md is the close reading they come from.
public struct DocumentPreset: Sendable {
    public var name: String
    /// The document's title.
    public var title: String
    /// What the document does, and its defects, in a sentence or two.
    public var summary: String
    /// The true mixture (nil for document 002's real data).
    public var truth: GaussianMixture?
    /// The real data (document 002 only).
    public var data: [Double]?
    /// The number of components the document fits.
    public var componentCount: Int
    /// The document's sample size.
    public var sampleSize: Int
    /// The document's seed, when it fixed one (NumPy's legacy stream).
    public var seed: UInt64?
    /// The document's own samplers, as written, first one the default.
    public var samplers: [Sampler]
    /// The document's estimator as written.
    public var asWritten: Estimator
    /// The same model, corrected: EMLab's engine with the document's constraints.
    public var corrected: Estimator
    /// The document's own start.
    public var initialization: Initialization
    /// The random stream a preset draws from when none is asked for: NumPy's
    /// legacy stream for a document that fixed its seed (document 003), so
    /// its seed gives the document's own data; GSL's stream otherwise.
    public var stream: StreamKind = .gsl

    /// All four, in order.
    public static let all: [DocumentPreset] = [doc000, doc001, doc002, doc003]

    /// The preset named `name`, or nil.
    public static func named(_ name: String) -> DocumentPreset? { all.first { $0.name == name } }

    public static let doc000 = DocumentPreset(
        name: "doc000",
        title: "python realization of parameter estimation of GMM by EM (Mitchell, ML p.137)",
        summary:
            "Means only: equal fixed weights, known σ = 6. E-step uses exp(−(x−μ)²/σ²) — missing the 2 — with plain exp; starts both means in [0, 1); stops when Σ|Δμ| < 1e-4.",
        truth: GaussianMixture(unchecked: [0.5, 0.5], means: [40, 20], standardDeviations: [6, 6]),
        data: nil, componentCount: 2, sampleSize: 1000, seed: nil, samplers: [.doc000],
        asWritten: Estimator(
            name: "doc000-as-written", method: .asWritten(.doc000),
            configuration: EMConfiguration(
                weights: .fixed, variance: .known(standardDeviation: 6),
                stoppingRule: .meanChange(1e-4), maxIterations: 1000),
            knownVarianceFromTruth: true, fixedWeights: nil, components: 2),
        corrected: Estimator(
            name: "doc000-corrected", method: .engine,
            configuration: EMConfiguration(
                weights: .fixed, variance: .known(standardDeviation: 6),
                stoppingRule: .meanChange(1e-4), maxIterations: 1000),
            knownVarianceFromTruth: true, fixedWeights: nil, components: 2),
        initialization: .doc000)

    public static let doc001 = DocumentPreset(
        name: "doc001",
        title: "Expectation Maximization in Python (question and self-answer)",
        summary:
            "π1 and one shared σ estimated. First sampler uses curve values as data (with an operator-precedence error); the accepted one picks component 1 when randn() < π1. The M-step updates σ from component 1 alone. Exactly 50 iterations from [U, 10U, 10U, 10U].",
        truth: GaussianMixture(unchecked: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2]),
        data: nil, componentCount: 2, sampleSize: 10000, seed: nil, samplers: [.doc001Randn, .doc001Curve],
        asWritten: Estimator(
            name: "doc001-as-written", method: .asWritten(.doc001),
            configuration: EMConfiguration(weights: .free, variance: .shared, stoppingRule: .fixedIterations(50)),
            knownVarianceFromTruth: false, fixedWeights: nil, components: 2),
        corrected: Estimator(
            name: "doc001-corrected", method: .engine,
            configuration: EMConfiguration(weights: .free, variance: .shared, stoppingRule: .fixedIterations(50)),
            knownVarianceFromTruth: false, fixedWeights: nil, components: 2),
        initialization: .doc001)

    public static let doc002 = DocumentPreset(
        name: "doc002",
        title: "How can I implement EM-GMM in Python? (a real series of 50 values)",
        summary:
            "K = 3 with per-component variances on 50 real values with heavy ties. The sd is passed as the variance, responsibilities are normalised over the data (every weight becomes 1/n), and + eps hides divisions by zero. Iterations unstated: 100 here.",
        truth: nil, data: document002Data, componentCount: 3, sampleSize: 50, seed: nil, samplers: [.fixed, .bootstrap],
        asWritten: Estimator(
            name: "doc002-as-written", method: .asWritten(.doc002),
            configuration: EMConfiguration(weights: .free, variance: .perComponent, stoppingRule: .fixedIterations(100)),
            knownVarianceFromTruth: false, fixedWeights: nil, components: 3),
        corrected: Estimator(
            name: "doc002-corrected", method: .engine,
            configuration: EMConfiguration(
                weights: .free, variance: .perComponent,
                stoppingRule: .logLikelihoodChange(1e-8), maxIterations: 1000),
            knownVarianceFromTruth: false, fixedWeights: nil, components: 3),
        initialization: .doc002)

    public static let doc003 = DocumentPreset(
        name: "doc003",
        title: "Exercise: 1D Gaussian Mixture Model and Expectation Maximization (teaching notebook)",
        summary:
            "K = 2 with per-component σ, n = 40, np.random.seed(42). Draws both normals for every point; the exercise's formulas are correct and the log-likelihood must never fall. The start and stopping rule are left to the student: random data points and |Δℓ| < 1e-8 here.",
        truth: GaussianMixture(unchecked: [0.4, 0.6], means: [-2.5, 3.5], standardDeviations: [2, 2]),
        data: nil, componentCount: 2, sampleSize: 40, seed: 42, samplers: [.doc003],
        asWritten: Estimator(
            name: "doc003", method: .engine,
            configuration: EMConfiguration(
                weights: .free, variance: .perComponent,
                stoppingRule: .logLikelihoodChange(1e-8), maxIterations: 1000),
            knownVarianceFromTruth: false, fixedWeights: nil, components: 2),
        corrected: Estimator(
            name: "doc003", method: .engine,
            configuration: EMConfiguration(
                weights: .free, variance: .perComponent,
                stoppingRule: .logLikelihoodChange(1e-8), maxIterations: 1000),
            knownVarianceFromTruth: false, fixedWeights: nil, components: 2),
        initialization: .dataPoints, stream: .numpyLegacy)

    /// Document 002's series, as listed in the document (50 values; 44.44571429 thirteen times).
    public static let document002Data: [Double] = [
        25.31, 24.31, 24.12, 43.46, 41.48666667, 41.48666667, 37.54, 41.175, 44.81, 44.44571429,
        44.44571429, 44.44571429, 44.44571429, 44.44571429, 44.44571429, 44.44571429, 44.44571429, 44.44571429, 44.44571429, 44.44571429,
        44.44571429, 44.44571429, 39.71, 26.69, 34.15, 24.94, 24.75, 24.56, 24.38, 35.25,
        44.62, 44.94, 44.815, 44.69, 42.31, 40.81, 44.38, 44.56, 44.44, 44.25,
        43.66666667, 43.66666667, 43.66666667, 43.66666667, 43.66666667, 40.75, 32.31, 36.08, 30.135, 24.19
    ]
}
