/// Everything that makes a random stream: its kind, generator, normal method
/// and seed. A command, a study, a multi-start search and a bootstrap carry
/// one recipe instead of three or four loose values, and derive the streams
/// of their starts and refits from it by seed alone (``seeded(_:)``).
///
/// A recipe is checked when it is made (the generator exists; NumPy's
/// legacy stream runs on mt19937), so ``makeStream()`` cannot fail.
public struct StreamRecipe: Hashable, Sendable {
    /// GSL's own methods, or NumPy's legacy `np.random` replayed on mt19937.
    public private(set) var kind: StreamKind
    /// The GSL generator.
    public private(set) var generator: GeneratorName
    /// How standard normals are drawn on a GSL stream (NumPy's stream has its own method).
    public var normalMethod: RandomSource.NormalMethod
    /// The seed given to the generator.
    public var seed: UInt64

    /// A GSL stream: `generator` seeded with `seed`, normals by `normalMethod`.
    public init(seed: UInt64 = 1, generator: GeneratorName = .mt19937, normalMethod: RandomSource.NormalMethod = .polar) {
        self.kind = .gsl
        self.generator = generator
        self.normalMethod = normalMethod
        self.seed = seed
    }

    /// A stream of either kind.
    ///
    /// - Throws: ``EMLabError`` `.invalidOption` for NumPy's legacy stream on
    ///   a generator other than mt19937; `.gsl` when the linked GSL's mt19937
    ///   cannot take NumPy's seed 0.
    public init(
        kind: StreamKind, seed: UInt64, generator: GeneratorName = .mt19937,
        normalMethod: RandomSource.NormalMethod = .polar
    ) throws {
        if kind == .numpyLegacy {
            try Self.requireNumPyGenerator(generator.name)
            guard NumPyLegacyStream.seedZeroLayoutHolds else {
                throw EMLabError(.gsl, "cannot set GSL's mt19937 state for NumPy seed 0: unexpected state layout")
            }
        }
        self.init(seed: seed, generator: generator, normalMethod: normalMethod)
        self.kind = kind
    }

    /// The same recipe with another seed: how a start, a replicate or a
    /// refit gets its own stream (``SeedDerivation``).
    public func seeded(_ seed: UInt64) -> StreamRecipe {
        var recipe = self
        recipe.seed = seed
        return recipe
    }

    /// A new GSL generator at the start of this recipe's stream (a NumPy
    /// recipe's generator too: NumPy's stream draws from mt19937).
    public func makeSource() -> RandomSource {
        RandomSource(generator: generator, seed: seed, normalMethod: normalMethod)
    }

    /// A new stream at the start of this recipe's sequence.
    ///
    /// NumPy's stream takes the seed's low 32 bits, as `np.random.seed`
    /// takes a 32-bit value: the seeds a study derives are below 2³², and a
    /// seed typed by a user is checked first (``StreamKind/make(generator:seed:normalMethod:)``).
    public func makeStream() -> any RandomStream {
        switch kind {
        case .gsl: return makeSource()
        case .numpyLegacy: return NumPyLegacyStream(checkedSeed: UInt32(truncatingIfNeeded: seed))
        }
    }

    /// Throws unless `name` is mt19937, the only generator NumPy's legacy stream runs on.
    static func requireNumPyGenerator(_ name: String) throws {
        guard name == GeneratorName.mt19937.name else {
            throw EMLabError(.invalidOption, "the numpy-legacy stream runs on mt19937 only; got generator '\(name)'")
        }
    }

    /// Throws unless `seed` is one `np.random.seed` takes (below 2³²).
    static func requireNumPySeed(_ seed: UInt64) throws {
        guard seed <= UInt64(UInt32.max) else {
            throw EMLabError(.invalidOption, "NumPy's legacy seed must be below 2^32; got \(seed)")
        }
    }
}
