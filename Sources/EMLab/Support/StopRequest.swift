import Dispatch
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A request to stop, from SIGTERM (what Slurm and `kill` send, e.g. at a
/// job's time limit) or SIGINT (Ctrl-C), turned into a flag that a long
/// loop checks between whole units of work.
///
/// While it watches, the signals' default action (ending the process at
/// once) is replaced: the first one only sets the flag, so the loop can
/// write what it has, record that it stopped, and exit with the
/// conventional status 128 + signal (143 for SIGTERM, 130 for SIGINT). A
/// second signal ends the process at once, as if nothing watched.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []
    private let signals: [Int32]

    /// Starts watching `signals`.
    public init(signals: [Int32] = [SIGTERM, SIGINT]) {
        self.signals = signals
        for number in signals {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            // The handler holds its source until `stop()` cancels it.
            source.setEventHandler { [weak self] in
                self?.receive(number, count: source.data)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit { stop() }

    private func receive(_ number: Int32, count: UInt) {
        lock.lock()
        let first = received == nil
        if first { received = number }
        lock.unlock()
        if !first || count > 1 {
            // Asked twice: stop now, the default way.
            Glibc.signal(number, SIG_DFL)
            raise(number)
        }
    }

    /// The signal that asked to stop, or nil while none has.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// The conventional exit status after `signal`: 128 + its number.
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// The signal's name, e.g. `SIGTERM`.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(signal)"
        }
    }

    /// Stops watching: the signals get their default action back.
    public func stop() {
        lock.lock()
        let watching = sources
        sources = []
        lock.unlock()
        guard !watching.isEmpty else { return }
        for source in watching { source.cancel() }
        for number in signals { Glibc.signal(number, SIG_DFL) }
    }
}
