import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// `emlab audit` (``TraceAudit``): EMLab's own traces pass, traces made by
/// each catalogued defect — from step functions written here, apart from the
/// auditor's catalogue — are named, a bug outside the catalogue is "not EM"
/// at its first row, the ℓ column's mistakes are recognised, converged
/// traces raise no false alarm, bad traces get one line naming file, row and
/// column, and the committed NumPy fixtures (Tests/Fixtures/audit) get their verdicts.
@Suite struct TraceAuditTests {
    static let fixtures = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/audit")

    /// n values from a K-component mixture with well-spread means.
    static func data(k: Int, n: Int = 240, seed: UInt64 = 11) throws -> [Double] {
        let truth = GaussianMixture(
            unchecked: [Double](repeating: 1 / Double(k), count: k), means: (0..<k).map { Double($0) * 5 + 2 },
            standardDeviations: (0..<k).map { 1 + 0.3 * Double($0) })
        return truth.sampleValues(count: n, using: try RandomSource(generator: "mt19937", seed: seed))
    }

    static func start(k: Int, sd: Double = 2) -> TraceParameters {
        TraceParameters(
            weights: [Double](repeating: 1 / Double(k), count: k), means: (0..<k).map { Double($0) * 5 + 3 },
            sds: [Double](repeating: sd, count: k))
    }

    // MARK: - EMLab's own traces

    @Test(arguments: [1, 2, 3, 4])
    func emlabsOwnTracesPassForEveryModel(k: Int) throws {
        let data = try Self.data(k: k)
        let models: [(EMConfiguration.Weights, EMConfiguration.Variance)] = [
            (.free, .perComponent), (.free, .shared), (.free, .known(standardDeviation: 1.2)),
            (.fixed, .perComponent), (.fixed, .shared), (.fixed, .known(standardDeviation: 1.2))
        ]
        for (weights, variance) in models {
            let configuration = EMConfiguration(
                weights: weights, variance: variance, stoppingRule: .fixedIterations(25), recordTrace: true)
            let s = Self.start(k: k)
            let fit = ExpectationMaximization.fit(
                data: data, start: GaussianMixture(unchecked: s.weights, means: s.means, standardDeviations: s.sds),
                configuration: configuration)
            let outcome = try TraceAudit.run(data: data, trace: EMTrace(fit.trace!), configuration: configuration)
            #expect(outcome.isEM, "K = \(k), \(weights), \(variance): \(outcome.firstDeviation.map { "\($0.parameter) at \($0.iteration)" } ?? "")")
            #expect(outcome.logLikelihoodMonotone)
            #expect(outcome.logLikelihoodColumn?.matches == true)
        }
    }

