import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// manifest.json is written by ``Manifest/json`` (fixed key order) and read
/// back as a typed ``Manifest``: the two agree field for field.
@Suite struct ManifestTests {
    static let sample = Manifest(
        experimentName: "example", experimentFile: "Experiments/example.toml", experimentSHA256: "ab12",
        experimentText: "name = \"example\"\n# a \"quoted\" comment\n", generator: "mt19937", normalMethod: "polar",
        studySeed: 4_294_967_295_123, conditions: 12, replicates: 1200, shard: try! Shard(index: 2, count: 4), units: 300,
        commandLine: ["emlab", "run", "x y.toml"], jobs: 2, status: .interrupted, startTime: "2026-12-04T15:00:00Z",
        endTime: "2026-12-04T15:01:00Z", elapsedSeconds: 60.125)

    @Test func writtenManifestsReadBackEqual() throws {
        let directory = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for manifest in [
            Self.sample,
            {
                var m = Self.sample
                m.endTime = nil
                m.elapsedSeconds = nil
                m.status = .running
                return m
            }()
        ] {
            let path = directory.appendingPathComponent("manifest.json").path
            try manifest.json.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try Manifest.read(path: path) == manifest)
        }
    }

    @Test func aBrokenManifestSaysWhatIsWrong() throws {
        let directory = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("manifest.json").path
        func message(_ text: String) -> String {
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            do {
                _ = try Manifest.read(path: path)
                return ""
            } catch let error as EMLabError { return error.message } catch { return "\(error)" }
        }
        #expect(message("{") == "\(path): not a readable manifest (invalid JSON)")
        let json = Self.sample.json
        #expect(message(json.replacingOccurrences(of: "\"status\": \"interrupted\",", with: "")) == "\(path): not a readable manifest (no status)")
        #expect(
            message(json.replacingOccurrences(of: "\"status\": \"interrupted\"", with: "\"status\": \"paused\"")).hasPrefix("\(path): not a readable manifest"))
        #expect(
            message(json.replacingOccurrences(of: "\"shard\": \"2/4\"", with: "\"shard\": \"two\""))
                == "\(path): not a readable manifest (shard 'two' is not I/N)")
    }
}
