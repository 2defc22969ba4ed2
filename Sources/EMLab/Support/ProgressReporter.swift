import Foundation

/// Progress on standard error: a bar with rate and ETA redrawn in place when
/// stderr is a terminal, a plain line every few seconds otherwise, nothing
/// when quiet.
public final class ProgressReporter {
    public enum Mode: Sendable { case automatic, quiet }

    private let total: Int
    private let label: String
    private let isTerminal: Bool
    private let quiet: Bool
    private let started = Date()
    private var lastPrint = Date.distantPast
    private let initial: Int

    public init(total: Int, alreadyDone: Int = 0, label: String, mode: Mode) {
        self.total = total
        self.label = label
        self.initial = alreadyDone
        self.quiet = mode == .quiet
        self.isTerminal = isatty(2) != 0
    }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    public func update(done: Int, force: Bool = false) {
        guard !quiet else { return }
        let now = Date()
        let interval = isTerminal ? 0.2 : 5.0
        guard force || now.timeIntervalSince(lastPrint) >= interval else { return }
        lastPrint = now
        let elapsed = now.timeIntervalSince(started)
        let rate = Double(done - initial) / max(elapsed, 1e-9)
        let eta = rate > 0 ? Double(total - done) / rate : .infinity
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let text: String
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "") + String(repeating: " ", count: max(width - filled - 1, 0))
            text = String(format: "\r[%@] %3.0f%% %d/%d %@  %.1f/s  ETA %@ ", bar, fraction * 100, done, total, label, rate, Self.clock(eta))
        } else {
            text = String(
                format: "%d/%d %@ (%.0f%%), %.1f/s, elapsed %@, ETA %@\n", done, total, label, fraction * 100, rate,
                Self.clock(elapsed), Self.clock(eta))
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Ends a bar drawn in place with a line end, so a message can follow
    /// on a line of its own (the run stopped early).
    public func interrupt() {
        guard !quiet, isTerminal, lastPrint != Date.distantPast else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    public func finish(done: Int) {
        guard !quiet else { return }
        update(done: done, force: true)
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
