import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// The remedies for collapsed variances (Sources/EMLab/Fitting/Remedies):
/// MAP-EM against mclust, the variance-ratio truncation against a brute-force
/// search, the penalty's monotone objective and its limit, and MixtureInf's
/// update as written.
@Suite struct RemedyTests {
    static let fixtures = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/remedies")

    static func values(_ name: String) throws -> [Double] {
        let url: URL
        switch name {
        case "faithful": url = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/faithful-waiting.txt")
        default: url = fixtures.appendingPathComponent("\(name).txt")
        }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { Double($0) }
    }

    func isClose(_ a: Double, _ b: Double, relative: Double) -> Bool { abs(a - b) <= relative * max(abs(a), abs(b)) }

    static func mclustFits() throws -> [[String: Any]] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("mclust-prior.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["fits"] as? [[String: Any]])
    }

    /// mclust's `Mclust(x, G, "V"/"E", prior = priorControl())` on Old Faithful
    /// (G = 2, 3), galaxies (3, 4) and document 002 (3), from mclust's own
    /// start: estimates, ℓ and BIC to 1e-6 relative, and the same hyperparameters.
    @Test func mapEMAgreesWithMclust() throws {
        let fits = try Self.mclustFits()
        #expect(fits.count == 10)
        for fit in fits {
            let name = try #require(fit["data"] as? String)
            let model = try #require(fit["model"] as? String)
            let g = try #require(fit["G"] as? Int)
            let x = try Self.values(name)
            #expect(x.count == fit["n"] as? Int)
            let start = try #require(fit["start"] as? [String: [Double]])
            let mixture = try GaussianMixture(weights: start["weights"]!, means: start["means"]!, standardDeviations: start["sds"]!)
            var configuration = EMConfiguration(
                variance: model == "V" ? .perComponent : .shared, stoppingRule: .parameterChange(1e-12),
                maxIterations: 200_000)
            configuration.remedy = .prior(ConjugatePrior())
            let hyper = try #require(fit["prior"] as? [String: Double])
            let resolved = ConjugatePrior().resolved(data: x, componentCount: g)
            #expect(isClose(resolved.scale, hyper["scale"]!, relative: 1e-12))
            #expect(isClose(resolved.mean, hyper["mean"]!, relative: 1e-12))
            let result = ExpectationMaximization.fit(data: x, start: mixture, configuration: configuration)
            let label = "\(name) \(model) G=\(g)"
            #expect(result.stopReason == .converged, "\(label)")
            func close(_ mine: [Double], _ theirs: [Double], _ what: String) {
                for (a, b) in zip(mine, theirs) { #expect(isClose(a, b, relative: 1e-6), "\(label) \(what): \(a) vs mclust \(b)") }
            }
            close(result.mixture.weights, fit["weights"] as! [Double], "weights")
            close(result.mixture.means, fit["means"] as! [Double], "means")
            close(result.mixture.standardDeviations, fit["sds"] as! [Double], "sds")
            let loglik = try #require(fit["loglik"] as? Double)
            #expect(isClose(result.logLikelihood, loglik, relative: 1e-6), "\(label) ℓ \(result.logLikelihood) vs \(loglik)")
            let criteria = try #require(InformationCriteria(fit: result, data: x, configuration: configuration))
            #expect(criteria.parameters == fit["parameters"] as? Int)
            #expect(isClose(criteria.mclustBIC, fit["bic"] as! Double, relative: 1e-6), "\(label) BIC")
            // The log-posterior exceeds ℓ by log p(θ), which EMLab reports beside it.
            #expect(result.objective.isFinite && result.objective != result.logLikelihood)
            #expect(result.largestRelativeDecrease < 1e-12, "\(label): the log-posterior fell")
        }
    }

    /// Document 002 at K = 3: mclust without a prior gives NA (its fit
    /// degenerates); with the prior it has an estimate, and so has EMLab.
    @Test func thePriorRescuesDocument002() throws {
        let fits = try Self.mclustFits()
        let entry = try #require(fits.first { $0["data"] as? String == "document002" && $0["model"] as? String == "V" })
        #expect(entry["bicWithoutPrior"] is NSNull)
        #expect((entry["bic"] as? Double)?.isFinite == true)
    }

    /// The truncation maximises Σ −½ n_k (log v_k + d_k/v_k) under
    /// max v/min v ≤ C: no point of a brute-force search over the feasible
    /// set (every m on a fine grid, v_k = clip(d_k, m, C·m) being optimal
    /// for a given m, plus random feasible points) scores higher.
    @Test func truncationBeatsBruteForce() throws {
        let random = try RandomSource(seed: 23)
        func uniform(_ range: ClosedRange<Double>) -> Double { range.lowerBound + (range.upperBound - range.lowerBound) * random.uniform() }
        for _ in 0..<100 {
            let k = 2 + Int(random.uniform() * 4)
            let d = (0..<k).map { _ in exp(uniform(-6...3)) }
            let counts = (0..<k).map { _ in uniform(0.5...40) }
            let c = [1.0, 2, 12, 20][Int(random.uniform() * 4)]
            let truncated = VarianceRatioConstraint.truncate(variances: d, counts: counts, bound: c)
            #expect(VarianceRatioConstraint.isSatisfied(variances: truncated, bound: c))
            func score(_ v: [Double]) -> Double {
                var total = 0.0
                for j in 0..<k { total -= 0.5 * counts[j] * (log(v[j]) + d[j] / v[j]) }
                return total
            }
            let best = score(truncated)
            let lo = log(d.min()! / c) - 1, hi = log(d.max()!) + 1
            for step in 0...2000 {
                let m = exp(lo + (hi - lo) * Double(step) / 2000)
                let v = d.map { min(max($0, m), c * m) }
                #expect(score(v) <= best + 1e-9 * abs(best), "grid m = \(m) beats the truncation")
            }
            for _ in 0..<200 {
                let m = exp(uniform(lo...hi))
                let v = (0..<k).map { _ in m * exp(uniform(0...log(c))) }
                #expect(score(v) <= best + 1e-9 * abs(best))
            }
        }
    }

    /// Under the constraint the fit's ratio is at most C, ℓ never falls, and
    /// on document 002 at K = 3 (which collapses without a remedy) the bound binds.
    @Test func varianceRatioBindsOnDocument002() throws {
        let x = DocumentPreset.document002Data
        let standard = try StandardizedFit(data: x)
        var configuration = EMConfiguration(stoppingRule: .logLikelihoodChange(1e-10), maxIterations: 5000)
        configuration.remedy = .varianceRatio(12)
        let random = try RandomSource(seed: 2)
        for _ in 0..<10 {
            let means = (0..<3).map { _ in x[Int(random.uniform() * Double(x.count))] }
            let start = try GaussianMixture(weights: [1.0 / 3, 1.0 / 3, 1.0 / 3], means: means, standardDeviations: [3, 3, 3])
            let fit = try standard.fit(start: start, configuration: configuration) { start }
            let result = fit.result
            #expect(!result.hasNoEstimate)
            let variances = result.mixture.standardDeviations.map { $0 * $0 }
            #expect(variances.max()! / variances.min()! <= 12 * (1 + 1e-9))
            #expect(result.largestRelativeDecrease < 1e-12)
            #expect(result.remedyActive == true)
            #expect(result.objective == result.logLikelihood)
        }
    }

    /// The penalised objective never falls (plain EM and SQUAREM), and on
    /// well-separated data the penalised estimates approach the MLE's as n grows.
    @Test func penaltyIsMonotoneAndVanishesWithN() throws {
        let truth = try GaussianMixture(weights: [0.4, 0.6], means: [0, 10], standardDeviations: [1, 2])
        var previousGap = Double.infinity
        for n in [50, 500, 5000] {
            let x = Sampler.latent.drawValues(from: truth, count: n, using: try RandomSource(seed: UInt64(n)))
            var penalised = EMConfiguration(stoppingRule: .logLikelihoodChange(1e-12), maxIterations: 10_000)
            penalised.remedy = .penalty(ChenTanPenalty())
            let fit = ExpectationMaximization.fit(data: x, start: truth, configuration: penalised)
            #expect(fit.largestRelativeDecrease == 0 || fit.largestRelativeDecrease < 1e-13)
            #expect(fit.objective < fit.logLikelihood)
            var accelerated = penalised
            accelerated.acceleration = .squarem(SQUAREMOptions())
            let fast = ExpectationMaximization.fit(data: x, start: truth, configuration: accelerated)
            #expect(isClose(fast.objective, fit.objective, relative: 1e-9))
            let mle = ExpectationMaximization.fit(
                data: x, start: truth, configuration: EMConfiguration(stoppingRule: .logLikelihoodChange(1e-12), maxIterations: 10_000))
            var gap = 0.0
            for j in 0..<2 {
                gap = max(gap, abs(fit.mixture.standardDeviations[j] / mle.mixture.standardDeviations[j] - 1))
                gap = max(gap, abs(fit.mixture.means[j] - mle.mixture.means[j]) / mle.mixture.standardDeviations[j])
            }
            #expect(gap < previousGap, "n = \(n): the penalised fit is no closer to the MLE (\(gap))")
            previousGap = gap
        }
        #expect(previousGap < 1e-3)
    }

    /// One step of `--penalty chen-tan-as-in-mixtureinf` is R/iter1.norm.R's:
    /// σ_k² = (Σ w (x − μ_old)² + 2 S_x/√n)/(Σ w + 2/n), and the reported
    /// objective is ℓ + Σ −(1/n)(S_x/σ² + log(σ²/S_x) − 1) (R/pn.R).
    @Test func mixtureInfStepIsAsWritten() throws {
        let x = try Self.values("faithful")
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [55, 80], standardDeviations: [6, 6])
        var configuration = EMConfiguration(stoppingRule: .fixedIterations(1))
        configuration.remedy = .penalty(ChenTanPenalty(form: .asInMixtureInf))
        let result = ExpectationMaximization.fit(data: x, start: start, configuration: configuration)
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let sn = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        // The E-step at the start, written out.
        func density(_ v: Double, _ m: Double, _ s: Double) -> Double { exp(-0.5 * (v - m) * (v - m) / (s * s)) / (s * (2 * Double.pi).squareRoot()) }
        var sums = [0.0, 0.0], scatter = [0.0, 0.0], weighted = [0.0, 0.0]
        for v in x {
            let p = (0..<2).map { start.weights[$0] * density(v, start.means[$0], start.standardDeviations[$0]) }
            let total = p[0] + p[1]
            for j in 0..<2 {
                sums[j] += p[j] / total
                weighted[j] += p[j] / total * v
                scatter[j] += p[j] / total * (v - start.means[j]) * (v - start.means[j])
            }
        }
        var objective = 0.0
        var variances = [0.0, 0.0]
        for j in 0..<2 {
            variances[j] = (scatter[j] + 2 * sn / n.squareRoot()) / (sums[j] + 2 / n)
            #expect(isClose(result.mixture.standardDeviations[j] * result.mixture.standardDeviations[j], variances[j], relative: 1e-10))
            #expect(isClose(result.mixture.means[j], weighted[j] / sums[j], relative: 1e-12))
            objective -= (1 / n) * (sn / variances[j] + log(variances[j] / sn) - 1)
        }
        objective += x.map { v in
            log((0..<2).map { result.mixture.weights[$0] * density(v, result.mixture.means[$0], variances[$0].squareRoot()) }.reduce(0, +))
        }.reduce(0, +)
        #expect(isClose(result.objective, objective, relative: 1e-10))
    }

