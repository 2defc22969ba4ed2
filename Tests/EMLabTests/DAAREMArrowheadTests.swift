import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// ``DAAREMArrowheadSpectrum`` against dense solves of the same Gram matrix,
/// and DAAREM's refusal of it where the new column is nearly dependent.
@Suite struct DAAREMArrowheadTests {
    /// A random Gram matrix XᵀX (X of (c + 2) × c, row-major c × c) and a right-hand side.
    static func problem(order c: Int, random: RandomSource) -> (gram: [Double], right: [Double]) {
        let rows = c + 2
        let x = (0..<(rows * c)).map { _ in random.normal() }
        var gram = [Double](repeating: 0, count: c * c)
        for i in 0..<c {
            for j in 0..<c {
                for r in 0..<rows { gram[i * c + j] += x[r * c + i] * x[r * c + j] }
            }
        }
        return (gram, (0..<c).map { _ in random.normal() })
    }

    /// (G + λI)⁻¹w by a dense Cholesky solve.
    static func denseSolve(_ gram: [Double], order c: Int, lambda: Double, _ w: [Double]) -> [Double]? {
        var cholesky = SmallCholesky(maximumOrder: c)
        for i in 0..<c {
            for j in 0...i { cholesky.set(row: i, column: j, gram[i * c + j] + (i == j ? lambda : 0)) }
            cholesky.setRight(i, w[i])
        }
        guard cholesky.solve(order: c) else { return nil }
        return (0..<c).map { cholesky.solution($0) }
    }

    /// The arrowhead of G in the basis of its leading block's eigenvectors, and that basis.
    struct Arrowhead {
        var values: [Double], border: [Double], right: [Double], corner: Double, q: Int
        var eigen: SmallSymmetricEigen
        var reciprocals: [Double]

        init?(gram: [Double], order c: Int, right b: [Double]) {
            q = c - 1
            eigen = SmallSymmetricEigen(maximumOrder: max(1, q))
            if q > 0 {
                for i in 0..<q { for j in 0...i { eigen.set(row: i, column: j, gram[i * c + j]) } }
                guard eigen.decompose(order: q) else { return nil }
            }
            values = [Double](repeating: 0, count: c)
            border = values
            right = values
            reciprocals = values
            for j in 0..<q {
                values[j] = eigen.value(j)
                for i in 0..<q {
                    border[j] += eigen.vector(i, j) * gram[i * c + q]
                    right[j] += eigen.vector(i, j) * b[i]
                }
            }
            right[q] = b[q]
            corner = gram[q * c + q]
        }

        /// Q y(λ) and the two norms.
        mutating func solve(at lambda: Double) -> (step: [Double], squares: Double, derivative: Double, bound: Double) {
            let (q, corner, eigen) = (self.q, self.corner, self.eigen)
            var y = [Double](repeating: 0, count: q + 1)
            return values.withUnsafeBufferPointer { values in
                border.withUnsafeBufferPointer { border in
                    right.withUnsafeBufferPointer { right in
                        reciprocals.withUnsafeMutableBufferPointer { reciprocals in
                            y.withUnsafeMutableBufferPointer { yPointer in
                                let spectrum = DAAREMArrowheadSpectrum(
                                    values: values.baseAddress!, border: border.baseAddress!, corner: corner,
                                    right: right.baseAddress!, q: q, reciprocals: reciprocals.baseAddress!)
                                let (squares, derivative) = spectrum.solve(at: lambda, into: yPointer.baseAddress!)
                                var step = [Double](repeating: 0, count: q + 1)
                                for i in 0..<q { for j in 0..<q { step[i] += eigen.vector(i, j) * yPointer[j] } }
                                step[q] = yPointer[q]
                                return (step, squares, derivative, spectrum.conditionBound())
                            }
                        }
                    }
                }
            }
        }
    }

