import Foundation
import Testing

@testable import EMLab

/// The Jacobi eigen-decomposition that DAAREM uses in place of GSL's, checked
/// against GSL (`gsl_eigen_symm`) and against its own numerical contract.
@Suite struct SmallSymmetricEigenTests {
    /// A random symmetric matrix of order c, entries N(0, 1) times `scale`
    /// (row-major), or a Gram matrix XᵀX of a random (c + 2) × c X.
    static func randomMatrix(order c: Int, random: RandomSource, gram: Bool, scale: Double = 1) -> [Double] {
        var a = [Double](repeating: 0, count: c * c)
        if gram {
            let rows = c + 2
            let x = (0..<(rows * c)).map { _ in random.normal() * scale }
            for i in 0..<c { for j in 0..<c { for r in 0..<rows { a[i * c + j] += x[r * c + i] * x[r * c + j] } } }
        } else {
            for i in 0..<c {
                for j in 0...i {
                    let value = random.normal() * scale
                    a[i * c + j] = value
                    a[j * c + i] = value
                }
            }
        }
        return a
    }

    /// Decomposes `a` (order c) and checks it (``expectDecomposition(_:of:order:)``).
    static func check(_ a: [Double], order c: Int) throws {
        var eigen = SmallSymmetricEigen(maximumOrder: 6)
        for i in 0..<c { for j in 0...i { eigen.set(row: i, column: j, a[i * c + j]) } }
        do {
            let decomposed = eigen.decompose(order: c)
            #expect(decomposed)
        }
        try expectDecomposition(eigen, of: a, order: c)
    }

