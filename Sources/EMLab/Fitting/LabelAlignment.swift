/// Matching estimated components to true ones.
///
/// EM's components carry no names: component 1 of a fit may estimate true
/// component 2 (label switching). Errors are measured after relabelling the
/// estimate by the permutation that brings its means closest to the truth's,
///
///     p* = argmin_p Σ_k ((μ̂_{p(k)} − μ_k) / σ_k)²,
///
/// searched over all K! permutations (ties: the first in lexicographic
/// order). Distances are in units of each true σ_k, so a component is
/// matched where it is statistically close. Non-finite means are taken as
/// infinitely far. Stephens (2000, JRSS B 62(4)) discusses the problem.
public enum LabelAlignment {
    /// The best permutation: `p[k]` is the estimated component (0-based)
    /// matched to true component `k`.
    ///
    /// - Complexity: O(K!·K); K ≤ 8 is exhaustive, larger K is matched greedily.
    public static func bestPermutation(estimate: GaussianMixture, truth: GaussianMixture) -> [Int] {
        let k = truth.componentCount
        precondition(estimate.componentCount == k, "estimate and truth must have the same K")
        func cost(_ i: Int, _ j: Int) -> Double {
            let d = (estimate.means[j] - truth.means[i]) / truth.standardDeviations[i]
            return d.isNaN ? .infinity : d * d
        }
        if k > 8 {
            var used = Set<Int>(), result: [Int] = []
            for i in 0..<k {
                let j = (0..<k).filter { !used.contains($0) }.min { cost(i, $0) < cost(i, $1) }!
                used.insert(j)
                result.append(j)
            }
            return result
        }
        var permutation = Array(0..<k)
        var best = permutation, bestCost = Double.infinity
        repeat {
            var total = 0.0
            for i in 0..<k { total += cost(i, permutation[i]) }
            if total < bestCost {
                best = permutation
                bestCost = total
            }
        } while nextPermutation(&permutation)
        return best
    }

    /// Advances `p` to the next permutation in lexicographic order; false after the last.
    static func nextPermutation(_ p: inout [Int]) -> Bool {
        guard p.count > 1 else { return false }
        var i = p.count - 2
        while i >= 0 && p[i] >= p[i + 1] { i -= 1 }
        if i < 0 { return false }
        var j = p.count - 1
        while p[j] <= p[i] { j -= 1 }
        p.swapAt(i, j)
        p[(i + 1)...].reverse()
        return true
    }

    /// The estimate with its components reordered by `permutation`.
    public static func relabel(_ estimate: GaussianMixture, by permutation: [Int]) -> GaussianMixture {
        GaussianMixture(
            unchecked: permutation.map { estimate.weights[$0] }, means: permutation.map { estimate.means[$0] },
            standardDeviations: permutation.map { estimate.standardDeviations[$0] })
    }
}

extension LabelAlignment {
    /// A fit numbered as the truth is: its final mixture and every traced
    /// mixture reordered by the permutation that best matches the final
    /// mixture to `truth`, so a table, a plot's colours and an animation's
    /// frames all call the same component 1. A fit with another K than the
    /// truth is returned as it is.
    ///
    /// - Parameters:
    ///   - result: the fit.
    ///   - truth: the true mixture.
    /// - Returns: the relabelled fit; every other field unchanged.
    public static func relabel(_ result: FitResult, toMatch truth: GaussianMixture) -> FitResult {
        guard result.mixture.componentCount == truth.componentCount else { return result }
        let permutation = bestPermutation(estimate: result.mixture, truth: truth)
        guard permutation != Array(0..<truth.componentCount) else { return result }
        var relabelled = result
        relabelled.mixture = relabel(result.mixture, by: permutation)
        if var trace = result.trace {
            trace.mixtures = trace.mixtures.map { relabel($0, by: permutation) }
            relabelled.trace = trace
        }
        return relabelled
    }
}
