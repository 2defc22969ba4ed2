import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

@Suite struct OrderStatisticsTests {
    /// Every rank of several series equals the sorted array's, in memory and spilled to disk alike.
    @Test(arguments: [1 << 20, 7]) func selectionEqualsSorting(memoryLimit: Int) throws {
        let dir = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let statistics = OrderStatistics(folder: dir.path, memoryLimit: memoryLimit)
        var generator = SystemRandomNumberGenerator()
        var values: [[Double]] = [[], [], []]
        let specials: [Double] = [0, -0.0, 1e-300, -1e300, .infinity, -.infinity, 5, 5, 5]
        for i in 0..<400 {
            let series = i % 3
            let value = i < specials.count ? specials[i] : Double.random(in: -1e3...1e3, using: &generator).rounded(.towardZero) / 8
            values[series].append(value)
            try statistics.add(value, series: series)
        }
        #expect(statistics.counts == values.map(\.count))
        let requests = values.indices.flatMap { s in values[s].indices.map { (series: s, rank: $0) } }
        let selected = try statistics.select(requests)
        let sorted = values.map { $0.sorted { OrderStatistics.key($0) < OrderStatistics.key($1) } }
        for (request, value) in zip(requests, selected) {
            #expect(value.bitPattern == sorted[request.series][request.rank].bitPattern)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "the spill file is unlinked at once")
    }

    /// summary.csv's quantile from order statistics is the type-7 quantile of the sorted values.
    @Test func quantileFromOrderStatistics() {
        let sorted: [Double] = [1, 2, 4, 8, 16]
        #expect(StudySummary.quantile(sorted, 0.25) == 2)
        #expect(StudySummary.quantile(sorted, 0.5) == 4)
        #expect(StudySummary.quantile([1, 2], 0.5) == 1.5)
        #expect(StudySummary.quantile([], 0.5).isNaN)
    }
}
