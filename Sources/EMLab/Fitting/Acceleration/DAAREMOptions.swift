/// The settings of ``DAAREM``, named after and defaulted as the `control`
/// list of the R package daarem 0.7 (cran/daarem `R/daarem.R`; its Rd says
/// order 10, its code 5: the code's value is used).
public struct DAAREMOptions: Equatable, Sendable {
    /// The most differences kept (`order`, default 5); the lag is
    /// min(order, ⌈p/2⌉) for p free parameters.
    public var order: Int
    /// How far ℓ may fall below the last point's before an extrapolation is
    /// replaced by the EM step (`mon.tol`, default 0.01).
    public var monotonicityTolerance: Double
    /// κ, the damping's initial exponent (`kappa`, default 25).
    public var kappa: Double
    /// α > 1, the base of the damping schedule 1/(1 + α^(κ − s)) (`alpha`, default 1.2).
    public var alpha: Double

    /// The package's defaults: order 5, mon.tol 0.01, kappa 25, alpha 1.2
    /// (cycl.mon.tol 0, and resid.tol 0.95, which only the version without
    /// an objective function reads, are not settable).
    public init(order: Int = 5, monotonicityTolerance: Double = 0.01, kappa: Double = 25, alpha: Double = 1.2) {
        self.order = order
        self.monotonicityTolerance = monotonicityTolerance
        self.kappa = kappa
        self.alpha = alpha
    }

    /// The lag for p free parameters: min(order, ⌈p/2⌉) (`nlag` in `daarem`).
    public func lag(parameters p: Int) -> Int { max(1, min(order, (p + 1) / 2)) }
}
