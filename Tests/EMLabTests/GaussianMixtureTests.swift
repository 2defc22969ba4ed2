import Foundation
import Testing
@testable import EMLab

@Suite struct GaussianMixtureTests {
    @Test func validationNamesTheBadFieldAndValue() {
        func message(_ body: () throws -> GaussianMixture) -> String {
            do {
                _ = try body()
                return ""
            } catch { return (error as! EMLabError).message }
        }
        #expect(message { try GaussianMixture(weights: [], means: [], standardDeviations: []) }.contains("K ≥ 1"))
        #expect(message { try GaussianMixture(weights: [0.5, 0.6], means: [0, 1], standardDeviations: [1, 1]) }.contains("sum to 1.1"))
        #expect(message { try GaussianMixture(weights: [-0.5, 1.5], means: [0, 1], standardDeviations: [1, 1]) }.contains("weight 1 is -0.5"))
        #expect(message { try GaussianMixture(weights: [0.5, 0.5], means: [0, .nan], standardDeviations: [1, 1]) }.contains("mean 2 is NaN"))
        #expect(message { try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1, 0]) }.contains("sd 2 is 0"))
        #expect(message { try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1, -2]) }.contains("sd 2 is -2"))
        #expect(message { try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1, .infinity]) }.contains("sd 2 is Inf"))
        #expect(message { try GaussianMixture(weights: [1], means: [0, 1], standardDeviations: [1]) }.contains("one value per component"))
        #expect(message { try GaussianMixture(weights: [0.5, 0.5 + 5e-10], means: [0, 1], standardDeviations: [1, 1]) } == "")
    }

    @Test func logDensityMatchesTheFormulaAndSurvivesUnderflow() throws {
        let m = try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 3])
        for x in [-3.0, 0, 5, 9.5, 15, 40] {
            let direct =
                0.3 * exp(-pow((x - 5) / 2, 2) / 2) / (2 * (2 * Double.pi).squareRoot())
                + 0.7 * exp(-pow((x - 15) / 3, 2) / 2) / (3 * (2 * Double.pi).squareRoot())
            #expect(abs(m.logDensity(x) - log(direct)) < 1e-13 * max(1, abs(log(direct))))
        }
        // Far out every exp() underflows to 0, but the log density is finite
        // and equals the dominant component's log term.
        let far = m.logDensity(1e4)
        #expect(far.isFinite)
        let dominant = log(0.7) - log(3.0) - 0.5 * log(2 * Double.pi) - 0.5 * pow((1e4 - 15) / 3, 2)
        #expect(abs(far - dominant) < 1e-9 * abs(dominant))
    }

    @Test func logLikelihoodIsTheSumOfLogDensities() throws {
        let m = try GaussianMixture(weights: [1], means: [0], standardDeviations: [1])
        let data = [-1.0, 0, 2]
        let expected = data.map { -0.5 * $0 * $0 - 0.5 * log(2 * Double.pi) }.reduce(0, +)
        #expect(abs(m.logLikelihood(data) - expected) < 1e-14 * abs(expected))
    }

    /// Frequencies, means and variances per component within 4 standard errors.
    @Test(arguments: [
        ([0.3, 0.7], [5.0, 15.0], [2.0, 2.0]),
        ([0.5, 0.5], [40.0, 20.0], [6.0, 6.0]),
        ([0.2, 0.5, 0.3], [-4.0, 0.0, 5.0], [1.0, 0.7, 1.5])
    ])
    func samplingMatchesTheMixture(weights: [Double], means: [Double], sds: [Double]) throws {
        let m = try GaussianMixture(weights: weights, means: means, standardDeviations: sds)
        let n = 100_000
        let (values, components) = m.sample(count: n, using: try RandomSource(seed: 2024))
        for k in 0..<m.componentCount {
            let mine = zip(values, components).filter { $0.1 == k }.map(\.0)
            let p = weights[k]
            #expect(abs(Double(mine.count) / Double(n) - p) < 4 * (p * (1 - p) / Double(n)).squareRoot())
            let nk = Double(mine.count)
            let mean = mine.reduce(0, +) / nk
            let variance = mine.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (nk - 1)
            #expect(abs(mean - means[k]) < 4 * sds[k] / nk.squareRoot())
            #expect(abs(variance - sds[k] * sds[k]) < 4 * sds[k] * sds[k] * (2 / (nk - 1)).squareRoot())
        }
    }

    @Test func theSameSeedGivesTheSameSample() throws {
        let m = try GaussianMixture(weights: [0.3, 0.7], means: [5, 15], standardDeviations: [2, 2])
        let a = m.sample(count: 100, using: try RandomSource(seed: 9))
        let b = m.sample(count: 100, using: try RandomSource(seed: 9))
        let c = m.sample(count: 100, using: try RandomSource(seed: 10))
        #expect(a.values == b.values && a.components == b.components)
        #expect(a.values != c.values)
    }
}

@Suite struct DataSetTests {
    @Test func readsPlainLinesWithOrWithoutHeader() throws {
        #expect(try DataSet.parse(text: "1\n2.5\n-3e2\n", name: "f") == [1, 2.5, -300])
        #expect(try DataSet.parse(text: "value\n1\n2\n\n", name: "f") == [1, 2])
        #expect(try DataSet.parse(text: "1\r\n2\r\n", name: "f") == [1, 2])
    }

    @Test func readsACSVColumn() throws {
        let text = "value,component\n1.5,1\n2.5,2\n"
        #expect(try DataSet.parse(text: text, name: "f") == [1.5, 2.5])
        #expect(try DataSet.parse(text: text, name: "f", column: "component") == [1, 2])
        #expect(try DataSet.parse(text: "a,\"b,c\"\n1,\"2\"\n", name: "f", column: "b,c") == [2])
    }

    @Test(arguments: [
        ("", nil as String?, "f: holds no values"),
        ("value\n", nil, "f: holds no values"),
        ("1\n2\nabc\n", nil, "f:3: 'abc' is not a number"),
        ("1\nNaN\n", nil, "f:2: 'NaN' is a missing value"),
        ("1\ninf\n", nil, "f:2: 'inf' is not a finite number"),
        ("a,b\n1,2\n", nil, "choose one with --column NAME"),
        ("a,b\n1,2\n", "c", "f: no column 'c'; the columns are a, b"),
        ("x,y\n1,2\n3,oops\n", "y", "f:3: 'oops' is not a number")
    ])
    func badInputNamesLineAndText(text: String, column: String?, expected: String) {
        do {
            _ = try DataSet.parse(text: text, name: "f", column: column)
            Issue.record("expected an error")
        } catch {
            #expect((error as! EMLabError).message.contains(expected), "\(error)")
        }
    }

    @Test func numbersRoundTripInTheirShortestForm() {
        for x in [0.1, 1.0 / 3, 1e-300, -2.5e17, 5, 0.0, .pi] {
            #expect(parseNumber(formatNumber(x)) == x)
        }
        #expect(formatNumber(5) == "5")
        #expect(formatNumber(0.1) == "0.1")
        #expect(formatNumber(.nan) == "NaN" && formatNumber(-.infinity) == "-Inf")
    }
}
