import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Reads a file's lines from its end towards its start, 64 KiB at a time,
/// so memory stays flat however long the file is: resuming a study of 10^6
/// fits looks at the last few rows of runs.csv.partial, not at all of it.
///
/// A last line without a line end (a write torn by a crash) is returned
/// with `terminated == false` and without its bytes, which are never needed.
struct BackwardLineReader {
    struct Line {
        /// The offset of the line's first byte.
        var offset: Int
        /// The line, without its `\n` (empty for a torn line).
        var bytes: [UInt8]
        /// Whether a `\n` ends the line.
        var terminated: Bool
        /// The offset just past the line's `\n`.
        var end: Int { offset + bytes.count + 1 }
    }

    static let chunkSize = 1 << 16
    /// No line EMLab writes comes near this; a longer one means the file is not EMLab's.
    static let longestLine = 1 << 20

    let path: String
    /// The file's size when it was opened.
    let size: Int
    private let descriptor: Int32
    private var end: Int
    private var chunk: [UInt8] = []
    private var chunkStart = 0

    /// Opens `path`.
    ///
    /// - Throws: ``EMLabError`` `.io` if it cannot be opened.
    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw EMLabError(.io, "\(path): cannot be read: \(POSIXFile.describe(errno: errno))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            Glibc.close(descriptor)
            throw EMLabError(.io, "\(path): cannot be read: \(POSIXFile.describe(errno: errno))")
        }
        self.path = path
        self.descriptor = descriptor
        self.size = Int(status.st_size)
        self.end = size
    }

    /// Closes the file.
    func close() { _ = Glibc.close(descriptor) }

    /// Reads `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw EMLabError(.io, "\(path): cannot be read: \(POSIXFile.describe(errno: errno))")
            }
            if got == 0 { break }
            filled += got
        }
        return Array(bytes[0..<filled])
    }

    /// Makes the cached chunk hold the byte at `offset` (and up to a chunk before it).
    private mutating func load(containing offset: Int) throws {
        if offset >= chunkStart && offset < chunkStart + chunk.count { return }
        chunkStart = max(0, offset + 1 - Self.chunkSize)
        chunk = try read(at: chunkStart, count: offset + 1 - chunkStart)
        guard chunk.count == offset + 1 - chunkStart else {
            throw EMLabError(.io, "\(path): changed while it was being read")
        }
    }

    /// The line before the last one returned (the last line first), or nil at the start of the file.
    mutating func previousLine() throws -> Line? {
        guard end > 0 else { return nil }
        try load(containing: end - 1)
        let terminated = chunk[end - 1 - chunkStart] == UInt8(ascii: "\n")
        let lineEnd = terminated ? end - 1 : end
        var start = lineEnd
        while start > 0 {
            try load(containing: start - 1)
            if let i = chunk[0..<(start - chunkStart)].lastIndex(of: UInt8(ascii: "\n")) {
                start = chunkStart + i + 1
                break
            }
            start = chunkStart
        }
        end = start
        guard terminated else { return Line(offset: start, bytes: [], terminated: false) }
        let length = lineEnd - start
        guard length <= Self.longestLine else {
            throw EMLabError(.invalidData, "\(path): holds a line of \(length) bytes at byte \(start); EMLab never writes such lines")
        }
        if start >= chunkStart && lineEnd <= chunkStart + chunk.count {
            return Line(offset: start, bytes: Array(chunk[(start - chunkStart)..<(lineEnd - chunkStart)]), terminated: true)
        }
        return Line(offset: start, bytes: try read(at: start, count: length), terminated: true)
    }
}
