/// One EM path across a landscape's plane: the plane coordinates of every
/// iterate from a start, and of the accelerated fit's accepted points
/// beside it when one was asked for.
public struct LandscapePath: Sendable, Equatable {
    /// The start's plane coordinates.
    public var start: (x: Double, y: Double)
    /// EM's iterates, the start first.
    public var em: [(x: Double, y: Double)]
    /// The accelerated fit's accepted points, the start first (empty without acceleration).
    public var accelerated: [(x: Double, y: Double)]

    public init(start: (x: Double, y: Double), em: [(x: Double, y: Double)], accelerated: [(x: Double, y: Double)]) {
        self.start = start
        self.em = em
        self.accelerated = accelerated
    }

    public static func == (a: LandscapePath, b: LandscapePath) -> Bool {
        a.start == b.start && a.em.elementsEqual(b.em, by: ==) && a.accelerated.elementsEqual(b.accelerated, by: ==)
    }

    /// Where M path starts go on an N × N grid: the centres of an m × m
    /// sub-grid (m = ⌈√M⌉), taken row by row, the first M of them — spread
    /// evenly, and the same every run.
    ///
    /// - Returns: M grid indices (fewer when the grid has fewer starts).
    public static func startIndices(count: Int, gridSize n: Int) -> [Int] {
        guard count > 0 else { return [] }
        var m = 1
        while m * m < count { m += 1 }
        var indices: [Int] = []
        for row in 0..<m {
            for column in 0..<m where indices.count < count {
                let i = min(n - 1, (2 * column + 1) * n / (2 * m)), j = min(n - 1, (2 * row + 1) * n / (2 * m))
                let index = j * n + i
                if !indices.contains(index) { indices.append(index) }
            }
        }
        return indices
    }
}
