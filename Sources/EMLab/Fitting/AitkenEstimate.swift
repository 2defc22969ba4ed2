/// Aitken's Δ² acceleration applied to the last three log-likelihoods of a
/// fit: where the sequence is heading, and how far it still has to go
/// (Böhning, Dietz, Schaub, Schlattmann & Lindsay 1994, *Ann. Inst. Statist.
/// Math.* 46(2); McNicholas, Murphy, McDaid & Frost 2010, *CSDA* 54(3)).
///
/// EM converges linearly: near a maximum each change of ℓ is about a times
/// the one before, with a the largest eigenvalue of the EM map's Jacobian
/// (the fraction of missing information). The remaining increase is then
/// the geometric tail Δ·a/(1 − a), with Δ the last change.
///
/// The changes are the fit's exact ones (``LogLikelihoodChange``), not
/// differences of the rounded ℓ: near a maximum those are noise, and so is
/// their ratio (issue 19).
struct AitkenEstimate {
    /// a = Δℓ(t) / Δℓ(t−1); ±∞ or NaN when the earlier change is 0.
    let ratio: Double
    /// Δ = Δℓ(t) = ℓ(t) − ℓ(t−1).
    let lastChange: Double
    /// Whether both changes were finite (NaN marks one not there yet).
    private let defined: Bool

    /// - Parameters: Δℓ(t−1) = ℓ(t−1) − ℓ(t−2) and Δℓ(t) = ℓ(t) − ℓ(t−1); NaN for one that does not exist yet.
    init(previousChange: Double, lastChange: Double) {
        defined = previousChange.isFinite && lastChange.isFinite
        self.lastChange = lastChange
        ratio = lastChange / previousChange
    }

    /// The ratio a, NaN when it is undefined: fewer than two changes, a
    /// non-finite ℓ, or an earlier change of exactly 0.
    var reportedRatio: Double { defined && ratio.isFinite ? ratio : .nan }

    /// The estimated remaining increase ℓ∞ − ℓ(t) = Δ·a/(1 − a), when
    /// 0 ≤ a < 1 (two changes of one sign, shrinking); NaN otherwise, since
    /// the geometric tail then estimates nothing.
    var remainingIncrease: Double {
        let a = reportedRatio
        return a >= 0 && a < 1 ? lastChange * a / (1 - a) : .nan
    }

    /// McNicholas et al.'s stopping test, ℓ∞ − ℓ(t−1) = Δ/(1 − a) < ε, with
    /// the guards of the published implementations:
    /// - an undefined a (the earlier change is 0, or overflow) is taken as 0,
    ///   so a stall stops (the R package `mixture` 2.2.0,
    ///   src/GH_Model/GH_Mixture_Model.h, `check_aitkens`:
    ///   `if (isnan(a_t) || isinf(a_t)) a_t = 0.0;`);
    /// - a ≥ 1 never stops: the tail does not converge (`pgmm` 1.2.8,
    ///   src/pgmm.c, `convergtest_NEW`: `if (at[it-1] < 1.0)` around the test);
    /// - a < 0 never stops: the two changes have opposite signs, so ℓ fell
    ///   in one of them; both packages end the fit at any fall before forming
    ///   a (`pgmm` returns −1, `mixture` throws `loglik_decreasing`), so they
    ///   never extrapolate from one — here the fit goes on instead;
    /// - the estimate must be non-negative, 0 ≤ ℓ∞ − ℓ(t−1) (`mixture`:
    ///   `(0.0 <= val) & (val < tol_l)`), so a falling ℓ never stops.
    func meetsMcNicholasRule(epsilon: Double) -> Bool {
        guard defined else { return false }
        let a = ratio.isFinite ? ratio : 0
        guard a >= 0 && a < 1 else { return false }
        let increase = lastChange / (1 - a)
        return increase >= 0 && increase < epsilon
    }
}
