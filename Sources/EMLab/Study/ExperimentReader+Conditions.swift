import TOMLKit

/// The data a condition's replicates are drawn for: conditions that share
/// truth, sampler and n share their data sets (their `dataIndex`).
struct ExperimentDataKey: Hashable {
    var truth: String
    var sampler: Sampler
    var sampleSize: Int
}

/// One `[design]` table (or `[[design]]` block), its factors read and named
/// things looked up: the truths × samplers × sizes × estimators × starts it crosses.
struct DesignBlock {
    /// Where it is in the file, for messages: `design` or `design[i]`.
    var place: String
    var truthNames: [String]
    var samplers: [Sampler]
    var sizes: [Int]
    var estimatorNames: [String]
    var inits: [Initialization]
    /// Replicates per condition (the block's own, or the study's).
    var replicates: Int
    /// The block's own `replicates`, when it sets one.
    var explicitReplicates: Int? = nil
}

extension ExperimentReader {
    /// Spec → conditions: each design block checked against the truths and
    /// estimators it names, then crossed, truth × sampler × n × estimator ×
    /// init with the last varying fastest, leaving out the excluded.
    ///
    /// - Returns: the conditions in design order, and the size of the full
    ///   cross product before exclusions (the last condition number).
    /// - Throws: ``EMLabError`` `.invalidExperiment` naming the block and the factor.
    func conditions(_ spec: ExperimentSpec) throws -> (conditions: [Condition], fullCount: Int) {
        let (truths, estimators, blocks, exclusions) = (spec.truths, spec.estimators, spec.blocks, spec.exclusions)
        var conditions: [Condition] = []
        var index = 0
        var dataIndices: [ExperimentDataKey: Int] = [:]  // (truth, sampler, n) → data index, by first appearance
        for (design, place) in blocks {
            let block = try designBlock(design, place: place, spec: spec)
            try check(block, spec: spec)
            let (truthNames, samplers, sizes, estimatorNames, inits, blockReplicates) = (
                block.truthNames, block.samplers, block.sizes, block.estimatorNames, block.inits, block.replicates
            )
            // Cross the factors of this block: truth × sampler × n × estimator × init, the last varying fastest.
            for truthName in truthNames {
                for sampler in samplers {
                    for n in sizes {
                        let dataKey = ExperimentDataKey(truth: truthName, sampler: sampler, sampleSize: n)
                        if dataIndices[dataKey] == nil { dataIndices[dataKey] = dataIndices.count + 1 }
                        let dataIndex = dataIndices[dataKey]!
                        for estimatorName in estimatorNames {
                            for initialization in inits {
                                index += 1
                                let levels = [
                                    "truth": truthName, "sampler": sampler.rawValue, "n": String(n),
                                    "estimator": estimatorName, "init": initialization.name
                                ]
                                if exclusions.contains(where: { rule in rule.allSatisfy { key, values in values.contains(levels[key]!) } }) { continue }
                                conditions.append(
                                    Condition(
                                        index: index, dataIndex: dataIndex, truth: truths[truthName]!, sampler: sampler,
                                        sampleSize: n, estimator: estimators[estimatorName]!.0, initialization: initialization,
                                        replicates: truths[truthName]!.dataSets?.count ?? blockReplicates))
                            }
                        }
                    }
                }
            }
        }
        guard !conditions.isEmpty else { throw fail("", "exclude", "the exclusions leave no condition to run") }
        return (conditions, index)
    }
}

