import Foundation

extension DocumentComparison {
    /// The data a comparison runs on (`emlab fit --preset NAME [FILE]`), the
    /// truth they came from when known, and how they were drawn.
    public struct Input: Sendable {
        /// The values.
        public var data: [Double]
        /// The truth the values were drawn from (nil for a user's data, and for document 002's).
        public var truth: GaussianMixture?
        /// The sampler that drew the values from the truth (nil: the values were given).
        public var sampler: Sampler?
        /// The component each drawn value came from, 0-based (nil: the values were given).
        public var labels: [Int]?
        /// Where the values came from, one line for people: "Data: 272 values from faithful.txt."
        public var summary: String

        /// A user's data set: no truth, nothing drawn.
        ///
        /// - Parameters:
        ///   - data: the values.
        ///   - name: where they were read from ("standard input", a file name).
        public init(data: [Double], name: String) {
            self.data = data
            self.summary = "Data: \(data.count) values from \(name)."
        }

        /// The document's own data: its values (document 002's 50) unless
        /// another sampler is asked for, else a sample from its truth drawn
        /// with `sampler` (default: the document's own first sampler).
        ///
        /// - Parameters:
        ///   - preset: the document.
        ///   - sampler: the sampler asked for (nil: the document's own).
        ///   - stream: the stream the sample is drawn from.
        ///   - streamKind: the kind of `stream`, and `seed` its seed, for the summary.
        /// - Throws: ``EMLabError`` `.invalidOption` when the sampler does not
        ///   fit the preset (``canDraw(_:for:)``).
        /// - Complexity: O(n) for the n values of the document's sample.
        public init(preset: DocumentPreset, sampler: Sampler?, stream: any RandomStream, streamKind: StreamKind, seed: UInt64) throws {
            if let own = preset.data, sampler == nil || sampler == .fixed {
                (data, truth) = (own, preset.truth)
                summary = "Data: document \(preset.name.dropFirst(3))'s \(own.count) values."
                return
            }
            let chosen = sampler ?? preset.samplers.first!
            guard Self.canDraw(chosen, for: preset) else {
                throw EMLabError(.invalidOption, "sampler '\(chosen.rawValue)' does not fit preset \(preset.name)")
            }
            let drawn = chosen.draw(from: preset.truth, data: preset.data, count: preset.sampleSize, using: stream)
            (data, truth, self.sampler, labels) = (drawn.values, preset.truth, chosen, drawn.components)
            if streamKind == .numpyLegacy, streamKind == preset.stream, seed == preset.seed, chosen == preset.samplers.first {
                summary =
                    "Data: the document's own \(data.count) values — its \(chosen.rawValue) sampler on NumPy's legacy stream with its seed "
                    + "\(seed) (np.random.seed(\(seed))), replayed bit for bit (the default for \(preset.name); --stream gsl draws from GSL instead)."
            } else {
                summary = "Data: \(data.count) values drawn with the \(chosen.rawValue) sampler (\(streamKind.rawValue) stream, seed \(seed))."
            }
        }

        /// Whether `sampler` can draw the preset's data: one that resamples
        /// data needs the document's data, any other its truth.
        public static func canDraw(_ sampler: Sampler, for preset: DocumentPreset) -> Bool {
            sampler.needsData ? preset.data != nil : preset.truth != nil
        }
    }

    /// Runs the comparison on `input` (``run(preset:data:truth:stream:componentCounts:sampler:labels:)``).
    public static func run(preset: DocumentPreset, input: Input, stream: any RandomStream, componentCounts: [Int]) -> DocumentComparison {
        run(
            preset: preset, data: input.data, truth: input.truth, stream: stream, componentCounts: componentCounts,
            sampler: input.sampler, labels: input.labels)
    }
}
