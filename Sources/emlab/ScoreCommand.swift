import ArgumentParser
import EMLab
import Foundation

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score data under a saved model: each value's log-density, responsibilities, MAP component and uncertainty.",
        discussion: """
            MODEL is a file written by `emlab fit … --save MODEL`. The data need not be the \
            data the model was fitted on. \(DataOptions.discussion)

            The report gives the total log-likelihood ℓ, ℓ per value (scikit-learn's score()), and \
            AIC and BIC on these data with the model's free parameters (scikit-learn's aic(X) and \
            bic(X)). --posteriors FILE.csv writes one row per value: value, logDensity (scikit-learn's \
            score_samples), tau1…tauK (predict_proba), map (1-based) and uncertainty (1 − max τ). \
            --format json prints the same per-value numbers as one object.

            Examples:
              emlab fit faithful.txt -k 2 --save model.json
              emlab score model.json faithful.txt
              emlab score model.json data.csv --posteriors scored.csv
              emlab score model.json my-series.txt --format json
              emlab sample --weights .5,.5 --means 55,80 --sds 6,6 -n 9 \\
                | emlab score model.json -
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The saved model (`emlab fit … --save FILE`).")
    var model: String

    @Argument(help: "The data file to score (`-` for standard input).")
    var file: String

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Write each value's log-density, responsibilities, MAP component and uncertainty (1 − max τ) to this CSV file.", valueName: "file.csv"))
    var posteriors: String?

    @Option(parsing: .unconditional, help: "Output format: text (for people) or json (one object, with every value's numbers).")
    var format: Format = .text

    @OptionGroup(title: "Data file") var input: DataOptions

    func validate() throws {
        if let posteriors { try validateOutputFolder(posteriors, option: "--posteriors") }
    }

    func run() throws {
        let saved = try SavedModel.read(path: model)
        let data = try input.read(file)
        let score = ModelScore(data: data, model: saved)
        if let posteriors { try AtomicFile.write(ScoreReport.csv(score), to: posteriors) }
        let dataName = file == "-" ? "standard input" : file
        print(format == .text ? ScoreReport.text(score, modelName: model, dataName: dataName) : ScoreReport.json(score), terminator: "")
    }
}
