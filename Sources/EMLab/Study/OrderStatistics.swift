import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Exact order statistics (the k-th smallest value) of many series of
/// doubles, in memory that stays flat however long the series are.
///
/// summary.csv's medians and quartiles must be exact — the same bits a sort
/// gives — so that a study's files do not depend on how it was computed.
/// Holding every value of a 10^7-fit study would take hundreds of MB, so
/// values beyond ``memoryLimit`` go to an unlinked temporary file, and the
/// requested ranks are found by a most-significant-byte radix selection:
/// eight passes over the values, each narrowing every request to the values
/// that share its next 8 bits, with a 256-bucket histogram per request.
///
/// Doubles are compared through their order-preserving 64-bit keys, so the
/// result equals `sorted()[rank]` for any values that are not NaN (NaN is
/// never added; −0 orders before +0).
final class OrderStatistics {
    /// How many values are held in memory before they go to the file (16 MiB of records).
    let memoryLimit: Int
    /// The folder for the temporary file (the study's own folder: the same disk as runs.csv).
    let folder: String

    private var series: [UInt32] = []
    private var keys: [UInt64] = []
    private var descriptor: Int32 = -1
    private var spilled = 0
    /// How many values each series holds.
    private(set) var counts: [Int] = []

    /// How many values series `index` holds (0 for one never added to).
    func count(of index: Int) -> Int { index < counts.count ? counts[index] : 0 }

    init(folder: String, memoryLimit: Int = 1 << 20) {
        self.folder = folder
        self.memoryLimit = memoryLimit
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The 64-bit key whose unsigned order is the order of the doubles.
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    /// Adds `value` (not NaN) to series `index` (0-based).
    func add(_ value: Double, series index: Int) throws {
        precondition(!value.isNaN, "OrderStatistics takes no NaN")
        while counts.count <= index { counts.append(0) }
        counts[index] += 1
        series.append(UInt32(index))
        keys.append(Self.key(value))
        if keys.count >= memoryLimit { try spill() }
    }

    private func failure(_ code: Int32) -> EMLabError {
        EMLabError(.io, "\(folder): a temporary file for the medians cannot be written: \(POSIXFile.describe(errno: code))")
    }

    /// Appends the values in memory to the temporary file (created and unlinked on first use, so nothing is left behind).
    private func spill() throws {
        if descriptor < 0 {
            let path = "\(folder)/.order-statistics.tmp-\(getpid())"
            descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw failure(errno) }
            unlink(path)
        }
        if let code = series.withUnsafeBytes({ POSIXFile.writeAll(descriptor, $0) }) ?? keys.withUnsafeBytes({ POSIXFile.writeAll(descriptor, $0) }) {
            throw failure(code)
        }
        spilled += keys.count
        series.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every (series, key) block: the spilled blocks from the file, then the values in memory.
    private func forEachBlock(_ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt64>) -> Void) throws {
        if descriptor >= 0 {
            var offset: off_t = 0
            var blockSeries = [UInt32](repeating: 0, count: memoryLimit), blockKeys = [UInt64](repeating: 0, count: memoryLimit)
            var left = spilled
            while left > 0 {
                let count = min(memoryLimit, left)  // spills are whole memoryLimit blocks
                for (pointer, bytes) in [
                    (blockSeries.withUnsafeMutableBytes { $0.baseAddress! }, count * 4),
                    (blockKeys.withUnsafeMutableBytes { $0.baseAddress! }, count * 8)
                ] {
                    var done = 0
                    while done < bytes {
                        let got = pread(descriptor, pointer + done, bytes - done, offset + off_t(done))
                        if got < 0 && errno == EINTR { continue }
                        guard got > 0 else {
                            throw EMLabError(
                                .io, "\(folder): the temporary file for the medians cannot be read back: \(POSIXFile.describe(errno: got < 0 ? errno : EIO))")
                        }
                        done += got
                    }
                    offset += off_t(bytes)
                }
                blockSeries.withUnsafeBufferPointer { s in
                    blockKeys.withUnsafeBufferPointer { k in
                        body(UnsafeBufferPointer(rebasing: s[0..<count]), UnsafeBufferPointer(rebasing: k[0..<count]))
                    }
                }
                left -= count
            }
        }
        series.withUnsafeBufferPointer { s in keys.withUnsafeBufferPointer { k in body(s, k) } }
    }

    /// The values of rank `rank` (0-based, in ascending order) of the requested series.
    ///
    /// - Parameter requests: (series, rank) pairs; each rank must be below that series' count.
    /// - Returns: one value per request, in the order asked.
    /// - Complexity: eight passes over all values; memory O(requests · 256).
    func select(_ requests: [(series: Int, rank: Int)]) throws -> [Double] {
        guard !requests.isEmpty else { return [] }
        var prefixes = [UInt64](repeating: 0, count: requests.count)
        var ranks = requests.map(\.rank)
        // Requests by series, so each value touches only its own series' requests.
        var bySeries: [[Int]] = Array(repeating: [], count: counts.count)
        for (i, request) in requests.enumerated() {
            precondition(request.rank >= 0 && request.rank < counts[request.series], "rank out of range")
            bySeries[request.series].append(i)
        }
        var histograms = [Int](repeating: 0, count: requests.count * 256)
        for pass in 0..<8 {
            let shift = UInt64(56 - 8 * pass)
            for i in histograms.indices { histograms[i] = 0 }
            try forEachBlock { blockSeries, blockKeys in
                for j in 0..<blockKeys.count {
                    let key = blockKeys[j]
                    for i in bySeries[Int(blockSeries[j])] where pass == 0 || key >> (shift + 8) == prefixes[i] {
                        histograms[i * 256 + Int((key >> shift) & 0xFF)] += 1
                    }
                }
            }
            for i in requests.indices {
                var bucket = 0
                while ranks[i] >= histograms[i * 256 + bucket] {
                    ranks[i] -= histograms[i * 256 + bucket]
                    bucket += 1
                }
                prefixes[i] = prefixes[i] << 8 | UInt64(bucket)
            }
        }
        return prefixes.map(Self.value)
    }
}
