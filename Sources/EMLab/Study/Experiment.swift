/// A simulation study, as an experiment file describes it (the *Design*
/// stage of R's SimDesign): named truths and estimators, factors crossed
/// into conditions, and how many replicates of each to run.
public struct Experiment: Sendable {
    public var name: String
    public var description: String
    /// Free text about the study (`notes`, markdown), shown on its report page; empty when absent.
    public var notes: String
    /// The study's streams: their kind, generator and normal method, and the
    /// study seed every fit's seed derives from (``SeedDerivation``).
    public var random: StreamRecipe
    /// The study seed every fit's seed derives from (``SeedDerivation``).
    public var seed: UInt64 { random.seed }
    /// The default number of replicates per condition (a design block may set its own).
    public var replicates: Int
    /// EM starts per fit; every start is a row in runs.csv, the best is marked `selected`.
    public var starts: Int
    /// The first this-many replicates of each condition keep their traces.
    public var traceReplicates: Int
    /// Whether each replicate is also fitted from the truth, so that the
    /// best log-likelihood of its data set is known (and spurious maxima seen).
    public var oracle: Bool
    /// The conditions, in design order (only those not excluded).
    public var conditions: [Condition]
    /// The size of the full cross product of the design, before exclusions.
    public var fullConditionCount: Int
    /// The experiment file's text, recorded in the manifest.
    public var sourceText: String
    /// The folder a truth's data files are relative to (the experiment file's; "" for the current folder).
    public var dataDirectory = ""
    /// The `[reference]` table: each data set's reference maximum and
    /// turboEM's failure columns (``ReferenceMaximum``); nil without one, so
    /// studies without it keep their bytes.
    public var reference: ReferenceSettings? = nil
    /// The conditions whose units compute the reference's extra starts (``ReferenceMaximum/owners(_:)``).
    public var referenceOwners: Set<Int> = []

    /// Whether some estimator asks for intervals: runs.csv then has SE and
    /// interval columns, summary.csv coverage columns (otherwise neither, so
    /// studies without them keep their bytes).
    public var recordsIntervals: Bool { conditions.contains { $0.estimator.intervals != nil } }
    /// Whether some estimator asks for `select_k`: runs.csv then has `kAIC`, `kBIC`, `kICL`.
    public var recordsSelection: Bool { conditions.contains { $0.estimator.selectComponents != nil } }
    /// Whether some truth names the user's data sets: runs.csv then ends with a `dataSet` column.
    public var recordsDataSets: Bool { conditions.contains { $0.truth.dataSets != nil } }
    /// Every file the data-set truths read, in the order of first use (each once).
    public var dataFiles: [DataSetCollection.File] {
        var seen = Set<String>(), files: [DataSetCollection.File] = []
        for condition in conditions {
            for file in condition.truth.dataSets?.files ?? [] where seen.insert(file.path).inserted { files.append(file) }
        }
        return files
    }
    /// One SHA-256 over the data files' paths and hashes (nil without data files): what the manifest records.
    public var dataSHA256: String? {
        let files = dataFiles
        return files.isEmpty ? nil : DataSetCollection.combinedSHA256(files)
    }
    /// Whether some estimator has a remedy (``Remedy``): runs.csv then has the remedy columns.
    public var recordsRemedies: Bool { conditions.contains { $0.estimator.configuration.remedy != .none } }

    /// The largest K over all conditions: runs.csv has this many parameter columns.
    public var maxComponents: Int { conditions.map(\.componentCount).max() ?? 1 }

    /// The units of work, one per (condition, replicate), numbered from 0 in
    /// design order: condition by condition, replicate by replicate.
    public var totalUnits: Int { unitOffsets.last ?? 0 }

    /// `unitOffsets[c]` is the first unit of condition position `c`; the last entry is the total.
    public var unitOffsets: [Int] {
        var offsets = [0]
        for condition in conditions { offsets.append(offsets.last! + condition.replicates) }
        return offsets
    }

    /// The condition position and replicate (from 1) of a unit, given ``unitOffsets``.
    public static func locate(unit: Int, offsets: [Int]) -> (position: Int, replicate: Int) {
        var low = 0, high = offsets.count - 1  // offsets[low] <= unit < offsets[high]
        while high - low > 1 {
            let middle = (low + high) / 2
            if offsets[middle] <= unit { low = middle } else { high = middle }
        }
        return (low, unit - offsets[low] + 1)
    }
}

/// A truth: the mixture data are drawn from — or, for a real data set
/// (document 002), the data themselves, with no mixture known.
public struct Truth: Sendable, Equatable {
    public var name: String
    public var mixture: GaussianMixture?
    public var data: [Double]?
    /// The user's data sets, one per replicate (`data = "FILE"`); nil otherwise.
    public var dataSets: DataSetCollection? = nil

    /// Whether the truth is data (one data set, or many) rather than a mixture.
    public var isData: Bool { data != nil || dataSets != nil }

    /// The data replicate `replicate` (from 1) draws from: its own data set
    /// when the truth names data sets, else the truth's data.
    public func data(replicate: Int) -> [Double]? {
        if let dataSets, replicate >= 1 && replicate <= dataSets.count { return dataSets.values(at: replicate - 1) }
        return data
    }
}

/// One cell of the design: everything that is the same for all its replicates.
public struct Condition: Sendable, Equatable {
    /// Its 1-based position in the full cross product (stable under exclusions); seeds derive from it.
    public var index: Int
    /// The 1-based position of its (truth, sampler, n) in the cross product of
    /// those factors: conditions that share it fit the *same* data sets
    /// (common random numbers), so estimators and starts are compared paired.
    public var dataIndex: Int
    public var truth: Truth
    public var sampler: Sampler
    public var sampleSize: Int
    public var estimator: Estimator
    public var initialization: Initialization
    /// How many replicates this condition runs.
    public var replicates: Int

    public var componentCount: Int { truth.mixture?.componentCount ?? estimator.components ?? 1 }

    /// The EM configuration with the truth filled in where the estimator defers to it.
    public var configuration: EMConfiguration {
        var configuration = estimator.configuration
        if estimator.knownVarianceFromTruth {
            configuration.variance = .known(standardDeviation: truth.mixture?.standardDeviations[0] ?? 1)
        }
        return configuration
    }
}
