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
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        func failure(_ code: Int32) -> EMLabError {
            EMLabError(.io, "\(path): cannot be written: \(POSIXFile.describe(errno: code))")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(errno) }
        if let code = POSIXFile.writeAll(descriptor, data) {
            close(descriptor)
            unlink(temporary)
            throw failure(code)
        }
        // close reports late write errors (a full disk on some file systems).
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(code)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(code)
        }
    }
}
