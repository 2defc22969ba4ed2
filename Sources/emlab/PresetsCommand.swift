import ArgumentParser
import EMLab

struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the four documents' presets: truth or data, n, samplers, estimators, start.",
        discussion: """
            Use them as `emlab sample --preset NAME`, `emlab fit --preset NAME`, or `preset = "NAME"` \
            in an experiment's [truths] table.

            Examples:
              emlab presets
              emlab sample --preset doc001 -n 5 --seed 3
            """)

    func run() throws {
        for preset in DocumentPreset.all {
            print("\(preset.name) — \(preset.title)")
            print("  \(preset.summary)")
            if let truth = preset.truth {
                let list = { (xs: [Double]) in xs.map(formatNumber).joined(separator: ", ") }
                print("  truth: weights \(list(truth.weights)); means \(list(truth.means)); sds \(list(truth.standardDeviations)); n = \(preset.sampleSize)")
            } else if let data = preset.data {
                print("  data: \(data.count) real values, \(Set(data).count) distinct; K = \(preset.componentCount)")
            }
            print("  samplers: \(preset.samplers.map(\.rawValue).joined(separator: ", ")) (as written), latent (correct)")
            print(
                "  estimator as written: \(preset.asWritten.method.name); corrected: engine, \(preset.corrected.configuration.variance) variance, \(preset.corrected.configuration.weights.rawValue) weights, stop \(preset.corrected.configuration.stoppingRule)"
            )
            print("  start: \(preset.initialization.name)\(preset.seed.map { "; seed \($0) (NumPy legacy)" } ?? "")")
            if preset.stream == .numpyLegacy, let seed = preset.seed {
                print(
                    "  data by default: the document's own — \(preset.samplers.first!.rawValue) sampler, --stream numpy-legacy --seed \(seed) (--stream gsl for GSL's)"
                )
            }
            print("")
        }
    }
}
