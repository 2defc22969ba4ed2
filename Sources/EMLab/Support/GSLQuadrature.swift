import CGSL

/// Adaptive numerical integration, through GSL's QUADPACK routines
/// (Piessens, de Doncker-Kapenga, Überhuber & Kahaner, *QUADPACK*, 1983).
enum Quadrature {
    /// Carries a Swift closure through GSL's `void *params`.
    private final class Integrand {
        let evaluate: (Double) -> Double
        init(_ evaluate: @escaping (Double) -> Double) { self.evaluate = evaluate }
    }

    /// ∫ f over [breakpoints.first, breakpoints.last]: each piece between
    /// two break points by `gsl_integration_qag` (adaptive 61-point
    /// Gauss–Kronrod, QUADPACK's QAG), the pieces summed. Break points go
    /// where the integrand peaks or bends, so no narrow bump is missed; the
    /// absolute tolerance lets pieces far in a tail, whose integral is ~0,
    /// stop at once instead of chasing a relative error they cannot reach.
    ///
    /// - Parameters:
    ///   - breakpoints: ascending, at least two, finite; the first and last are the limits.
    ///   - absoluteTolerance: the error allowed per piece.
    ///   - relativeTolerance: the relative error requested per piece.
    ///   - integrand: f; must be finite on the interval.
    /// - Returns: the integral.
    /// - Throws: ``EMLabError`` `.gsl` when GSL cannot reach the tolerance
    ///   on a piece (its status says why), or the range is not two finite ends.
    static func integrate(
        breakpoints: [Double], absoluteTolerance: Double, relativeTolerance: Double,
        _ integrand: (Double) -> Double
    ) throws -> Double {
        guard breakpoints.count >= 2, let first = breakpoints.first, let last = breakpoints.last, first.isFinite, last.isFinite else {
            let range = breakpoints.isEmpty ? "no range" : "[\(formatNumber(breakpoints.first!)), \(formatNumber(breakpoints.last!))]"
            throw EMLabError(
                .gsl,
                "cannot integrate over \(range): the range needs two finite, different ends "
                    + "(a mixture whose σ is lost in its μ's rounding, or whose μ ± 40σ overflows)")
        }
        GSL.returnErrorsAsStatus()
        let limit = 1000
        return try withoutActuallyEscaping(integrand) { f in
            let box = Integrand(f)
            let context = Unmanaged.passUnretained(box).toOpaque()
            var function = gsl_function(
                function: { x, params in
                    Unmanaged<Integrand>.fromOpaque(params!).takeUnretainedValue().evaluate(x)
                }, params: context)
            guard let workspace = gsl_integration_workspace_alloc(limit) else {
                throw EMLabError(.gsl, "GSL could not allocate a quadrature workspace")
            }
            defer { gsl_integration_workspace_free(workspace) }
            var total = 0.0
            for (a, b) in zip(breakpoints, breakpoints.dropFirst()) where b > a {
                var result = 0.0, estimatedError = 0.0
                let status = withExtendedLifetime(box) {
                    gsl_integration_qag(
                        &function, a, b, absoluteTolerance, relativeTolerance, limit, Int32(GSL_INTEG_GAUSS61),
                        workspace, &result, &estimatedError)
                }
                // GSL's "roundoff" status can fire when the request is at the
                // limit of doubles; an estimate within 100× the request is
                // still far below anything reported from it.
                if status != GSL_SUCCESS
                    && !(result.isFinite && estimatedError <= 100 * max(absoluteTolerance, relativeTolerance * abs(result)))
                {
                    throw EMLabError(
                        .gsl,
                        "GSL's quadrature did not converge on [\(formatNumber(a)), \(formatNumber(b))] "
                            + "(\(String(cString: gsl_strerror(status))); estimate \(formatNumber(result)) ± \(formatNumber(estimatedError)))")
                }
                total += result
            }
            return total
        }
    }
}
