import Foundation

/// Parabolic EM (Berlinet & Roland 2009, "Parabolic acceleration of the EM
/// algorithm", *Stat. Comput.* 19(1), 35–47, §3), as R's turboEM (2025.1)
/// runs it, `method = "pem"` (cran/turboEM `R/turboem.R`, `accelerate` and
/// `bodyParaEM`), on the vector of ``EMMapVector``.
///
/// After l EM steps, with the last three iterates p0, p1, p2, a cycle
/// searches along the parabola (Bézier curve) through them,
///
///     p(t) = (1 − t)² p0 + 2t(1 − t) p1 + t² p2,
///
/// at t_i = 1 + aⁱh (geometric) or 1 + ih (arithmetic), i = 0, 1, …, as
/// long as ℓ rises. If the first trial does not rise above ℓ(p2), the cycle
/// takes two EM steps from p2 (p0 ← p2, p1 ← F(p2), p2 ← F(p1)); otherwise,
/// with p_best the last trial that rose, p0 ← p1, p1 ← p2, p2 ← F(F(p_best)).
///
/// ## Steps outside the parameter space
/// turboEM's `pconstr` test (without a projection): a trial outside the
/// parameter space of ``EMMapVector``, or whose ℓ is NaN, counts as not
/// rising — the first trial then falls back to the EM steps, a later one
/// ends the search.
///
/// ## Counting
/// A pass scores each trial (its F is not needed); p_best's F is known from
/// its pass, F(F(p_best)) costs one more, and the new p2 is scored (which
/// gives its F). ``FitResult/iterations`` counts the l leading EM steps
/// and then one update per cycle (p2). It is monotone: ℓ(p2) never falls.
/// See ``AcceleratedPath``.
public enum ParabolicEM {
    /// Fits a mixture to `data` by parabolic-EM from `start`.
    ///
    /// - Parameters:
    ///   - data: the observations; at least one, all finite.
    ///   - start: the starting parameters, put into the model's form first.
    ///   - configuration: constraints, stopping rule, cap (of E-step passes), floor, trace.
    ///   - options: l, h, a and the version.
    /// - Returns: the last accepted point and its counts; never throws.
    /// - Complexity: O(n·K) per pass, 3 passes for a failed cycle, j + 3 for one whose search rose j times.
    public static func fit(
        data: [Double], start: GaussianMixture, configuration: EMConfiguration, options: ParabolicEMOptions
    ) -> FitResult {
        var path = AcceleratedPath(data: data, start: start, configuration: configuration)
        let p = path.dimension
        var history: [[Double]] = [path.current]
        var next = path.currentImage, nextImage = next
        /// One EM step from the accepted point, accepted.
        func emStep() {
            next = path.currentImage
            let evaluation = path.evaluate(next, image: &nextImage)
            path.noteEMStepFromCurrent(to: evaluation)
            path.accept(next, image: nextImage, evaluation: evaluation)
        }
        for _ in 0..<max(3, options.leadingSteps) {
            if let reason = path.stop() { return path.finish(reason) }
            emStep()
            history.append(path.current)
            if history.count > 3 { history.removeFirst() }
        }
        var p0 = history[0], p1 = history[1]
        func trial(_ i: Int) -> [Double] {
            let t = options.geometric ? 1 + Foundation.pow(options.a, Double(i)) * options.h : 1 + Double(i) * options.h
            let c0 = (1 - t) * (1 - t), c1 = 2 * t * (1 - t), c2 = t * t
            let p2 = path.current
            return (0..<p).map { c0 * p0[$0] + c1 * p1[$0] + c2 * p2[$0] }
        }
        while true {
            if let reason = path.stop() { return path.finish(reason) }
            let p2 = path.current
            var i = 0
            var best: (point: [Double], image: [Double], evaluation: EMMapVector.Evaluation)?
            while true {
                let candidate = trial(i)
                guard path.isInside(candidate) else { break }
                var image = candidate
                let evaluation = path.evaluate(candidate, image: &image)
                let rose: Bool
                if let best {
                    rose = !evaluation.logLikelihood.isNaN && QuasiNewtonEM.isHigher(evaluation, than: best.evaluation)
                } else {
                    rose =
                        !evaluation.logLikelihood.isNaN
                        && (evaluation.exact ? evaluation.change > 0 : evaluation.logLikelihood > path.logLikelihood)
                }
                guard rose else { break }
                best = (candidate, image, evaluation)
                i += 1
            }
            if let best, best.evaluation.imageFinite && !best.evaluation.imageDegenerate {
                // p2 ← F(F(p_best)): the pass at F(p_best), then the pass scoring p2.
                let first = best.image
                var second = first
                let firstEvaluation = path.evaluate(first, image: &second)
                path.noteEMStep(from: best.evaluation, to: firstEvaluation)
                p0 = p1
                p1 = p2
                if !firstEvaluation.imageFinite || firstEvaluation.imageDegenerate {
                    // EM itself fails at F(F(θ)): it is the fit's last point, as it would be for EM.
                    return path.finishAtFailedEMStep(second, firstEvaluation: firstEvaluation)
                }
                var image = second
                let evaluation = path.evaluate(second, image: &image)
                path.noteEMStep(from: firstEvaluation, to: evaluation)
                path.accept(second, image: image, evaluation: evaluation)
            } else {
                // Two EM steps from p2, accepted as one update: p0 ← p2, p1 ← F(p2), p2 ← F(p1).
                p0 = p2
                let first = path.currentImage
                var second = first
                let firstEvaluation = path.evaluate(first, image: &second)
                path.noteEMStepFromCurrent(to: firstEvaluation)
                p1 = first
                if !firstEvaluation.imageFinite || firstEvaluation.imageDegenerate {
                    // EM fails at F(p1): accept p1; the stop check scores F(p1) and ends the fit there.
                    path.accept(first, image: second, evaluation: firstEvaluation)
                    return path.finish(path.stop() ?? .degenerate)
                }
                var image = second
                let evaluation = path.evaluate(second, image: &image)
                path.noteEMStep(from: firstEvaluation, to: evaluation)
                path.accept(second, image: image, evaluation: evaluation)
            }
        }
    }
}
