import ArgumentParser
import EMLab

// The closed sets every subcommand shares, parsed by the library's one
// parser for each (`init(parsing:)`, which experiment files use too), and
// the bounds a command-line value is checked against before any work.
//
// Every option that takes a number or a list of numbers is declared with
// `parsing: .unconditional`: it takes the next word whatever it is, so
// `--means -1,1` and `--tol -1` are values (judged as values), not options.

extension EMConfiguration.Weights: ExpressibleByArgument {}

extension EMConfiguration.StoppingRule.Kind: ExpressibleByArgument {}

extension EMConfiguration.VarianceChoice: ExpressibleByArgument {
    public init?(argument: String) {
        guard let choice = try? Self(parsing: argument) else { return nil }
        self = choice
    }

    /// The models every command takes; `theory` also takes `known` (the truth's σ), which its help names.
    public static var allValueStrings: [String] { ["per-component", "shared", "known=SD"] }
    public var defaultValueDescription: String { description }
    public static var defaultCompletionKind: CompletionKind { .list(["per-component", "shared", "known", "known="]) }
}

/// Variance models, comma-separated (`emlab select --variance per-component,shared`),
/// each read by ``EMConfiguration/VarianceChoice/init(parsing:)``.
struct VarianceChoiceList: ExpressibleByArgument, Sendable {
    var choices: [EMConfiguration.VarianceChoice]

    init(_ choices: [EMConfiguration.VarianceChoice]) { self.choices = choices }

    init?(argument: String) {
        var choices: [EMConfiguration.VarianceChoice] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let choice = try? EMConfiguration.VarianceChoice(parsing: String(part)) else { return nil }
            if !choices.contains(choice) { choices.append(choice) }
        }
        guard !choices.isEmpty else { return nil }
        self.choices = choices
    }

    var defaultValueDescription: String { choices.map(\.description).joined(separator: ",") }
    /// What each comma-separated part may be: the models `emlab select` compares.
    static var allValueStrings: [String] { ["per-component", "shared"] }
    static var defaultCompletionKind: CompletionKind { .default }
}

/// The bounds on command-line values that no sane run reaches, and the
/// sizes memory checks count with (``MemoryBudget``).
enum Limits {
    /// The most iterations `--iterations` and `--max-iterations` take: at
    /// EM's slowest rates of note (λ = 0.99998) 16 digits take about 2·10⁶.
    static let maximumIterations = 100_000_000
    /// The most `--restarts`: each is a whole fit, run one after another.
    static let maximumRestarts = 10_000
    /// The most `--jobs` (and `--cpus-per-task`, which becomes the tasks' `--jobs`).
    static let maximumJobs = 4096
    /// The longest `--poll-interval`: a day, in seconds.
    static let maximumPollInterval = 86_400.0

    /// Throws unless `value` is at most `maximum`: "Please give --iterations at most 100000000; got 99999999999."
    static func require(_ value: Int, atMost maximum: Int, _ option: String, why: String = "") throws {
        guard value <= maximum else {
            throw ValidationError("Please give \(option) at most \(maximum)\(why.isEmpty ? "" : " (\(why))"); got \(value).")
        }
    }
}

extension MemoryBudget {
    /// ``require(_:for:available:)`` as a command-line validation error.
    static func check(_ bytes: Double, for request: String) throws {
        do { try require(bytes, for: request) } catch let error as EMLabError { throw ValidationError(error.message + ".") }
    }
}

/// `--shard I/N`: parsed by ``Shard/init(parsing:)``, with argument-parser's
/// "The value … is invalid" when it is not I/N with 1 ≤ I ≤ N.
extension Shard: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public var defaultValueDescription: String { "1/1, the whole study" }

    /// `--shard I/N`, or one line saying what a shard is.
    static func parsed(_ argument: String) throws -> Shard {
        guard let shard = Shard(argument: argument) else {
            throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, e.g. 1/4; got '\(argument)'.")
        }
        return shard
    }
}

extension BootstrapIntervals.Kind: ExpressibleByArgument {}
extension Initialization: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { Initialization.all.map(\.name) }
}
