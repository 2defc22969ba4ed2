import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// `data-profiles.svg` and `esteps-vs-em.svg` on the hand-written runs.csv of
/// Tests/Fixtures/profiles (see its README for the solved fits it holds).
@Suite struct DataProfilePlotTests {
    static let fixture = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/profiles/runs.csv").path

    /// A scratch runs.csv of `text` for the tests that need a variant of the fixture.
    static func scratchRuns(_ text: String) throws -> (folder: URL, path: String) {
        let folder = try PlotsTests.scratchDirectory()
        let path = folder.appendingPathComponent("runs.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    @Test func solvedMeansNoFailureAndOnlySelectedFitsCount() throws {
        let fits = try #require(try PlotScripts.profileFits(runsPath: Self.fixture))
        #expect(fits.count == 16)
        func solved(_ truth: String, _ estimator: String) -> [Double] {
            fits.filter { $0.group[0] == truth && $0.estimator == estimator && $0.solved }.compactMap(\.eSteps).sorted()
        }
        #expect(solved("d1", "em") == [100, 200, 300])  // replicate 4 stopped at the cap
        #expect(solved("d1", "squarem") == [10, 40])  // one worse, one error
        #expect(solved("d2", "em") == [50, 60, 70, 80])
        #expect(solved("d2", "squarem") == [6, 7, 8])
    }

    @Test func profilesAreStepFunctionsOfTheSolvedShare() throws {
        let plot = try #require(try PlotScripts.dataProfiles(runsPath: Self.fixture))
        let data = try #require(plot.dataFiles.first?.contents)
        // From (1, 0), one step of 1/4 per solved fit, flat to the group's largest E-steps.
        #expect(data.contains("# index 0: d1 — em: 3 of 4 solved\n1 0\n100 0.25\n200 0.5\n300 0.75\n400 0.75\n"))
        #expect(data.contains("# index 1: d1 — squarem: 2 of 4 solved\n1 0\n10 0.25\n40 0.5\n400 0.5\n"))
        #expect(data.contains("# index 3: d2 — squarem: 3 of 4 solved\n1 0\n6 0.25\n7 0.5\n8 0.75\n80 0.75\n"))
        // Two panels, one curve per estimator in each, the colour fixed by the estimator.
        #expect(plot.script.contains("set multiplot layout 1,2"))
        #expect(plot.script.components(separatedBy: "with steps").count - 1 == 4)
        #expect(plot.script.contains("index 2 using 1:2 with steps ls 1 title 'em'"))
    }

    @Test func withoutTheReferenceThereIsNoProfile() throws {
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
            .replacingOccurrences(of: "logLikelihoodReference", with: "logLikelihoodOther")
        let scratch = try Self.scratchRuns(text)
        defer { try? FileManager.default.removeItem(at: scratch.folder) }
        #expect(try PlotScripts.dataProfiles(runsPath: scratch.path) == nil)
    }

    /// Without a failWorse column, the verdict is ℓ_ref − ℓ ≤ 1e-6·max(1, |ℓ_ref|).
    @Test func theToleranceDecidesWhenTheVerdictIsMissing() throws {
        #expect(PlotScripts.solveTolerance(reference: -1000) == 1e-3)
        #expect(PlotScripts.solveTolerance(reference: 0.5) == 1e-6)
        let scratch = try Self.scratchRuns(
            """
            truth,sampler,n,estimator,init,replicate,selected,eSteps,logLikelihood,logLikelihoodReference
            a,latent,50,em,quantile,1,1,10,-1000.0009,-1000
            a,latent,50,em,quantile,2,1,12,-1000.0011,-1000
            a,latent,50,em,quantile,3,1,14,nan,-1000

            """)
        defer { try? FileManager.default.removeItem(at: scratch.folder) }
        let fits = try #require(try PlotScripts.profileFits(runsPath: scratch.path))
        #expect(fits.map(\.solved) == [true, false, false])
    }

    @Test func eStepsArePairedByDataSet() throws {
        let plot = try #require(try PlotScripts.eStepsVersusEM(runsPath: Self.fixture, pairs: [("em", "squarem")]))
        let data = try #require(plot.dataFiles.first?.contents)
        let points = data.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(points.count == 8)
        #expect(points.first == "100 10 d1 latent 100 quantile 1")
        #expect(points.last == "80 8 d2 latent 100 quantile 4")
        #expect(plot.script.contains("squarem vs em (median ratio 0.1, 8 data sets)"))
        #expect(plot.script.contains("x with lines"))
        // No plain twin in the study, or no data set fitted by both: no plot.
        #expect(try PlotScripts.eStepsVersusEM(runsPath: Self.fixture, pairs: []) == nil)
        #expect(try PlotScripts.eStepsVersusEM(runsPath: Self.fixture, pairs: [("em", "daarem")]) == nil)
    }

    @Test(.enabled(if: (try? Gnuplot.executable()) != nil, "needs gnuplot (make deps installs it)"))
    func bothPlotsRender() throws {
        let folder = try PlotsTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plots = [
            try #require(try PlotScripts.dataProfiles(runsPath: Self.fixture)),
            try #require(try PlotScripts.eStepsVersusEM(runsPath: Self.fixture, pairs: [("em", "squarem")]))
        ]
        let gnuplot = try Gnuplot.executable()
        for plot in plots {
            for file in plot.dataFiles { try AtomicFile.write(file.contents, to: folder.appendingPathComponent(file.fileName).path) }
            try AtomicFile.write(plot.script, to: folder.appendingPathComponent("\(plot.name).gp").path)
            try Gnuplot.render(name: plot.name, in: folder, gnuplot: gnuplot)
            let svg = try String(contentsOf: folder.appendingPathComponent("\(plot.name).svg"), encoding: .utf8)
            #expect(svg.contains("<svg"))
        }
    }
}
