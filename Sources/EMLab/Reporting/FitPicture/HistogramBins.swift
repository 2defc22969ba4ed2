import Foundation

/// Equal-width bins over a data set, for drawing its histogram on the scale
/// of a density (so a fitted mixture's density can be laid over it).
public struct HistogramBins: Sendable, Equatable {
    /// The left edge of the first bin (the smallest value).
    public var start: Double
    /// The width of every bin.
    public var width: Double
    /// How many values fall in each bin; the last bin holds the largest value.
    public var counts: [Int]

    /// The most bins a histogram gets: a bin width asked for on a wide range,
    /// or a Freedman–Diaconis width on heavy-tailed data, is widened to keep
    /// the picture (and a page holding it) a sensible size.
    public static let maximumBins = 400

    /// The Freedman–Diaconis bin width 2·IQR·n^(−1/3) (Freedman & Diaconis 1981,
    /// "On the histogram as a density estimator: L2 theory", Z. Wahrscheinlichkeitstheorie
    /// verw. Gebiete 57, 453–476), with the quartiles of type 7.
    ///
    /// - Parameter data: the values, at least one.
    /// - Returns: the width; when the IQR is 0 (more than half the values tied),
    ///   Scott's 3.49·s·n^(−1/3) instead, and when every value is the same, 1.
    public static func freedmanDiaconisWidth(_ data: [Double]) -> Double {
        let sorted = data.sorted()
        let n = Double(sorted.count)
        let iqr = StudySummary.quantile(sorted, 0.75) - StudySummary.quantile(sorted, 0.25)
        if iqr > 0 { return 2 * iqr / cbrt(n) }
        let sd = Initialization.standardDeviation(data)
        return sd > 0 ? 3.49 * sd / cbrt(n) : 1
    }

    /// Bins `data` with the given width, or `count` bins over its range, or the
    /// Freedman–Diaconis width when neither is given.
    ///
    /// - Parameters:
    ///   - data: the values, at least one, all finite.
    ///   - width: the bin width (> 0), or nil.
    ///   - count: the number of bins (≥ 1), or nil; `width` wins when both are given.
    /// - Returns: the bins, at most ``maximumBins`` of them and at least one;
    ///   a width wider than the data's range gives one bin over the range.
    public init(data: [Double], width: Double? = nil, count: Int? = nil) {
        precondition(!data.isEmpty, "a histogram needs data")
        let low = data.min()!, high = data.max()!
        let range = high - low
        var chosen: Double
        if let width {
            chosen = width
        } else if let count {
            chosen = range > 0 ? range / Double(count) : 1
        } else {
            chosen = Self.freedmanDiaconisWidth(data)
        }
        if range > 0 && range / chosen > Double(Self.maximumBins) { chosen = range / Double(Self.maximumBins) }
        // A bin wider than the data is one bin over the data: a huge width
        // (say 1e308) would otherwise stretch the picture's x-axis to it and
        // make the bar's density underflow to nothing gnuplot can scale.
        if range > 0 && chosen > range { chosen = range } else if range == 0 && chosen > 1 { chosen = 1 }
        // The largest value lands on the last bin's right edge when the width divides the range: it joins that bin.
        let binCount = max(1, Int((range / chosen).rounded(.up)))
        var counts = Array(repeating: 0, count: binCount)
        for x in data { counts[min(binCount - 1, max(0, Int(((x - low) / chosen).rounded(.down))))] += 1 }
        (start, self.width, self.counts) = (low, chosen, counts)
    }

    /// The centre of bin `index`.
    public func center(_ index: Int) -> Double { start + (Double(index) + 0.5) * width }

    /// Each bin's height on the density scale, count / (n · width), so the bars' area is 1.
    public var densities: [Double] {
        let total = Double(counts.reduce(0, +))
        return counts.map { Double($0) / (total * width) }
    }
}