    /// The prior is equivariant: fitting 1000·x + 5 gives the estimates of x
    /// mapped, ℓ shifted by −n·log 1000, and the log-posterior by
    /// −(n + K + 2K)·log 1000 (the prior's Jacobian); an override given in
    /// the data's units moves with them.
    @Test func thePriorMovesWithTheUnits() throws {
        let x = try Self.values("faithful")
        let y = x.map { 1000 * $0 + 5 }
        let start = try GaussianMixture(weights: [0.5, 0.5], means: [55, 80], standardDeviations: [6, 6])
        let scaled = try GaussianMixture(weights: [0.5, 0.5], means: [55_005, 80_005], standardDeviations: [6000, 6000])
        for prior in [ConjugatePrior(), ConjugatePrior(shrinkage: 0.5, mean: 60, degreesOfFreedom: 5, scale: 30)] {
            var configuration = EMConfiguration(stoppingRule: .parameterChange(1e-12), maxIterations: 10_000)
            configuration.remedy = .prior(prior)
            var mapped = configuration
            mapped.remedy = .prior(
                ConjugatePrior(
                    shrinkage: prior.shrinkage, mean: prior.mean.map { 1000 * $0 + 5 }, degreesOfFreedom: prior.degreesOfFreedom,
                    scale: prior.scale.map { 1e6 * $0 }))
            let a = try StandardizedFit(data: x).fit(start: start, configuration: configuration) { start }.result
            let b = try StandardizedFit(data: y).fit(start: scaled, configuration: mapped) { scaled }.result
            for j in 0..<2 {
                #expect(isClose(1000 * a.mixture.means[j] + 5, b.mixture.means[j], relative: 1e-9))
                #expect(isClose(1000 * a.mixture.standardDeviations[j], b.mixture.standardDeviations[j], relative: 1e-7))
            }
            let n = Double(x.count)
            #expect(abs((a.logLikelihood - n * log(1000.0)) - b.logLikelihood) < 1e-6)
            #expect(abs((a.objective - (n + 6) * log(1000.0)) - b.objective) < 1e-6)
            // The same fit on the data as given (no standardising) agrees.
            let raw = ExpectationMaximization.fit(data: x, start: start, configuration: configuration)
            #expect(abs(raw.objective - a.objective) < 1e-6)
        }
    }

