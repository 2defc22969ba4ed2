import Foundation

/// Per-component sums of one E-step pass, kept between iterations so the
/// loop allocates nothing.
///
/// ``accumulate(data:weights:means:sds:)`` is the fast pass: sixteen points
/// at a time in two `SIMD8<Double>`, an inline polynomial `exp`, fused
/// multiply-adds (instructions when the CPU target has FMA, libm calls when
/// not; see ``EStepKernel``) and one `log` per lane every 64 blocks instead
/// of one per point.
/// ``accumulateReference(data:weights:means:sds:)`` is the plain scalar
/// loop it is checked against (and falls back to when anything is not
/// finite, so every non-finite case behaves exactly as the scalar loop).
///
/// Exposed to the Benchmarks package as SPI (`@_spi(Benchmarks) import EMLab`);
/// not part of the public API.
@_spi(Benchmarks) public struct SufficientStatistics {
    /// N_k = Σ_i γ_ik.
    public internal(set) var responsibility: [Double]
    /// S_k = Σ_i γ_ik (x_i − μ_k), about the means passed in.
    public internal(set) var shiftedSum: [Double]
    /// Q_k = Σ_i γ_ik (x_i − μ_k)², about the means passed in.
    public internal(set) var shiftedSquares: [Double]
    private var logTerms: [Double]
    /// log π_k − log σ_k − ½ log 2π.
    private var offset: [Double]
    /// 1/σ_k², for the reference loop's ½·d·d·p …
    private var precision: [Double]
    /// … and ½/σ_k² for the fast pass's (d·d)·c, which rounds exactly as
    /// ½·d·d·p (scaling by ½ is exact), so both see bit-identical log-terms.
    private var halfPrecision: [Double]
    /// Work space of the fast pass: two t/e vectors and the N, S, Q lane sums per component.
    private var work: [SIMD8<Double>]

    public init(componentCount k: Int) {
        responsibility = Array(repeating: 0, count: k)
        shiftedSum = Array(repeating: 0, count: k)
        shiftedSquares = Array(repeating: 0, count: k)
        logTerms = Array(repeating: 0, count: k)
        offset = Array(repeating: 0, count: k)
        precision = Array(repeating: 0, count: k)
        halfPrecision = Array(repeating: 0, count: k)
        work = Array(repeating: SIMD8<Double>(), count: EStepKernel.workVectors(componentCount: k))
    }

    /// One E-step: accumulates N_k, S_k and Q_k about `means` and returns
    /// the log-likelihood Σ_i log Σ_k π_k N(x_i; μ_k, σ_k²) of the given
    /// parameters.
    ///
    /// The fast pass. Its log-likelihood agrees with
    /// ``accumulateReference(data:weights:means:sds:)`` to ~1e-15 relative
    /// and its sums to a few ulp per point; when the log-likelihood or any
    /// sum would not be finite (NaN or ±∞ data or parameters, σ = 0,
    /// overflow) it is recomputed by the reference loop, so those cases are
    /// bit-for-bit the reference's.
    /// - Complexity: O(n·K); allocates nothing.
    public mutating func accumulate(data: [Double], weights: [Double], means: [Double], sds: [Double]) -> Double {
        accumulate(data: data, weights: weights, means: means, sds: sds, multiplyAdd: EStepKernel.DefaultMultiplyAdd.self)
    }

    /// Whether ``accumulate(data:weights:means:sds:)`` fuses its multiply-adds
    /// (it does: see ``EStepKernel/DefaultMultiplyAdd``).
    public static var usesFusedMultiplyAdd: Bool { EStepKernel.DefaultMultiplyAdd.self == EStepKernel.Fused.self }

    /// The fast pass with a multiply and an add wherever
    /// ``accumulate(data:weights:means:sds:)`` fuses them: the same contract
    /// and accuracy, not the same bits. For the benchmarks' comparison.
    public mutating func accumulateUnfused(data: [Double], weights: [Double], means: [Double], sds: [Double]) -> Double {
        accumulate(data: data, weights: weights, means: means, sds: sds, multiplyAdd: EStepKernel.Separate.self)
    }