extension ExperimentReader {
    /// A design table's factors, each checked: keys, the truths and
    /// estimators it names defined, samplers and starts known, sizes that fit in memory.
    ///
    /// - Throws: ``EMLabError`` `.invalidExperiment` naming the block and the factor.
    func designBlock(_ design: TOMLTable, place: String, spec: ExperimentSpec) throws -> DesignBlock {
        let (truths, estimators, replicates) = (spec.truths, spec.estimators, spec.replicates)
        try checkKeys(design, place, allowed: ["truth", "sampler", "n", "estimator", "init", "replicates"])
        guard let truthNames = try strings(design, place, "truth") else { throw fail(place, nil, "missing factor 'truth'") }
        let samplerNames = try strings(design, place, "sampler") ?? ["latent"]
        guard let sizes = try integers(design, place, "n") else { throw fail(place, nil, "missing factor 'n' (sample sizes)") }
        // A unit holds its sample, its responsibilities and a start's trace: about 32 bytes a value, checked before any is drawn.
        for n in sizes { try parsed(place, "n") { try MemoryBudget.require(32 * Double(n), for: "n = \(n)") } }
        guard let estimatorNames = try strings(design, place, "estimator") else { throw fail(place, nil, "missing factor 'estimator'") }
        let initNames = try strings(design, place, "init") ?? ["quantile"]
        let explicitReplicates = try integer(design, place, "replicates", minimum: 1)
        let blockReplicates = explicitReplicates ?? replicates

        for name in truthNames where truths[name] == nil {
            throw fail(place, "truth", "unknown truth '\(name)'; defined: \(truths.keys.sorted().joined(separator: ", "))")
        }
        for name in estimatorNames where estimators[name] == nil {
            throw fail(place, "estimator", "unknown estimator '\(name)'; defined: \(estimators.keys.sorted().joined(separator: ", "))")
        }
        let samplers = try samplerNames.map { name in
            guard let sampler = Sampler(rawValue: name) else {
                throw fail(place, "sampler", "unknown sampler '\(name)'; known: \(Sampler.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return sampler
        }
        let inits = try initNames.map { name in
            guard let initialization = Initialization(name: name) else {
                throw fail(place, "init", "unknown initialisation '\(name)'; known: \(Initialization.all.map(\.name).joined(separator: ", "))")
            }
            return initialization
        }
        return DesignBlock(
            place: place, truthNames: truthNames, samplers: samplers, sizes: sizes, estimatorNames: estimatorNames, inits: inits,
            replicates: blockReplicates, explicitReplicates: explicitReplicates)
    }

    /// Checks that every truth of a block goes with every sampler, size,
    /// estimator and start it is crossed with (K, data or mixture, known σ, fixed weights).
    ///
    /// - Throws: ``EMLabError`` `.invalidExperiment` naming the block or the estimator, and the key.
    func check(_ block: DesignBlock, spec: ExperimentSpec) throws {
        let (truths, estimators, place) = (spec.truths, spec.estimators, block.place)
        let (truthNames, samplers, sizes, estimatorNames, inits) = (block.truthNames, block.samplers, block.sizes, block.estimatorNames, block.inits)
        for name in truthNames {
            let truth = truths[name]!
            for sampler in samplers {
                if sampler.needsData && !truth.isData {
                    throw fail(place, "sampler", "sampler '\(sampler.rawValue)' draws from data, but truth '\(name)' is a mixture")
                }
                if !sampler.needsData && truth.mixture == nil {
                    throw fail(place, "sampler", "sampler '\(sampler.rawValue)' draws from a mixture, but truth '\(name)' is data; use bootstrap or fixed")
                }
                if let required = sampler.requiredComponents, let m = truth.mixture, m.componentCount != required {
                    throw fail(
                        place, "sampler", "sampler '\(sampler.rawValue)' is written for K = \(required), but truth '\(name)' has K = \(m.componentCount)")
                }
                if sampler == .fixed, let data = truth.data, let other = sizes.first(where: { $0 != data.count }) {
                    throw fail(place, "n", "sampler 'fixed' uses the \(data.count) values of truth '\(name)' as they are; n = \(other) cannot be")
                }
                if sampler == .fixed, let sets = truth.dataSets {
                    for i in 0..<sets.count where !sizes.allSatisfy({ $0 == sets.size(at: i) }) {
                        throw fail(
                            place, "n",
                            "sampler 'fixed' fits each data set of truth '\(name)' as it is, so n must be its size; data set '\(sets.ids[i])' has \(sets.size(at: i)) values (n = \(sizes.map(String.init).joined(separator: ", ")))"
                        )
                    }
                }
                if truth.dataSets != nil, let explicit = block.explicitReplicates, explicit != truth.dataSets!.count {
                    throw fail(
                        place, "replicates",
                        "truth '\(name)' holds \(truth.dataSets!.count) data sets, one replicate each; replicates = \(explicit) cannot be (leave it out)")
                }
            }
            if truth.mixture == nil, let needing = inits.first(where: \.needsTruth) {
                throw fail(place, "init", "init '\(needing.name)' needs a known truth, but truth '\(name)' is data")
            }
            for estimatorName in estimatorNames {
                let (estimator, components) = estimators[estimatorName]!
                let estimatorPlace = "estimators.\(estimatorName)"
                guard let k = truth.mixture?.componentCount ?? components else {
                    throw fail(estimatorPlace, nil, "truth '\(name)' is data, so this estimator must set components = K")
                }
                if inits.contains(.doc001) && k != 2 {
                    throw fail(place, "init", "init 'doc001' is written for K = 2")
                }
                if let small = sizes.first(where: { $0 < k }) {
                    throw fail(place, "n", "n = \(small) is smaller than K = \(k) of truth '\(name)'")
                }
                if let largest = estimator.selectComponents?.last, let small = sizes.first(where: { $0 < largest }) {
                    throw fail(estimatorPlace, "select_k", "K = \(largest) cannot be fitted to n = \(small) values")
                }
                if let components, components != k {
                    throw fail(estimatorPlace, "components", "K = \(components) disagrees with truth '\(name)', which has K = \(k)")
                }
                if let w = estimator.fixedWeights, w.count != k {
                    throw fail(estimatorPlace, "fixed_weights", "has \(w.count) weights but truth '\(name)' has K = \(k)")
                }
                if estimator.knownVarianceFromTruth {
                    guard let m = truth.mixture, Set(m.standardDeviations).count == 1 else {
                        throw fail(
                            estimatorPlace, "variance",
                            "variance = \"known\" takes the truth's common σ, but truth '\(name)' has none (unequal sds, or data)")
                    }
                }
                if estimator.method == .asWritten(.doc001) && k != 2 {
                    throw fail(estimatorPlace, "method", "doc001-as-written is written for K = 2")
                }
            }
        }
    }
}
