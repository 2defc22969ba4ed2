extension EMConfiguration {
    /// How the EM iteration is accelerated.
    ///
    /// Acceleration changes the path, not the model: an accelerated fit
    /// climbs to a fixed point of the same EM map, with the same constraints,
    /// variance floor and stop reasons; only how many E-step passes it takes
    /// differs (``FitResult/eSteps``).
    public enum Acceleration: Equatable, Sendable, CustomStringConvertible {
        /// Plain EM: one EM-map evaluation per iteration.
        case none
        /// SQUAREM (Varadhan & Roland 2008), as the R package SQUAREM's
        /// `squarem1`: see ``SQUAREM``.
        case squarem(SQUAREMOptions)
        /// Anderson acceleration AA(m) (Walker & Ni 2011): see ``AndersonAcceleration``.
        case anderson(order: Int)
        /// Damped Anderson acceleration with restarts (Henderson & Varadhan 2019): see ``DAAREM``.
        case daarem(DAAREMOptions)
        /// The quasi-Newton scheme of Zhou, Alexander & Lange (2011) with q secant pairs: see ``QuasiNewtonEM``.
        case quasiNewton(secants: Int)
        /// Parabolic EM (Berlinet & Roland 2009): see ``ParabolicEM``.
        case parabolic(ParabolicEMOptions)

        /// `none`, `squarem-S1` … `squarem-S3` (the step-length scheme),
        /// `anderson-m3`, `daarem-5` (the order), `qn-2` (q), `pem-geometric` or `pem-arithmetic`.
        public var description: String {
            switch self {
            case .none: return "none"
            case .squarem(let options): return "squarem-S\(options.scheme.rawValue)"
            case .anderson(let order): return "anderson-m\(order)"
            case .daarem(let options): return "daarem-\(options.order)"
            case .quasiNewton(let secants): return "qn-\(secants)"
            case .parabolic(let options): return options.geometric ? "pem-geometric" : "pem-arithmetic"
            }
        }

        /// Whether the scheme is SQUAREM.
        public var isSQUAREM: Bool {
            if case .squarem = self { return true }
            return false
        }

        /// Whether ``FitResult/convergenceRate`` is the scheme's own
        /// contraction (the ratio of its last two accepted updates: squarem,
        /// anderson, daarem, qn, pem) rather than EM's empirical rate (plain
        /// EM). For these, `slowConvergence` reads EM's theoretical rate
        /// instead, so the flag means "EM crawls at this estimate" whatever
        /// the scheme (``FailureModes/assess(_:dataSD:count:best:truth:start:restarts:varianceFloor:acceleration:rateTheoretical:)``).
        public var measuresOwnContraction: Bool {
            switch self {
            case .none: return false
            case .squarem, .anderson, .daarem, .quasiNewton, .parabolic: return true
            }
        }

        /// Whether the scheme climbs a remedy's objective (``Remedy``): plain EM
        /// and SQUAREM do; anderson, daarem, qn and pem run the plain EM map
        /// (``EMMapVector``) and would ignore a prior, ratio bound or penalty,
        /// so a remedy with them is refused rather than silently dropped.
        public var carriesRemedies: Bool {
            switch self {
            case .none, .squarem: return true
            case .anderson, .daarem, .quasiNewton, .parabolic: return false
            }
        }
    }
}
