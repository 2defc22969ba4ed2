/// A remedy as an experiment's `remedy` key writes it, parsed in one place.
extension Remedy {
    /// The spellings: `none`, `prior=mclust` (with overrides
    /// `prior=mclust:shrinkage=K,mean=M,dof=V,scale=S`, any of them),
    /// `variance-ratio=C`, `penalty=chen-tan` (or `penalty=chen-tan:an=A`),
    /// `penalty=chen-tan-as-in-mixtureinf`.
    public static let spellings = [
        "none", "prior=mclust[:shrinkage=K,mean=M,dof=V,scale=S]", "variance-ratio=C", "penalty=chen-tan[:an=A]",
        "penalty=chen-tan-as-in-mixtureinf"
    ]

    /// Parses one of ``spellings``; ``description`` writes what this reads.
    ///
    /// - Throws: ``EMLabError`` `.invalidOption` naming the text and what is allowed.
    public init(parsing text: String) throws {
        func wrong(_ why: String) -> EMLabError {
            EMLabError(.invalidOption, "unknown remedy '\(text)': \(why); use \(Remedy.spellings.joined(separator: ", "))")
        }
        if text == "none" {
            self = .none
            return
        }
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw wrong("a remedy is KIND=VALUE") }
        let (kind, value) = (parts[0], parts[1])
        let pieces = value.split(separator: ":", maxSplits: 1).map(String.init)
        let name = pieces[0]
        var overrides: [String: Double] = [:]
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: ",", omittingEmptySubsequences: false) {
                let keyValue = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard keyValue.count == 2, let number = parseNumber(keyValue[1]), number.isFinite else {
                    throw wrong("'\(pair)' is not KEY=NUMBER")
                }
                overrides[keyValue[0]] = number
            }
        }
        func positive(_ key: String) throws -> Double? {
            guard let number = overrides[key] else { return nil }
            guard number > 0 else { throw wrong("\(key) must be positive") }
            return number
        }
        func onlyKeys(_ allowed: Set<String>) throws {
            if let extra = overrides.keys.sorted().first(where: { !allowed.contains($0) }) { throw wrong("\(extra) is not one of its keys") }
        }
        switch (kind, name) {
        case ("prior", "mclust"):
            try onlyKeys(["shrinkage", "mean", "dof", "scale"])
            self = .prior(
                ConjugatePrior(
                    shrinkage: try positive("shrinkage"), mean: overrides["mean"], degreesOfFreedom: try positive("dof"),
                    scale: try positive("scale")))
        case ("variance-ratio", _):
            guard pieces.count == 1, let bound = parseNumber(name), bound >= 1, bound.isFinite else {
                throw wrong("variance-ratio=C needs a finite C ≥ 1")
            }
            self = .varianceRatio(bound)
        case ("penalty", ChenTanPenalty.Form.chenTan.rawValue):
            try onlyKeys(["an"])
            self = .penalty(ChenTanPenalty(form: .chenTan, scale: try positive("an")))
        case ("penalty", ChenTanPenalty.Form.asInMixtureInf.rawValue):
            try onlyKeys([])
            self = .penalty(ChenTanPenalty(form: .asInMixtureInf))
        default:
            throw wrong("no such remedy")
        }
    }
}
