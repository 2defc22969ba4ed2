import Foundation

/// The penalised likelihood of Chen, Tan & Zhang (2008, "Inference for
/// normal mixtures in mean and variance", *Stat. Sinica* 18:443–465):
/// pℓ(θ) = ℓ(θ) + Σ_k p_n(σ_k²), p_n(σ²) = −a_n {S_x/σ² + log(σ²/S_x)},
/// S_x the sample variance and a_n = n^(−1/2) by default. The penalty goes
/// to −∞ as any σ_k² → 0, so pℓ is bounded and its maximiser consistent.
///
/// EM for pℓ keeps the E-step and the weights' and means' updates; the
/// variance update maximises −½ n_k log σ² − W_k/(2σ²) + p_n(σ²):
/// σ_k² = (W_k + 2a_n S_x)/(n_k + 2a_n), W_k = Σ_i z_ik (x_i − x̄_k)².
///
/// ``Form/asInMixtureInf`` replays R's MixtureInf 1.1 (`pmle.norm`) as it
/// is written (cran/MixtureInf 1.1, R/iter1.norm.R and R/pn.R):
/// - the update is `sigma=(apply(w*xx,2,sum)+2*sn/sqrt(n))/(apply(w,2,sum)+2/n)`:
///   a_n = n^(−1/2) in the numerator but 1/n in the denominator;
/// - `xx=(x-mu[j])^2` is taken about the means *before* the M-step, so W_k
///   is Σ_i z_ik (x_i − μ_k^old)², not the scatter about the new mean;
/// - the penalised ℓ it reports is `ln1+sum(pn(sigma,sn,1/n))`, with
///   `pn = -an*(sigma0/sigma + log(sigma/sigma0) - 1)`: a_n = 1/n again;
/// - `sn=var(x)` (divisor n − 1); the same S_x is used here for both forms;
/// - R/phi.norm.R stops when `err=pln1-pln0` is at most `tol`, a signed
///   test, so a fall of the reported objective also stops it
///   (``signedStop``).
///
/// So the replay is not the EM of the objective it reports, and that
/// objective may fall. Not replayed: its own random starts (`runif`) and
/// 50 warm-up iterations, the +1e-100/m it adds to every component's
/// density (which only matters where every density underflows), and the
/// square root `phi.norm` takes of given starting variances.
public struct ChenTanPenalty: Equatable, Sendable, CustomStringConvertible {
    /// The estimator: the correct one, or MixtureInf's as written.
    public enum Form: String, Equatable, Sendable, CaseIterable {
        case chenTan = "chen-tan"
        case asInMixtureInf = "chen-tan-as-in-mixtureinf"
    }

    public var form: Form
    /// a_n (nil: n^(−1/2)); for ``Form/chenTan`` only.
    public var scale: Double?

    public init(form: Form = .chenTan, scale: Double? = nil) {
        self.form = form
        self.scale = scale
    }

    /// `chen-tan`, `chen-tan:an=A` or `chen-tan-as-in-mixtureinf`.
    public var description: String {
        if let scale { return "\(form.rawValue):an=\(formatNumber(scale))" }
        return form.rawValue
    }

    /// Whether the stopping rules read the change of the objective with its
    /// sign (stop when it is below the tolerance, falls included), as
    /// MixtureInf's loop does.
    public var signedStop: Bool { form == .asInMixtureInf }

    /// The penalty's numbers for one data set.
    public struct Resolved: Equatable, Sendable {
        /// S_x, the sample variance (divisor n − 1).
        public var sampleVariance: Double
        /// a_n in the update's numerator, in its denominator, and in the reported objective.
        public var numeratorScale: Double, denominatorScale: Double, objectiveScale: Double
        /// The constant inside the braces: 0 (the paper), 1 (MixtureInf's `pn`).
        public var offset: Double
        /// Whether the scatter is taken about the means before the M-step (MixtureInf).
        public var scatterAboutOldMeans: Bool
    }

    /// The numbers for `data`.
    ///
    /// - Complexity: O(n).
    public func resolved(data: [Double]) -> Resolved {
        let n = Double(data.count)
        let center = data.reduce(0, +) / n
        var squares = 0.0
        for x in data { squares += (x - center) * (x - center) }
        let sampleVariance = data.count > 1 ? squares / (n - 1) : 0
        switch form {
        case .chenTan:
            let a = scale ?? 1 / n.squareRoot()
            return Resolved(
                sampleVariance: sampleVariance, numeratorScale: a, denominatorScale: a, objectiveScale: a,
                offset: 0, scatterAboutOldMeans: false)
        case .asInMixtureInf:
            return Resolved(
                sampleVariance: sampleVariance, numeratorScale: 1 / n.squareRoot(), denominatorScale: 1 / n,
                objectiveScale: 1 / n, offset: 1, scatterAboutOldMeans: true)
        }
    }
}

extension ChenTanPenalty.Resolved {
    /// The penalised variance update for scatter W over count N, with
    /// `copies` penalty terms on it (1 per component; K for a shared σ²):
    /// (W + 2a·copies·S_x)/(N + 2a'·copies), a and a' the numerator's and
    /// the denominator's a_n.
    @inline(__always)
    func variance(count nk: Double, scatter: Double, copies: Double = 1) -> Double {
        (scatter + 2 * numeratorScale * copies * sampleVariance) / (nk + 2 * denominatorScale * copies)
    }

    /// Σ_k p_n(σ_k²) = −a Σ_k {S_x/σ_k² + log(σ_k²/S_x) − offset}.
    ///
    /// - Complexity: O(K).
    func logPenalty(sds: [Double]) -> Double {
        var total = 0.0
        for sd in sds {
            let variance = sd * sd
            total -= objectiveScale * (sampleVariance / variance + (variance / sampleVariance).log() - offset)
        }
        return total
    }
}
