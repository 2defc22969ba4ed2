/// One of N contiguous blocks of a study's (condition, replicate) units:
/// `--shard I/N`, a Slurm array task, a manifest's `shard`. Shard I of N
/// runs units ⌊(I−1)·T/N⌋ ..< ⌊I·T/N⌋ of T, so merging the shards is
/// concatenation in shard order (``StudyMerge``).
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// I, from 1.
    public let index: Int
    /// N ≥ I.
    public let count: Int

    /// The whole study: shard 1 of 1.
    public static let whole = Shard(checkedIndex: 1, count: 1)

    /// Shard `index` of `count`.
    ///
    /// - Throws: ``EMLabError`` `.invalidOption` unless 1 ≤ index ≤ count.
    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 1, index <= count else {
            throw EMLabError(.invalidOption, "a shard is I/N with 1 ≤ I ≤ N, e.g. 1/4; got \(index)/\(count)")
        }
        self.init(checkedIndex: index, count: count)
    }

    /// The shard written `I/N` (as `--shard` and a manifest's `shard` write it).
    ///
    /// - Throws: ``EMLabError`` `.invalidOption` for text that is not I/N
    ///   with 1 ≤ I ≤ N.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw EMLabError(.invalidOption, "a shard is I/N with 1 ≤ I ≤ N, e.g. 1/4; got '\(text)'")
        }
        try self.init(index: index, count: count)
    }

    private init(checkedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// "I/N".
    public var description: String { "\(index)/\(count)" }

    /// Whether this is the whole study (1/1).
    public var isWhole: Bool { count == 1 }

    /// The half-open range of global unit numbers this shard runs, of `totalUnits`.
    ///
    /// - Complexity: O(1); ⌊i·T/N⌋ is taken in double width, as i·T
    ///   overflows Int for a shard count near Int.max.
    public func units(of totalUnits: Int) -> Range<Int> {
        func cut(_ i: Int) -> Int { count.dividingFullWidth(i.multipliedFullWidth(by: totalUnits)).quotient }
        return cut(index - 1)..<cut(index)
    }
}
