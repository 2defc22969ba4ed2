/// NumPy's legacy calls as the draws samplers and initialisations use:
/// `random_sample()`, `randn()`, `randint(0, count)` and `binomial(1, p)`.
extension NumPyLegacyStream: RandomStream {
    public func uniform() -> Double { randomSample() }
    public func index(below count: Int) -> Int { randomInteger(below: count) }
    public func bernoulli(_ p: Double) -> Int { binomial(trials: 1, probability: p) }
}
