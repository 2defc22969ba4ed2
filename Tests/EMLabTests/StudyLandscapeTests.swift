import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// `landscape-<condition>.svg` on the tiny study (goodExperiment: truth `a` has K = 2, traces = 1).
@Suite struct StudyLandscapeTests {
    @Test func tracedK2ConditionsGetTheirBasinsFromTheStudysOwnData() throws {
        let folder = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try goodExperiment.write(to: folder.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let run = try Tool.run(["run", "study.toml", "--output", "study", "--quiet", "--no-plots"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let study = folder.appendingPathComponent("study").path
        let experiment = try #require(StudyOutput.recordedExperiment(directory: study))

        // The regenerated data set is the one the study fitted: the traced fit's
        // last mixture scores on it the ℓ traces.csv recorded (to rounding).
        let table = try PlotTable(path: "\(study)/traces.csv")
        let columns = try ["condition", "replicate", "start", "logLikelihood", "weight1", "weight2", "mean1", "mean2", "sd1", "sd2"]
            .map { try table.column($0) }
        var last: [String]?
        while let row = try table.nextRow() {
            if row[columns[0]] == "1" && row[columns[1]] == "1" && row[columns[2]] == "1" { last = row }
        }
        let row = try #require(last)
        let value = { (index: Int) in parseNumber(row[columns[index]])! }
        let mixture = try GaussianMixture(weights: [value(4), value(5)], means: [value(6), value(7)], standardDeviations: [value(8), value(9)])
        let condition = try #require(experiment.conditions.first { $0.index == 1 })
        #expect(condition.componentCount == 2)
        let data = Simulation.generate(condition: condition, replicate: 1, experiment: experiment).data
        #expect(abs(mixture.logLikelihood(data) - value(3)) <= 1e-9 * abs(value(3)))

        // At most four landscapes, each of a traced K = 2 condition, with the paths as data.
        let plots = try StudyLandscape.plots(directory: study, experiment: experiment, jobs: 2)
        #expect(!plots.isEmpty && plots.count <= StudyLandscape.conditionLimit)
        #expect(plots.first?.name == "landscape-1")
        for plot in plots {
            let number = try #require(Int(plot.name.dropFirst("landscape-".count)))
            #expect(experiment.conditions.first { $0.index == number }?.componentCount == 2)
            #expect(plot.script.hasPrefix("# \(plot.name).gp — condition \(number) "))
            #expect(plot.script.contains("OUTPUT = \"\(plot.name).svg\""))
            #expect(plot.dataFiles.first?.contents.contains("# start 1\n") == true)
        }
        // The grid does not depend on the workers.
        #expect(try StudyLandscape.plots(directory: study, experiment: experiment, jobs: 1).map(\.script) == plots.map(\.script))
    }
}
