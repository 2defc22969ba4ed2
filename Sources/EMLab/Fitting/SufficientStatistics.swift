import Foundation

/// Per-component sums of one E-step pass, kept between iterations so the
/// loop allocates nothing.
///
/// ``accumulate(data:weights:means:sds:)`` is the fast pass: eight points at
/// a time in `SIMD8<Double>`, an inline polynomial `exp`, fused multiply-adds
/// and one `log` per lane every 64 blocks instead of one per point.
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
    /// 1/σ_k² (the reference loop) …
    private var precision: [Double]
    /// … and ½/σ_k² (the fast pass: ½·(d·d)·p rounds exactly as (d·d)·(½p)).
    private var halfPrecision: [Double]
    /// Work space of the fast pass when K > 8: t/e, N, S, Q per component.
    private var wideScratch: [SIMD8<Double>]

    public init(componentCount k: Int) {
        responsibility = Array(repeating: 0, count: k)
        shiftedSum = Array(repeating: 0, count: k)
        shiftedSquares = Array(repeating: 0, count: k)
        logTerms = Array(repeating: 0, count: k)
        offset = Array(repeating: 0, count: k)
        precision = Array(repeating: 0, count: k)
        halfPrecision = Array(repeating: 0, count: k)
        wideScratch = k > EStepKernel.maximumSpecialised
            ? Array(repeating: SIMD8<Double>(), count: 4 * k) : []
    }

    /// One E-step: accumulates N_k, S_k and Q_k about `means` and returns
    /// the log-likelihood Σ_i log Σ_k π_k N(x_i; μ_k, σ_k²) of the given
    /// parameters.
    ///
    /// The fast pass. Its log-likelihood agrees with
    /// ``accumulateReference(data:weights:means:sds:)`` to ~1e-15 relative
    /// and its sums to a few ulp per point; when the result would not be
    /// finite (NaN or ±∞ data or parameters, σ = 0, overflow) it is
    /// recomputed by the reference loop, so those cases are bit-for-bit the
    /// reference's.
    /// - Complexity: O(n·K); allocates nothing.
    public mutating func accumulate(data: [Double], weights: [Double], means: [Double], sds: [Double]) -> Double {
        let k = weights.count
        precondition(means.count == k && sds.count == k, "weights, means and sds must have one entry per component")
        guard k > 0 else { return accumulateReference(data: data, weights: weights, means: means, sds: sds) }
        for j in 0..<k {
            offset[j] = Foundation.log(weights[j]) - Foundation.log(sds[j]) - halfLogTwoPi
            let p = 1 / (sds[j] * sds[j])
            precision[j] = p
            halfPrecision[j] = 0.5 * p
        }
        let logLikelihood = data.withUnsafeBufferPointer { xs in
            responsibility.withUnsafeMutableBufferPointer { nk in
            shiftedSum.withUnsafeMutableBufferPointer { sk in
            shiftedSquares.withUnsafeMutableBufferPointer { qk in
            offset.withUnsafeBufferPointer { a in
            halfPrecision.withUnsafeBufferPointer { c in
            means.withUnsafeBufferPointer { mu in
            wideScratch.withUnsafeMutableBufferPointer { wide in
                let out = EStepKernel.Output(n: nk.baseAddress!, s: sk.baseAddress!, q: qk.baseAddress!)
                let parameters = EStepKernel.Parameters(offset: a.baseAddress!, halfPrecision: c.baseAddress!,
                                                        mean: mu.baseAddress!)
                return EStepKernel.run(data: xs, k: k, parameters: parameters, output: out, wideScratch: wide.baseAddress)
            }}}}}}}
        }
        if logLikelihood.isFinite { return logLikelihood }
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

/// The fast E-step over blocks of eight points.
///
/// Per block, with d_k = x − μ_k:
///   t_k = a_k − (d_k·d_k)·c_k        (c_k = ½/σ_k²; rounds exactly as the reference's ½·d·d/σ²)
///   m   = max_k t_k                  (NaN terms ignored, as the reference does)
///   e_k = exp(t_k − m),  s = Σ e_k ∈ [1, K]
///   γ_k = e_k · (1/s);  N_k += γ_k,  S_k += γ_k d_k,  Q_k += (γ_k d_k) d_k
/// and the log-likelihood is Σ m + Σ log s, where the s of each lane are
/// multiplied together and logged once every `flushInterval` blocks
/// (s ≤ K, so the product cannot overflow in between; s ≥ 1, so it cannot
/// underflow). Any NaN or infinite term, maximum or sum makes the result
/// non-finite, which sends the caller to the reference loop.
enum EStepKernel {
    typealias Vector = SIMD8<Double>
    static let width = 8
    /// K = 1…8 are compiled as separate, fully unrolled loops with their
    /// work space in registers/stack; larger K use the general loop.
    static let maximumSpecialised = 8

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

    /// Stack work space for K ≤ 8: e_k (8), N_k (8), S_k (8), Q_k (8).
    typealias Work = (Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector,
                      Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector,
                      Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector,
                      Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector)

    static func run(data: UnsafeBufferPointer<Double>, k: Int, parameters: Parameters, output: Output,
                    wideScratch: UnsafeMutablePointer<Vector>?) -> Double {
        switch k {
        case 1: return onStack(data: data, k: 1, parameters: parameters, output: output)
        case 2: return onStack(data: data, k: 2, parameters: parameters, output: output)
        case 3: return onStack(data: data, k: 3, parameters: parameters, output: output)
        case 4: return onStack(data: data, k: 4, parameters: parameters, output: output)
        case 5: return onStack(data: data, k: 5, parameters: parameters, output: output)
        case 6: return onStack(data: data, k: 6, parameters: parameters, output: output)
        case 7: return onStack(data: data, k: 7, parameters: parameters, output: output)
        case 8: return onStack(data: data, k: 8, parameters: parameters, output: output)
        default:
            return pass(data: data, k: k, parameters: parameters, output: output,
                        terms: wideScratch!, sums: wideScratch! + k)
        }
    }

    @inline(__always)
    static func onStack(data: UnsafeBufferPointer<Double>, k: Int, parameters: Parameters, output: Output) -> Double {
        var work: Work = (.zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero,
                          .zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero,
                          .zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero,
                          .zero, .zero, .zero, .zero, .zero, .zero, .zero, .zero)
        return withUnsafeMutablePointer(to: &work) { raw in
            let base = UnsafeMutableRawPointer(raw).assumingMemoryBound(to: Vector.self)
            return pass(data: data, k: k, parameters: parameters, output: output, terms: base, sums: base + 8)
        }
    }

    /// The whole pass. `terms` holds K vectors, `sums` 3K (N, S, Q); `k` is
    /// a constant wherever this is inlined from ``onStack``.
    @inline(__always)
    static func pass(data: UnsafeBufferPointer<Double>, k: Int, parameters: Parameters, output: Output,
                     terms: UnsafeMutablePointer<Vector>, sums: UnsafeMutablePointer<Vector>) -> Double {
        let n = data.count
        let nSum = sums, sSum = sums + k, qSum = sums + 2 * k
        for j in 0..<k { nSum[j] = .zero; sSum[j] = .zero; qSum[j] = .zero }
        // s ≤ K per lane: K^interval < 2^1000 keeps the running product finite.
        let interval = k <= 8 ? 64 : max(1, 1000 / (Int.bitWidth - k.leadingZeroBitCount))
        var maxima = Vector.zero
        var logProducts = Vector.zero
        var product = Vector(repeating: 1)
        var sinceFlush = 0
        let one = Vector(repeating: 1)
        var i = 0
        if let base = data.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + width <= n {
                let x = raw.loadUnaligned(fromByteOffset: i &* 8, as: Vector.self)
                let (m, s) = block(x, k: k, parameters: parameters, terms: terms,
                                   nSum: nSum, sSum: sSum, qSum: qSum, keep: one)
                maxima += m
                product *= s
                sinceFlush &+= 1
                if sinceFlush == interval {
                    logProducts += logOfLanes(product)
                    product = one
                    sinceFlush = 0
                }
                i &+= width
            }
            if i < n {
                // The last 1…7 points: pad with a copy of the last point and
                // give the padding lanes γ = 0, m = 0, s = 1.
                var x = Vector(repeating: base[n - 1])
                var keep = Vector.zero
                for lane in 0..<(n - i) { x[lane] = base[i + lane]; keep[lane] = 1 }
                let (m, s) = block(x, k: k, parameters: parameters, terms: terms,
                                   nSum: nSum, sSum: sSum, qSum: qSum, keep: keep)
                let padding = keep .== 0
                maxima += m.replacing(with: 0, where: padding)
                product *= s.replacing(with: 1, where: padding)
            }
        }
        logProducts += logOfLanes(product)
        for j in 0..<k {
            output.n[j] = nSum[j].sum()
            output.s[j] = sSum[j].sum()
            output.q[j] = qSum[j].sum()
        }
        return (maxima + logProducts).sum()
    }

    /// One block of eight points; returns the lanes' maxima m and sums s.
    /// `keep` is 1 for real points and 0 for padding (folded away for full blocks).
    @inline(__always)
    static func block(_ x: Vector, k: Int, parameters: Parameters, terms: UnsafeMutablePointer<Vector>,
                      nSum: UnsafeMutablePointer<Vector>, sSum: UnsafeMutablePointer<Vector>,
                      qSum: UnsafeMutablePointer<Vector>, keep: Vector) -> (Vector, Vector) {
        var m = Vector(repeating: -.infinity)
        for j in 0..<k {
            let d = x - Vector(repeating: parameters.mean[j])
            let t = Vector(repeating: parameters.offset[j]) - (d * d) * Vector(repeating: parameters.halfPrecision[j])
            terms[j] = t
            m = m.replacing(with: t, where: m .< t)
        }
        var s = Vector.zero
        for j in 0..<k {
            let e = exp(terms[j] - m)
            terms[j] = e
            s += e
        }
        let inverse = (1 / s) * keep
        for j in 0..<k {
            let d = x - Vector(repeating: parameters.mean[j])
            let g = terms[j] * inverse
            let gd = g * d
            nSum[j] += g
            sSum[j] += gd
            qSum[j] = qSum[j].addingProduct(gd, d)
        }
        return (m, s)
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
    static func exp(_ x: Vector) -> Vector {
        let x = x.replacing(with: -746, where: x .< -746)
        let kf = Vector(repeating: shifter).addingProduct(x, Vector(repeating: log2e))
        let n = kf - Vector(repeating: shifter)
        var r = x.addingProduct(n, Vector(repeating: -ln2High))
        r = r.addingProduct(n, Vector(repeating: -ln2Low))
        var p = Vector(repeating: p8).addingProduct(Vector(repeating: p9), r)
        p = Vector(repeating: p7).addingProduct(p, r)
        p = Vector(repeating: p6).addingProduct(p, r)
        p = Vector(repeating: p5).addingProduct(p, r)
        p = Vector(repeating: p4).addingProduct(p, r)
        p = Vector(repeating: p3).addingProduct(p, r)
        p = Vector(repeating: p2).addingProduct(p, r)
        p = Vector(repeating: p1).addingProduct(p, r)
        p = Vector(repeating: p0).addingProduct(p, r)
        let e = Vector(repeating: 1) + r.addingProduct(r * r, p)
        // 2^n as 2^(n/2)·2^(n − n/2): both halves are normal for n ≥ −1076,
        // so the only rounding is the last product's, into the subnormals.
        let integer = unsafeBitCast(kf, to: SIMD8<Int64>.self) &- SIMD8<Int64>(repeating: 0x4338_0000_0000_0000)
        let half = integer &>> 1
        let scaleA = unsafeBitCast((half &+ 1023) &<< 52, to: Vector.self)
        let scaleB = unsafeBitCast((integer &- half &+ 1023) &<< 52, to: Vector.self)
        return (e * scaleA) * scaleB
    }

    /// Scalar eˣ by the same method (for tests): x ≤ 0.
    static func exp(_ x: Double) -> Double { exp(Vector(repeating: x))[0] }
}
