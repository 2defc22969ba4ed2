/// The closed sets of an EM configuration as people write them, parsed in
/// one place for every command (`emlab fit`, `select`, `theory`) and for
/// experiment files, so the same words mean the same thing everywhere and a
/// wrong word gets the same answer.
extension EMConfiguration.Weights {
    /// The spellings: `free`, `fixed`.
    public static var spellings: [String] { allCases.map(\.rawValue) }

    /// Parses `free` or `fixed`.
    ///
    /// - Throws: ``EMLabError`` `.invalidOption`: "unknown weights 'x'; use free or fixed".
    public init(parsing text: String) throws {
        guard let weights = Self(rawValue: text) else {
            throw EMLabError(.invalidOption, "unknown weights '\(text)'; use free (estimated) or fixed (kept at their start)")
        }
        self = weights
    }
}

extension EMConfiguration {
    /// A variance model as written: `per-component`, `shared`, `known=SD`,
    /// or `known` (every σ is the known truth's, where there is one).
    public enum VarianceChoice: Equatable, Sendable, CustomStringConvertible {
        /// `per-component`, `shared` or `known=SD`.
        case model(Variance)
        /// `known`: σ is the truth's common standard deviation.
        case knownFromTruth

        /// The spellings, in order; `known=SD` stands for any SD > 0.
        public static let spellings = ["per-component", "shared", "known=SD", "known"]

        /// Parses `per-component`, `shared`, `known=SD` (SD > 0 and finite) or `known`.
        ///
        /// - Throws: ``EMLabError`` `.invalidOption` saying what is wrong
        ///   and what is allowed.
        public init(parsing text: String) throws {
            switch text {
            case "per-component": self = .model(.perComponent)
            case "shared": self = .model(.shared)
            case "known": self = .knownFromTruth
            default:
                if text.hasPrefix("known=") {
                    guard let sd = parseNumber(text.dropFirst(6)), sd.isFinite, sd > 0 else {
                        throw EMLabError(.invalidOption, "unknown variance model '\(text)': known=SD needs a positive, finite SD, e.g. known=2")
                    }
                    self = .model(.known(standardDeviation: sd))
                    return
                }
                throw EMLabError(
                    .invalidOption,
                    "unknown variance model '\(text)'; use per-component, shared, known=SD (every σ is SD, e.g. known=2) or known (the truth's σ)")
            }
        }

        public var description: String {
            switch self {
            case .model(let variance): return variance.description
            case .knownFromTruth: return "known"
            }
        }

        /// The model, σ taken from `truthSD` for `known`; nil for `known`
        /// when there is no truth (or its sds differ).
        public func variance(truthSD: Double?) -> Variance? {
            switch self {
            case .model(let variance): return variance
            case .knownFromTruth: return truthSD.map { .known(standardDeviation: $0) }
            }
        }
    }
}

extension EMConfiguration.StoppingRule {
    /// The stopping rules by name, as `--stop` and an experiment's `stop`
    /// spell them.
    public enum Kind: String, CaseIterable, Sendable {
        case loglik
        case relativeLoglik = "relative-loglik"
        case mclust
        case aitken
        case meanChange = "mean-change"
        case parameterChange = "parameter-change"
        /// A fixed number of iterations, no test.
        case iterations

        /// The spellings, in order.
        public static var spellings: [String] { allCases.map(\.rawValue) }

        /// Parses a rule's name.
        ///
        /// - Throws: ``EMLabError`` `.invalidOption` listing the names.
        public init(parsing text: String) throws {
            guard let kind = Self(rawValue: text) else {
                let names = Self.spellings
                throw EMLabError(
                    .invalidOption,
                    "unknown stopping rule '\(text)'; use \(names.dropLast().joined(separator: ", ")) or \(names.last!)")
            }
            self = kind
        }

        /// The rule of this kind with tolerance `tolerance`, or with
        /// `iterations` iterations for ``iterations``.
        public func rule(tolerance: Double, iterations: Int = 0) -> EMConfiguration.StoppingRule {
            switch self {
            case .loglik: return .logLikelihoodChange(tolerance)
            case .relativeLoglik: return .relativeLogLikelihoodChange(tolerance)
            case .mclust: return .mclust(tolerance)
            case .aitken: return .aitken(tolerance)
            case .meanChange: return .meanChange(tolerance)
            case .parameterChange: return .parameterChange(tolerance)
            case .iterations: return .fixedIterations(iterations)
            }
        }
    }
}