    /// The fast pass with either multiply-add (tests run both).
    mutating func accumulate<M: EStepKernel.MultiplyAdd>(data: [Double], weights: [Double], means: [Double],
                                                         sds: [Double], multiplyAdd: M.Type) -> Double {
        let k = weights.count
        precondition(means.count == k && sds.count == k, "weights, means and sds must have one entry per component")
        guard k > 0 else { return accumulateReference(data: data, weights: weights, means: means, sds: sds) }
        for j in 0..<k {
            offset[j] = Foundation.log(weights[j]) - Foundation.log(sds[j]) - halfLogTwoPi
            halfPrecision[j] = 0.5 * (1 / (sds[j] * sds[j]))
        }
        let logLikelihood = data.withUnsafeBufferPointer { xs in
            responsibility.withUnsafeMutableBufferPointer { nk in
            shiftedSum.withUnsafeMutableBufferPointer { sk in
            shiftedSquares.withUnsafeMutableBufferPointer { qk in
            offset.withUnsafeBufferPointer { a in
            halfPrecision.withUnsafeBufferPointer { c in
            means.withUnsafeBufferPointer { mu in
            work.withUnsafeMutableBufferPointer { work in
                let out = EStepKernel.Output(n: nk.baseAddress!, s: sk.baseAddress!, q: qk.baseAddress!)
                let parameters = EStepKernel.Parameters(offset: a.baseAddress!, halfPrecision: c.baseAddress!,
                                                        mean: mu.baseAddress!)
                return EStepKernel.pass(M.self, data: xs, k: k, parameters: parameters, output: out, work: work.baseAddress!)
            }}}}}}}
        }
        var allFinite = logLikelihood.isFinite
        for j in 0..<k where !(responsibility[j].isFinite && shiftedSum[j].isFinite && shiftedSquares[j].isFinite) {
            allFinite = false
        }
        if allFinite { return logLikelihood }
        return accumulateReference(data: data, weights: weights, means: means, sds: sds)
    }

    /// The scalar reference E-step: per point, the K log-terms, their
    /// log-sum-exp by Foundation's `exp` and `log`, the responsibilities and
    /// the shifted sums. Same contract as ``accumulate(data:weights:means:sds:)``.
    ///
    /// A point whose largest log-term is not finite sets the log-likelihood
    /// to that value (−∞ when every term is −∞ or NaN, +∞ for an infinite
    /// term) and contributes no responsibility.
    public mutating func accumulateReference(data: [Double], weights: [Double], means: [Double], sds: [Double]) -> Double {
        let k = weights.count
        for j in 0..<k {
            offset[j] = Foundation.log(weights[j]) - Foundation.log(sds[j]) - halfLogTwoPi
            precision[j] = 1 / (sds[j] * sds[j])
            responsibility[j] = 0; shiftedSum[j] = 0; shiftedSquares[j] = 0
        }
        var logLikelihood = 0.0
        data.withUnsafeBufferPointer { xs in
            responsibility.withUnsafeMutableBufferPointer { nk in
            shiftedSum.withUnsafeMutableBufferPointer { sk in
            shiftedSquares.withUnsafeMutableBufferPointer { qk in
            logTerms.withUnsafeMutableBufferPointer { terms in
            offset.withUnsafeBufferPointer { a in
            precision.withUnsafeBufferPointer { p in
            means.withUnsafeBufferPointer { mu in
                for x in xs {
                    var largest = -Double.infinity
                    for j in 0..<k {
                        let d = x - mu[j]
                        let t = a[j] - 0.5 * d * d * p[j]
                        terms[j] = t
                        if t > largest { largest = t }
                    }
                    guard largest.isFinite else { logLikelihood = largest.isNaN ? .nan : largest; continue }
                    var total = 0.0
                    for j in 0..<k {
                        let e = Foundation.exp(terms[j] - largest)
                        terms[j] = e
                        total += e
                    }
                    logLikelihood += largest + Foundation.log(total)
                    let inverse = 1 / total
                    for j in 0..<k {
                        let g = terms[j] * inverse
                        let d = x - mu[j]
                        nk[j] += g
                        sk[j] += g * d
                        qk[j] += g * d * d
                    }
                }
            }}}}}}}
        }
        return logLikelihood
    }
}

// MARK: - The SIMD kernel

