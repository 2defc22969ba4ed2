import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// `emlab report` summarises only the runs.csv the study wrote: the
/// manifest records its SHA-256 when the study finishes.
@Suite struct StudyRunsHashTests {
    @Test func reportRefusesARunsCSVTheStudyDidNotWrite() async throws {
        let text = ReferenceMaximumTests.experimentText.replacingOccurrences(of: "seed = 7", with: "seed = 8")
        let experiment = try ExperimentParser.parse(text: text, file: "reference.toml")
        let dir = try Tool.scratchDirectory(), other = try Tool.scratchDirectory()
        for (folder, e) in [(dir, experiment), (other, try ExperimentParser.parse(text: ReferenceMaximumTests.experimentText, file: "r.toml"))] {
            _ = try await StudyRunner.run(
                experiment: e, options: StudyRunner.Options(jobs: 2, outputDirectory: folder.path, progress: .quiet, plots: false))
        }
        let runs = dir.appendingPathComponent("runs.csv").path
        let manifest = try Manifest.read(path: dir.appendingPathComponent("manifest.json").path)
        #expect(manifest.runsSHA256 == (try SHA256.hexOfFile(atPath: runs)))
        #expect(manifest.runsSHA256 == SHA256.hex(Array(try readText(runs).utf8)))
        // Its own runs.csv: summarised again, the same bytes.
        let summary = try readText(dir.appendingPathComponent("summary.csv").path)
        _ = try StudyOutput.report(directory: dir.path, plots: false, reporter: nil)
        #expect(try readText(dir.appendingPathComponent("summary.csv").path) == summary)
        // Another study's runs.csv of the same shape: refused, and summary.csv left as it was.
        try FileManager.default.removeItem(atPath: runs)
        try FileManager.default.copyItem(atPath: other.appendingPathComponent("runs.csv").path, toPath: runs)
        let error = #expect(throws: EMLabError.self) { try StudyOutput.report(directory: dir.path, plots: false, reporter: nil) }
        #expect(error?.message.contains("is not the runs.csv this study wrote") == true)
        #expect(try readText(dir.appendingPathComponent("summary.csv").path) == summary)
    }
}