    /// The ridge solution, its squared norm and s(λ)ᵀ(G + λI)⁻¹s(λ) equal
    /// the dense solves' to 1e-10 relative, for orders 1–5 and λ from 0 to 100;
    /// the condition bound lies between cond(G) and c^{3/2}·cond(G).
    @Test func ridgeSolutionsAndNormsEqualDenseSolves() throws {
        let random = try RandomSource(seed: 21)
        for trial in 0..<50 {
            let c = 1 + trial % 5
            let (gram, b) = Self.problem(order: c, random: random)
            var arrowhead = try #require(Arrowhead(gram: gram, order: c, right: b))
            var full = SmallSymmetricEigen(maximumOrder: c)
            for i in 0..<c { for j in 0...i { full.set(row: i, column: j, gram[i * c + j]) } }
            let decomposed = full.decompose(order: c)
            #expect(decomposed)
            let eigenvalues = (0..<c).map { full.value($0) }
            let condition = eigenvalues.max()! / eigenvalues.min()!
            for lambda in [0, 0.01, 1, 100.0] {
                let (step, squares, derivative, bound) = arrowhead.solve(at: lambda)
                let dense = try #require(Self.denseSolve(gram, order: c, lambda: lambda, b))
                let norm = dense.map { $0 * $0 }.reduce(0, +).squareRoot()
                for i in 0..<c { #expect(abs(step[i] - dense[i]) <= 1e-10 * norm, "c \(c), λ \(lambda)") }
                let again = try #require(Self.denseSolve(gram, order: c, lambda: lambda, dense))
                let denseDerivative = zip(dense, again).map { $0 * $1 }.reduce(0, +)
                #expect(abs(squares - norm * norm) <= 1e-10 * norm * norm)
                #expect(abs(derivative - denseDerivative) <= 1e-10 * denseDerivative)
                #expect(bound >= condition * (1 - 1e-10) && bound <= pow(Double(c), 1.5) * condition * (1 + 1e-10))
            }
        }
    }

    /// A Gram matrix that is not positive definite has no bound.
    @Test func indefiniteArrowheadHasNoBound() throws {
        // [[1, 2], [2, 1]]: eigenvalues 3 and −1.
        var arrowhead = try #require(Arrowhead(gram: [1, 2, 2, 1], order: 2, right: [1, 1]))
        let bound = arrowhead.solve(at: 0).bound
        #expect(bound == .infinity)
    }

    /// A cycle's last difference nearly in the span of the others (cond(ΔFᵀΔF)
    /// about 1e14): the arrowhead and the Gram matrix are refused, and the
    /// step is the package's, by GSL's SVD of ΔF, to the bit.
    @Test func nearlyDependentLastColumnFallsBackToTheSVD() throws {
        let random = try RandomSource(seed: 5)
        let p = 6, lag = 3
        var byGram = DAAREM.Step(dimension: p, lag: lag), bySVD = DAAREM.Step(dimension: p, lag: lag, byGram: false)
        var point = (0..<p).map { _ in random.normal() }, image = (0..<p).map { _ in random.normal() }
        byGram.begin(point: point, image: image)
        bySVD.begin(point: point, image: image)
        var residuals = [zip(image, point).map { $0 - $1 }]
        for column in 0..<lag {
            let nextPoint = (0..<p).map { _ in random.normal() }
            var nextImage = (0..<p).map { _ in random.normal() }
            if column == lag - 1 {
                // f_3 − f_2 = (f_2 − f_1) + (f_1 − f_0) + 1e-7·noise: ΔF's third column is
                // the sum of the first two to 1e-7 of its size.
                let f2 = residuals[2], f0 = residuals[0]
                for i in 0..<p { nextImage[i] = nextPoint[i] + f2[i] + (f2[i] - f0[i]) + 1e-7 * random.normal() }
            }
            residuals.append(zip(nextImage, nextPoint).map { $0 - $1 })
            point = nextPoint
            image = nextImage
            byGram.append(point: point, image: image)
            bySVD.append(point: point, image: image)
            var (lambdaG, rG, lambdaS, rS) = (100_000.0, 0.0, 100_000.0, 0.0)
            #expect(byGram.propose(alpha: 1.2, kappa: 25, shrinkCount: 0, lambda: &lambdaG, r: &rG))
            #expect(bySVD.propose(alpha: 1.2, kappa: 25, shrinkCount: 0, lambda: &lambdaS, r: &rS))
            if column == lag - 1 {
                #expect(lambdaG == lambdaS && rG == rS)
                #expect(byGram.proposedPoint == bySVD.proposedPoint)
            }
        }
    }
}