    /// Each remedy's spelling parses back to itself; a bad one says what is allowed.
    @Test func spellingsRoundTrip() throws {
        let remedies: [Remedy] = [
            .none, .prior(ConjugatePrior()), .prior(ConjugatePrior(shrinkage: 0.1, mean: -2, degreesOfFreedom: 4, scale: 9)),
            .varianceRatio(12), .penalty(ChenTanPenalty()), .penalty(ChenTanPenalty(scale: 0.25)),
            .penalty(ChenTanPenalty(form: .asInMixtureInf))
        ]
        for remedy in remedies { #expect(try Remedy(parsing: remedy.description) == remedy) }
        for bad in ["prior=jeffreys", "variance-ratio=0.5", "penalty=chen-tan:an=-1", "prior=mclust:kappa=1", "floor"] {
            #expect(throws: EMLabError.self) { try Remedy(parsing: bad) }
        }
    }

    /// An experiment's estimator takes `remedy`; a document's as-written step refuses it, naming file and line.
    @Test func experimentsTakeARemedy() throws {
        let text = goodExperiment.replacingOccurrences(
            of: "variance = \"per-component\"", with: "variance = \"per-component\"\nremedy = \"variance-ratio=12\"")
        let experiment = try ExperimentParser.parse(text: text, file: "remedy.toml")
        #expect(experiment.conditions.contains { $0.estimator.configuration.remedy == .varianceRatio(12) })
        for (replacement, expected) in [
            ("remedy = \"prior=flat\"", "bad.toml:18: [estimators.free] remedy: unknown remedy 'prior=flat'"),
            ("method = \"doc002-as-written\"\nremedy = \"prior=mclust\"", "bad.toml:19: [estimators.free] remedy: method doc002-as-written")
        ] {
            let bad = goodExperiment.replacingOccurrences(
                of: "variance = \"per-component\"", with: "variance = \"per-component\"\n" + replacement)
            do {
                _ = try ExperimentParser.parse(text: bad, file: "bad.toml")
                Issue.record("no error for \(replacement)")
            } catch {
                #expect((error as? EMLabError)?.message.hasPrefix(expected) == true, "got: \(error)")
            }
        }
    }

    /// `emlab fit --compare-remedies` on document 002 (K = 3): the unremedied
    /// fit collapses; every other remedy has an estimate, is active, and differs.
    @Test func compareRemediesOnDocument002() throws {
        let request = FitRequest(componentCount: 3, configuration: EMConfiguration())
        let comparison = try RemedyComparison.run(request: request, data: DocumentPreset.document002Data)
        #expect(
            comparison.rows.map(\.name) == [
                "none", "floor=0.001·var(x)", "restarts≤10", "shared variance", "prior=mclust", "variance-ratio=12",
                "penalty=chen-tan", "penalty=chen-tan-as-in-mixtureinf"
            ])
        #expect(comparison.rows[0].outcome.result.hasNoEstimate)
        for row in comparison.rows.dropFirst() {
            #expect(!row.outcome.result.hasNoEstimate, "\(row.name)")
            #expect(row.differs, "\(row.name)")
        }
        for row in comparison.rows.dropFirst(4) { #expect(row.active == true, "\(row.name)") }
        let text = RemedyComparisonReport.text(comparison, dataCount: 50)
        // The title, the table's header, 8 remedies × 3 components, the 4 lines of the key (blank lines not counted).
        #expect(text.split(separator: "\n").count == 1 + 1 + 8 * 3 + 4)
        let json = try JSONSerialization.jsonObject(with: Data(RemedyComparisonReport.json(comparison).utf8)) as? [String: Any]
        #expect((json?["remedies"] as? [Any])?.count == 8)
    }

    /// The fit's text and JSON name the remedy, its objective and whether it was active.
    @Test func theFitReportsTheRemedy() throws {
        let dir = try Tool.scratchDirectory()
        try (DocumentPreset.document002Data.map { "\($0)" }.joined(separator: "\n") + "\n").write(
            to: dir.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
        let text = try Tool.run(["fit", "d.txt", "-k", "3", "--prior", "mclust"], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("remedy: prior=mclust — the stopping rule reads the log-posterior"))
        #expect(text.stdout.contains("remedy active at the solution: yes"))
        let json = try Tool.run(["fit", "d.txt", "-k", "3", "--penalty", "chen-tan", "--format", "json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let remedy = try #require(object["remedy"] as? [String: Any])
        #expect(remedy["name"] as? String == "penalty=chen-tan")
        #expect(remedy["objective"] as? String == "penalised log-likelihood")
        #expect(remedy["active"] as? Bool == true)
        let bad = try Tool.run(["fit", "d.txt", "-k", "3", "--variance-ratio", "0.5"], in: dir)
        #expect(bad.status == 64 && bad.stderr.contains("--variance-ratio C ≥ 1"))
    }

    /// anderson, daarem, qn and pem run the plain EM map: a remedy with them
    /// is refused (fit, experiments), never silently dropped; landscape takes
    /// only none or squarem.
    @Test func remediesAreRefusedWithSchemesThatRunThePlainMap() throws {
        let dir = try Tool.scratchDirectory()
        try (DocumentPreset.document002Data.map { "\($0)" }.joined(separator: "\n") + "\n").write(
            to: dir.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
        for scheme in ["anderson", "daarem", "qn", "pem"] {
            let fit = try Tool.run(["fit", "d.txt", "-k", "3", "--prior", "mclust", "--accelerate", scheme], in: dir)
            #expect(fit.status == 64 && fit.stderr.contains("go with --accelerate none or squarem"), "\(fit.stderr)")
        }
        let landscape = try Tool.run(["landscape", "d.txt", "-k", "2", "--grid", "3", "--accelerate", "qn"], in: dir)
        #expect(landscape.status == 64 && landscape.stderr.contains("--accelerate none or squarem"), "\(landscape.stderr)")
        let experiment = """
            name = "remedy-qn"
            seed = 1
            replicates = 1
            [truths.a]
            weights = [0.5, 0.5]
            means = [0.0, 3.0]
            sds = [1.0, 1.0]
            [estimators.prior]
            remedy = "prior=mclust"
            accelerate = "qn"
            [[design]]
            truth = ["a"]
            n = [50]
            estimator = ["prior"]
            """
        try experiment.write(to: dir.appendingPathComponent("e.toml"), atomically: true, encoding: .utf8)
        let run = try Tool.run(["run", "e.toml", "-o", "out"], in: dir)
        #expect(run.status != 0 && run.stderr.contains("e.toml") && run.stderr.contains("remedy"), "\(run.stderr)")
    }

    /// A study with a remedy estimator records its objective, activity and
    /// change per fit, and summarises the rates with their Monte Carlo SEs;
    /// the plain estimator's remedy fields stay empty.
    @Test func studiesRecordTheRemedy() throws {
        let dir = try Tool.scratchDirectory()
        let experiment = """
            name = "remedy-columns"
            seed = 3
            replicates = 6
            starts = 2

            [truths.ties]
            preset = "doc002"

            [estimators.plain]
            components = 3

            [estimators.prior]
            components = 3
            remedy = "prior=mclust"

            [design]
            truth = ["ties"]
            sampler = ["bootstrap"]
            n = [50]
            estimator = ["plain", "prior"]
            init = ["data-points"]
            """
        try experiment.write(to: dir.appendingPathComponent("r.toml"), atomically: true, encoding: .utf8)
        let run = try Tool.run(["run", "r.toml", "--output", "out", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let runs = try String(contentsOf: dir.appendingPathComponent("out/runs.csv"), encoding: .utf8).split(separator: "\n")
        #expect(runs[0].hasSuffix(",objective,remedyActive,remedyEffect,remedyChanged"))
        for line in runs.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let remedy = fields.suffix(4)
            let filled = remedy.filter { !$0.isEmpty }.count
            #expect(filled == (fields[4] == "plain" ? 0 : 4))
        }
        let summary = try String(contentsOf: dir.appendingPathComponent("out/summary.csv"), encoding: .utf8).split(separator: "\n")
        #expect(summary[0].hasSuffix(",remedyN,rate_remedyActive,rate_remedyActiveSE,rate_remedyChanged,rate_remedyChangedSE"))
        let prior = try #require(summary.first { $0.contains(",prior,") }).split(separator: ",", omittingEmptySubsequences: false)
        #expect(prior.suffix(5).first == "6")
    }
}
