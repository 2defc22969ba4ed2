/// The plane of starts a landscape covers: two parameters of the mixture,
/// each over a range, on an N × N grid that includes both ends.
///
/// Both axes use the same arithmetic, `from + i·(to − from)/(N − 1)`, so
/// when the two ranges agree the diagonal starts (i, i) have exactly equal
/// coordinates: a symmetric model's saddle manifold μ1 = μ2 is then on
/// the grid, not beside it.
public struct LandscapePlane: Sendable, Equatable {
    /// The pairs of coordinates `--over` names.
    public enum Axes: String, CaseIterable, Sendable {
        /// (μ_a, μ_b): two means.
        case means
        /// (μ_a, σ_a): one component's mean and sd.
        case meanSD = "mean-sd"
        /// (π_a, μ_a): one component's weight and mean.
        case weightMean = "weight-mean"

        /// The two parameters for the components `first` and `second` (0-based; `second` is used by `.means` only).
        public func parameters(first: Int, second: Int) -> (LandscapeParameter, LandscapeParameter) {
            switch self {
            case .means: return (.mean(first), .mean(second))
            case .meanSD: return (.mean(first), .sd(first))
            case .weightMean: return (.weight(first), .mean(first))
            }
        }
    }

    /// The parameter along the horizontal axis.
    public var horizontal: LandscapeParameter
    /// The parameter along the vertical axis.
    public var vertical: LandscapeParameter
    /// The horizontal range, `from` < `to`.
    public var horizontalRange: (from: Double, to: Double)
    /// The vertical range, `from` < `to`.
    public var verticalRange: (from: Double, to: Double)
    /// N ≥ 2: the grid has N × N starts.
    public var gridSize: Int

    public init(
        horizontal: LandscapeParameter, vertical: LandscapeParameter, horizontalRange: (from: Double, to: Double),
        verticalRange: (from: Double, to: Double), gridSize: Int
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.horizontalRange = horizontalRange
        self.verticalRange = verticalRange
        self.gridSize = gridSize
    }

    public static func == (a: LandscapePlane, b: LandscapePlane) -> Bool {
        a.horizontal == b.horizontal && a.vertical == b.vertical && a.gridSize == b.gridSize
            && a.horizontalRange == b.horizontalRange && a.verticalRange == b.verticalRange
    }

    /// N², the number of starts.
    public var startCount: Int { gridSize * gridSize }

    /// The i-th of N values from `range.from` to `range.to`, both included.
    static func value(_ i: Int, of n: Int, in range: (from: Double, to: Double)) -> Double {
        i == n - 1 ? range.to : range.from + Double(i) * (range.to - range.from) / Double(n - 1)
    }

    /// The horizontal coordinate of column `i`.
    public func horizontalValue(_ i: Int) -> Double { Self.value(i, of: gridSize, in: horizontalRange) }
    /// The vertical coordinate of row `j`.
    public func verticalValue(_ j: Int) -> Double { Self.value(j, of: gridSize, in: verticalRange) }

    /// Start `index` (row-major: row j = index / N, column i = index % N) as (horizontal, vertical).
    public func point(_ index: Int) -> (x: Double, y: Double) {
        (horizontalValue(index % gridSize), verticalValue(index / gridSize))
    }
}

extension LandscapePlane {
    /// The default range of a parameter for `data`: a mean over the data's
    /// range widened by 5% each side; an sd from 0.05 to 2 times the data's
    /// sd; a weight from 0.02 to 0.98.
    public static func defaultRange(of parameter: LandscapeParameter, data: [Double]) -> (from: Double, to: Double) {
        switch parameter {
        case .mean:
            let low = data.min() ?? 0, high = data.max() ?? 1
            let pad = 0.05 * (high - low)
            return (low - pad, high + pad)
        case .sd:
            let s = Initialization.standardDeviation(data)
            return (0.05 * s, 2 * s)
        case .weight: return (0.02, 0.98)
        }
    }
}
