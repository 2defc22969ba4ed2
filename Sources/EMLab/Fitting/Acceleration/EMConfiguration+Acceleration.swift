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

        /// `none`, or `squarem-S1` … `squarem-S3` (the step-length scheme).
        public var description: String {
            switch self {
            case .none: return "none"
            case .squarem(let options): return "squarem-S\(options.scheme.rawValue)"
            }
        }
    }
}
