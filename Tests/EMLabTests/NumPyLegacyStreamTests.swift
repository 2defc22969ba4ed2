import Foundation
import Testing
@testable import EMLab

/// ``NumPyLegacyStream`` against NumPy's own legacy `np.random` outputs
/// (Tests/Fixtures/numpy-legacy.json, written by
/// Tests/Fixtures/make_numpy_legacy_fixture.py). Every value must be equal
/// exactly: doubles bit for bit, integers as integers.
@Suite struct NumPyLegacyStreamTests {
    static let fixtureURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/numpy-legacy.json")

    static let seeds: [UInt32] = [0, 1, 42, 123_456_789]

    /// The 50 values the fixture's `choice` calls draw from (`'a': 'range50'`).
    static let range50 = (0..<50).map(Double.init)

    // The fixture is read with JSONDecoder, which parses doubles exactly.
    // JSONSerialization does not: on Linux its NSNumber → Double bridging
    // can be off by an ulp or two (0.5488135039273248 came back as
    // 0.548813503927325), which would make a bit-exact test meaningless.

    struct Fixture: Decodable {
        var numpy: String
        var seeds: [SeedEntry]
        var document003: Document
    }

    struct SeedEntry: Decodable {
        var seed: UInt32
        var sequences: [Call]
        var interleaved: [Call]
    }

    /// One NumPy call and what it returned.
    struct Call: Decodable {
        struct Args: Decodable {
            var size: Int
            var loc: Double?, scale: Double?
            var n: Int?, p: Double?
            var low: Int?, high: Int?
            var a: String?
        }
        var call: String
        var method: String
        var args: Args
        var values: Draws

