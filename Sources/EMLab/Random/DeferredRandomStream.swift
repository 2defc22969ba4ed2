/// A ``RandomStream`` made on its first draw: the same draws as the stream
/// `make` returns, at no cost when nothing is drawn.
///
/// A study seeds one stream per start; the quantile and truth starts never
/// draw from it, and seeding GSL's mt19937 (624 words of state) costs more
/// than the quantile start itself.
final class DeferredRandomStream: RandomStream {
    private let make: () -> any RandomStream
    private lazy var base: any RandomStream = make()

    /// - Parameter make: builds the stream; called at most once, on the first draw.
    init(_ make: @escaping () -> any RandomStream) { self.make = make }

    func uniform() -> Double { base.uniform() }
    func standardNormal() -> Double { base.standardNormal() }
    func index(below count: Int) -> Int { base.index(below: count) }
    func bernoulli(_ p: Double) -> Int { base.bernoulli(p) }
}