/// The fast E-step over blocks of sixteen points (two `SIMD8<Double>`).
///
/// Per block, with d_k = x − μ_k:
///   t_k = a_k − (d_k·d_k)·c_k        (c_k = ½/σ_k²; rounds exactly as the reference's ½·d·d/σ²)
///   m   = max_k t_k                  (NaN terms ignored, as the reference does)
///   e_k = exp(t_k − m),  s = Σ e_k ∈ [1, K]
///   γ_k = e_k · (1/s);  N_k += γ_k,  S_k += γ_k d_k,  Q_k += (γ_k d_k) d_k
/// and the log-likelihood is Σ m + Σ log s, where the s of each lane are
/// multiplied together and logged once every `interval` blocks (s ≤ K, so
/// the product cannot overflow in between; s ≥ 1, so it cannot underflow).
/// Any NaN or infinite term, maximum or sum makes the result non-finite,
/// which sends the caller to the reference loop.
///
/// The loops over components are ordinary loops over a work space in
/// memory (L1), for every K: specialising K = 1…8 as compile-time constants
/// made LLVM unroll them and re-vectorise the lane-by-lane `SIMD` operations
/// (`addingProduct`, `replacing` and `&<<` are per-lane loops in the standard
/// library) at a quarter of the width, 4× slower. Two vectors per block give
/// each component's exp two independent chains and halve the loads and
/// stores of the sums.
///
/// The multiply-adds are a type parameter: ``Fused`` (`addingProduct`, what
/// the engine uses) or ``Separate`` (a multiply and an add). Without FMA in
/// the CPU target, `addingProduct` is a call to libm's exact `fma` per lane.
enum EStepKernel {
    typealias Vector = SIMD8<Double>
    static let width = 8

    struct Parameters {
        let offset: UnsafePointer<Double>
        let halfPrecision: UnsafePointer<Double>
        let mean: UnsafePointer<Double>
    }

    struct Output {
        let n: UnsafeMutablePointer<Double>
        let s: UnsafeMutablePointer<Double>
        let q: UnsafeMutablePointer<Double>
    }

    /// Vectors of work space ``pass(_:data:k:parameters:output:work:)`` needs.
    static func workVectors(componentCount k: Int) -> Int { 5 * k }

