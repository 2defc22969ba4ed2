import CGSL
import Foundation

/// NumPy's legacy `np.random` stream (`RandomState`, `np.random.seed(s)`),
/// replayed bit for bit on GSL's `mt19937`.
///
/// A document that called `np.random.seed(42)` and then drew with
/// `np.random.rand`, `randn`, `normal`, `binomial`, `randint` or `choice` can
/// be reproduced exactly: make a stream with the same seed and make the same
/// calls, of the same kinds, in the same order. Every method consumes the
/// underlying 32-bit Mersenne Twister outputs exactly as NumPy does, so
/// different kinds of calls can be interleaved and stay aligned.
///
/// The algorithms mirror NumPy's C sources (NumPy 2.x, unchanged for the
/// legacy stream since NumPy 1.17):
///
/// - `numpy/random/src/mt19937/mt19937.h` (`mt19937_next_double`,
///   `mt19937_next64`) and `mt19937.c` (`mt19937_seed`);
/// - `numpy/random/src/legacy/legacy-distributions.c` (`legacy_gauss`,
///   `legacy_normal`, `legacy_random_binomial`);
/// - `numpy/random/src/distributions/distributions.c`
///   (`random_binomial_inversion`, `random_binomial_btpe`,
///   `random_bounded_uint64_fill`, `buffered_bounded_masked_uint32`,
///   `bounded_masked_uint64`, `gen_mask`);
/// - `numpy/random/mtrand.pyx` and `_bounded_integers.pyx.in` (how
///   `random_sample`, `rand`, `randn`, `normal`, `binomial`, `randint` and
///   `choice` call them).
///
/// GSL's `gsl_rng_set(r, s)` on `mt19937` is the same `init_genrand(s)` as
/// NumPy's seeding for 1 ≤ s < 2³², so GSL's raw outputs are NumPy's. GSL
/// replaces seed 0 by 4357; NumPy does not, so for seed 0 the generator
/// state is written directly (`emlab_mt19937_init_genrand` in the CGSL shim).
///
/// Like ``RandomSource`` (which it owns) a stream is not thread-safe and is
/// deliberately not `Sendable`: make one per task.
public final class NumPyLegacyStream {
    /// The seed, as given to `np.random.seed`.
    public let seed: UInt32

    /// The GSL `mt19937` generator the 32-bit draws come from.
    let source: RandomSource

    /// NumPy's cached second polar normal (`aug_bitgen_t.has_gauss`/`gauss`).
    private var hasGauss = false
    private var gauss = 0.0

    /// NumPy's `binomial_t` cache: the set-up for the last (n, p) drawn.
    private var binomialCache: BinomialSetup?

    /// Creates the stream NumPy's `np.random.seed(seed)` starts.
    ///
    /// - Parameter seed: the seed NumPy was given, 0 ≤ seed < 2³² (the whole
    ///   range NumPy's legacy seeding takes as one integer). Seed 0 is NumPy's
    ///   `init_genrand(0)`, not GSL's default.
    /// - Throws: ``EMLabError`` `.gsl` if GSL cannot allocate `mt19937`, or if
    ///   its state does not have the layout the seed-0 path writes.
    public convenience init(seed: UInt32) throws {
        guard Self.seedZeroLayoutHolds else {
            throw EMLabError(.gsl, "cannot set GSL's mt19937 state for NumPy seed 0: unexpected state layout")
        }
        self.init(checkedSeed: seed)
    }

    /// The stream `np.random.seed(seed)` starts, on a GSL whose mt19937 state
    /// layout was checked (``seedZeroLayoutHolds``).
    init(checkedSeed seed: UInt32) {
        let source = RandomSource(generator: .mt19937, seed: UInt64(seed))
        if seed == 0 {
            // GSL would have seeded 4357; write NumPy's init_genrand(0) instead.
            _ = emlab_mt19937_init_genrand(source.rng, 0)
        }
        self.seed = seed
        self.source = source
    }

