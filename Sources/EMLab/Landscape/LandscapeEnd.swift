/// What one start of a landscape did: its ℓ, the limit it reached, and how long it took.
public struct LandscapeEnd: Sendable, Equatable {
    /// ℓ at the start, in the model's form: the slice the contours draw.
    public var startLogLikelihood: Double
    /// ℓ where EM stopped.
    public var logLikelihood: Double
    /// EM iterations (SQUAREM cycles when accelerated) until the stop.
    public var iterations: Int
    /// The index of its limit in ``Landscape/limits``.
    public var limit: Int
    /// Whether the fit ended with its components out of ascending mean
    /// order: a label-swapped copy of its limit (the picture shades it).
    public var relabelled: Bool

    public init(startLogLikelihood: Double, logLikelihood: Double, iterations: Int, limit: Int, relabelled: Bool) {
        self.startLogLikelihood = startLogLikelihood
        self.logLikelihood = logLikelihood
        self.iterations = iterations
        self.limit = limit
        self.relabelled = relabelled
    }
}
