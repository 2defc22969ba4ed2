/// The settings of ``ParabolicEM``, named after and defaulted as R's
/// turboEM `method = "pem"` (cran/turboEM `R/turboem.R`, `control.parabolicEM`).
public struct ParabolicEMOptions: Equatable, Sendable {
    /// The EM steps before the first parabola (`l`, default 10, at least 3).
    public var leadingSteps: Int
    /// The first step along the parabola beyond p2 (`h`, default 0.1).
    public var h: Double
    /// The growth of the step in the geometric version, t_i = 1 + aⁱh (`a`, default 1.5).
    public var a: Double
    /// The geometric version (t_i = 1 + aⁱh, turboEM's default) or the arithmetic one (t_i = 1 + ih).
    public var geometric: Bool

    /// turboEM's defaults: l = 10, h = 0.1, a = 1.5, geometric.
    public init(leadingSteps: Int = 10, h: Double = 0.1, a: Double = 1.5, geometric: Bool = true) {
        self.leadingSteps = leadingSteps
        self.h = h
        self.a = a
        self.geometric = geometric
    }
}
