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
        subcommands: [SampleCommand.self, FitCommand.self, RunCommand.self, ReportCommand.self, MergeCommand.self,
                      ReplayCommand.self, DemoCommand.self, GeneratorsCommand.self]
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
    @Option(help: "The seed of the random stream (the same seed gives the same numbers).")
    var seed: UInt64 = 1

    @Option(help: "The GSL generator, by its GSL name (see `emlab generators`).")
    var generator: String = RandomSource.defaultGenerator

    @Option(help: "How standard normals are drawn: polar (GSL's default Box–Muller) or ziggurat.")
    var normal: RandomSource.NormalMethod = .polar

    func makeSource() throws -> RandomSource {
        try RandomSource(generator: generator, seed: seed, normalMethod: normal)
    }

    func validate() throws {
        guard RandomSource.availableGenerators.contains(generator) else {
            throw ValidationError("Unknown generator '\(generator)'. Please choose one of: \(RandomSource.availableGenerators.joined(separator: ", ")).")
        }
    }
}

extension RandomSource.NormalMethod: ExpressibleByArgument {}

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
        abstract: "List the GSL random-number generators EMLab can use.")

    func run() throws {
        print("GSL \(RandomSource.gslVersion); default generator: \(RandomSource.defaultGenerator)")
        for name in RandomSource.availableGenerators { print(name) }
    }
}