    @Test func aFlooredFitIsEMUnderItsFloorAndNotWithout() throws {
        // The floored M-step maximises Q over the constrained set: EM there; for the unconstrained model its sds deviate.
        let data = try Self.data(k: 2)
        let s = Self.start(k: 2)
        var configuration = EMConfiguration(stoppingRule: .fixedIterations(20), varianceFloor: 1.5, recordTrace: true)
        let fit = ExpectationMaximization.fit(
            data: data, start: GaussianMixture(unchecked: s.weights, means: s.means, standardDeviations: s.sds), configuration: configuration)
        let trace = EMTrace(try #require(fit.trace))
        #expect(try TraceAudit.run(data: data, trace: trace, configuration: configuration).isEM)
        configuration.varianceFloor = 0
        let unfloored = try TraceAudit.run(data: data, trace: trace, configuration: configuration)
        #expect(!unfloored.isEM && unfloored.defects.isEmpty)
        #expect(unfloored.firstDeviation?.blocks == ["sds"])
    }

    @Test func aStandardisedFitRunToConvergenceRaisesNoFalseAlarm() throws {
        // `emlab fit`'s path: fitted standardised and mapped back, run until its steps are at rounding.
        let data = try Self.data(k: 3, n: 1500, seed: 5).map { $0 * 1000 + 40_000 }
        var request = FitRequest(componentCount: 3)
        request.configuration.stoppingRule = .fixedIterations(600)
        request.configuration.recordTrace = true
        let outcome = try request.run(data: data)
        let trace = try #require(outcome.result.trace)
        let audited = try TraceAudit.run(data: data, trace: EMTrace(trace), configuration: request.configuration)
        #expect(audited.isEM)
        #expect(audited.logLikelihoodMonotone)
        // The last steps are below rounding: the rule is about the data's scale, not the step's.
        let last = try #require(audited.steps.last)
        #expect(
            zip(
                last.actual,
                trace.mixtures[trace.mixtures.count - 2].weights + trace.mixtures[trace.mixtures.count - 2].means
                    + trace.mixtures[trace.mixtures.count - 2].standardDeviations
            ).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    // MARK: - Defects, from step functions written here

    enum Bug: CaseIterable {
        case exponentWithoutHalf, sdAsVariance, overData, oldMean, unbiased, dividedByN, hard, frozenWeights, reportsVariance
        case sharedFromFirst

        var defect: TraceDefect {
            switch self {
            case .exponentWithoutHalf: return .exponentWithoutHalf
            case .sdAsVariance: return .sdPassedAsVariance
            case .overData: return .responsibilitiesOverData
            case .oldMean: return .varianceFromOldMean
            case .unbiased: return .unbiasedVariance
            case .dividedByN: return .varianceDividedByN
            case .hard: return .hardAssignments
            case .frozenWeights: return .weightsNotUpdated
            case .reportsVariance: return .varianceReportedAsSD
            case .sharedFromFirst: return .sharedSDFromFirstComponent
            }
        }
        var variance: EMConfiguration.Variance { self == .sharedFromFirst ? .shared : .perComponent }
    }

    /// The textbook step in plain linear space with one bug, as course code writes it.
    static func buggyStep(_ bug: Bug?, data x: [Double], _ p: TraceParameters) -> TraceParameters {
        let k = p.means.count, n = Double(x.count)
        let sd = bug == .reportsVariance ? p.sds.map { sqrt($0) } : p.sds
        var r = [[Double]](repeating: [Double](repeating: 0, count: k), count: x.count)
        for i in x.indices {
            for j in 0..<k {
                let v = bug == .sdAsVariance ? sd[j] : sd[j] * sd[j]
                let e = bug == .exponentWithoutHalf ? 1.0 : 2.0
                r[i][j] = p.weights[j] / sqrt(2 * .pi * v) * exp(-pow(x[i] - p.means[j], 2) / (e * v))
            }
        }
        if bug == .overData {
            for j in 0..<k {
                let s = x.indices.reduce(0) { $0 + r[$1][j] }
                for i in x.indices { r[i][j] /= s }
            }
        } else {
            for i in x.indices {
                let s = r[i].reduce(0, +)
                r[i] = r[i].map { $0 / s }
                if bug == .hard {
                    let best = r[i].indices.max { r[i][$0] < r[i][$1] }!
                    r[i] = (0..<k).map { $0 == best ? 1 : 0 }
                }
            }
        }
        var out = p
        var pooled = 0.0
        for j in 0..<k {
            let nj = x.indices.reduce(0) { $0 + r[$1][j] }
            let mu = x.indices.reduce(0) { $0 + r[$1][j] * x[$1] } / nj
            let centre = bug == .oldMean ? p.means[j] : mu
            let ss = x.indices.reduce(0) { $0 + r[$1][j] * pow(x[$1] - centre, 2) }
            out.means[j] = mu
            if bug != .frozenWeights { out.weights[j] = nj / n }
            let variance = bug == .unbiased ? ss / (nj - 1) : bug == .dividedByN ? ss / n : ss / nj
            out.sds[j] = bug == .reportsVariance ? variance : sqrt(variance)
            if bug == .sharedFromFirst && j == 0 { pooled = ss / nj }
        }
        if bug == .sharedFromFirst { out.sds = [Double](repeating: sqrt(pooled), count: k) }
        return out
    }

    static func trace(_ bug: Bug?, data: [Double], start: TraceParameters, steps: Int) -> EMTrace {
        var p = start
        if bug == .reportsVariance { p.sds = p.sds.map { $0 * $0 } }
        var rows: [EMTrace.Row] = []
        for t in 0...steps {
            rows.append(EMTrace.Row(line: t + 2, iteration: t, logLikelihood: nil, weights: p.weights, means: p.means, sds: p.sds))
            p = buggyStep(bug, data: data, p)
        }
        return EMTrace(file: "\(bug.map { "\($0)" } ?? "em").csv", rows: rows)
    }

    @Test(arguments: Bug.allCases, [2, 3])
    func eachCataloguedDefectIsNamed(bug: Bug, k: Int) throws {
        let data = try Self.data(k: k)
        let configuration = EMConfiguration(variance: bug.variance)
        let outcome = try TraceAudit.run(data: data, trace: Self.trace(bug, data: data, start: Self.start(k: k), steps: 8), configuration: configuration)
        #expect(outcome.defects == [bug.defect], "\(bug), K = \(k): \(outcome.verdict)")
        #expect(outcome.firstDeviation?.iteration == 1)
        #expect(!outcome.isEM)
    }

    @Test func theTextbookStepWrittenHereIsEM() throws {
        for k in [2, 3] {
            let data = try Self.data(k: k)
            let outcome = try TraceAudit.run(
                data: data, trace: Self.trace(nil, data: data, start: Self.start(k: k), steps: 8), configuration: EMConfiguration())
            #expect(outcome.isEM)
        }
    }

    @Test(arguments: ["doc000", "doc001", "doc002"])
    func theDocumentsAsWrittenAreNamed(name: String) throws {
        let preset = try #require(DocumentPreset.named(name))
        let stream = try preset.stream.make(generator: "mt19937", seed: preset.seed ?? 1)
        let input = try DocumentComparison.Input(preset: preset, sampler: nil, stream: stream, streamKind: preset.stream, seed: preset.seed ?? 1)
        let run = try #require(TraceAudit.replay(preset: preset, input: input, stream: stream))
        let outcome = try TraceAudit.run(data: run.data, trace: run.trace, configuration: run.configuration)
        let expected: [String: [TraceDefect]] = [
            "doc000": [.exponentWithoutHalf], "doc001": [.sharedSDFromFirstComponent],
            "doc002": [.sdPassedAsVariance, .responsibilitiesOverData, .epsilonInDenominators]
        ]
        #expect(outcome.defects == expected[name])
    }

    @Test func aStepThatUnderflowsToNaNIsNamed() throws {
        // Document 001 as written, from a σ so small that plain exp underflows at the far points: 0/0 = NaN.
        let data = try Self.data(k: 2)
        let configuration = EMConfiguration(variance: .shared, stoppingRule: .fixedIterations(5), recordTrace: true)
        let fit = AsWrittenEstimator.doc001.fit(
            data: data, start: GaussianMixture(unchecked: [0.5, 0.5], means: [2, 3], standardDeviations: [0.1, 0.1]),
            configuration: configuration)
        let trace = try #require(fit.trace)
        #expect(trace.mixtures.last!.means[0].isNaN)
        let outcome = try TraceAudit.run(data: data, trace: EMTrace(trace), configuration: configuration)
        // Its one step goes straight to NaN, which shows the underflow and nothing of its σ update: the fewest defects that fit.
        #expect(outcome.defects == [.plainExpUnderflow])
        #expect(outcome.firstDeviation?.iteration == 1)
    }

    @Test func document003sNotebookIsEM() throws {
        let preset = DocumentPreset.doc003
        let stream = try preset.stream.make(generator: "mt19937", seed: 42)
        let input = try DocumentComparison.Input(preset: preset, sampler: nil, stream: stream, streamKind: preset.stream, seed: 42)
        let run = try #require(TraceAudit.replay(preset: preset, input: input, stream: stream))
        #expect(try TraceAudit.run(data: run.data, trace: run.trace, configuration: run.configuration).isEM)
    }

    @Test func aBugOutsideTheCatalogueIsNotEMAtItsFirstRowWithItsBlock() throws {
        // The weights come out of the M-step squared and renormalised: only the weights block is wrong.
        let data = try Self.data(k: 3)
        var rows: [EMTrace.Row] = []
        var p = Self.start(k: 3)
        p.weights = [0.2, 0.5, 0.3]
        for t in 0...10 {
            rows.append(EMTrace.Row(line: t + 2, iteration: t, logLikelihood: nil, weights: p.weights, means: p.means, sds: p.sds))
            p = Self.buggyStep(nil, data: data, p)
            if t >= 3 {
                let squared = p.weights.map { $0 * $0 }
                p.weights = squared.map { $0 / squared.reduce(0, +) }
            }
        }
        let outcome = try TraceAudit.run(data: data, trace: EMTrace(file: "bug.csv", rows: rows), configuration: EMConfiguration())
        #expect(outcome.verdict == .notEM)
        #expect(outcome.defects.isEmpty)
        #expect(outcome.firstDeviation?.iteration == 4)
        #expect(outcome.firstDeviation?.blocks == ["weights"])
        #expect(outcome.firstDeviation?.parameter.hasPrefix("weight") == true)
        #expect(!outcome.logLikelihoodMonotone)
    }

    // MARK: - The ℓ column

    @Test func aCorrectTraceWithAWrongColumnPassesTheStepsAndFailsTheColumn() throws {
        let data = try Self.data(k: 2)
        let n = Double(data.count)
        var base = Self.trace(nil, data: data, start: Self.start(k: 2), steps: 6)
        func column(_ f: (TraceParameters) -> Double) -> EMTrace {
            for r in base.rows.indices {
                let row = base.rows[r]
                base.rows[r].logLikelihood = f(TraceParameters(weights: row.weights, means: row.means, sds: row.sds))
            }
            return base
        }
        // ℓ, written here term by term.
        func logDensity(_ x: Double, _ m: Double, _ s: Double) -> Double { -0.5 * log(2 * .pi * s * s) - (x - m) * (x - m) / (2 * s * s) }
        func ell(_ p: TraceParameters) -> Double {
            data.reduce(0) { sum, x in sum + log((0..<2).reduce(0) { $0 + p.weights[$1] * exp(logDensity(x, p.means[$1], p.sds[$1])) }) }
        }
        let cases: [(String, (TraceParameters) -> Double, LogLikelihoodColumnVerdict?)] = [
            ("right", ell, .matches),
            ("no constant", { ell($0) + n * log(2 * .pi) / 2 }, .missingConstant),
            (
                "no weights", { p in data.reduce(0) { s, x in s + log(exp(logDensity(x, p.means[0], p.sds[0])) + exp(logDensity(x, p.means[1], p.sds[1]))) } },
                .weightsLeftOut
            ),
            (
                "sum of logs", { p in data.reduce(0) { s, x in s + (0..<2).reduce(0) { $0 + log(p.weights[$1]) + logDensity(x, p.means[$1], p.sds[$1]) } } },
                .sumOfLogs
            ),
            ("per point", { ell($0) / n }, .averagePerPoint),
            ("negated", { -ell($0) }, .negated),
            ("nonsense", { ell($0) * 1.01 }, nil)
        ]
        for (name, f, verdict) in cases {
            let outcome = try TraceAudit.run(data: data, trace: column(f), configuration: EMConfiguration())
            #expect(outcome.isEM, "\(name)")
            #expect(outcome.logLikelihoodColumn?.verdict == verdict, "\(name): \(outcome.logLikelihoodColumn?.explanation ?? "")")
            #expect(outcome.logLikelihoodColumn?.matches == (verdict == .matches))
        }
    }

    // MARK: - The NumPy fixtures

    @Test func theNumPyFixturesGetTheirVerdicts() throws {
        let faithful = try DataSet.read(path: Tool.packageRoot.appendingPathComponent("Tests/Fixtures/faithful-waiting.txt").path)
        let three = try DataSet.read(path: Self.fixtures.appendingPathComponent("three.txt").path)
        let cases: [(String, [Double], TraceAuditOutcome.Verdict, LogLikelihoodColumnVerdict?)] = [
            ("numpy-em", faithful, .em, .matches),
            ("numpy-em-rounded", faithful, .em, .matches),
            ("numpy-unbiased", faithful, .defect([.unbiasedVariance]), .matches),
            ("numpy-old-mean", faithful, .defect([.varianceFromOldMean]), .matches),
            ("numpy-hard", faithful, .defect([.hardAssignments]), .matches),
            ("numpy-no-constant", faithful, .em, .missingConstant),
            ("numpy-means-twice", faithful, .generalizedEM, .matches),
            ("numpy-em-three", three, .em, .matches),
            ("numpy-unbiased-three", three, .defect([.unbiasedVariance]), .matches)
        ]
        for (name, data, verdict, column) in cases {
            let trace = try EMTrace.read(path: Self.fixtures.appendingPathComponent("\(name).csv").path)
            let outcome = try TraceAudit.run(data: data, trace: trace, configuration: EMConfiguration())
            #expect(outcome.verdict == verdict, "\(name)")
            #expect(outcome.logLikelihoodColumn?.verdict == column, "\(name)")
        }
    }

    @Test func aRoundedTraceStillCatchesADefect() throws {
        // The unbiased variance moves σ by σ/(2N_k) ≈ 0.05 here, far above 4 decimals' rounding.
        let faithful = try DataSet.read(path: Tool.packageRoot.appendingPathComponent("Tests/Fixtures/faithful-waiting.txt").path)
        let full = try EMTrace.read(path: Self.fixtures.appendingPathComponent("numpy-unbiased.csv").path)
        var text = "iteration,pi_1,pi_2,mu_1,mu_2,var_1,var_2\n"
        for row in full.rows {
            text +=
                ([String(row.iteration)] + (row.weights + row.means + row.sds.map { $0 * $0 }).map { String(format: "%.4f", $0) }).joined(separator: ",") + "\n"
        }
        let trace = try EMTrace.read(text: text, file: "rounded.csv")
        #expect(trace.givesVariances && !trace.hasLogLikelihood && trace.componentCount == 2)
        let outcome = try TraceAudit.run(data: faithful, trace: trace, configuration: EMConfiguration())
        #expect(outcome.defects == [.unbiasedVariance])
    }

    // MARK: - Bad traces

    @Test func badTracesGetOneLineNamingFileRowAndColumn() throws {
        let data = [1.0, 2, 3, 10, 11, 12]
        let header = "iteration,weight1,weight2,mean1,mean2,sd1,sd2\n"
        let cases: [(String, String)] = [
            (
                "iteration,weight1,weight2,mean1,mean2,mean3,sd1,sd2\n0,.5,.5,1,2,3,1,1\n1,.5,.5,1,2,3,1,1\n",
                "bad.csv:1: column 2 'weight1': the header has 3 mean columns but 2 weight columns"
            ),
            (header + "0,.5,.7,1,10,1,1\n1,.5,.5,2,11,1,1\n", "bad.csv:2: columns 'weight1'…'weight2': the start's weights sum to 1.2"),
            (header + "0,.5,.5,1,10,1,1\n1,.5,.5,2,11,-1,1\n", "bad.csv:3: column 'sd1' is -1"),
            (header + "0,.5,.5,1,10,1,1\n2,.5,.5,2,11,1,1\n", "bad.csv:3: column 'iteration': iteration 2 follows iteration 0"),
            (header + "0,.5,.5,1,10,1,1\n", "bad.csv: has 1 row after the header"),
            (header + "0,.5,.5,1,10,1,1\n1,.5,.5,x,11,1,1\n", "bad.csv:3: column 'mean1' holds 'x'"),
            ("iteration,weight1,weight2,mean1,mean2,sd1,sd2,colour\n0,.5,.5,1,10,1,1,red\n", "bad.csv:1: column 8 'colour' is not a trace column")
        ]
        for (text, message) in cases {
            #expect {
                _ = try TraceAudit.run(data: data, trace: try EMTrace.read(text: text, file: "bad.csv"), configuration: EMConfiguration())
            } throws: { error in
                let text = (error as? EMLabError)?.message ?? ""
                return text.hasPrefix(message) && !text.contains("\n")
            }
        }
        // A model the trace contradicts.
        let known = try EMTrace.read(text: header + "0,.5,.5,1,10,2,2\n1,.5,.5,2,11,2,2.5\n", file: "bad.csv")
        #expect {
            _ = try TraceAudit.run(data: data, trace: known, configuration: EMConfiguration(variance: .known(standardDeviation: 2)))
        } throws: { error in
            ((error as? EMLabError)?.message ?? "").hasPrefix("bad.csv:3 (iteration 1), column 'sd2': σ is 2.5, but --variance known=2")
        }
    }

