import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// DAAREM's damping target: its values are the package's, and a step proposed
/// after s_k, κ or α changed is the step a fresh one proposes under the new values.
@Suite struct DAAREMDampingTargetTests {
    /// The target against the package's own arithmetic (cran/daarem `R/DampingFind.R`:
    /// `exp(-0.5 * log1p(alpha^(kappa - sk)))` and the band at kappa − sk ± 0.5).
    @Test(arguments: [(1.2, 25.0), (1.5, 10.0), (3.0, 25.0)])
    func targetIsThePackages(alpha: Double, kappa: Double) {
        for shrinkCount in [-50.0, -7, 0, 1, 12, 25, 60, 400] {
            let target = DAAREMDamping.Target(alpha: alpha, kappa: kappa, shrinkCount: shrinkCount)
            let x = kappa - shrinkCount
            let package = exp(-0.5 * log1p(pow(alpha, x)))
            let lower = exp(-0.5 * log1p(pow(alpha, x + 0.5))), upper = exp(-0.5 * log1p(pow(alpha, x - 0.5)))
            // The package's exp(−½·log1p(y)) carries the rounding of log1p(y) times ½ as a
            // relative error: up to about ½·|log1p(y)|·ε (≈ 50 ulp at y = 3^75).
            let tolerance = 1e-13
            #expect(abs(target.rootDelta - package) <= tolerance * package, "s = \(shrinkCount)")
            #expect(abs(target.lowerStop - lower) <= tolerance * lower, "s = \(shrinkCount)")
            #expect(abs(target.upperStop - upper) <= tolerance * upper, "s = \(shrinkCount)")
        }
    }

    /// The tabled targets at the package's α are the arithmetic's, to the bit, at every
    /// tabled exponent, and below the table the arithmetic gives the saturated target
    /// the table returns; off the table (another α, a fractional κ) the arithmetic is used.
    @Test func tabledTargetsAreTheArithmetics() {
        let alpha = DAAREMDamping.Target.tabledAlpha
        func bits(_ t: DAAREMDamping.Target) -> [UInt64] {
            [t.rootDelta.bitPattern, t.lowerStop.bitPattern, t.upperStop.bitPattern]
        }
        for exponent in DAAREMDamping.Target.tabledExponents {
            let read = DAAREMDamping.Target(alpha: alpha, kappa: 25, shrinkCount: 25 - Double(exponent))
            let computed = DAAREMDamping.Target.computed(alpha: alpha, kappa: 25, shrinkCount: 25 - Double(exponent))
            #expect(bits(read) == bits(computed), "x = \(exponent)")
        }
        let lowest = Double(DAAREMDamping.Target.tabledExponents.lowerBound)
        for exponent in [lowest - 0.5, lowest - 1, lowest - 37.25, -5000, -1e9] {
            let read = DAAREMDamping.Target(alpha: alpha, kappa: 25, shrinkCount: 25 - exponent)
            let computed = DAAREMDamping.Target.computed(alpha: alpha, kappa: 25, shrinkCount: 25 - exponent)
            #expect(bits(read) == bits(computed) && read.rootDelta == 1 && read.upperStop == 1, "x = \(exponent)")
        }
        // Fractional exponents, exponents above the table and other α take the arithmetic.
        for (a, kappa, shrinkCount) in [(alpha, 25.5, 3.0), (alpha, 400.0, 0.0), (1.5, 25.0, 3.0)] {
            let read = DAAREMDamping.Target(alpha: a, kappa: kappa, shrinkCount: shrinkCount)
            #expect(bits(read) == bits(DAAREMDamping.Target.computed(alpha: a, kappa: kappa, shrinkCount: shrinkCount)))
        }
    }

    /// A step that proposed under one s_k (κ, α) and then proposes under another
    /// gives, to the bit, what a fresh step gives under the second: nothing of
    /// the first proposal's damping carries over.
    @Test func aChangedShrinkCountCarriesNothingOver() throws {
        let random = try RandomSource(seed: 31)
        let p = 5, lag = 3
        let points = (0...lag).map { _ in (0..<p).map { _ in random.normal() } }
        let images = (0...lag).map { _ in (0..<p).map { _ in random.normal() } }
        for (first, second) in [
            ((1.2, 25.0, 0.0), (1.2, 25.0, 9.0)), ((1.2, 25.0, 3.0), (1.2, 10.0, 3.0)),
            ((1.2, 25.0, 3.0), (2.0, 25.0, 3.0))
        ] {
            var reused = DAAREM.Step(dimension: p, lag: lag), fresh = DAAREM.Step(dimension: p, lag: lag)
            reused.begin(point: points[0], image: images[0])
            fresh.begin(point: points[0], image: images[0])
            for column in 1...lag {
                reused.append(point: points[column], image: images[column])
                fresh.append(point: points[column], image: images[column])
            }
            var (lambdaA, rA) = (100_000.0, 0.0)
            #expect(reused.propose(alpha: first.0, kappa: first.1, shrinkCount: first.2, lambda: &lambdaA, r: &rA))
            var (lambdaB, rB, lambdaC, rC) = (100_000.0, 0.0, 100_000.0, 0.0)
            #expect(reused.propose(alpha: second.0, kappa: second.1, shrinkCount: second.2, lambda: &lambdaB, r: &rB))
            #expect(fresh.propose(alpha: second.0, kappa: second.1, shrinkCount: second.2, lambda: &lambdaC, r: &rC))
            #expect(lambdaB == lambdaC && rB == rC)
            #expect(reused.proposedPoint == fresh.proposedPoint)
            // The first target gives another λ here, so the comparison above could fail.
            #expect(lambdaA != lambdaC)
        }
    }
}
