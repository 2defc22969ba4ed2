extension TraceAudit {
    /// A document's estimator as written, replayed on the document's own
    /// data from its own start (as `emlab fit --preset NAME` runs it), with
    /// its trace and the model the document declares, ready to audit
    /// (`emlab audit --preset NAME`).
    public struct PresetRun: Sendable {
        public var data: [Double]
        public var trace: EMTrace
        /// The document's model (weights and variance).
        public var configuration: EMConfiguration
        /// Where the data came from, one line for people.
        public var summary: String
    }

    /// Replays `preset`'s estimator as written on `input` with its start drawn from `stream`.
    ///
    /// - Returns: the run, or nil when no start can be drawn from the data.
    /// - Complexity: one as-written fit and one engine fit (``DocumentComparison``).
    public static func replay(preset: DocumentPreset, input: DocumentComparison.Input, stream: any RandomStream) -> PresetRun? {
        let comparison = DocumentComparison.run(preset: preset, input: input, stream: stream, componentCounts: [preset.componentCount])
        guard let asWritten = comparison.fits.first, let trace = asWritten.result.trace else { return nil }
        var configuration = EMConfiguration(weights: asWritten.configuration.weights, variance: asWritten.configuration.variance)
        configuration.varianceFloor = asWritten.configuration.varianceFloor
        return PresetRun(
            data: input.data, trace: EMTrace(trace, file: "\(preset.name) as written"), configuration: configuration,
            summary: input.summary)
    }
}
