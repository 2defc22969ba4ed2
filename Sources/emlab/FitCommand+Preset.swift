import ArgumentParser
import EMLab
import Foundation

extension FitCommand {
    /// `--preset`: the document's estimator as written beside the corrected one, and the diagnosis.
    func comparePreset(_ preset: DocumentPreset) throws {
        let stream = try random.makeStream(defaultSeed: preset.seed ?? 1, defaultKind: preset.stream)
        let data =
            try file.map { DocumentComparison.Input(data: try input.read($0), name: $0 == "-" ? "standard input" : $0) }
            ?? DocumentComparison.Input(
                preset: preset, sampler: sampler, stream: stream, streamKind: random.streamKind(or: preset.stream),
                seed: random.seed(or: preset.seed ?? 1))
        print(data.summary)
        try Initialization.requireDistinctValues(data.data, componentCount: 1)
        print("Document \(preset.name): \(preset.title)\n")
        // The fits come numbered as the truth is, for the text, the trace and the pictures alike.
        let comparison = DocumentComparison.run(preset: preset, input: data, stream: stream, componentCounts: components.map { [$0] } ?? [2, 3])
        print(DocumentComparisonReport.fitsText(comparison, dataCount: data.data.count, truth: data.truth), terminator: "")
        if let trace { try AtomicFile.write(DocumentComparisonReport.traceCSV(comparison, componentCount: preset.componentCount), to: trace) }
        print(DocumentComparisonReport.findingsText(comparison), terminator: "")
        try pictures.draw(
            data: data.data, fits: comparison.fits.map { FitPicture.Fit(label: $0.label, result: $0.result) }, truth: data.truth,
            subtitle: "Document \(preset.name.dropFirst(3)): \(preset.title) — \(data.data.count) values",
            basinsModel: preset.corrected.configuration)
    }
}
