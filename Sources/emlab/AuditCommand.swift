import ArgumentParser
import EMLab
import Foundation

struct AuditCommand: ParsableCommand {
    /// The exit status when a step is not EM's: a finding, not an error (0 is EM, 1 an error, 64 a bad command line).
    static let notEMStatus: Int32 = 3

    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check, step by step, whether someone's EM run is EM, from its trace.",
        discussion: """
            \(DataOptions.discussion)

            TRACE.csv is one row per iteration, the start first: iteration, logLikelihood (optional), \
            weight1..K, mean1..K, sd1..K, EMLab's --trace schema; pi/p/w, mu, sigma/std and var/variance \
            (variances instead of sds) are read too, numbered from 1 or 0, separated by commas, tabs or \
            spaces. K is read from the header.

            For every row, EMLab computes EM's exact step from it under the declared model (--variance, \
            --weights) and compares it with the next row. A row agrees when each weight is within \
            TOL and each mean and sd within TOL × max|x| of EM's (the data's magnitude, so the rule does \
            not depend on the data's units), plus what the trace's own rounding allows when it was \
            written with fewer digits. The report says whether the run is EM, the first row that is not \
            EM's step (parameter, EM's value, the trace's), the catalogued defect that reproduces the \
            trace with its fix (or "not EM", or "a generalised-EM step" when the steps raise the \
            log-likelihood all the same), whether EMLab's log-likelihood ever falls, and what the \
            trace's own log-likelihood column holds.

            Exit status: 0 when every step is EM's; 3 when one is not (a finding); 1 for an error \
            (a bad trace or data file, one line naming the file, row and column); 64 for a bad command line.

            With --preset NAME (doc000 … doc003) the document's estimator runs as written on the \
            document's data from its own start, as `emlab fit --preset NAME` runs it, and its trace \
            is audited under the document's model.

            Examples:
              emlab fit data.csv -k 3 --trace trace.csv
              emlab audit data.csv --trace trace.csv
              emlab audit data.csv --trace trace.csv --format json
              emlab audit --preset doc003
              emlab audit --preset doc001 || test $? -eq 3
              emlab fit faithful.txt -k 2 --variance shared --trace shared.csv
              emlab audit faithful.txt --trace shared.csv --variance shared --tol 1e-10
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The data the trace was fitted to (`-` for standard input); not with --preset.")
    var file: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The trace to audit: one row per iteration, the start first.", valueName: "file.csv"))
    var trace: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The model the run fits: per-component variances, one shared variance, or known=SD (every σ is SD).", valueName: "model"))
    var variance: EMConfiguration.VarianceChoice = .model(.perComponent)

    @Option(parsing: .unconditional, help: "Whether the run estimates the weights (free) or keeps its start's (fixed).")
    var weights: EMConfiguration.Weights = .free

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("The allowance for rounding: of each weight, and of each mean and sd relative to max|x| (default 1e-9).", valueName: "x"))
    var tol: Double = AuditTolerance.defaultRelative

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("A lower bound on every variance the run used, as emlab fit's --variance-floor (0: off).", valueName: "x"))
    var varianceFloor: Double = 0

    @Option(parsing: .unconditional, help: "Output format: text (for people) or json (one object).")
    var format: Format = .text

    @Option(parsing: .unconditional, help: "Audit a document's estimator as written, replayed on its data (doc000 … doc003; see `emlab presets`).")
    var preset: String?

    @OptionGroup(title: "Data file") var input: DataOptions

    func validate() throws {
        guard tol.isFinite, tol >= 0 else { throw ValidationError("Please give --tol a finite value ≥ 0; got \(tol).") }
        guard varianceFloor.isFinite, varianceFloor >= 0 else {
            throw ValidationError("Please give --variance-floor a finite value ≥ 0; got \(varianceFloor).")
        }
        if preset != nil {
            guard file == nil, trace == nil else { throw ValidationError("Please give either --preset or FILE with --trace, not both.") }
        } else {
            guard file != nil, trace != nil else { throw ValidationError("Please give the data FILE and --trace TRACE.csv (or --preset NAME).") }
        }
        if case .knownFromTruth = variance { throw ValidationError("Please give the known σ: --variance known=SD.") }
    }

    func run() throws {
        let outcome: TraceAuditOutcome
        if let preset {
            guard let document = DocumentPreset.named(preset) else {
                throw ValidationError("Unknown preset '\(preset)'; the presets are \(DocumentPreset.all.map(\.name).joined(separator: ", ")).")
            }
            let stream = try document.stream.make(generator: "mt19937", seed: document.seed ?? 1)
            let data = try DocumentComparison.Input(
                preset: document, sampler: nil, stream: stream, streamKind: document.stream, seed: document.seed ?? 1)
            guard let replayed = TraceAudit.replay(preset: document, input: data, stream: stream) else {
                throw EMLabError(.invalidData, "no start could be drawn from document \(document.name)'s data")
            }
            if format == .text { print(replayed.summary) }
            outcome = try TraceAudit.run(
                data: replayed.data, trace: replayed.trace, configuration: replayed.configuration, tolerance: AuditTolerance(relative: tol))
        } else {
            let data = try input.read(file!)
            let read = try EMTrace.read(path: trace!)
            guard case .model(let model) = variance else { throw ValidationError("Please give the known σ: --variance known=SD.") }
            let configuration = EMConfiguration(weights: weights, variance: model, varianceFloor: varianceFloor)
            outcome = try TraceAudit.run(data: data, trace: read, configuration: configuration, tolerance: AuditTolerance(relative: tol))
        }
        print(format == .text ? AuditReport.text(outcome) : AuditReport.json(outcome), terminator: "")
        if !outcome.isEM { throw ExitCode(Self.notEMStatus) }
    }
}
