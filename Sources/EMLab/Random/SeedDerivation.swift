/// The stable rule that gives every fit of a study its own seed.
///
/// A study has one seed. Each (condition, replicate, start) derives its own
/// 32-bit seed from it, so any single fit can be replayed alone from the
/// four numbers, in any order and on any number of threads.
///
/// The rule (frozen: changing it changes every recorded study):
///
///     h0 = splitmix64(studySeed)
///     h1 = splitmix64(h0 ^ condition)
///     h2 = splitmix64(h1 ^ replicate)
///     h3 = splitmix64(h2 ^ start)
///     seed = (h3 >> 32) ^ (h3 & 0xffffffff), or 1 if that is 0
///
/// where `splitmix64(z)` is Steele, Lea & Flood's SplitMix64 finaliser
/// (OOPSLA 2014) applied to `z + 0x9e3779b97f4a7c15`. The seed is folded to
/// 32 bits because `gsl_rng_set` uses only the low 32 bits for most
/// generators (mt19937, ranlxd2, taus2); 0 is avoided because GSL silently
/// replaces it by a default. Two fits share a seed with probability about
/// 2^-32 per pair.
///
/// Conditions, replicates and starts are numbered from 1; the data of a
/// replicate is generated from `start = 0`.
public enum SeedDerivation {
    /// SplitMix64: one step of the generator's state update and output mix.
    @inlinable public static func splitmix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The seed for one (condition, replicate, start) of a study.
    ///
    /// - Parameters:
    ///   - studySeed: the study's seed, as written in its experiment file.
    ///   - condition: the condition's number, from 1.
    ///   - replicate: the replicate's number, from 1.
    ///   - start: 0 for the data draw, 1… for the starts of a fit.
    /// - Returns: a seed in `1...UInt32.max`.
    public static func seed(study studySeed: UInt64, condition: Int, replicate: Int, start: Int) -> UInt64 {
        let h0 = splitmix64(studySeed)
        let h1 = splitmix64(h0 ^ UInt64(truncatingIfNeeded: condition))
        let h2 = splitmix64(h1 ^ UInt64(truncatingIfNeeded: replicate))
        let h3 = splitmix64(h2 ^ UInt64(truncatingIfNeeded: start))
        let folded = (h3 >> 32) ^ (h3 & 0xffff_ffff)
        return folded == 0 ? 1 : folded
    }
}
