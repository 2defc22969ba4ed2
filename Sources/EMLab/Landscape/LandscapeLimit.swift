/// Where EM went from a set of starts: one maximum (label-swapped copies
/// merged), one saddle, or the starts that collapsed or hit the cap.
public struct LandscapeLimit: Sendable, Equatable {
    /// What kind of end the starts reached.
    public enum Kind: String, CaseIterable, Sendable {
        /// A local maximum: the observed information is positive definite there.
        case maximum
        /// A stationary point that is not a maximum: EM converged (its rule
        /// was met) where the observed information is not positive definite,
        /// i.e. the start lay on the saddle's stable manifold.
        case saddle
        /// A variance collapsed, a weight died, or the fit degenerated or went non-finite.
        case collapse
        /// The iteration cap came first.
        case cap
    }

    public var kind: Kind
    /// ℓ at the limit (for a maximum or saddle; NaN for collapse and cap,
    /// which gather many different ends).
    public var logLikelihood: Double
    /// The limit's parameters, components ordered by mean (nil for collapse and cap).
    public var mixture: GaussianMixture?
    /// The eigenvalues of the observed information at the limit, descending
    /// (empty for collapse and cap). A maximum has all of them positive.
    public var observedInformationEigenvalues: [Double]
    /// How many starts ended here.
    public var count: Int
    /// count / N².
    public var share: Double
    /// The median iterations of those starts (the mean of the middle two for an even count).
    public var medianIterations: Double
    /// 1, 2, … for maxima by descending ℓ; the same for saddles; nil otherwise.
    public var label: Int?
    /// The grid index of the start whose fit represents the limit (the best ℓ; the first such).
    public var representative: Int

    public init(
        kind: Kind, logLikelihood: Double, mixture: GaussianMixture?, observedInformationEigenvalues: [Double], count: Int,
        share: Double, medianIterations: Double, label: Int?, representative: Int
    ) {
        self.kind = kind
        self.logLikelihood = logLikelihood
        self.mixture = mixture
        self.observedInformationEigenvalues = observedInformationEigenvalues
        self.count = count
        self.share = share
        self.medianIterations = medianIterations
        self.label = label
        self.representative = representative
    }

    /// "maximum 1", "saddle 2", "collapse", "cap": how pictures and text name it.
    public var name: String { label.map { "\(kind.rawValue) \($0)" } ?? kind.rawValue }
}
