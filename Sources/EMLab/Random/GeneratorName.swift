import CGSL

/// The name of one of GSL's random-number generators (`mt19937`, `ranlxd2`,
/// `taus2`, …), checked against the GSL linked in when it is made: a value of
/// this type always names a generator that exists, so making a stream from
/// it cannot fail on the name.
///
/// `emlab generators` lists the names; `--generator` and an experiment's
/// `generator` key are parsed into this type, in one place.
public struct GeneratorName: Hashable, Sendable, CustomStringConvertible {
    /// The GSL name, as `gsl_rng_types_setup()` lists it.
    public let name: String

    /// The generator named `name`.
    ///
    /// - Throws: ``EMLabError`` `.unknownGenerator` naming the value and
    ///   listing GSL's generators.
    /// - Complexity: O(G) in GSL's G ≈ 60 generators.
    public init(_ name: String) throws {
        guard emlab_rng_type_named(name) != nil else {
            throw EMLabError(
                .unknownGenerator,
                "unknown generator '\(name)'; GSL has: \(RandomSource.availableGenerators.joined(separator: ", "))")
        }
        self.name = name
    }

    private init(known name: String) { self.name = name }

    /// GSL's Mersenne Twister (Matsumoto & Nishimura 1998), EMLab's default
    /// and the generator NumPy's legacy stream runs on.
    public static let mt19937 = GeneratorName(known: "mt19937")

    /// Every generator this GSL provides, in GSL's order.
    public static var all: [GeneratorName] { RandomSource.availableGenerators.map(GeneratorName.init(known:)) }

    public var description: String { name }
}
