/// The quasi-Newton acceleration of EM of Zhou, Alexander & Lange (2011,
/// "A quasi-Newton acceleration for high-dimensional optimization
/// algorithms", *Stat. Comput.* 21(2), 261–273, §2), as R's turboEM
/// (2025.1) runs it, `method = "qn"` (cran/turboEM `R/turboem.R`,
/// `accelerate` and `bodyQuasiNewton`), on the vector of ``EMMapVector``.
///
/// With the q most recent EM increments u_i = F(θ_i) − θ_i as the columns
/// of U and the increments one EM step later as those of V (the secant
/// conditions M u_i = v_i for the Jacobian of F), one cycle from θ is
///
///     θ' = F(θ) − V (Uᵀ(U − V))⁻¹ Uᵀ(θ − F(θ)),
///
/// and the next point is the better (higher ℓ) of θ' and F(F(θ)). The cycle
/// then appends F(θ_next) − θ_next to U and F(F(θ_next)) − F(θ_next) to V,
/// dropping the oldest columns. It starts as turboEM does: q EM steps, one
/// more for U and one for V (the first increment is not used).
///
/// ## Steps outside the parameter space
/// turboEM's `pconstr` test: when θ' is outside the parameter space of
/// ``EMMapVector``, or Uᵀ(U − V) is singular (`solve` fails), the cycle
/// takes F(F(θ)). A θ' whose ℓ is NaN, where turboEM's comparison would
/// stop with an error, loses to F(F(θ)).
///
/// ## Counting
/// A cycle costs up to three passes: at F(θ) (giving F(F(θ))), at θ'
/// (giving F(θ') for the next cycle) and at F(F(θ)) (its ℓ, and its F).
/// It is monotone: F(F(θ)) never has a lower ℓ than θ. q is at most p,
/// the number of free parameters, as turboEM requires. See ``AcceleratedPath``.
public enum QuasiNewtonEM {
    /// Fits a mixture to `data` by quasi-Newton-accelerated EM from `start`.
    ///
    /// - Parameters:
    ///   - data: the observations; at least one, all finite.
    ///   - start: the starting parameters, put into the model's form first.
    ///   - configuration: constraints, stopping rule, cap (of E-step passes), floor, trace.
    ///   - secants: q ≥ 1, the secant pairs (turboEM's code: 2); reduced to p when larger.
    /// - Returns: the last accepted point and its counts; never throws.
    /// - Complexity: up to three O(n·K) passes per cycle, plus O(p·q² + q³).
    public static func fit(data: [Double], start: GaussianMixture, configuration: EMConfiguration, secants: Int)
        -> FitResult
    {
        var path = AcceleratedPath(data: data, start: start, configuration: configuration)
        let p = path.dimension
        let q = max(1, min(secants, p))
        var increments: [[Double]] = []
        func increment(_ from: [Double], _ to: [Double]) -> [Double] { (0..<p).map { to[$0] - from[$0] } }
        /// Appends to - from to the newest-last list `list` of at most q vectors, reusing the oldest's storage once it is full.
        func push(_ from: [Double], _ to: [Double], into list: inout [[Double]]) {
            guard list.count >= q else {
                list.append(increment(from, to))
                return
            }
            var recycled = list.removeFirst()
            for r in 0..<p { recycled[r] = to[r] - from[r] }
            list.append(recycled)
        }
        var next = path.currentImage, nextImage = next
        // q EM steps.
        for _ in 0..<q {
            if let reason = path.stop() { return path.finish(reason) }
            increments.append(increment(path.current, path.currentImage))
            next = path.currentImage
            let evaluation = path.evaluate(next, image: &nextImage)
            path.noteEMStepFromCurrent(to: evaluation)
            path.accept(next, image: nextImage, evaluation: evaluation)
        }
        if let reason = path.stop() { return path.finish(reason) }
        // U = [u_1 … u_{q−1}] and V = [u_2 … u_q] before the first cycle appends u_q and u_{q+1}.
        var u = Array(increments.dropFirst()), v = Array(increments.dropFirst(2))
        v.append(increment(path.current, path.currentImage))
        var secondImage = next
        // The q × q system and every per-cycle vector, allocated once (the same
        // arithmetic as a fresh Matrix and LU each cycle: the same bits).
        let system = LUWorkspace(order: q)
        var x = next, proposalImage = next, secondImageImage = next, theta = next, first = next
        while true {
            // F(F(θ)), from the pass at F(θ).
            // θ and F(θ) copied, not referenced: a reference held across `accept` would
            // make the path copy its storage there.
            for r in 0..<p {
                theta[r] = path.current[r]
                first[r] = path.currentImage[r]
            }
            let firstEvaluation = path.evaluate(first, image: &secondImage)
            path.noteEMStepFromCurrent(to: firstEvaluation)
            let second = secondImage
            push(theta, first, into: &u)
            push(first, second, into: &v)
            if !firstEvaluation.imageFinite || firstEvaluation.imageDegenerate {
                // EM itself fails at F(F(θ)): it is the fit's last point, as it would be for EM.
                return path.finishAtFailedEMStep(second, firstEvaluation: firstEvaluation)
            }
            var hasProposal = false
            if u.count == q && v.count == q, let system {
                for i in 0..<q {
                    for j in 0..<q {
                        var total = 0.0
                        for r in 0..<p { total += u[i][r] * (u[j][r] - v[j][r]) }
                        system.set(row: i, column: j, total)
                    }
                    var right = 0.0
                    for r in 0..<p { right += u[i][r] * (theta[r] - first[r]) }
                    system.setRight(i, right)
                }
                if system.solve() {
                    for r in 0..<p { x[r] = first[r] }
                    for j in 0..<q { for r in 0..<p { x[r] -= v[j][r] * system.solution(j) } }
                    hasProposal = path.isInside(x) && x != second
                }
            }
            var secondEvaluation: EMMapVector.Evaluation?
            var chosen = second, chosenImage = nextImage
            var chosenEvaluation: EMMapVector.Evaluation
            if hasProposal {
                let proposalEvaluation = path.evaluate(x, image: &proposalImage)
                let evaluation = path.evaluate(second, image: &secondImageImage)
                secondEvaluation = evaluation
                if proposalEvaluation.logLikelihood.isNaN || isHigher(evaluation, than: proposalEvaluation) {
                    chosenEvaluation = evaluation
                    chosenImage = secondImageImage
                } else {
                    chosen = x
                    chosenImage = proposalImage
                    chosenEvaluation = proposalEvaluation
                }
            } else {
                chosenEvaluation = path.evaluate(second, image: &chosenImage)
                secondEvaluation = chosenEvaluation
            }
            if let secondEvaluation { path.noteEMStep(from: firstEvaluation, to: secondEvaluation) }
            path.accept(chosen, image: chosenImage, evaluation: chosenEvaluation)
            if let reason = path.stop() { return path.finish(reason) }
        }
    }

    /// Whether `a` has the higher ℓ than `b` (both scored from the same accepted point; exact changes compared when both are exact).
    static func isHigher(_ a: EMMapVector.Evaluation, than b: EMMapVector.Evaluation) -> Bool {
        a.exact && b.exact ? a.change > b.change : a.logLikelihood > b.logLikelihood
    }
}
