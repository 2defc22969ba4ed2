import ArgumentParser
import EMLab

/// The settings of the accelerators beyond SQUAREM (`emlab fit --accelerate
/// anderson|daarem|qn|pem`), each going with its own scheme only.
struct AccelerationOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Anderson acceleration's order m, the differences kept (default 3, as Walker & Ni's EM example).", valueName: "m"))
    var andersonOrder: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("DAAREM's order; the lag is min(order, ⌈p/2⌉) for p free parameters (default 5, as the R package daarem).", valueName: "order"))
    var daaremOrder: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("How far DAAREM lets ℓ fall before it takes the EM step instead (default 0.01, the package's mon.tol).", valueName: "x"))
    var monTol: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("The quasi-Newton scheme's secant pairs q (default 2, as turboEM's code; at most the free parameters).", valueName: "q"))
    var qnSecants: Int?

    /// Checks each option goes with its scheme and is in range.
    func check(accelerate: FitCommand.Accelerate) throws {
        for (value, flag, scheme) in [
            (andersonOrder as Any?, "--anderson-order", FitCommand.Accelerate.anderson),
            (daaremOrder, "--daarem-order", .daarem), (monTol, "--mon-tol", .daarem), (qnSecants, "--qn-secants", .qn)
        ] where value != nil && accelerate != scheme {
            throw ValidationError("\(flag) goes with --accelerate \(scheme.rawValue).")
        }
        for (value, flag) in [(andersonOrder, "--anderson-order"), (daaremOrder, "--daarem-order"), (qnSecants, "--qn-secants")] {
            if let value, value < 1 { throw ValidationError("Please give \(flag) ≥ 1; got \(value).") }
            if let value { try Limits.require(value, atMost: 1000, flag, why: "it is cut to the number of free parameters") }
        }
        if let monTol, !(monTol >= 0 && monTol.isFinite) { throw ValidationError("Please give a finite --mon-tol ≥ 0.") }
    }

    /// The acceleration these options and `accelerate` make (nil: not one of theirs).
    func acceleration(_ accelerate: FitCommand.Accelerate) -> EMConfiguration.Acceleration? {
        switch accelerate {
        case .anderson: return .anderson(order: andersonOrder ?? 3)
        case .daarem:
            var options = DAAREMOptions()
            if let daaremOrder { options.order = daaremOrder }
            if let monTol { options.monotonicityTolerance = monTol }
            return .daarem(options)
        case .qn: return .quasiNewton(secants: qnSecants ?? 2)
        case .pem: return .parabolic(ParabolicEMOptions())
        case .none, .squarem: return nil
        }
    }
}
