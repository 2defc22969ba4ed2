import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Files through the system calls themselves (`open`, `write`, `mkdir`), so
/// that a failure arrives as an `errno` and can be told in plain words —
/// "the disk is full", not a Foundation error domain and code.
public enum POSIXFile {
    /// What a failed system call's `errno` means, in words for the person
    /// at the terminal.
    public static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "the folder does not exist"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "it is a folder"
        case EFBIG: return "the file would exceed the size limit (ulimit -f)"
        case EIO: return "an input/output error (a failing disk, or a lost network mount?)"
        case EMFILE, ENFILE: return "too many open files"
        case ENAMETOOLONG: return "the name is too long"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// Writes every byte of `bytes` to `descriptor`, retrying short writes
    /// and interrupted calls.
    ///
    /// - Returns: nil on success, else the `errno` of the failed call.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            left -= written
            next += written
        }
        return nil
    }

    /// Writes every byte of `data` to `descriptor` (as the buffer variant).
    public static func writeAll(_ descriptor: Int32, _ data: Data) -> Int32? {
        data.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    /// Creates `path` and any missing parent folders (`mkdir -p`).
    ///
    /// - Throws: ``EMLabError`` `.io` naming the folder and the cause in words.
    public static func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw EMLabError(.io, "\(path): is a file, not a folder") }
            return
        }
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if let slash = trimmed.lastIndex(of: "/") {
            let parent = slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
            if parent != path { try makeDirectories(parent) }
        }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw EMLabError(.io, "\(path): cannot create the folder: \(describe(errno: errno))")
        }
    }
}