    /// Whether the linked GSL's mt19937 state has the layout NumPy's seed-0
    /// path writes (a property of the GSL build, checked once).
    static let seedZeroLayoutHolds: Bool = {
        let probe = RandomSource(generator: .mt19937, seed: 0)
        return emlab_mt19937_init_genrand(probe.rng, 0) == 0
    }()

    // MARK: - Raw draws

    /// The next 32-bit Mersenne Twister output (NumPy `next_uint32`).
    @inline(__always) private func nextUInt32() -> UInt32 {
        UInt32(truncatingIfNeeded: source.nextRaw())
    }

    /// Two 32-bit outputs, the first in the high half (NumPy `mt19937_next64`).
    @inline(__always) private func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        let low = UInt64(nextUInt32())
        return high << 32 | low
    }

    /// NumPy's legacy double on [0, 1) from two 32-bit outputs (53 bits).
    @inline(__always) private func nextDouble() -> Double {
        let a = nextUInt32() >> 5
        let b = nextUInt32() >> 6
        return (Double(a) * 67108864.0 + Double(b)) / 9007199254740992.0
    }

    // MARK: - Uniform

    /// A uniform draw on [0, 1): `np.random.random_sample()`.
    ///
    /// - Returns: `(a·2²⁶ + b) / 2⁵³` with `a` the first 32-bit output shifted
    ///   right by 5 and `b` the second shifted right by 6
    ///   (`mt19937_next_double`). Uses two 32-bit outputs.
    public func randomSample() -> Double { nextDouble() }

    /// `count` uniform draws on [0, 1): `np.random.rand(count)`
    /// (the same as `np.random.random_sample(count)`).
    ///
    /// - Parameter count: how many, ≥ 0.
    /// - Returns: the draws in NumPy's order.
    public func rand(_ count: Int) -> [Double] {
        precondition(count >= 0, "rand: count must be non-negative, got \(count)")
        return (0..<count).map { _ in nextDouble() }
    }

    // MARK: - Normal

    /// A standard normal draw: `np.random.standard_normal()` / `randn()`.
    ///
    /// NumPy's `legacy_gauss`: the polar (Marsaglia) method. Each accepted
    /// pair of uniforms gives two normals; the first call returns `f·x2` and
    /// caches `f·x1`, which the next call returns without drawing. The cache
    /// is shared by ``standardNormal()``, ``randn(_:)`` and the `normal`
    /// methods, exactly as in `RandomState`.
    ///
    /// - Returns: a standard normal deviate.
    public func standardNormal() -> Double {
        if hasGauss {
            let cached = gauss
            hasGauss = false
            gauss = 0.0
            return cached
        }
        var x1: Double, x2: Double, r2: Double
        repeat {
            x1 = 2.0 * nextDouble() - 1.0
            x2 = 2.0 * nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * log(r2) / r2).squareRoot()
        gauss = f * x1
        hasGauss = true
        return f * x2
    }

    /// `count` standard normal draws: `np.random.randn(count)`.
    ///
    /// - Parameter count: how many, ≥ 0. An odd count leaves a cached value
    ///   for the next normal draw, as in NumPy.
    /// - Returns: the draws in NumPy's order.
    public func randn(_ count: Int) -> [Double] {
        precondition(count >= 0, "randn: count must be non-negative, got \(count)")
        return (0..<count).map { _ in standardNormal() }
    }

    /// A normal draw: `np.random.normal(loc=mean, scale=standardDeviation)`.
    ///
    /// NumPy's `legacy_normal`: `mean + standardDeviation * gauss`.
    ///
    /// - Parameters:
    ///   - mean: the mean (`loc`).
    ///   - standardDeviation: the standard deviation (`scale`, not the
    ///     variance), ≥ 0 as NumPy requires.
    /// - Returns: the draw.
    public func normal(mean: Double, standardDeviation: Double) -> Double {
        precondition(standardDeviation >= 0, "normal: standardDeviation (NumPy's scale) must be non-negative, got \(standardDeviation)")
        return mean + standardDeviation * standardNormal()
    }

    /// `count` normal draws: `np.random.normal(mean, standardDeviation, count)`.
    ///
    /// - Parameters:
    ///   - mean: the mean (`loc`).
    ///   - standardDeviation: the standard deviation (`scale`), ≥ 0.
    ///   - count: how many, ≥ 0.
    /// - Returns: the draws in NumPy's order.
    public func normal(mean: Double, standardDeviation: Double, count: Int) -> [Double] {
        precondition(count >= 0, "normal: count must be non-negative, got \(count)")
        return (0..<count).map { _ in normal(mean: mean, standardDeviation: standardDeviation) }
    }

    // MARK: - Binomial

    /// A binomial draw: `np.random.binomial(trials, probability)`.
    ///
    /// NumPy's `legacy_random_binomial`: with `p' = min(p, 1 − p)`, inversion
    /// (`random_binomial_inversion`) when `n·p' ≤ 30`, otherwise BTPE
    /// (`random_binomial_btpe`, Kachitvichyanukul & Schmeiser 1988); for
    /// `p > 0.5` the draw is `n − X` with `X ~ B(n, 1 − p)`. Both methods are
    /// implemented. Like NumPy's legacy stream, even `n = 0`, `p = 0` and
    /// `p = 1` consume one uniform (two 32-bit outputs).
    ///
    /// - Parameters:
    ///   - trials: `n`, ≥ 0.
    ///   - probability: `p`, in [0, 1].
    /// - Returns: the number of successes, in `0...trials`.
    public func binomial(trials: Int, probability: Double) -> Int {
        precondition(trials >= 0, "binomial: trials must be non-negative, got \(trials)")
        precondition(probability >= 0 && probability <= 1, "binomial: probability must be in [0, 1], got \(probability)")
        let n = trials, p = probability
        if p <= 0.5 {
            if p * Double(n) <= 30.0 {
                return binomialInversion(n, p)
            } else {
                return binomialBTPE(n, p)
            }
        } else {
            let q = 1.0 - p
            if q * Double(n) <= 30.0 {
                return n - binomialInversion(n, q)
            } else {
                return n - binomialBTPE(n, q)
            }
        }
    }

    /// `count` binomial draws: `np.random.binomial(trials, probability, count)`.
    ///
    /// - Parameters:
    ///   - trials: `n`, ≥ 0.
    ///   - probability: `p`, in [0, 1].
    ///   - count: how many, ≥ 0.
    /// - Returns: the draws in NumPy's order.
    public func binomial(trials: Int, probability: Double, count: Int) -> [Int] {
        precondition(count >= 0, "binomial: count must be non-negative, got \(count)")
        return (0..<count).map { _ in binomial(trials: trials, probability: probability) }
    }

    /// The set-up NumPy keeps in `binomial_t` between draws with the same
    /// (n, p). It only saves work: recomputing gives the same numbers.
    private enum BinomialSetup {
        case inversion(n: Int, p: Double, q: Double, qn: Double, bound: Int)
        case btpe(n: Int, p: Double, BTPE)
    }

    private struct BTPE {
        var r, q, fm: Double
        var m: Int
        var p1, xm, xl, xr, c, laml, lamr, p2, p3, p4: Double
    }

    /// `random_binomial_inversion` (distributions.c), for `p ≤ 0.5`.
    private func binomialInversion(_ n: Int, _ p: Double) -> Int {
        let q: Double, qn: Double, bound: Int
        if case .inversion(let cn, let cp, let cq, let cqn, let cbound)? = binomialCache, cn == n, cp == p {
            q = cq
            qn = cqn
            bound = cbound
        } else {
            q = 1.0 - p
            qn = exp(Double(n) * log(q))
            let np = Double(n) * p
            bound = Int(Swift.min(Double(n), np + 10.0 * (np * q + 1).squareRoot()))
            binomialCache = .inversion(n: n, p: p, q: q, qn: qn, bound: bound)
        }
        var x = 0
        var px = qn
        var u = nextDouble()
        while u > px {
            x += 1
            if x > bound {
                x = 0
                px = qn
                u = nextDouble()
            } else {
                u -= px
                px = (Double(n - x + 1) * p * px) / (Double(x) * q)
            }
        }
        return x
    }

    /// `random_binomial_btpe` (distributions.c), for `p ≤ 0.5` and `n·p > 30`.
    ///
    /// The C uses `goto`; here each label is a case of `Step` and the loop
    /// jumps between them. Operation order follows the C so the doubles, and
    /// hence the accept/reject decisions, are the same.
    private func binomialBTPE(_ n: Int, _ p: Double) -> Int {
        let s: BTPE
        if case .btpe(let cn, let cp, let cached)? = binomialCache, cn == n, cp == p {
            s = cached
        } else {
            let r = Swift.min(p, 1.0 - p)
            let q = 1.0 - r
            let fm = Double(n) * r + r
            let m = Int(floor(fm))
            let p1 = floor(2.195 * (Double(n) * r * q).squareRoot() - 4.6 * q) + 0.5
            let xm = Double(m) + 0.5
            let xl = xm - p1
            let xr = xm + p1
            let c = 0.134 + 20.5 / (15.3 + Double(m))
            var a = (fm - xl) / (fm - xl * r)
            let laml = a * (1.0 + a / 2.0)
            a = (xr - fm) / (xr * q)
            let lamr = a * (1.0 + a / 2.0)
            let p2 = p1 * (1.0 + 2.0 * c)
            let p3 = p2 + c / laml
            let p4 = p3 + c / lamr
            s = BTPE(
                r: r, q: q, fm: fm, m: m, p1: p1, xm: xm, xl: xl, xr: xr, c: c,
                laml: laml, lamr: lamr, p2: p2, p3: p3, p4: p4)
            binomialCache = .btpe(n: n, p: p, s)
        }
        let r = s.r, q = s.q, m = s.m, p1 = s.p1, xm = s.xm, xl = s.xl, xr = s.xr, c = s.c
        let laml = s.laml, lamr = s.lamr, p2 = s.p2, p3 = s.p3, p4 = s.p4

        enum Step { case s10, s20, s30, s40, s50, s52, s60 }
        var step = Step.s10
        var nrq = 0.0, u = 0.0, v = 0.0
        var y = 0, k = 0
        while true {
            switch step {
            case .s10:
                nrq = Double(n) * r * q
                u = nextDouble() * p4
                v = nextDouble()
                if u > p1 {
                    step = .s20
                    continue
                }
                y = Int(floor(xm - p1 * v + u))
                step = .s60
            case .s20:
                if u > p2 {
                    step = .s30
                    continue
                }
                let x = xl + (u - p1) / c
                v = v * c + 1.0 - abs(Double(m) - x + 0.5) / p1
                if v > 1.0 {
                    step = .s10
                    continue
                }
                y = Int(floor(x))
                step = .s50
            case .s30:
                if u > p3 {
                    step = .s40
                    continue
                }
                // C rejects v == 0 after an undefined cast; test it (and the
                // sign) on the double so the Swift conversion cannot trap.
                let fy = floor(xl + log(v) / laml)
                if v == 0.0 || fy < 0 {
                    step = .s10
                    continue
                }
                y = Int(fy)
                v = v * (u - p2) * laml
                step = .s50
            case .s40:
                let fy = floor(xr - log(v) / lamr)
                if v == 0.0 || fy > Double(n) {
                    step = .s10
                    continue
                }
                y = Int(fy)
                v = v * (u - p3) * lamr
                step = .s50
            case .s50:
                k = abs(y - m)
                if k > 20 && Double(k) < nrq / 2.0 - 1 {
                    step = .s52
                    continue
                }
                let ratio = r / q
                let a = ratio * Double(n + 1)
                var f = 1.0
                if m < y {
                    for i in (m + 1)...y { f *= (a / Double(i) - ratio) }
                } else if m > y {
                    for i in (y + 1)...m { f /= (a / Double(i) - ratio) }
                }
                step = v > f ? .s10 : .s60
            case .s52:
                let kd = Double(k)
                let rho = (kd / nrq) * ((kd * (kd / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5)
                let t = Double(-k * k) / (2 * nrq)
                let bigA = log(v)
                if bigA < t - rho {
                    step = .s60
                    continue
                }
                if bigA > t + rho {
                    step = .s10
                    continue
                }
                let x1 = Double(y + 1)
                let f1 = Double(m + 1)
                let z = Double(n + 1 - m)
                let w = Double(n - y + 1)
                let x2 = x1 * x1, f2 = f1 * f1, z2 = z * z, w2 = w * w
                func stirling(_ t2: Double, _ t1: Double) -> Double {
                    (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / t2) / t2) / t2) / t2) / t1 / 166320.0
                }
                var bound = xm * log(f1 / x1)
                bound += (Double(n - m) + 0.5) * log(z / w)
                bound += Double(y - m) * log(w * r / (x1 * q))
                bound += stirling(f2, f1)
                bound += stirling(z2, z)
                bound += stirling(x2, x1)
                bound += stirling(w2, w)
                step = bigA > bound ? .s10 : .s60
            case .s60:
                if p > 0.5 { y = n - y }
                return y
            }
        }
    }

    // MARK: - Integers and choice

    /// A uniform integer in `0..<high`: `np.random.randint(0, high)`.
    ///
    /// NumPy's legacy bounded integers (`random_bounded_uint64_fill` with
    /// `use_masked`): with `rng = high − 1` and `mask` the smallest all-ones
    /// mask ≥ `rng`, draw `next & mask` until it is ≤ `rng`. The draws are
    /// 32-bit outputs when `rng < 2³²`, otherwise 64-bit ones (two outputs,
    /// the first in the high half). `high == 1` consumes nothing.
    ///
    /// - Parameter high: one more than the largest value, ≥ 1.
    /// - Returns: an integer in `0..<high`.
    public func randomInteger(below high: Int) -> Int {
        precondition(high >= 1, "randomInteger: high must be at least 1 (NumPy: low >= high), got \(high)")
        let rng = UInt64(high - 1)
        if rng == 0 { return 0 }
        var mask = rng
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        mask |= mask >> 32
        var value: UInt64
        if rng <= 0xFFFF_FFFF {
            repeat { value = UInt64(nextUInt32()) & mask } while value > rng
        } else {
            repeat { value = nextUInt64() & mask } while value > rng
        }
        return Int(value)
    }

    /// `count` uniform integers in `0..<high`: `np.random.randint(0, high, count)`.
    ///
    /// - Parameters:
    ///   - high: one more than the largest value, ≥ 1.
    ///   - count: how many, ≥ 0.
    /// - Returns: the draws in NumPy's order.
    public func randomInteger(below high: Int, count: Int) -> [Int] {
        precondition(count >= 0, "randomInteger: count must be non-negative, got \(count)")
        return (0..<count).map { _ in randomInteger(below: high) }
    }

    /// `count` elements drawn uniformly with replacement:
    /// `np.random.choice(values, count)` (`replace=True`, `p=None`).
    ///
    /// NumPy builds this as `values[randint(0, len(values), count)]`.
    ///
    /// - Parameters:
    ///   - values: the population; non-empty unless `count` is 0. A single
    ///     element consumes no draws, as in NumPy.
    ///   - count: how many, ≥ 0.
    /// - Returns: the chosen elements in NumPy's order.
    public func choice<T>(_ values: [T], count: Int) -> [T] {
        precondition(count >= 0, "choice: count must be non-negative, got \(count)")
        if count == 0 { return [] }
        precondition(!values.isEmpty, "choice: 'a' cannot be empty unless no samples are taken")
        return (0..<count).map { _ in values[randomInteger(below: values.count)] }
    }
}
