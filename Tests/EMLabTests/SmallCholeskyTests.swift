import Foundation
import Testing

@testable import EMLab

/// The Cholesky solve that Anderson acceleration uses in place of GSL's,
/// checked against GSL (`gsl_linalg_cholesky_decomp1` and `_solve`, through
/// ``Matrix/solvingSymmetricPositiveDefinite(_:)``).
@Suite struct SmallCholeskyTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func randomSystemsAgreeWithGSL(order c: Int) throws {
        let random = try RandomSource(seed: UInt64(200 + c))
        for trial in 0..<50 {
            // A = XᵀX of a random (c + 2) × c X: positive definite.
            let a = SmallSymmetricEigenTests.randomMatrix(order: c, random: random, gram: true)
            let b = (0..<c).map { _ in random.normal() }
            var solver = SmallCholesky(maximumOrder: 6)
            for i in 0..<c { for j in 0...i { solver.set(row: i, column: j, a[i * c + j]) } }
            for i in 0..<c { solver.setRight(i, b[i]) }
            let solved = solver.solve(order: c)
            #expect(solved)
            let matrix = Matrix((0..<c).map { i in Array(a[(i * c)..<((i + 1) * c)]) })
            let gsl = try #require(matrix.solvingSymmetricPositiveDefinite(Matrix(b.map { [$0] })))
            let scale = (0..<c).map { abs(gsl[$0, 0]) }.max() ?? 1
            for i in 0..<c {
                #expect(abs(solver.solution(i) - gsl[i, 0]) <= 1e-10 * max(scale, 1), "trial \(trial)")
                // The residual is small relative to ‖A‖·‖x‖ (backward stability).
                var residual = b[i]
                for j in 0..<c { residual -= a[i * c + j] * solver.solution(j) }
                let norm = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
                #expect(abs(residual) <= 1e-13 * norm * max(scale, 1))
            }
        }
    }

    @Test func refusesWhatIsNotPositiveDefinite() {
        var solver = SmallCholesky(maximumOrder: 3)
        // [[1, 2], [2, 1]] has eigenvalues 3 and −1.
        solver.set(row: 0, column: 0, 1)
        solver.set(row: 1, column: 0, 2)
        solver.set(row: 1, column: 1, 1)
        do {
            let solved = solver.solve(order: 2)
            #expect(!solved)
        }
        solver.set(row: 0, column: 0, .nan)
        do {
            let solved = solver.solve(order: 1)
            #expect(!solved)
        }
        do {
            let solved = solver.solve(order: 0)
            #expect(!solved)
        }
        do {
            let solved = solver.solve(order: 4)
            #expect(!solved)
        }
    }
}
