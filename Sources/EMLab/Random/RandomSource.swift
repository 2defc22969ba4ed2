import CGSL

/// A seeded stream of random numbers drawn from one GSL generator.
///
/// `RandomSource` owns a `gsl_rng`; it is the only Swift type that talks to
/// GSL's random-number API. A GSL generator is not thread-safe, so a
/// `RandomSource` is deliberately not `Sendable`: make one per task (see
/// ``SeedDerivation`` for how a study gives each task its own seed).
///
/// Nothing is read from the environment (`GSL_RNG_TYPE` and `GSL_RNG_SEED`
/// are ignored): the generator and seed are always explicit, so a run is
/// replayable from what it records.
public final class RandomSource {
    /// How standard normal deviates are made.
    public enum NormalMethod: String, CaseIterable, Sendable {
        /// GSL's default `gsl_ran_gaussian`: the polar Box–Muller method
        /// (Knuth, TAOCP vol. 2, 3.4.1 algorithm P).
        case polar
        /// `gsl_ran_gaussian_ziggurat`: Marsaglia & Tsang (2000), faster.
        case ziggurat
    }

    /// The generator EMLab uses when none is named.
    public static let defaultGenerator = "mt19937"

    /// The GSL name of the generator, e.g. `mt19937`.
    public let generatorName: String
    /// The seed given to `gsl_rng_set`.
    public let seed: UInt64
    /// How ``normal()`` draws.
    public let normalMethod: NormalMethod

    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// Creates a generator of the named GSL type, seeded with `seed`.
    ///
    /// - Parameters:
    ///   - generator: a GSL generator name (`mt19937`, `ranlxd2`, `taus2`, …);
    ///     ``availableGenerators`` lists them all.
    ///   - seed: the seed passed to `gsl_rng_set`. Most GSL generators use
    ///     only its low 32 bits, and GSL replaces a zero seed by the
    ///     generator's own default (4357 for `mt19937`).
    ///   - normalMethod: how standard normals are drawn.
    /// - Throws: ``EMLabError`` `.unknownGenerator` naming the generator and
    ///   listing the valid names.
    public convenience init(
        generator: String = RandomSource.defaultGenerator, seed: UInt64,
        normalMethod: NormalMethod = .polar
    ) throws {
        self.init(generator: try GeneratorName(generator), seed: seed, normalMethod: normalMethod)
    }

    /// Creates a generator of a GSL type known to exist, seeded with `seed`.
    ///
    /// `gsl_rng_alloc` fails only when `malloc` does, and there Swift's own
    /// allocations stop the program as well; this traps in the same way.
    ///
    /// - Parameters:
    ///   - generator: the generator (its name was checked when it was made).
    ///   - seed: the seed passed to `gsl_rng_set` (see ``init(generator:seed:normalMethod:)-(String,_,_)``).
    ///   - normalMethod: how standard normals are drawn.
    public init(generator: GeneratorName, seed: UInt64, normalMethod: NormalMethod = .polar) {
        emlab_gsl_disable_abort()
        guard let type = emlab_rng_type_named(generator.name), let rng = emlab_rng_alloc_unset(type) else {
            preconditionFailure("GSL could not allocate a '\(generator)' generator: out of memory")
        }
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
        self.rng = rng
        self.generatorName = generator.name
        self.seed = seed
        self.normalMethod = normalMethod
    }

    deinit { gsl_rng_free(rng) }

    /// The names of every generator this GSL provides.
    public static var availableGenerators: [String] {
        (0..<emlab_rng_type_count()).map { String(cString: emlab_rng_type_name(Int32($0))) }
    }

    /// The version of the GSL library linked in, e.g. `2.7.1`.
    public static var gslVersion: String { String(cString: emlab_gsl_version()) }

    /// The generator's next raw output, in `0...maxRaw`.
    @inlinable public func nextRaw() -> UInt { gsl_rng_get(rng) }

    /// The largest value ``nextRaw()`` can return (`2^32 − 1` for `mt19937`).
    public var maxRaw: UInt { gsl_rng_max(rng) }

    /// A uniform draw on [0, 1) (`gsl_rng_uniform`).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A uniform draw on (0, 1) (`gsl_rng_uniform_pos`).
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// A standard normal draw, by ``normalMethod``.
    @inlinable public func normal() -> Double {
        switch normalMethod {
        case .polar: return gsl_ran_gaussian(rng, 1.0)
        case .ziggurat: return gsl_ran_gaussian_ziggurat(rng, 1.0)
        }
    }

    /// A normal draw with mean `mean` and standard deviation `standardDeviation`.
    @inlinable public func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// A categorical draw: index `k` with probability `weights[k]`.
    ///
    /// Inversion of one uniform draw against the cumulative weights, so it
    /// uses exactly one number from the stream per call.
    ///
    /// - Parameter weights: non-negative weights summing to 1 (not checked
    ///   here; ``GaussianMixture`` validates them).
    /// - Returns: an index in `weights.indices`; the last index absorbs any
    ///   rounding left in the cumulative sum.
    /// - Complexity: O(K).
    @inlinable public func categorical(_ weights: [Double]) -> Int {
        let u = uniform()
        var cumulative = 0.0
        for k in 0..<(weights.count - 1) {
            cumulative += weights[k]
            if u < cumulative { return k }
        }
        return weights.count - 1
    }
}