        enum CodingKeys: String, CodingKey { case call, method, args, values }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            call = try container.decode(String.self, forKey: .call)
            method = try container.decode(String.self, forKey: .method)
            args = try container.decode(Args.self, forKey: .args)
            switch method {
            case "binomial", "randint": values = .ints(try container.decode([Int].self, forKey: .values))
            default: values = .doubles(try container.decode([Double].self, forKey: .values))
            }
        }
    }

    struct Document: Decodable {
        var seed: UInt32
        var sigma: Double
        var note: String
        var z: [Int]
        var x_1: [Double]
        var x_2: [Double]
        var x: [Double]
    }

    static func fixture() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtureURL))
    }

    static func seedEntry(_ seed: UInt32) throws -> SeedEntry {
        try #require(try fixture().seeds.first { $0.seed == seed }, "no fixture entry for seed \(seed)")
    }

    /// What one call returned: NumPy gives floats or ints.
    enum Draws: Equatable, CustomStringConvertible {
        case doubles([Double])
        case ints([Int])

        /// Doubles compared by bit pattern, so -0.0 ≠ 0.0 and any last-bit
        /// difference fails.
        static func == (lhs: Draws, rhs: Draws) -> Bool {
            switch (lhs, rhs) {
            case (.doubles(let a), .doubles(let b)): return a.map(\.bitPattern) == b.map(\.bitPattern)
            case (.ints(let a), .ints(let b)): return a == b
            default: return false
            }
        }

        var description: String {
            switch self {
            case .doubles(let values): return "\(values)"
            case .ints(let values): return "\(values)"
            }
        }
    }

    /// Makes the fixture's call on `stream`.
    static func perform(_ call: Call, on stream: NumPyLegacyStream) throws -> Draws {
        let args = call.args
        let size = args.size
        switch call.method {
        case "random_sample":
            return .doubles((0..<size).map { _ in stream.randomSample() })
        case "rand":
            return .doubles(stream.rand(size))
        case "randn":
            return .doubles(stream.randn(size))
        case "normal":
            let loc = try #require(args.loc)
            let scale = try #require(args.scale)
            return .doubles(stream.normal(mean: loc, standardDeviation: scale, count: size))
        case "binomial":
            let n = try #require(args.n)
            let p = try #require(args.p)
            return .ints(stream.binomial(trials: n, probability: p, count: size))
        case "choice":
            #expect(args.a == "range50")
            return .doubles(stream.choice(range50, count: size))
        case "randint":
            #expect(args.low == 0, "only randint(0, high) is replayed")
            let high = try #require(args.high)
            return .ints(stream.randomInteger(below: high, count: size))
        default:
            Issue.record("unknown method \(call.method) in the fixture")
            return .ints([])
        }
    }

    static func check(_ call: Call, on stream: NumPyLegacyStream, seed: UInt32, context: String) throws {
        let mine = try perform(call, on: stream)
        #expect(mine == call.values, "seed \(seed), \(context) \(call.call): EMLab \(mine), NumPy \(call.values)")
    }

    @Test func fixtureIsThere() throws {
        let fixture = try Self.fixture()
        #expect(fixture.seeds.map(\.seed).sorted() == Self.seeds)
        #expect(!fixture.numpy.isEmpty)
    }

    @Test(arguments: seeds)
    func freshSequencesMatchNumPy(seed: UInt32) throws {
        let sequences = try Self.seedEntry(seed).sequences
        #expect(sequences.count >= 13)
        for call in sequences {
            // Each sequence follows a fresh np.random.seed(seed).
            try Self.check(call, on: try NumPyLegacyStream(seed: seed), seed: seed, context: "fresh")
        }
    }

    @Test(arguments: seeds)
    func interleavedCallsStayAligned(seed: UInt32) throws {
        let steps = try Self.seedEntry(seed).interleaved
        #expect(steps.count >= 6)
        let stream = try NumPyLegacyStream(seed: seed)
        for (i, call) in steps.enumerated() {
            try Self.check(call, on: stream, seed: seed, context: "interleaved step \(i)")
        }
    }

    @Test func seedZeroIsNumPysNotGSLsDefault() throws {
        // GSL maps seed 0 to 4357; NumPy's seed 0 is init_genrand(0).
        let numpy = try NumPyLegacyStream(seed: 0)
        #expect(numpy.randomSample() == 0.5488135039273248)
        let gslDefault = try NumPyLegacyStream(seed: 4357)
        #expect(gslDefault.randomSample() != 0.5488135039273248)
    }

    @Test func oddNormalCountLeavesTheSecondPolarValueCached() throws {
        // randn(1), a uniform, randn(1) gives randn(2) then the uniform: the
        // second normal comes from the cache and draws nothing.
        let pairwise = try NumPyLegacyStream(seed: 42)
        let single = try NumPyLegacyStream(seed: 42)
        let two = pairwise.randn(2)
        let uniformAfterTwo = pairwise.randomSample()
        let first = single.randn(1)
        let uniformBetween = single.randomSample()
        let second = single.standardNormal()
        #expect(first[0].bitPattern == two[0].bitPattern)
        #expect(second.bitPattern == two[1].bitPattern)
        #expect(uniformBetween.bitPattern == uniformAfterTwo.bitPattern)
    }

    @Test func documentThreeDataMatchesNumPy() throws {
        let document = try Self.fixture().document003
        #expect(document.seed == 42)
        #expect(document.sigma == 2.0)
        #expect(document.x.count == 40)

        // np.random.seed(42); z = binomial(1, 0.4, 40); x_1 = normal(-2.5, 2, 40);
        // x_2 = normal(3.5, 2, 40); x = z * x_1 + (1 - z) * x_2
        let stream = try NumPyLegacyStream(seed: document.seed)
        let z = stream.binomial(trials: 1, probability: 0.4, count: 40)
        let x1 = stream.normal(mean: -2.5, standardDeviation: document.sigma, count: 40)
        let x2 = stream.normal(mean: 3.5, standardDeviation: document.sigma, count: 40)
        var x: [Double] = []
        for i in 0..<40 {
            let keep1: Double = Double(z[i]) * x1[i]
            let keep2: Double = Double(1 - z[i]) * x2[i]
            x.append(keep1 + keep2)
        }

        #expect(z == document.z)
        #expect(x1.map(\.bitPattern) == document.x_1.map(\.bitPattern), "x_1: EMLab \(x1), NumPy \(document.x_1)")
        #expect(x2.map(\.bitPattern) == document.x_2.map(\.bitPattern), "x_2: EMLab \(x2), NumPy \(document.x_2)")
        #expect(x.map(\.bitPattern) == document.x.map(\.bitPattern), "x: EMLab \(x), NumPy \(document.x)")
    }
}
