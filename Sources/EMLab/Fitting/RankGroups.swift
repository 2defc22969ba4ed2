import CEMKernels

/// The data cut by rank into K groups of (almost) equal size, and each
/// group's size, mean and spread: what the `quantile` start is made of.
///
/// Group j holds the values of ranks ⌊j·n/K⌋ … ⌊(j+1)·n/K⌋ − 1, ranks
/// counted in a stable sort (equal values keep their order in the data), so
/// the groups are a function of the data alone. Their sums are then taken
/// in a fixed order that does not depend on how the cut was found: over the
/// data in its own order, in 8 lanes (observation i in lane i mod 8), the
/// lanes added pairwise at the end. So the start is the same, bit for bit,
/// whatever selection algorithm finds the cut. (Before issue 12 the sums ran
/// over the array Hoare's quickselect had left, which tied the start's last
/// bits to that algorithm's swaps; its mispredicted branches cost about 7 %
/// of a study.)
///
/// - Complexity: O(n·K) time and O(n) extra memory.
enum RankGroups {
    /// The size, mean and population standard deviation (divisor = size) of
    /// each rank group; the mean and sd are 0 for an empty group, the sd 0
    /// for a group of one.
    struct Moments {
        var counts: [Int]
        var means: [Double]
        var standardDeviations: [Double]
    }

    /// The rank groups of `data` and their moments.
    ///
    /// - Parameters:
    ///   - data: n ≥ 1 values (NaN-free).
    ///   - k: the number of groups, 1 ≤ K ≤ n (above 255, ``wideMoments(_:groups:)``).
    /// - Returns: K groups' counts, means and sds.
    /// - Complexity: O(n·K).
    static func moments(_ data: [Double], groups k: Int) -> Moments {
        guard k <= maximumKernelGroups else { return wideMoments(data, groups: k) }
        let labels = self.labels(data, groups: k)
        let n = data.count
        // Group j holds ranks ⌊j·n/K⌋ … ⌊(j+1)·n/K⌋ − 1: its size needs no count.
        var moments = Moments(
            counts: (0..<k).map { ($0 + 1) * n / k - $0 * n / k }, means: Array(repeating: 0, count: k),
            standardDeviations: Array(repeating: 0, count: k))
        for j in 0..<k where moments.counts[j] > 0 {
            let count = Double(moments.counts[j])
            let mean = laneSum(data, labels, label: j, center: 0, power: 1) / count
            let squares = laneSum(data, labels, label: j, center: mean, power: 2)
            moments.means[j] = mean
            moments.standardDeviations[j] = moments.counts[j] > 1 ? (squares / count).squareRoot() : 0
        }
        return moments
    }

    /// The most groups the kernels label (their labels are bytes).
    static let maximumKernelGroups = 255

    /// ``moments(_:groups:)`` for K above 255, where the kernels' byte labels
    /// end: the same groups (ranks by a stable sort) and the same sums, point
    /// i adding into lane i mod 8 of its group and the lanes summed pairwise,
    /// in Swift.
    ///
    /// - Complexity: O(n log n + K).
    static func wideMoments(_ data: [Double], groups k: Int) -> Moments {
        let n = data.count
        precondition(k >= 1 && k <= n, "rank groups need 1 ≤ K ≤ n")
        let order = data.indices.sorted { data[$0] < data[$1] || (data[$0] == data[$1] && $0 < $1) }
        var labels = [Int](repeating: 0, count: n)
        for j in 0..<k {
            for rank in (j * n / k)..<((j + 1) * n / k) { labels[order[rank]] = j }
        }
        var moments = Moments(
            counts: (0..<k).map { ($0 + 1) * n / k - $0 * n / k }, means: Array(repeating: 0, count: k),
            standardDeviations: Array(repeating: 0, count: k))
        func pairwise(_ l: [Double], _ j: Int) -> Double {
            let b = 8 * j
            return ((l[b] + l[b + 1]) + (l[b + 2] + l[b + 3])) + ((l[b + 4] + l[b + 5]) + (l[b + 6] + l[b + 7]))
        }
        var lanes = [Double](repeating: 0, count: 8 * k)
        for i in 0..<n { lanes[8 * labels[i] + i % 8] += data[i] - 0 }
        for j in 0..<k where moments.counts[j] > 0 { moments.means[j] = pairwise(lanes, j) / Double(moments.counts[j]) }
        lanes = [Double](repeating: 0, count: 8 * k)
        for i in 0..<n {
            let d = data[i] - moments.means[labels[i]]
            lanes[8 * labels[i] + i % 8] += d * d
        }
        for j in 0..<k where moments.counts[j] > 1 {
            moments.standardDeviations[j] = (pairwise(lanes, j) / Double(moments.counts[j])).squareRoot()
        }
        return moments
    }

