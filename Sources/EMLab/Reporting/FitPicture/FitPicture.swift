import Foundation

/// What a picture of one or more fits to one data set shows: the data (as a
/// histogram), each fit's final mixture and log-likelihood trace, and the
/// truth when it is known. `emlab fit --plot` draws it with gnuplot
/// (``FitPlot``); `emlab fit --animate` plays it iteration by iteration
/// (``EMAnimationPage``).
public struct FitPicture: Sendable {
    /// One fit: a label and its result (with its trace when one was recorded).
    public struct Fit: Sendable {
        public var label: String
        public var result: FitResult

        public init(label: String, result: FitResult) {
            self.label = label
            self.result = result
        }
    }

    public var data: [Double]
    public var bins: HistogramBins
    public var fits: [Fit]
    /// The mixture the data were drawn from, drawn dashed; nil for real data.
    public var truth: GaussianMixture?
    /// A line under the title: where the data came from.
    public var subtitle: String
    /// The basins behind the animation (K = 2, the (μ1, μ2) plane), or nil.
    public var landscape: Landscape?

    /// - Parameters:
    ///   - data: the values, at least one.
    ///   - fits: the fits to show, at least one.
    ///   - truth: the truth, when known.
    ///   - binWidth: the histogram's bin width, or nil.
    ///   - binCount: the histogram's number of bins, or nil (Freedman–Diaconis when both are nil).
    ///   - subtitle: a line about the data.
    public init(data: [Double], fits: [Fit], truth: GaussianMixture?, binWidth: Double?, binCount: Int?, subtitle: String) {
        precondition(!fits.isEmpty, "a picture needs a fit")
        self.data = data
        self.fits = fits
        self.truth = truth
        self.subtitle = subtitle
        bins = HistogramBins(data: data, width: binWidth, count: binCount)
    }

    /// The x range the densities are drawn over: the histogram's, widened to
    /// 3 sds around every finite component mean inside a few data ranges of it
    /// (a mean flung far away is left off rather than shrink the data to a sliver).
    public var xRange: (low: Double, high: Double) { xRange(includingTraces: false) }

    /// ``xRange``, widened with `includingTraces` to the means (± 1 sd) of
    /// every traced iteration too, so an animation shows where EM started.
    public func xRange(includingTraces: Bool) -> (low: Double, high: Double) {
        let dataLow = bins.start, dataHigh = bins.start + Double(bins.counts.count) * bins.width
        let span = max(dataHigh - dataLow, bins.width)
        var (low, high) = (dataLow - 0.03 * span, dataHigh + 0.03 * span)
        for mixture in fits.map(\.result.mixture) + (truth.map { [$0] } ?? []) {
            for (mean, sd) in zip(mixture.means, mixture.standardDeviations) where mean.isFinite && sd.isFinite {
                guard mean > dataLow - 2 * span, mean < dataHigh + 2 * span else { continue }
                low = min(low, mean - 3 * min(sd, span))
                high = max(high, mean + 3 * min(sd, span))
            }
        }
        guard includingTraces else { return (low, high) }
        for mixture in fits.flatMap({ $0.result.trace?.mixtures ?? [] }) {
            for (mean, sd) in zip(mixture.means, mixture.standardDeviations) where mean.isFinite && sd.isFinite {
                guard mean > dataLow - 2 * span, mean < dataHigh + 2 * span else { continue }
                low = min(low, mean - min(sd, span))
                high = max(high, mean + min(sd, span))
            }
        }
        return (low, high)
    }

    /// The weighted densities w_k·φ(x; μ_k, σ_k) of each component at `x`, 0
    /// where a parameter is not finite or σ is 0 (a collapsed component is a
    /// spike no grid can show: the pictures mark it apart).
    public static func componentDensities(_ mixture: GaussianMixture, at x: Double) -> [Double] {
        (0..<mixture.componentCount).map { k in
            let (w, m, s) = (mixture.weights[k], mixture.means[k], mixture.standardDeviations[k])
            guard w.isFinite, m.isFinite, s.isFinite, s > 0 else { return 0 }
            return w * exp(GaussianMixture.logNormalDensity(x, mean: m, standardDeviation: s))
        }
    }

    /// The height the density axis should reach: the histogram's tallest bar,
    /// or a curve's peak up to 3 times that (a collapsing component's spike
    /// runs off the top instead of flattening everything else).
    public func densityCeiling(grid: [Double]) -> Double {
        let barPeak = bins.densities.max() ?? 1
        var curvePeak = 0.0
        for mixture in fits.map(\.result.mixture) + (truth.map { [$0] } ?? []) {
            for x in grid {
                let value = Self.componentDensities(mixture, at: x).reduce(0, +)
                if value.isFinite { curvePeak = max(curvePeak, value) }
            }
        }
        return max(barPeak, min(curvePeak, 3 * barPeak)) * 1.12
    }

    /// `count` evenly spaced points over ``xRange``.
    public func grid(count: Int = 400) -> [Double] {
        let (low, high) = xRange
        return (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    }
}
