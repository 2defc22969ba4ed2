/// How a data set is drawn from a truth.
///
/// `latent` is the correct construction. The documents' own samplers (some
/// of them defective) join this list so a study can replay them as written.
public enum Sampler: String, CaseIterable, Sendable {
    /// Component by its weight (one uniform draw), then that component's
    /// normal (one normal draw): the latent-variable construction.
    case latent

    /// Draws `count` values from `truth`.
    ///
    /// - Returns: the values and the 0-based component of each.
    public func draw(from truth: GaussianMixture, count: Int, using random: RandomSource) -> (values: [Double], components: [Int]) {
        switch self {
        case .latent: return truth.sample(count: count, using: random)
        }
    }
}
