import CEMKernels

/// The E-step's vector kernels: a thin Swift face over the C target
/// `CEMKernels`, which compiles one body at several x86-64 levels (baseline,
/// AVX2 + FMA, AVX-512) and picks the CPU's highest once, at run time.
///
/// ## Why C, and why run-time dispatch
/// The pass fuses its multiply-adds (one rounding each) so that every build
/// computes the same bits. Swift has no per-function target features: built
/// for Swift's default x86-64 target — `swift build -c release`, `swift run`,
/// any package depending on EMLab — a fused multiply-add is a libm call per
/// lane, 17–22× slower than with FMA instructions. Clang's function-level
/// `target` attributes give the instructions whatever the build flags say,
/// and `__builtin_cpu_supports` chooses among the compiled levels (as NumPy
/// and OpenBLAS dispatch). A CPU without FMA runs the baseline, whose fused
/// operations are libm's exact `fma`: slower, and the same bits.
/// `EMLAB_KERNEL=baseline` (or `avx2-fma`) in the environment caps the level,
/// which is how the tests show that every level writes the same bytes.
///
/// ## The pass
/// Per block of sixteen points (two 8-lane vectors), with d_k = x − μ_k:
///
///     t_k = a_k − (d_k·d_k)·c_k      (a_k = log π_k − log σ_k − ½ log 2π, c_k = ½/σ_k²)
///     m   = max_k t_k                (NaN terms ignored, as the reference loop does)
///     e_k = exp(t_k − m),  s = Σ e_k ∈ [1, K]
///     γ_k = e_k·(1/s);  N_k += γ_k,  S_k += γ_k d_k,  Q_k = fma(γ_k d_k, d_k, Q_k)
///
/// and the log-likelihood is Σ m + Σ log s, where the s of each lane are
/// multiplied together and logged once every 64 blocks (s ≤ K, so the
/// product cannot overflow in between; s ≥ 1, so it cannot underflow). The
/// last 1…15 points are a block padded with copies of the last point whose
/// lanes get γ = 0, m = 0 and s = 1. `exp` is Cody–Waite reduction with
/// fdlibm's split of ln 2 and a degree-9 polynomial, within ~1 ulp of libm's
/// down to the subnormals (Cody & Waite, *Software Manual for the Elementary
/// Functions*, 1980; Tang, ACM TOMS 15(2), 1989).
enum EStepKernel {
    /// Lanes per vector.
    static let width = 8

    /// The instruction-set level the kernels run at on this CPU.
    static var level: emlab_kernel_level { emlab_kernel_selected_level() }

    /// The level's name: "avx512", "avx2-fma" or "baseline".
    static var levelName: String { String(cString: emlab_kernel_level_name(level)) }

    /// Doubles of work space ``pass(data:k:offset:halfPrecision:mean:work:level:)`` needs.
    static func workDoubles(componentCount k: Int) -> Int { 5 * k * width }

    /// One E-step pass: the lane sums of N_k, S_k, Q_k are left in `work`
    /// (see ``sums(_:component:work:k:)``) and the log-likelihood is returned.
    ///
    /// - Parameters:
    ///   - data: the points.
    ///   - offset, halfPrecision, mean: a_k, c_k and μ_k, one per component.
    ///   - work: ``workDoubles(componentCount:)`` doubles.
    ///   - level: the instruction-set level (tests choose; the engine uses ``level``).
    /// - Returns: Σ m + Σ log s, summed over the lanes here (in Swift's order).
    /// - Complexity: O(n·K); allocates nothing.
    static func pass(
        data: UnsafeBufferPointer<Double>, k: Int, offset: UnsafePointer<Double>,
        halfPrecision: UnsafePointer<Double>, mean: UnsafePointer<Double>,
        work: UnsafeMutablePointer<Double>, level: emlab_kernel_level = level
    ) -> Double {
        var lanes = SIMD8<Double>()
        withUnsafeMutableBytes(of: &lanes) { raw in
            emlab_estep_pass(
                level, data.baseAddress, data.count, k, offset, halfPrecision, mean, work,
                raw.baseAddress!.assumingMemoryBound(to: Double.self))
        }
        return lanes.sum()
    }

    /// ``pass(data:k:offset:halfPrecision:mean:work:level:)`` — the same
    /// bits in `work` and the same log-likelihood — that also returns the
    /// exact change of the log-likelihood from a reference θ to the pass's
    /// parameters (the method is in `kernels.c`, "The exact change"; the
    /// constants in `change`, see ``LogLikelihoodChange``).
    ///
    /// - Returns: the log-likelihood, and Σ_i (ℓ_i(θ') − ℓ_i(θ)) with the
    ///   kernel's 8 lanes of compensated sums and their compensations added
    ///   in a fixed order by Neumaier's method.
    /// - Complexity: O(n·K); allocates nothing.
    static func changePass(
        data: UnsafeBufferPointer<Double>, k: Int, offset: UnsafePointer<Double>,
        halfPrecision: UnsafePointer<Double>, mean: UnsafePointer<Double>,
        change: UnsafePointer<Double>, work: UnsafeMutablePointer<Double>,
        level: emlab_kernel_level = level
    ) -> (logLikelihood: Double, change: Double) {
        var lanes = SIMD8<Double>()
        var changeLanes = (SIMD8<Double>(), SIMD8<Double>())
        withUnsafeMutableBytes(of: &lanes) { raw in
            withUnsafeMutableBytes(of: &changeLanes) { changeRaw in
                var shape = emlab_change_shape(
                    log_ratio: change, inverse_sd: change + k, sd_step: change + 2 * k,
                    mean_step: change + 3 * k)
                emlab_estep_change_pass(
                    level, data.baseAddress, data.count, k, offset, halfPrecision, mean, &shape, work,
                    raw.baseAddress!.assumingMemoryBound(to: Double.self),
                    changeRaw.baseAddress!.assumingMemoryBound(to: Double.self))
            }
        }
        var total = CompensatedSum()
        for l in 0..<width { total.add(changeLanes.0[l]) }
        for l in 0..<width { total.add(changeLanes.1[l]) }
        return (lanes.sum(), total.value)
    }

    /// The three lane sums of one component after ``pass(data:k:offset:halfPrecision:mean:work:level:)``,
    /// each summed over its lanes.
    static func sums(component j: Int, work: UnsafePointer<Double>, k: Int) -> (n: Double, s: Double, q: Double) {
        func lanes(_ vector: Int) -> Double {
            UnsafeRawPointer(work + vector * width).loadUnaligned(as: SIMD8<Double>.self).sum()
        }
        return (lanes(2 * k + j), lanes(3 * k + j), lanes(4 * k + j))
    }

    /// eˣ in place on whole vectors: the pass's exp on its own, so the tests
    /// can check its accuracy at every level (the passes inline it). x ≤ 0
    /// or NaN; −∞ → 0.
    static func exp(_ vectors: UnsafeMutablePointer<SIMD8<Double>>, count: Int, level: emlab_kernel_level = level) {
        emlab_exp_in_place(level, UnsafeMutableRawPointer(vectors).assumingMemoryBound(to: Double.self), count * width)
    }

    /// Scalar eˣ by the same method (for tests): x ≤ 0.
    static func exp(_ x: Double, level: emlab_kernel_level = level) -> Double {
        var v = SIMD8<Double>(repeating: x)
        exp(&v, count: 1, level: level)
        return v[0]
    }
}
