import Foundation
import Testing
import CEMKernels
@_spi(Benchmarks) @testable import EMLab

/// The fast E-step pass (the C kernel: 8-lane blocks, polynomial exp, one
/// log per lane per 64 blocks), at every CPU level this machine has, against
/// the scalar reference loop it replaced, and each level against the others
/// bit for bit.
@Suite struct SufficientStatisticsTests {
    struct Pass: CustomStringConvertible {
        var logLikelihood: Double
        var n: [Double], s: [Double], q: [Double]
        var description: String { "ℓ=\(logLikelihood) N=\(n) S=\(s) Q=\(q)" }
    }

    /// Which pass: the scalar reference, or the fast one at a kernel level.
    enum Mode: CustomStringConvertible {
        case reference
        case kernel(emlab_kernel_level)
        var description: String {
            switch self {
            case .reference: "reference"
            case .kernel(let level): String(cString: emlab_kernel_level_name(level))
            }
        }
    }

    /// The kernel levels this CPU can run (the baseline always).
    static let levels: [Mode] = [EMLAB_KERNEL_BASELINE, EMLAB_KERNEL_AVX2_FMA, EMLAB_KERNEL_AVX512]
        .filter { emlab_kernel_supports($0) != 0 }.map { .kernel($0) }
    static let allModes: [Mode] = [.reference] + levels

    static func run(_ data: [Double], _ weights: [Double], _ means: [Double], _ sds: [Double], _ mode: Mode) -> Pass {
        var stats = SufficientStatistics(componentCount: weights.count)
        let ll: Double
        switch mode {
        case .reference: ll = stats.accumulateReference(data: data, weights: weights, means: means, sds: sds)
        case .kernel(let level): ll = stats.accumulate(data: data, weights: weights, means: means, sds: sds, level: level)
        }
        return Pass(logLikelihood: ll, n: stats.responsibility, s: stats.shiftedSum, q: stats.shiftedSquares)
    }

    /// Σ_i |log f(x_i)|: the scale against which the log-likelihood's
    /// rounding is measured (ℓ itself may cancel to near 0).
    static func absoluteScale(_ data: [Double], _ weights: [Double], _ means: [Double], _ sds: [Double]) -> Double {
        data.reduce(0) { total, x in
            let terms = weights.indices.map { j in
                Foundation.log(weights[j]) - Foundation.log(sds[j]) - halfLogTwoPi
                    - 0.5 * (x - means[j]) * (x - means[j]) / (sds[j] * sds[j])
            }
            return total + abs(logSumExp(terms))
        }
    }