    @Test func theCommandSaysEMWithStatusZeroAndNotEMWithStatusThree() throws {
        let faithful = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/faithful-waiting.txt").path
        let good = try Tool.run(["audit", faithful, "--trace", Self.fixtures.appendingPathComponent("numpy-em.csv").path])
        #expect(good.status == 0 && good.stdout.contains("EM: yes"))
        let bad = try Tool.run(["audit", faithful, "--trace", Self.fixtures.appendingPathComponent("numpy-unbiased.csv").path, "--format", "json"])
        #expect(bad.status == 3)
        #expect(bad.stdout.contains(#""isEM": false"#) && bad.stdout.contains(#""defect": "unbiased-variance""#))
        #expect(bad.stdout.contains(#""firstDeviation": {"iteration": 1, "line": 3, "parameter": "sd1""#))
        let broken = try Tool.run(["audit", faithful, "--trace", Self.fixtures.appendingPathComponent("three.txt").path])
        #expect(broken.status == 1 && broken.stderr.hasPrefix("Error: ") && broken.stderr.split(separator: "\n").count == 1)
    }
}

/// The false-alarm rate of the tolerance rule on EMLab's own traces of the
/// committed studies' data: every row of the runs.csv files named in
/// `EMLAB_AUDIT_FALSE_ALARMS` (colon-separated) is replayed from its seeds
/// (``StudyReplay``) with its trace, and the traces of plain EM (the
/// engine, unaccelerated) are audited under the row's own model and
/// variance floor; each one not judged EM is a false alarm. The
/// documents' as-written estimators are audited too, to count how often
/// their defect is named. A measurement, run by hand (`make`-free):
///
///     EMLAB_AUDIT_FALSE_ALARMS=Results/example/runs.csv swift test --filter falseAlarmRate
@Suite struct TraceAuditFalseAlarmMeasurement {
    static let paths = ProcessInfo.processInfo.environment["EMLAB_AUDIT_FALSE_ALARMS"]

