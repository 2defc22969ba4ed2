import Dispatch
import Foundation

/// `body(0) … body(count − 1)` on every core, the results in index order.
///
/// The result depends only on `body`, never on the scheduling: each index
/// writes its own slot, so work whose randomness is seeded per index (as
/// EMLab's always is) gives the same array on any number of cores.
///
/// - Complexity: `count` calls of `body`, one worker per core
///   (``parallelMap(_:jobs:_:)``).
func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    parallelMap(count, jobs: ProcessInfo.processInfo.activeProcessorCount, body)
}

/// `body(0) … body(count − 1)` on at most `jobs` workers, the results in
/// index order: each worker takes the next index not yet taken, so the
/// result is the same array for any `jobs` (1 runs them in order, here).
///
/// - Complexity: `count` calls of `body`.
func parallelMap<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    guard jobs > 1 else { return (0..<count).map(body) }
    let slots = Slots<T>(count)
    DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
        while let index = slots.nextIndex() { slots.set(index, body(index)) }
    }
    return slots.values.map { $0! }
}

/// ``parallelMap(_:_:)`` for a body that can throw: every index runs, and
/// the first error by index is thrown (so which error surfaces does not
/// depend on the order the workers finish in).
func parallelThrowingMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let results: [Result<T, any Error>] = parallelMap(count) { index in Result { try body(index) } }
    return try results.map { try $0.get() }
}

/// Result slots shared by the workers of ``parallelMap(_:_:)``, one lock around them.
private final class Slots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]
    private var taken = 0

    init(_ count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    /// The next index no worker has taken, or nil when all are.
    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < storage.count else { return nil }
        taken += 1
        return taken - 1
    }

    var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