    /// Checks the fast pass against the reference on one problem.
    static func expectAgreement(
        _ data: [Double], _ weights: [Double], _ means: [Double], _ sds: [Double],
        _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let slow = run(data, weights, means, sds, .reference)
        for mode in levels {
            expectAgreement(
                run(data, weights, means, sds, mode), slow, data, weights, means, sds,
                "\(label) \(mode)", sourceLocation: sourceLocation)
        }
        // Every level, and the public entry point, compute the same bits.
        var stats = SufficientStatistics(componentCount: weights.count)
        let ll = stats.accumulate(data: data, weights: weights, means: means, sds: sds)
        for mode in levels {
            let other = run(data, weights, means, sds, mode)
            #expect(
                ll.bitPattern == other.logLikelihood.bitPattern && stats.responsibility == other.n
                    && stats.shiftedSum == other.s && stats.shiftedSquares == other.q,
                "\(label): \(mode) differs from the selected level \(SufficientStatistics.kernelLevel)",
                sourceLocation: sourceLocation)
        }
    }

    static func expectAgreement(
        _ fast: Pass, _ slow: Pass, _ data: [Double], _ weights: [Double], _ means: [Double],
        _ sds: [Double], _ label: String, sourceLocation: SourceLocation
    ) {
        let scale = max(absoluteScale(data, weights, means, sds), abs(slow.logLikelihood), 1e-300)
        #expect(slow.logLikelihood.isFinite, "\(label): the reference is not finite", sourceLocation: sourceLocation)
        #expect(
            abs(fast.logLikelihood - slow.logLikelihood) <= 1e-12 * scale,
            "\(label): ℓ \(fast.logLikelihood) vs \(slow.logLikelihood)", sourceLocation: sourceLocation)
        let count = Double(data.count)
        let claimed: Double = fast.n.reduce(0, +)
        #expect(
            abs(claimed - count) <= 1e-12 * count,
            "\(label): Σ_k N_k = \(claimed) for n = \(data.count)", sourceLocation: sourceLocation)
        // The reference adds point by point, so its own rounding grows like n·u:
        // beyond ~10^4 points 1e-12 is tighter than the reference itself.
        let relative = max(1e-12, count * 2e-16)
        for j in weights.indices {
            let tiny = 1e-290
            #expect(
                abs(fast.n[j] - slow.n[j]) <= relative * slow.n[j] + tiny,
                "\(label): N_\(j) \(fast.n[j]) vs \(slow.n[j])", sourceLocation: sourceLocation)
            // Σγ|x − μ| ≤ √(N·Q) bounds the terms of S, which may cancel.
            let sScale = (slow.n[j] * slow.q[j]).squareRoot()
            #expect(
                abs(fast.s[j] - slow.s[j]) <= relative * sScale + tiny,
                "\(label): S_\(j) \(fast.s[j]) vs \(slow.s[j])", sourceLocation: sourceLocation)
            #expect(
                abs(fast.q[j] - slow.q[j]) <= relative * slow.q[j] + tiny,
                "\(label): Q_\(j) \(fast.q[j]) vs \(slow.q[j])", sourceLocation: sourceLocation)
            if weights[j] == 0 { #expect(fast.n[j] == 0 && fast.s[j] == 0 && fast.q[j] == 0, sourceLocation: sourceLocation) }
        }
    }

    /// K components with random weights (some exactly 0 when `zeros`),
    /// means in [−10, 10] and sds in [0.3, 3].
    static func parameters(k: Int, zeros: Bool, source: RandomSource) -> ([Double], [Double], [Double]) {
        var weights = (0..<k).map { _ in 0.05 + source.uniform() }
        if zeros && k > 1 { weights[source.index(below: k)] = 0 }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        let means = (0..<k).map { _ in -10 + 20 * source.uniform() }
        let sds = (0..<k).map { _ in 0.3 + 2.7 * source.uniform() }
        return (weights, means, sds)
    }

    static let sizes = Array(1...17) + [31, 63, 64, 65, 127, 128, 129, 511, 512, 513, 999, 1000]

    @Test(arguments: 1...8)
    func agreesWithTheReferenceOnRandomProblems(k: Int) throws {
        let source = try RandomSource(seed: UInt64(100 + k))
        for n in Self.sizes {
            let (weights, means, sds) = Self.parameters(k: k, zeros: n % 3 == 0, source: source)
            let data = (0..<n).map { _ in -14 + 28 * source.uniform() + source.normal() }
            Self.expectAgreement(data, weights, means, sds, "K=\(k) n=\(n)")
        }
    }

    /// K > 8 goes through the general (not unrolled) loop.
    @Test(arguments: [9, 12, 20])
    func theGeneralPathAgreesToo(k: Int) throws {
        let source = try RandomSource(seed: UInt64(200 + k))
        for n in [1, 7, 8, 9, 100, 1000, 4099] {
            let (weights, means, sds) = Self.parameters(k: k, zeros: n % 2 == 1, source: source)
            let data = (0..<n).map { _ in -14 + 28 * source.uniform() }
            Self.expectAgreement(data, weights, means, sds, "K=\(k) n=\(n)")
        }
    }

    /// More than 64 full blocks: the running products are logged and reset.
    @Test func longRunsFlushTheProducts() throws {
        let source = try RandomSource(seed: 3)
        for k in [1, 2, 5, 8, 9] {
            let (weights, means, sds) = Self.parameters(k: k, zeros: false, source: source)
            let data = (0..<(64 * 8 * 5 + 3)).map { _ in -12 + 24 * source.uniform() }
            Self.expectAgreement(data, weights, means, sds, "K=\(k) long")
        }
        // Equal components make every s = K, the largest product the bound allows.
        let data = (0..<100_001).map { _ in source.normal() }
        for k in [2, 8, 9, 16] {
            let weights = Array(repeating: 1 / Double(k), count: k)
            Self.expectAgreement(data, weights, Array(repeating: 0, count: k), Array(repeating: 1, count: k), "K=\(k) equal")
        }
    }

    @Test(arguments: [1e-8, 1e8])
    func extremeStandardDeviations(sd: Double) throws {
        let source = try RandomSource(seed: 11)
        for k in 1...8 {
            for n in [1, 5, 8, 13, 200, 1001] {
                var (weights, means, sds) = Self.parameters(k: k, zeros: n == 13, source: source)
                sds[0] = sd
                // Some points sit on μ_0 to a few σ, so the narrow component claims them.
                let data = (0..<n).map { i in
                    i % 4 == 0 ? means[0] + sd * source.normal() : -14 + 28 * source.uniform()
                }
                Self.expectAgreement(data, weights, means, sds, "K=\(k) n=\(n) σ_0=\(sd)")
            }
        }
    }

    @Test func farOutliersAndUnderflowingDensities() throws {
        let source = try RandomSource(seed: 12)
        for k in 1...8 {
            let (weights, means, sds) = Self.parameters(k: k, zeros: false, source: source)
            var data = (0..<257).map { _ in -10 + 20 * source.uniform() }
            data[3] = 1e6
            data[100] = -3e7
            data[256] = 1e150
            data[17] = -1e100
            Self.expectAgreement(data, weights, means, sds, "K=\(k) outliers")
        }
        // Every density underflows (σ tiny, every point far away): log space still works.
        let data = (0..<100).map { 1000 + Double($0) }
        for k in [2, 3, 9] {
            let means: [Double] = (0..<k).map { j in
                let shift = 7 * Double(j)
                return j % 2 == 0 ? 900 - shift : 1200 + shift
            }
            let sds = Array(repeating: 1e-3, count: k)
            let weights = Array(repeating: 1 / Double(k), count: k)
            for x in data { #expect(exp(GaussianMixture(unchecked: weights, means: means, standardDeviations: sds).logDensity(x)) == 0) }
            Self.expectAgreement(data, weights, means, sds, "K=\(k) underflow")
        }
    }

    /// NaN or infinite data or parameters: the fast pass hands over to the
    /// reference, so the results are the reference's, bit for bit.
    @Test func nonFiniteCasesAreTheReferencesExactly() throws {
        let source = try RandomSource(seed: 13)
        let clean = (0..<37).map { _ in source.normal() * 3 }
        var cases: [(String, [Double], [Double], [Double], [Double])] = []
        for (label, bad) in [("NaN", Double.nan), ("+∞", .infinity), ("−∞", -.infinity)] {
            var data = clean
            data[20] = bad
            cases.append(("x=\(label)", data, [0.5, 0.5], [0, 1], [1, 2]))
            cases.append(("μ=\(label)", clean, [0.5, 0.5], [0, bad], [1, 2]))
            cases.append(("σ=\(label)", clean, [0.5, 0.5], [0, 1], [1, bad]))
            cases.append(("π=\(label)", clean, [0.5, bad], [0, 1], [1, 2]))
        }
        cases.append(("σ=0", clean + [1, 1], [0.5, 0.5], [0, 1], [1, 0]))
        cases.append(("all weights 0", clean, [0, 0], [0, 1], [1, 2]))
        cases.append(("overflow", [1e200, -1e200, 3e200, -2e200], [0.5, 0.5], [0, 1], [1, 1]))
        for (label, data, weights, means, sds) in cases {
            let slow = Self.run(data, weights, means, sds, .reference)
            let referenceFinite = ([slow.logLikelihood] + slow.n + slow.s + slow.q).allSatisfy(\.isFinite)
            for mode in Self.levels {
                let fast = Self.run(data, weights, means, sds, mode)
                if referenceFinite {
                    // σ = +∞ only kills its component: an ordinary finite pass.
                    #expect(abs(fast.logLikelihood - slow.logLikelihood) <= 1e-12 * abs(slow.logLikelihood), "\(label)")
                    #expect(zip(fast.n, slow.n).allSatisfy { abs($0 - $1) <= 1e-12 * $1 }, "\(label)")
                } else {
                    #expect(fast.logLikelihood.bitPattern == slow.logLikelihood.bitPattern, "\(label) \(mode): \(fast) vs \(slow)")
                    #expect(fast.n.map(\.bitPattern) == slow.n.map(\.bitPattern), "\(label) \(mode)")
                    #expect(fast.s.map(\.bitPattern) == slow.s.map(\.bitPattern), "\(label) \(mode)")
                    #expect(fast.q.map(\.bitPattern) == slow.q.map(\.bitPattern), "\(label) \(mode)")
                }
            }
        }
        // The ones the engine relies on: non-finite data, σ = 0 and overflow give a non-finite ℓ.
        for (label, data, weights, means, sds) in cases where label.hasPrefix("x=") || label == "σ=0" || label == "overflow" {
            for mode in Self.allModes {
                #expect(!Self.run(data, weights, means, sds, mode).logLikelihood.isFinite, "\(label) \(mode)")
            }
        }
    }

    @Test func reusingTheStatisticsOverwritesTheSums() throws {
        let source = try RandomSource(seed: 14)
        let data = (0..<300).map { _ in source.normal() }
        var stats = SufficientStatistics(componentCount: 3)
        _ = stats.accumulate(data: data, weights: [0.2, 0.3, 0.5], means: [-1, 0, 1], sds: [1, 1, 1])
        _ = stats.accumulate(data: [Double.nan], weights: [0.2, 0.3, 0.5], means: [-1, 0, 1], sds: [1, 1, 1])
        let ll = stats.accumulate(data: data, weights: [0.2, 0.3, 0.5], means: [-1, 0, 1], sds: [1, 1, 1])
        let fresh = Self.run(data, [0.2, 0.3, 0.5], [-1, 0, 1], [1, 1, 1], .kernel(EStepKernel.level))
        #expect(ll == fresh.logLikelihood)
        #expect(stats.responsibility == fresh.n)
        #expect(stats.shiftedSum == fresh.s)
        #expect(stats.shiftedSquares == fresh.q)
        #expect(stats.accumulate(data: [], weights: [0.2, 0.3, 0.5], means: [-1, 0, 1], sds: [1, 1, 1]) == 0)
        #expect(stats.responsibility == [0, 0, 0])
    }

    // MARK: The polynomial exp

    static func ulpDistance(_ value: Double, _ reference: Double) -> Double {
        abs(value - reference) / reference.ulp
    }

    static func polynomialExp(_ x: Double, _ level: emlab_kernel_level) -> Double {
        EStepKernel.exp(x, level: level)
    }

    static let levelArguments: [emlab_kernel_level] = [EMLAB_KERNEL_BASELINE, EMLAB_KERNEL_AVX2_FMA, EMLAB_KERNEL_AVX512]
        .filter { emlab_kernel_supports($0) != 0 }

    @Test(arguments: levelArguments)
    func polynomialExpIsWithinTwoUlpOfFoundationOnMinus745To0(level: emlab_kernel_level) throws {
        let source = try RandomSource(seed: 15)
        var worst = 0.0, worstAt = 0.0
        func check(_ x: Double) {
            let distance = Self.ulpDistance(Self.polynomialExp(x, level), Foundation.exp(x))
            if distance > worst {
                worst = distance
                worstAt = x
            }
        }
        // Uniform over the whole range, dense near 0, and the subnormal tail.
        for _ in 0..<200_000 { check(-745 * source.uniform()) }
        for _ in 0..<50_000 { check(-source.uniform()) }
        for _ in 0..<50_000 { check(-1e-6 * source.uniform()) }
        for _ in 0..<50_000 { check(-708 - 37.2 * source.uniform()) }
        // Every reduction boundary (x near −j·ln2/2) and the subnormal threshold.
        for j in 0...2150 {
            let x = -Double(j) * 0.346_573_590_279_972_65
            for y in [x.nextDown, x, x.nextUp] where y <= 0 && y >= -745.2 { check(y) }
        }
        for x in [
            0.0, -0.0, -Double.leastNonzeroMagnitude, -1e-300, -1e-17, -0.5, -1, -708.39, -708.4, -709.78,
            -744.44, -745, -745.13, -745.1332191019411, -745.1332191019412
        ] { check(x) }
        #expect(worst <= 2, "worst \(worst) ulp at x = \(worstAt) (level \(String(cString: emlab_kernel_level_name(level))))")
        // Below the underflow threshold, −∞ and NaN.
        for x: Double in [-745.14, -746.0, -800, -1e10, -Double.greatestFiniteMagnitude, -Double.infinity] {
            #expect(Self.polynomialExp(x, level) == 0, "exp(\(x))")
        }
        #expect(Self.polynomialExp(.nan, level).isNaN)
        #expect(Self.polynomialExp(0, level) == 1)
    }

    @Test func polynomialExpWorksLaneByLane() {
        var x = SIMD8<Double>()
        for lane in 0..<8 { x[lane] = -Double(lane) * 97.3 - 0.25 }
        x[7] = -.infinity
        var lanes = [x, x]
        lanes.withUnsafeMutableBufferPointer { EStepKernel.exp($0.baseAddress!, count: 2) }
        for e in lanes {
            for lane in 0..<7 { #expect(Self.ulpDistance(e[lane], Foundation.exp(x[lane])) <= 2) }
            #expect(e[7] == 0)
        }
    }

    /// Every level the CPU has gives the same bits on random problems of
    /// every shape: K = 1…10 (constant-K and general paths), every tail length.
    @Test func everyKernelLevelComputesTheSameBits() throws {
        let source = try RandomSource(seed: 16)
        for trial in 0..<600 {
            let k = 1 + trial % 10
            let n = [1, 7, 15, 16, 17, 31, 100, 1023, 2500][trial % 9]
            let data = (0..<n).map { _ in 40 * source.uniform() - 20 }
            let raw = (0..<k).map { _ in 0.01 + source.uniform() }
            let total = raw.reduce(0, +)
            let weights = raw.map { $0 / total }
            let means = (0..<k).map { _ in 20 * source.uniform() - 10 }
            let sds = (0..<k).map { _ in 0.01 + 5 * source.uniform() }
            let first = Self.run(data, weights, means, sds, Self.levels[0])
            for mode in Self.levels.dropFirst() {
                let other = Self.run(data, weights, means, sds, mode)
                #expect(
                    other.logLikelihood.bitPattern == first.logLikelihood.bitPattern
                        && other.n.map(\.bitPattern) == first.n.map(\.bitPattern)
                        && other.s.map(\.bitPattern) == first.s.map(\.bitPattern)
                        && other.q.map(\.bitPattern) == first.q.map(\.bitPattern),
                    "K = \(k), n = \(n): \(mode) differs from \(Self.levels[0])")
            }
        }
    }
}