    @Test(.enabled(if: paths != nil, "set EMLAB_AUDIT_FALSE_ALARMS to runs.csv paths to measure"))
    func falseAlarmRate() throws {
        var audited = 0, alarms = 0, steps = 0, mappedAudited = 0, mappedAlarms = 0
        var worst = 0.0, mappedWorst = 0.0
        var named: [String: (runs: Int, named: Int)] = [:]
        for path in Self.paths!.split(separator: ":").map(String.init) {
            let reader = try RunsReader(path: path)
            var rows = 0
            while try reader.next() != nil { rows += 1 }
            for row in 1...max(rows, 1) where rows > 0 {
                let replayed = try StudyReplay.replay(runsPath: path, row: row)
                guard let result = replayed.result, let trace = result.trace, trace.mixtures.count >= 2 else { continue }
                var configuration = replayed.condition.configuration
                let dataSD = Initialization.standardDeviation(replayed.data)
                configuration.varianceFloor = max(
                    configuration.varianceFloor, replayed.condition.estimator.relativeVarianceFloor * dataSD * dataSD)
                let outcome = try TraceAudit.run(data: replayed.data, trace: EMTrace(trace, file: "\(path) row \(row)"), configuration: configuration)
                switch replayed.condition.estimator.method {
                case .engine where configuration.acceleration == .none:
                    audited += 1
                    steps += outcome.steps.count
                    worst = max(worst, outcome.steps.map(\.ratio).max() ?? 0)
                    if !outcome.isEM {
                        alarms += 1
                        print(
                            "false alarm: \(path) row \(row): \(outcome.verdict) at \(outcome.firstDeviation.map { "\($0.iteration) \($0.parameter)" } ?? "")")
                    }
                    // The same fit as `emlab fit` runs it: on the data standardised, mapped back.
                    var traced = configuration
                    traced.recordTrace = true
                    if let standardized = try? StandardizedFit(data: replayed.data),
                        let start = try? standardized.standardize(trace.mixtures[0])
                    {
                        let fit = standardized.restore(
                            ExpectationMaximization.fit(
                                data: standardized.standardized, start: start, configuration: standardized.standardized(traced)))
                        if let mapped = fit.trace, mapped.mixtures.count >= 2 {
                            let check = try TraceAudit.run(data: replayed.data, trace: EMTrace(mapped), configuration: configuration)
                            mappedAudited += 1
                            mappedWorst = max(mappedWorst, check.steps.map(\.ratio).max() ?? 0)
                            if !check.isEM {
                                mappedAlarms += 1
                                print(
                                    "false alarm (standardised): \(path) row \(row): \(check.verdict) at \(check.firstDeviation.map { "\($0.iteration) \($0.parameter) \($0.expected) \($0.actual)" } ?? "")"
                                )
                            }
                        }
                    }
                case .asWritten(let estimator):
                    let entry = named[estimator.rawValue, default: (0, 0)]
                    named[estimator.rawValue] = (entry.runs + 1, entry.named + (outcome.defects.isEmpty ? 0 : 1))
                    if outcome.defects.isEmpty {
                        print("\(estimator.rawValue) unnamed: \(path) row \(row): \(outcome.verdict), \(outcome.uncheckedNote ?? "")")
                    }
                default: break
                }
            }
        }
        print("audit false alarms: \(alarms) of \(audited) EMLab traces (\(steps) steps); the largest residual was \(worst) of its tolerance")
        print("standardised and mapped back: \(mappedAlarms) false alarms of \(mappedAudited) traces; the largest residual was \(mappedWorst) of its tolerance")
        for (name, entry) in named.sorted(by: { $0.key < $1.key }) { print("\(name): a defect named in \(entry.named) of \(entry.runs) traces") }
        #expect(audited > 0)
    }
}