    /// Checks a decomposition of `a` (order c, row-major), relative to ‖A‖_F:
    /// the eigenvalues equal GSL's within 1e-13, A·v_j = λ_j·v_j within 1e-13,
    /// VᵀV = I within 1e-14.
    static func expectDecomposition(_ eigen: SmallSymmetricEigen, of a: [Double], order c: Int) throws {
        let norm = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let gsl = try #require(Matrix((0..<c).map { i in Array(a[(i * c)..<((i + 1) * c)]) }).symmetricEigenvalues())
        let values = (0..<c).map { eigen.value($0) }.sorted(by: >)
        for (mine, theirs) in zip(values, gsl) { #expect(abs(mine - theirs) <= 1e-13 * norm, "\(values) against GSL's \(gsl)") }
        for j in 0..<c {
            for i in 0..<c {
                var av = 0.0
                for k in 0..<c { av += a[i * c + k] * eigen.vector(k, j) }
                #expect(abs(av - eigen.value(j) * eigen.vector(i, j)) <= 1e-13 * norm)
            }
            for k in 0..<c {
                var dot = 0.0
                for i in 0..<c { dot += eigen.vector(i, j) * eigen.vector(i, k) }
                #expect(abs(dot - (j == k ? 1 : 0)) <= 1e-14)
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func randomMatricesAgreeWithGSL(order c: Int) throws {
        let random = try RandomSource(seed: UInt64(100 + c))
        for trial in 0..<50 {
            try Self.check(Self.randomMatrix(order: c, random: random, gram: trial % 2 == 0), order: c)
        }
        // Badly scaled: entries of 1e-8 and 1e8 alike.
        for scale in [1e-8, 1e8] { try Self.check(Self.randomMatrix(order: c, random: random, gram: true, scale: scale), order: c) }
    }

    /// Diagonal, repeated eigenvalues (I + 2·uuᵀ), and a nearly singular Gram matrix.
    @Test func specialMatrices() throws {
        try Self.check([3, 0, 0, 0, -1, 0, 0, 0, 2], order: 3)
        let u = [1.0, 2, 2].map { $0 / 3 }
        var repeated = [Double](repeating: 0, count: 9)
        for i in 0..<3 { for j in 0..<3 { repeated[i * 3 + j] = (i == j ? 1.0 : 0.0) + 2 * u[i] * u[j] } }
        try Self.check(repeated, order: 3)
        // Columns 1 and 2 of X differ by 1e-6: cond(XᵀX) ≈ 1e13.
        let x: [[Double]] = [[1, 2, 2.000001], [0, 1, 1], [3, -1, -1.000001], [1, 1, 1], [2, 0, 0]]
        var gram = [Double](repeating: 0, count: 9)
        for i in 0..<3 { for j in 0..<3 { for row in x { gram[i * 3 + j] += row[i] * row[j] } } }
        try Self.check(gram, order: 3)
    }

    /// Growing a Gram matrix a row and column at a time, each bordered
    /// decomposition has GSL's eigenvalues and is a decomposition of the
    /// whole matrix (A·v = λ·v, VᵀV = I), as a fresh one is.
    @Test func borderedDecompositionsAgreeWithFreshOnes() throws {
        let random = try RandomSource(seed: 11)
        for _ in 0..<30 {
            let c = 5
            let a = Self.randomMatrix(order: c, random: random, gram: true)
            var eigen = SmallSymmetricEigen(maximumOrder: 6)
            eigen.set(row: 0, column: 0, a[0])
            do {
                let decomposed = eigen.decompose(order: 1)
                #expect(decomposed)
            }
            for order in 2...c {
                do {
                    let decomposed = eigen.decomposeBordered(order: order) { a[$0 * c + order - 1] }
                    #expect(decomposed)
                }
                let block = (0..<(order * order)).map { a[($0 / order) * c + $0 % order] }
                try Self.expectDecomposition(eigen, of: block, order: order)
            }
        }
    }

    /// `decompose(scalar:)`, DAAREM's first column of a cycle, is `decompose(order: 1)`
    /// to the bit: the same verdict, Λ and V, and the same order-2 decomposition
    /// bordered onto it, at ordinary values and at the edges (a² overflowing, NaN, ∞, subnormal).
    @Test func scalarDecompositionIsOrderOne() throws {
        let random = try RandomSource(seed: 12)
        let edges = [0, -0.0, 3.5, -2, 1e-300, 5e-324, 1e154, 1.4e154, 1e155, -1e200, .nan, .infinity, -.infinity]
        for value in edges + (0..<200).map({ _ in random.normal() * 10 }) {
            let column = [value, random.normal(), abs(random.normal()) + 1]
            var general = SmallSymmetricEigen(maximumOrder: 3), scalar = SmallSymmetricEigen(maximumOrder: 3)
            general.set(row: 0, column: 0, value)
            let generalDecomposed = general.decompose(order: 1)
            let scalarDecomposed = scalar.decompose(scalar: value)
            #expect(generalDecomposed == scalarDecomposed, "\(value)")
            guard generalDecomposed && scalarDecomposed else { continue }
            #expect(general.value(0).bitPattern == scalar.value(0).bitPattern && general.vector(0, 0) == scalar.vector(0, 0))
            let generalBordered = general.decomposeBordered(order: 2) { column[$0 + 1] }
            let scalarBordered = scalar.decomposeBordered(order: 2) { column[$0 + 1] }
            #expect(generalBordered == scalarBordered)
            guard generalBordered else { continue }
            for j in 0..<2 {
                #expect(general.value(j).bitPattern == scalar.value(j).bitPattern, "\(value)")
                for i in 0..<2 { #expect(general.vector(i, j).bitPattern == scalar.vector(i, j).bitPattern, "\(value)") }
            }
        }
    }

    @Test func refusesWhatItCannotDecompose() {
        var eigen = SmallSymmetricEigen(maximumOrder: 3)
        do {
            let decomposed = eigen.decompose(order: 0)
            #expect(!decomposed)
        }
        do {
            let decomposed = eigen.decompose(order: 4)
            #expect(!decomposed)
        }
        do {
            let decomposed = eigen.decomposeBordered(order: 1) { _ in 1 }
            #expect(!decomposed)
        }
        eigen.set(row: 1, column: 0, .nan)
        do {
            let decomposed = eigen.decompose(order: 2)
            #expect(!decomposed)
        }
        eigen.set(row: 1, column: 0, .infinity)
        do {
            let decomposed = eigen.decompose(order: 2)
            #expect(!decomposed)
        }
    }

    /// DAAREM's step from the Gram matrix is the package's step from ΔF's SVD,
    /// up to rounding, on well-conditioned differences.
    @Test func daaremStepByGramEqualsStepBySVD() throws {
        let random = try RandomSource(seed: 7)
        // Lags 1, 2, 3 and 5: each cycle's last column takes the arrowhead route
        // (DAAREMArrowheadSpectrum), the columns before it the Jacobi route.
        for trial in 0..<40 {
            let p = 5 + trial % 3, lag = [1, 2, 3, 5][trial % 4]
            var byGram = DAAREM.Step(dimension: p, lag: lag), bySVD = DAAREM.Step(dimension: p, lag: lag, byGram: false)
            let start = (0..<p).map { _ in random.normal() }, startImage = (0..<p).map { _ in random.normal() }
            byGram.begin(point: start, image: startImage)
            bySVD.begin(point: start, image: startImage)
            for _ in 0..<lag {
                let point = (0..<p).map { _ in random.normal() }, image = (0..<p).map { _ in random.normal() }
                byGram.append(point: point, image: image)
                bySVD.append(point: point, image: image)
                var (lambdaG, rG, lambdaS, rS) = (100_000.0, 0.0, 100_000.0, 0.0)
                #expect(byGram.propose(alpha: 1.2, kappa: 25, shrinkCount: Double(trial), lambda: &lambdaG, r: &rG))
                #expect(bySVD.propose(alpha: 1.2, kappa: 25, shrinkCount: Double(trial), lambda: &lambdaS, r: &rS))
                #expect(abs(lambdaG - lambdaS) <= 1e-9 * max(1, abs(lambdaS)))
                let (a, b) = (byGram.proposedPoint, bySVD.proposedPoint)
                for i in 0..<p { #expect(abs(a[i] - b[i]) <= 1e-10 * max(1, abs(b[i]))) }
            }
        }
    }
}
