import Foundation

/// Sizes asked for on a command line, checked before anything is allocated.
///
/// A count such as `-n 99999999999` would otherwise reach an allocation
/// that fails with a trap and a backtrace ("failed to allocate … bytes"),
/// or one the kernel grants and then kills the process for. The check
/// counts bytes in `Double`, so no product of counts overflows, and compares
/// them with the memory this process may use: the smallest of the kernel's
/// estimate of available memory (`MemAvailable`), the cgroup's limit and
/// the machine's physical memory.
public enum MemoryBudget {
    /// The bytes this process may use, read once.
    public static let available: Double = {
        var limit = Double(ProcessInfo.processInfo.physicalMemory)
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        {
            limit = min(limit, kilobytes * 1024)
        }
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let bytes = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes > 0
            {
                limit = min(limit, bytes)
            }
        }
        return limit
    }()

    /// Throws unless `bytes` fit in the memory available.
    ///
    /// - Parameters:
    ///   - bytes: what the request needs (an estimate; computed in `Double`).
    ///   - request: what asks for it, as the user wrote it, e.g. `-n 99999999999`.
    ///   - available: the bytes available (default ``available``).
    /// - Throws: ``EMLabError`` `.invalidOption`, one line: "-n 99999999999
    ///   needs 3.6 TiB of memory; 22 GiB is available".
    public static func require(_ bytes: Double, for request: String, available: Double = MemoryBudget.available) throws {
        guard !(bytes <= available) else { return }
        throw EMLabError(.invalidOption, "\(request) needs \(format(bytes)) of memory; \(format(available)) is available")
    }

    /// The bytes one stored K-component mixture takes: three arrays and their headers.
    public static func mixtureBytes(components k: Int) -> Double { 3 * (32 + 8 * Double(k)) + 64 }

    /// The bytes one kept start of a multi-start search takes (its start and its fit).
    public static func startBytes(components k: Int) -> Double { 2 * mixtureBytes(components: k) + 128 }

    /// The bytes a fit of K components to n values takes beyond the data:
    /// its responsibilities (and posteriors) and its information matrices.
    public static func fitBytes(count n: Int, components k: Int) -> Double {
        let p = 3 * Double(k)
        return 16 * Double(n) * Double(k) + 48 * p * p
    }

    /// Bytes in binary units with two significant digits at most: `512 B`, `1.5 KiB`, `3.6 TiB`.
    public static func format(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "more than any machine has" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
        var value = bytes, unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let shown = value >= 10 || unit == 0 ? String(format: "%.0f", value) : String(format: "%.1f", value)
        return "\(formatNumber(Double(shown) ?? value)) \(units[unit])"
    }
}