    /// Σ (x_i − center)^power over the points labelled `label`: point i adds
    /// into lane i mod 8 (CEMKernels, at the CPU's level), and the lanes are
    /// summed pairwise, ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
    /// The order is fixed, so the bits are the same on every machine.
    static func laneSum(_ data: [Double], _ labels: [UInt8], label: Int, center: Double, power: Int32) -> Double {
        var lanes = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &lanes) { raw in
            data.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { g in
                    emlab_group_lane_sums(
                        EStepKernel.level, x.baseAddress, g.baseAddress, x.count, UInt8(label), center, power,
                        raw.baseAddress!.assumingMemoryBound(to: Double.self))
                }
            }
        }
        let (l0, l1, l2, l3, l4, l5, l6, l7) = lanes
        return ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))
    }

    /// The group of every value: the number of cut points ⌊j·n/K⌋ (j ≥ 1)
    /// at or below its stable rank.
    ///
    /// A value above the value t_j of rank ⌊j·n/K⌋ is past cut j, one below it
    /// is not; a value equal to t_j is past it when the values below t_j plus
    /// the earlier values equal to it number at least ⌊j·n/K⌋ (its stable rank).
    static func labels(_ data: [Double], groups k: Int) -> [UInt8] {
        precondition(k >= 1 && k <= data.count && k <= maximumKernelGroups, "rank groups need 1 ≤ K ≤ min(n, 255)")
        let n = data.count
        var labels = [UInt8](repeating: 0, count: n)
        guard k > 1 else { return labels }
        let cuts = (1..<k).map { $0 * n / k }
        let thresholds = orderStatistics(data, ranks: cuts)
        var below = [Int](repeating: 0, count: k - 1)  // the values below t_j
        // The indices of values equal to some t_j (the kernel writes them).
        var tied = [Int](unsafeUninitializedCapacity: n) { _, count in count = n }
        let tiedCount = data.withUnsafeBufferPointer { x in
            labels.withUnsafeMutableBufferPointer { g in
                below.withUnsafeMutableBufferPointer { b in
                    tied.withUnsafeMutableBufferPointer { t in
                        thresholds.withUnsafeBufferPointer { c in
                            // size_t is imported as Int.
                            emlab_rank_labels(
                                EStepKernel.level, x.baseAddress, n, c.baseAddress, k - 1, g.baseAddress,
                                b.baseAddress, t.baseAddress)
                        }
                    }
                }
            }
        }
        // The tied values, in data order: each one's stable rank is the count
        // below its value plus the earlier values equal to it.
        var earlier: [Double: Int] = [:]
        for i in tied[..<tiedCount] {
            let v = data[i]
            let before = earlier[v, default: 0]
            earlier[v] = before + 1
            var past = 0
            for j in 0..<(k - 1) where v > thresholds[j] || (v == thresholds[j] && below[j] + before >= cuts[j]) { past += 1 }
            labels[i] = UInt8(past)
        }
        return labels
    }

    /// The values of the given ranks (0-based, ascending) in `data`, as a
    /// sorted copy would hold them.
    ///
    /// Quickselect (Hoare 1961) with median-of-three pivots and a three-way
    /// split (below, equal to, above the pivot) done by CEMKernels without
    /// branches on the data, in vector lanes where the CPU has them; a sort
    /// once a range has been split 64 times (a guard against the quadratic
    /// worst case). The values found do not depend on how a split orders its
    /// sides.
    ///
    /// - Complexity: O(n) expected per rank.
    static func orderStatistics(_ data: [Double], ranks: [Int]) -> [Double] {
        let n = data.count
        var result: [Double] = []
        result.reserveCapacity(ranks.count)
        // Three buffers with the kernel's slack, written before they are read:
        // the part being split and the two sides it is split into.
        let room = n + 8
        var buffers = [Double](unsafeUninitializedCapacity: 3 * room) { _, count in count = 3 * room }
        buffers.withUnsafeMutableBufferPointer { all in
            let base = all.baseAddress!
            for rank in ranks {
                precondition(rank >= 0 && rank < n, "rank \(rank) outside 0..<\(n)")
                _ = UnsafeMutableBufferPointer(start: base, count: n).update(fromContentsOf: data)
                result.append(select(rank, count: n, base, base + room, base + 2 * room))
            }
        }
        return result
    }

    /// The value of `rank` among the `count` values at `a`; `b` and `c` are
    /// scratch of the same size plus 8. All three are overwritten.
    private static func select(
        _ rank: Int, count: Int, _ a: UnsafeMutablePointer<Double>,
        _ b: UnsafeMutablePointer<Double>, _ c: UnsafeMutablePointer<Double>
    ) -> Double {
        var source = a, below = b, above = c, count = count, rank = rank
        var splits = 0
        while count > 1 {
            if splits == 64 {
                var values = UnsafeMutableBufferPointer(start: source, count: count)
                values.sort()
                return values[rank]
            }
            splits += 1
            let first = source[0], middle = source[count / 2], last = source[count - 1]
            let pivot = max(min(first, middle), min(max(first, middle), last))
            var lower = 0, upper = 0
            emlab_partition(EStepKernel.level, source, count, pivot, below, &lower, above, &upper)
            if rank < lower {
                (source, below) = (below, source)
                count = lower
            } else if rank >= count - upper {
                rank -= count - upper
                (source, above) = (above, source)
                count = upper
            } else {
                return pivot
            }
        }
        return source[0]
    }
}
