import CEMKernels
import Foundation

/// Per-component sums of one E-step pass, kept between iterations so the
/// loop allocates nothing.
///
/// ``accumulate(data:weights:means:sds:)`` is the fast pass: ``EStepKernel``,
/// sixteen points at a time in 8-lane vectors, an inline polynomial `exp`,
/// fused multiply-adds, and one `log` per lane every 64 blocks instead of
/// one per point; compiled for several CPU levels and chosen at run time,
/// with the same bits at every level.
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
    /// Work space of the fast pass: two vectors of terms and the N, S, Q lane sums per component.
    private var work: [Double]
    /// The exact change's constants, four blocks of K (B_k, 1/σ'_k, the
    /// relative σ step and the mean step; see ``LogLikelihoodChange``).
    private var changeConstants: [Double]

    public init(componentCount k: Int) {
        responsibility = Array(repeating: 0, count: k)
        shiftedSum = Array(repeating: 0, count: k)
        shiftedSquares = Array(repeating: 0, count: k)
        logTerms = Array(repeating: 0, count: k)
        offset = Array(repeating: 0, count: k)
        precision = Array(repeating: 0, count: k)
        halfPrecision = Array(repeating: 0, count: k)
        work = Array(repeating: 0, count: EStepKernel.workDoubles(componentCount: k))
        changeConstants = Array(repeating: 0, count: 4 * k)
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
        accumulate(data: data, weights: weights, means: means, sds: sds, level: EStepKernel.level)
    }

    /// The CPU level the fast pass runs at here: "avx512", "avx2-fma" or "baseline".
    public static var kernelLevel: String { EStepKernel.levelName }

    /// The fast pass at a given kernel level (tests run every level the CPU has).
    mutating func accumulate(
        data: [Double], weights: [Double], means: [Double], sds: [Double],
        level: emlab_kernel_level
    ) -> Double {
        fastPass(data: data, weights: weights, means: means, sds: sds, level: level, exactChange: false).logLikelihood
    }

    /// One E-step, exactly as ``accumulate(data:weights:means:sds:)`` (the
    /// same bits in every sum and in the log-likelihood), that also returns
    /// the change ℓ(θ') − ℓ(θ) of the log-likelihood from the reference θ =
    /// (`referenceWeights`, `referenceMeans`, `referenceSDs`) to the given
    /// parameters θ', computed directly, accurate relative to itself
    /// (``LogLikelihoodChange`` has the method).
    ///
    /// - Parameter normalizingWeights: the change between the mixtures with
    ///   each set's weights divided by their sum (the model's ℓ, without the
    ///   wobble of weights that sum to 1 only up to rounding); false: of the
    ///   weights as given (the documents' as-written estimators).
    /// - Returns: the log-likelihood of θ', and the change; the change is
    ///   NaN when it cannot be formed this way: a weight or σ of either set
    ///   not positive and finite, a mean not finite, or a log-likelihood or
    ///   sum that is not finite (the pass then falls back to the reference
    ///   loop, as ``accumulate(data:weights:means:sds:)`` does).
    /// - Complexity: O(n·K), about 1.4–1.7 times the plain pass; allocates nothing.
    public mutating func accumulate(
        data: [Double], weights: [Double], means: [Double], sds: [Double],
        referenceWeights: [Double], referenceMeans: [Double], referenceSDs: [Double],
        normalizingWeights: Bool = true
    ) -> (logLikelihood: Double, change: Double) {
        accumulate(
            data: data, weights: weights, means: means, sds: sds, referenceWeights: referenceWeights,
            referenceMeans: referenceMeans, referenceSDs: referenceSDs, normalizingWeights: normalizingWeights,
            level: EStepKernel.level)
    }

    /// The pass with the exact change at a given kernel level (tests run every level the CPU has).
    mutating func accumulate(
        data: [Double], weights: [Double], means: [Double], sds: [Double],
        referenceWeights: [Double], referenceMeans: [Double], referenceSDs: [Double],
        normalizingWeights: Bool = true, level: emlab_kernel_level
    ) -> (logLikelihood: Double, change: Double) {
        let formed = LogLikelihoodChange.constants(
            into: &changeConstants, weights: weights, means: means, sds: sds,
            referenceWeights: referenceWeights, referenceMeans: referenceMeans,
            referenceSDs: referenceSDs, normalizingWeights: normalizingWeights)
        return fastPass(data: data, weights: weights, means: means, sds: sds, level: level, exactChange: formed)
    }

    /// The fast pass, with the exact change when `exactChange` (its constants
    /// then in `changeConstants`); the change is NaN otherwise.
    private mutating func fastPass(
        data: [Double], weights: [Double], means: [Double], sds: [Double],
        level: emlab_kernel_level, exactChange: Bool
    ) -> (logLikelihood: Double, change: Double) {
        let k = weights.count
        precondition(means.count == k && sds.count == k, "weights, means and sds must have one entry per component")
        guard k > 0 else { return (accumulateReference(data: data, weights: weights, means: means, sds: sds), .nan) }
        for j in 0..<k {
            offset[j] = Foundation.log(weights[j]) - Foundation.log(sds[j]) - halfLogTwoPi
            halfPrecision[j] = 0.5 * (1 / (sds[j] * sds[j]))
        }
        let (logLikelihood, change) = data.withUnsafeBufferPointer { xs in
            work.withUnsafeMutableBufferPointer { work in
                changeConstants.withUnsafeBufferPointer { constants in
                    let w = work.baseAddress!
                    let value: (logLikelihood: Double, change: Double)
                    if exactChange {
                        value = EStepKernel.changePass(
                            data: xs, k: k, offset: offset, halfPrecision: halfPrecision, mean: means,
                            change: constants.baseAddress!, work: w, level: level)
                    } else {
                        value = (
                            EStepKernel.pass(
                                data: xs, k: k, offset: offset, halfPrecision: halfPrecision, mean: means,
                                work: w, level: level), .nan
                        )
                    }
                    for j in 0..<k {
                        (responsibility[j], shiftedSum[j], shiftedSquares[j]) = EStepKernel.sums(component: j, work: w, k: k)
                    }
                    return value
                }
            }
        }
        var allFinite = logLikelihood.isFinite
        for j in 0..<k where !(responsibility[j].isFinite && shiftedSum[j].isFinite && shiftedSquares[j].isFinite) {
            allFinite = false
        }
        if allFinite { return (logLikelihood, change.isFinite ? change : .nan) }
        return (accumulateReference(data: data, weights: weights, means: means, sds: sds), .nan)
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
            responsibility[j] = 0
            shiftedSum[j] = 0
            shiftedSquares[j] = 0
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
                                            guard largest.isFinite else {
                                                logLikelihood = largest.isNaN ? .nan : largest
                                                continue
                                            }
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
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return logLikelihood
    }
}
