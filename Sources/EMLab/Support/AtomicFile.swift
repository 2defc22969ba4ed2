import Foundation

/// Writes a file so that it is either absent or complete: the bytes go to a
/// temporary file beside the target, which is renamed over it only after the
/// last byte is written. A failure (or a crash) leaves no partial file.
public enum AtomicFile {
    /// Writes `contents` to `path` atomically.
    ///
    /// - Throws: ``EMLabError`` `.io` naming the path.
    public static func write(_ contents: String, to path: String) throws {
        try write(Data(contents.utf8), to: path)
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw EMLabError(.io, "\(path): cannot be written (\(String(cString: strerror(errno))))")
            }
        } catch let error as EMLabError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw EMLabError(.io, "\(path): cannot be written (\(error.localizedDescription))")
        }
    }
}
