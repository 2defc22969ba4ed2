import Foundation

/// Per-component sums of one E-step pass, kept between iterations so the
/// loop allocates nothing.
struct SufficientStatistics {
    var responsibility: [Double]
    var shiftedSum: [Double]
    var shiftedSquares: [Double]
    private var logTerms: [Double]
    private var offset: [Double]
    private var precision: [Double]

    init(componentCount k: Int) {
        responsibility = Array(repeating: 0, count: k)
        shiftedSum = Array(repeating: 0, count: k)
        shiftedSquares = Array(repeating: 0, count: k)
        logTerms = Array(repeating: 0, count: k)
        offset = Array(repeating: 0, count: k)
        precision = Array(repeating: 0, count: k)
    }

    /// One E-step: accumulates N_k, S_k and Q_k about `means` and returns
    /// the log-likelihood of the given parameters.
    mutating func accumulate(data: [Double], weights: [Double], means: [Double], sds: [Double]) -> Double {
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