    /// The whole pass. `work` holds ``workVectors(componentCount:)`` vectors.
    static func pass<M: MultiplyAdd>(_: M.Type, data: UnsafeBufferPointer<Double>, k: Int, parameters: Parameters,
                                     output: Output, work: UnsafeMutablePointer<Vector>) -> Double {
        let n = data.count
        let terms = work, nSum = work + 2 * k, sSum = work + 3 * k, qSum = work + 4 * k
        for j in 0..<k { nSum[j] = .zero; sSum[j] = .zero; qSum[j] = .zero }
        // s ≤ K per lane: K^(interval + 1) < 2^1023 keeps the running products
        // finite (the tail may add one block after the last flush).
        let interval = k <= 8 ? 64 : max(1, 960 / (Int.bitWidth - k.leadingZeroBitCount))
        var maxima = Vector.zero
        var logProducts = Vector.zero
        var product0 = Vector(repeating: 1), product1 = Vector(repeating: 1)
        var sinceFlush = 0
        let one = Vector(repeating: 1)
        var i = 0
        if let base = data.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 2 * width <= n {
                let x0 = raw.loadUnaligned(fromByteOffset: i &* 8, as: Vector.self)
                let x1 = raw.loadUnaligned(fromByteOffset: (i &+ width) &* 8, as: Vector.self)
                let (m0, s0, m1, s1) = block(M.self, x0, x1, k: k, parameters: parameters, terms: terms,
                                             nSum: nSum, sSum: sSum, qSum: qSum, keep0: one, keep1: one)
                maxima += m0 + m1
                product0 *= s0
                product1 *= s1
                sinceFlush &+= 1
                if sinceFlush == interval {
                    logProducts += logOfLanes(product0) + logOfLanes(product1)
                    product0 = one
                    product1 = one
                    sinceFlush = 0
                }
                i &+= 2 * width
            }
            if i < n {
                let (m, s0, s1) = tail(M.self, UnsafeBufferPointer(rebasing: data[i...]), k: k, parameters: parameters,
                                       terms: terms, nSum: nSum, sSum: sSum, qSum: qSum)
                maxima += m
                product0 *= s0
                product1 *= s1
            }
        }
        logProducts += logOfLanes(product0) + logOfLanes(product1)
        for j in 0..<k {
            output.n[j] = nSum[j].sum()
            output.s[j] = sSum[j].sum()
            output.q[j] = qSum[j].sum()
        }
        return (maxima + logProducts).sum()
    }

    /// The last 1…15 points, padded with copies of the last one; the padding
    /// lanes get γ = 0, m = 0 and s = 1. Returns Σ m and the two halves' s.
    /// Kept out of line so the main loop's block is the only inlined copy.
    @inline(never)
    static func tail<M: MultiplyAdd>(_: M.Type, _ points: UnsafeBufferPointer<Double>, k: Int, parameters: Parameters,
                     terms: UnsafeMutablePointer<Vector>, nSum: UnsafeMutablePointer<Vector>,
                     sSum: UnsafeMutablePointer<Vector>, qSum: UnsafeMutablePointer<Vector>)
        -> (Vector, Vector, Vector) {
        var x0 = Vector(repeating: points[points.count - 1]), x1 = x0
        var keep0 = Vector.zero, keep1 = Vector.zero
        for lane in 0..<points.count {
            if lane < width { x0[lane] = points[lane]; keep0[lane] = 1 }
            else { x1[lane - width] = points[lane]; keep1[lane - width] = 1 }
        }
        let (m0, s0, m1, s1) = block(M.self, x0, x1, k: k, parameters: parameters, terms: terms,
                                     nSum: nSum, sSum: sSum, qSum: qSum, keep0: keep0, keep1: keep1)
        let one = Vector(repeating: 1)
        return (m0 * keep0 + m1 * keep1, s0 * keep0 + (one - keep0), s1 * keep1 + (one - keep1))
    }

    /// One block of sixteen points, x0 and x1; returns each half's lane
    /// maxima m and sums s. `keep` is 1 for real points and 0 for padding.
    @inline(__always)
    static func block<M: MultiplyAdd>(_: M.Type, _ x0: Vector, _ x1: Vector, k: Int, parameters: Parameters,
                                      terms: UnsafeMutablePointer<Vector>,
                      nSum: UnsafeMutablePointer<Vector>, sSum: UnsafeMutablePointer<Vector>,
                      qSum: UnsafeMutablePointer<Vector>, keep0: Vector, keep1: Vector)
        -> (Vector, Vector, Vector, Vector) {
        var m0 = Vector(repeating: -.infinity), m1 = m0
        for j in 0..<k {
            let mean = Vector(repeating: parameters.mean[j])
            let offset = Vector(repeating: parameters.offset[j])
            let c = Vector(repeating: parameters.halfPrecision[j])
            let d0 = x0 - mean, d1 = x1 - mean
            let t0 = offset - (d0 * d0) * c
            let t1 = offset - (d1 * d1) * c
            terms[2 &* j] = t0
            terms[2 &* j &+ 1] = t1
            m0 = m0.replacing(with: t0, where: m0 .< t0)
            m1 = m1.replacing(with: t1, where: m1 .< t1)
        }
        var s0 = Vector.zero, s1 = Vector.zero
        for j in 0..<k {
            let e0 = exp(terms[2 &* j] - m0, M.self)
            let e1 = exp(terms[2 &* j &+ 1] - m1, M.self)
            terms[2 &* j] = e0
            terms[2 &* j &+ 1] = e1
            s0 += e0
            s1 += e1
        }
        let inverse0 = (1 / s0) * keep0
        let inverse1 = (1 / s1) * keep1
        for j in 0..<k {
            let mean = Vector(repeating: parameters.mean[j])
            let d0 = x0 - mean, d1 = x1 - mean
            let g0 = terms[2 &* j] * inverse0
            let g1 = terms[2 &* j &+ 1] * inverse1
            let gd0 = g0 * d0, gd1 = g1 * d1
            nSum[j] += g0 + g1
            sSum[j] += gd0 + gd1
            qSum[j] = M.multiplyAdd(gd1, d1, M.multiplyAdd(gd0, d0, qSum[j]))
        }
        return (m0, s0, m1, s1)
    }

    @inline(never)
    static func logOfLanes(_ v: Vector) -> Vector {
        var out = Vector.zero
        for lane in 0..<width { out[lane] = Foundation.log(v[lane]) }
        return out
    }

    // MARK: exp

    /// 1.5·2^52: adding it rounds to an integer held in the low bits.
    static let shifter = 6_755_399_441_055_744.0
    static let log2e = 1.442_695_040_888_963_4
    /// ln 2 split so that n·ln2High is exact for |n| < 2^21 (fdlibm's split).
    static let ln2High = 6.931_471_803_691_238_164_90e-01
    static let ln2Low = 1.908_214_929_270_587_700_02e-10
    /// exp(r) ≈ 1 + r + r²·P(r) on |r| ≤ ln2/2: P of degree 9, a Chebyshev
    /// fit to (eʳ − 1 − r)/r² (relative error of the polynomial < 0.15 ulp).
    static let p9 = 2.510037611136142e-08
    static let p8 = 2.7620076242527254e-07
    static let p7 = 2.7557268479724004e-06
    static let p6 = 2.4801521321606647e-05
    static let p5 = 0.00019841269863040922
    static let p4 = 0.0013888888917197209
    static let p3 = 0.008333333333330065
    static let p2 = 0.041666666666624164
    static let p1 = 0.16666666666666669
    static let p0 = 0.5000000000000001

    /// eˣ for x ≤ 0 (and NaN), within ~1 ulp of Foundation's `exp` down to
    /// the subnormals, and 0 below −745.13… (as `exp` does). −∞ → 0, NaN → NaN.
    /// Positive arguments are outside its contract.
    @inline(__always)
    static func exp<M: MultiplyAdd>(_ x: Vector, _: M.Type) -> Vector {
        let x = x.replacing(with: -746, where: x .< -746)
        let kf = M.multiplyAdd(x, Vector(repeating: log2e), Vector(repeating: shifter))
        let n = kf - Vector(repeating: shifter)
        var r = M.multiplyAdd(n, Vector(repeating: -ln2High), x)
        r = M.multiplyAdd(n, Vector(repeating: -ln2Low), r)
        var p = M.multiplyAdd(Vector(repeating: p9), r, Vector(repeating: p8))
        p = M.multiplyAdd(p, r, Vector(repeating: p7))
        p = M.multiplyAdd(p, r, Vector(repeating: p6))
        p = M.multiplyAdd(p, r, Vector(repeating: p5))
        p = M.multiplyAdd(p, r, Vector(repeating: p4))
        p = M.multiplyAdd(p, r, Vector(repeating: p3))
        p = M.multiplyAdd(p, r, Vector(repeating: p2))
        p = M.multiplyAdd(p, r, Vector(repeating: p1))
        p = M.multiplyAdd(p, r, Vector(repeating: p0))
        let e = Vector(repeating: 1) + M.multiplyAdd(r * r, p, r)
        // 2^n as 2^(n+56)·2^−56: x ≥ −746 gives n ≥ −1077, so e·2^(n+56) ≥
        // 2^−½·2^−1021 is normal and exact, and the only rounding is the last
        // product's, into the subnormals. The low 12 bits of kf's pattern are
        // n mod 2^12, so (pattern + 1023 + 56)·2^52 (wrapping; a vector shift,
        // where `&<<` would be a per-lane loop) is the pattern of 2^(n+56).
        let pattern = unsafeBitCast(kf, to: SIMD8<Int64>.self)
        let scale = unsafeBitCast((pattern &+ (1023 + 56)) &* SIMD8<Int64>(repeating: 1 << 52), to: Vector.self)
        return (e * scale) * Vector(repeating: 0x1p-56)
    }

    /// Scalar eˣ by the same method (for tests): x ≤ 0.
    static func exp<M: MultiplyAdd>(_ x: Double, _: M.Type) -> Double { exp(Vector(repeating: x), M.self)[0] }

    // MARK: multiply-add

    /// a·b + c, lane by lane: one rounding (``Fused``) or two (``Separate``).
    protocol MultiplyAdd { static func multiplyAdd(_ a: Vector, _ b: Vector, _ c: Vector) -> Vector }

    /// `addingProduct`: one vfmadd per vector when the target has FMA; a call
    /// to libm's `fma` per lane when it does not (the pass is then 5× slower).
    enum Fused: MultiplyAdd {
        @inline(__always) static func multiplyAdd(_ a: Vector, _ b: Vector, _ c: Vector) -> Vector { c.addingProduct(a, b) }
    }

    /// A multiply then an add (Swift never contracts them into an FMA).
    enum Separate: MultiplyAdd {
        @inline(__always) static func multiplyAdd(_ a: Vector, _ b: Vector, _ c: Vector) -> Vector { a * b + c }
    }

    /// The multiply-add of ``SufficientStatistics/accumulate(data:weights:means:sds:)``:
    /// always fused, so every build — whatever its CPU target — computes the
    /// same bits and a study writes the same bytes everywhere. With FMA in
    /// the target (the Makefile's CPU level) it is one instruction; on a
    /// portable build it is libm's exact software `fma`, slower but identical.
    /// (`Separate` stays for the benchmarks' comparison.)
    typealias DefaultMultiplyAdd = Fused
}
