import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Reading partial files from their end: every line, across chunk
/// boundaries, in constant memory.
@Suite struct BackwardLineReaderTests {
    func lines(backwards text: String) throws -> [BackwardLineReader.Line] {
        let path = try Tool.scratchDirectory().appendingPathComponent("f.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var reader = try BackwardLineReader(path: path)
        defer { reader.close() }
        var lines: [BackwardLineReader.Line] = []
        while let line = try reader.previousLine() { lines.append(line) }
        return lines
    }

    @Test func everyLineComesBackAcrossChunkBoundaries() throws {
        var text = ""
        for i in 0..<30_000 { text += String(repeating: "x", count: i % 23) + ",\(i)\n" }
        text += String(repeating: "long", count: 40_000) + "\n"  // a line longer than a chunk
        text += "end\n"
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let read = try lines(backwards: text)
        #expect(read.map { String(decoding: $0.bytes, as: UTF8.self) } == expected.reversed())
        #expect(read.allSatisfy { $0.terminated })
        #expect(read.first?.end == text.utf8.count)
    }

    @Test func aTornLastLineIsMarkedAndNotRead() throws {
        let read = try lines(backwards: "header\n1,2\n3,4\n5,")
        #expect(read.count == 4)
        #expect(!read[0].terminated && read[0].bytes.isEmpty && read[0].offset == 15)
        #expect(read[1].terminated && String(decoding: read[1].bytes, as: UTF8.self) == "3,4" && read[1].end == 15)
    }

    @Test func quotedFieldsAreSplitAsCSV() {
        #expect(PartialFiles.fields(Array("1,\"a,b\",\"say \"\"hi\"\"\",,x".utf8)) == ["1", "a,b", "say \"hi\"", "", "x"])
    }
}
