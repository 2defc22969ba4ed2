import CGSL

/// The draws samplers and initialisations need, from either kind of stream:
/// GSL's generators (``RandomSource``) or NumPy's legacy `np.random`
/// replayed on GSL's mt19937 (``NumPyLegacyStream``). Code written against
/// this protocol reproduces a document's exact numbers when given the
/// NumPy stream, and uses GSL's own methods otherwise.
public protocol RandomStream: AnyObject {
    /// A uniform draw on [0, 1): `gsl_rng_uniform`, or NumPy's `random_sample()`.
    func uniform() -> Double
    /// A standard normal draw: GSL's polar/ziggurat method, or NumPy's `randn()`.
    func standardNormal() -> Double
    /// A uniform integer in `0..<count`: `gsl_rng_uniform_int`, or NumPy's `randint(0, count)`.
    func index(below count: Int) -> Int
    /// 1 with probability `p`, else 0: `u < p` on GSL, NumPy's `binomial(1, p)`.
    func bernoulli(_ p: Double) -> Int
}

extension RandomSource: RandomStream {
    @inlinable public func standardNormal() -> Double { normal() }
    @inlinable public func index(below count: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(count))) }
    @inlinable public func bernoulli(_ p: Double) -> Int { uniform() < p ? 1 : 0 }
}

/// Which kind of random stream a command or study draws from.
public enum StreamKind: String, CaseIterable, Sendable {
    /// GSL's generator, by name (default `mt19937`).
    case gsl
    /// NumPy's legacy `np.random` (RandomState), replayed exactly on GSL's mt19937.
    case numpyLegacy = "numpy-legacy"

    /// Makes a stream of this kind.
    ///
    /// - Throws: ``EMLabError`` for an unknown generator, for a NumPy stream
    ///   on a generator other than mt19937, or a seed NumPy cannot take.
    public func make(generator: String, seed: UInt64, normalMethod: RandomSource.NormalMethod = .polar) throws -> any RandomStream {
        if self == .numpyLegacy {
            try StreamRecipe.requireNumPyGenerator(generator)
            try StreamRecipe.requireNumPySeed(seed)
        }
        return try StreamRecipe(kind: self, seed: seed, generator: GeneratorName(generator), normalMethod: normalMethod).makeStream()
    }
}
