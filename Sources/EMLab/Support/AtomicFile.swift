import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file so that it is either absent or complete: the bytes go to a
/// temporary file beside the target, which is renamed over it only after the
/// last byte is written. A failure (or a crash) leaves no partial file.
public enum AtomicFile {
    /// Writes `contents` to `path` atomically.
    ///
    /// - Throws: ``EMLabError`` `.io` naming the path and the cause in words
    ///   ("the disk is full", "the file system is read-only", …).
    public static func write(_ contents: String, to path: String) throws {
        try write(Data(contents.utf8), to: path)
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws {
        try replace(path) { descriptor in
            if let code = POSIXFile.writeAll(descriptor, data) { throw cannotWrite(path, code) }
        }
    }

    /// Writes the text `produce` emits to `path` atomically, a megabyte at a
    /// time, so a file larger than memory can be rewritten: `produce` calls
    /// `emit` with each piece. A failure (of a write, or thrown by
    /// `produce`) leaves `path` as it was.
    ///
    /// - Throws: what `produce` throws; ``EMLabError`` `.io` naming the path and the cause.
    public static func write(to path: String, _ produce: (_ emit: (String) throws -> Void) throws -> Void) throws {
        try replace(path) { descriptor in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            func flush() throws {
                if let code = buffer.withUnsafeBytes({ POSIXFile.writeAll(descriptor, $0) }) { throw cannotWrite(path, code) }
                buffer.removeAll(keepingCapacity: true)
            }
            try produce { text in
                buffer += text.utf8
                if buffer.count >= 1 << 20 { try flush() }
            }
            try flush()
        }
    }

    /// `path: cannot be written: <the cause in words>`.
    private static func cannotWrite(_ path: String, _ code: Int32) -> EMLabError {
        EMLabError(.io, "\(path): cannot be written: \(POSIXFile.describe(errno: code))")
    }

    /// The one way a file is replaced: `body` writes to a temporary file
    /// beside `path` (given its descriptor), which is closed — close reports late write errors, a full
    /// disk on some file systems — and renamed over `path`. Whatever fails,
    /// the temporary file is removed and `path` is left as it was.
    private static func replace(
        _ path: String, writing body: (_ descriptor: Int32) throws -> Void
    ) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw cannotWrite(path, errno) }
        var isOpen = true, finished = false
        defer {
            if isOpen { close(descriptor) }
            if !finished { unlink(temporary) }
        }
        try body(descriptor)
        isOpen = false
        if close(descriptor) != 0 { throw cannotWrite(path, errno) }
        if rename(temporary, path) != 0 { throw cannotWrite(path, errno) }
        finished = true
    }
}
