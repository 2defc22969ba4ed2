import ArgumentParser
import EMLab

@main
struct EMLabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emlab",
        abstract: "A laboratory for the EM algorithm on one-dimensional Gaussian mixtures.",
        discussion: """
            Draw mixtures with known truth from GSL's generators, fit them by EM under \
            chosen constraints, and see how EM behaves. Start with `emlab demo`.
            """,
        version: EMLabVersion.current,
        subcommands: [
            SampleCommand.self, FitCommand.self, SelectCommand.self, RunCommand.self, ReportCommand.self, MergeCommand.self, SlurmCommand.self,
            ReplayCommand.self, AuditCommand.self, TheoryCommand.self, PresetsCommand.self, DemoCommand.self, GeneratorsCommand.self,
            ScoreCommand.self, LandscapeCommand.self
        ]
    )
}

/// A comma-separated list of numbers, e.g. `.3,.7`.
struct NumberList: ExpressibleByArgument, Sendable {
    var values: [Double]

    init?(argument: String) {
        var values: [Double] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = parseNumber(part) else { return nil }
            values.append(value)
        }
        self.values = values
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// The options every command that draws random numbers shares.
struct RandomOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "The seed of the random stream (the same seed gives the same numbers; default 1, or a preset's own seed).")
    var seed: UInt64?

    @Option(
        parsing: .unconditional,
        help:
            "The kind of random stream: gsl (GSL's own methods) or numpy-legacy (NumPy's np.random replayed exactly on mt19937) (default: gsl, or a preset's own: numpy-legacy for doc003)."
    )
    var stream: StreamKind?

    @Option(parsing: .unconditional, help: "The GSL generator, by its GSL name (see `emlab generators`; default: mt19937).", transform: GeneratorName.parsed)
    var generator: GeneratorName = .mt19937

    @Option(parsing: .unconditional, help: "How standard normals are drawn: polar (GSL's default Box–Muller) or ziggurat.")
    var normal: RandomSource.NormalMethod = .polar

    /// The seed to use: the one given, else `fallback`.
    func seed(or fallback: UInt64 = 1) -> UInt64 { seed ?? fallback }

    /// The GSL stream asked for: --generator and --normal, seeded by --seed (default 1).
    var recipe: StreamRecipe { StreamRecipe(seed: seed(), generator: generator, normalMethod: normal) }

    func makeSource() -> RandomSource { recipe.makeSource() }

    /// The stream kind to use: the one given, else `fallback` (a preset's own).
    func streamKind(or fallback: StreamKind = .gsl) -> StreamKind { stream ?? fallback }

    /// The stream asked for; with no --stream, `defaultKind` (a preset's own).
    func makeStream(defaultSeed: UInt64 = 1, defaultKind: StreamKind = .gsl) throws -> any RandomStream {
        try validate(presetStream: defaultKind)
        return try streamKind(or: defaultKind).make(generator: generator.name, seed: seed(or: defaultSeed), normalMethod: normal)
    }

    /// Checks --generator and --normal against a preset's own stream, for a
    /// command's `validate()`: NumPy's legacy stream takes neither.
    func validate(presetStream: StreamKind) throws {
        if stream == nil && presetStream == .numpyLegacy && (generator != .mt19937 || normal != .polar) {
            throw ValidationError(
                "This preset draws from NumPy's legacy stream by default, which runs on mt19937 with NumPy's normals; "
                    + "please add --stream gsl to draw with --generator/--normal.")
        }
    }

    func validate() throws {
        if stream == .numpyLegacy {
            guard generator == .mt19937 else { throw ValidationError("--stream numpy-legacy runs on --generator mt19937 only.") }
            guard seed(or: 0) <= UInt64(UInt32.max) else { throw ValidationError("NumPy's legacy seeds are below 2^32; got \(seed!).") }
            guard normal == .polar else { throw ValidationError("--stream numpy-legacy draws normals NumPy's way; drop --normal.") }
        }
    }
}

extension RandomSource.NormalMethod: ExpressibleByArgument {}

extension GeneratorName: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(argument) }
    public static var allValueStrings: [String] { GeneratorName.all.map(\.name) }

    /// `--generator NAME`, or one line naming the value and listing GSL's generators.
    static func parsed(_ argument: String) throws -> GeneratorName {
        guard let name = GeneratorName(argument: argument) else {
            throw ValidationError("Unknown generator '\(argument)'. Please choose one of: \(allValueStrings.joined(separator: ", ")).")
        }
        return name
    }
}
extension StreamKind: ExpressibleByArgument {}
extension Sampler: ExpressibleByArgument {}

/// Looks up a preset by name, or explains which exist.
func documentPreset(named name: String) throws -> DocumentPreset {
    guard let preset = DocumentPreset.named(name) else {
        throw ValidationError(
            "Unknown preset '\(name)'. Please choose one of: \(DocumentPreset.all.map(\.name).joined(separator: ", ")) (see `emlab presets`).")
    }
    return preset
}

/// Writes `text` to `path` atomically, or to standard output when `path` is nil or `-`.
func emit(_ text: String, to path: String?) throws {
    if let path, path != "-" {
        try AtomicFile.write(text, to: path)
    } else {
        print(text, terminator: "")
    }
}

struct GeneratorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generators",
        abstract: "List the GSL random-number generators EMLab can use.",
        discussion: """
            Any of them goes to --generator (or `generator` in an experiment file); mt19937 is \
            the default. The same seed and generator give the same numbers on any machine.

            Examples:
              emlab generators
              emlab sample --weights .5,.5 --means 0,3 --sds 1,1 -n 5 --generator ranlxd2 --seed 9
            """)

    func run() throws {
        print("GSL \(RandomSource.gslVersion); default generator: \(RandomSource.defaultGenerator)")
        for name in RandomSource.availableGenerators { print(name) }
    }
}
