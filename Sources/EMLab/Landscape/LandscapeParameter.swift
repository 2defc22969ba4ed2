/// One parameter of a K-component mixture, as the landscape names it: a
/// weight, a mean or a standard deviation of component `index` (0-based;
/// written 1-based, `w1`, `mu2`, `sd3`, on the command line and in reports).
public enum LandscapeParameter: Hashable, Sendable, CustomStringConvertible {
    case weight(Int)
    case mean(Int)
    case sd(Int)

    /// The component it belongs to, 0-based.
    public var component: Int {
        switch self {
        case .weight(let k), .mean(let k), .sd(let k): return k
        }
    }

    /// `w1`, `mu2`, `sd3`: the name `--fix` takes and the reports print.
    public var description: String {
        switch self {
        case .weight(let k): return "w\(k + 1)"
        case .mean(let k): return "mu\(k + 1)"
        case .sd(let k): return "sd\(k + 1)"
        }
    }

    /// The name with Greek letters, for pictures: π₁, μ₂, σ₃ (as π1, μ2, σ3).
    public var symbol: String {
        switch self {
        case .weight(let k): return "π\(k + 1)"
        case .mean(let k): return "μ\(k + 1)"
        case .sd(let k): return "σ\(k + 1)"
        }
    }

    /// Parses `w1`, `mu2` or `sd3` (1-based); nil for anything else.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        for (prefix, make) in [("mu", LandscapeParameter.mean), ("sd", LandscapeParameter.sd), ("w", LandscapeParameter.weight)] {
            guard lower.hasPrefix(prefix), let number = Int(lower.dropFirst(prefix.count)), number >= 1, number <= 1_000_000 else { continue }
            self = make(number - 1)
            return
        }
        return nil
    }

    /// This parameter's value in `mixture`.
    public func value(in mixture: GaussianMixture) -> Double {
        switch self {
        case .weight(let k): return mixture.weights[k]
        case .mean(let k): return mixture.means[k]
        case .sd(let k): return mixture.standardDeviations[k]
        }
    }
}
