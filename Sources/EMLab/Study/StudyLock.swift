import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// One writer per study folder: an exclusive `flock(2)` on
/// `<folder>/.emlab.lock`.
///
/// Every command that writes a study folder — `run` (fresh, `--resume` or
/// `--overwrite`), `merge --output` and `report` — takes the lock before it
/// writes or deletes anything there, and holds it to the end. A second
/// writer refuses at once, with one line naming the folder and the holder
/// (PID, host, command, since when), so two writers can never interleave
/// their rows.
///
/// - The lock is the `flock` itself, not the file's existence: the kernel
///   releases it when the holder exits in any way, `kill -9` included, so a
///   stale lock never blocks anyone.
/// - The file's text (PID, host, command, start time) only serves the
///   refusal message.
/// - On release the holder removes the file while still holding the lock.
///   An acquirer, once it holds a lock, checks that the file it locked is
///   still the one at the path (else it retries), so the removal can never
///   let two writers in.
/// - `flock` locks work between processes of one machine; on NFS, Linux
///   maps them to POSIX byte-range locks, which the server arbitrates.
public final class StudyLock: @unchecked Sendable {
    /// The lock file's name inside a study folder.
    public static let fileName = ".emlab.lock"

    /// The folder this lock guards.
    public let directory: String
    /// Why the folder is not locked after all, when its file system has no
    /// `flock` (some cluster file systems are mounted without it): the
    /// command goes on unprotected rather than not at all, and says so.
    public let warning: String?
    private let path: String
    private var descriptor: Int32
    private let mutex = NSLock()

    private init(directory: String, path: String, descriptor: Int32, warning: String? = nil) {
        self.directory = directory
        self.warning = warning
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the lock of `directory`, or refuses at once.
    ///
    /// - Parameters:
    ///   - directory: the study folder.
    ///   - command: what the holder is doing, for a refusal message (e.g. `emlab run x.toml`).
    ///   - createDirectory: create the folder (and its parents) if missing;
    ///     when false a missing folder is an error.
    /// - Throws: ``EMLabError`` `.io`: another process holds the lock (its
    ///   PID, host and command named), or the folder cannot be created or
    ///   written (read-only, permissions, …).
    public static func acquire(directory: String, command: String, createDirectory: Bool) throws -> StudyLock {
        var isDirectory: ObjCBool = false
        if createDirectory {
            try POSIXFile.makeDirectories(directory)
        } else if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw EMLabError(.io, "\(directory): no such folder")
        }
        let path = "\(directory)/\(fileName)"
        for _ in 0..<100 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw EMLabError(.io, "\(directory): cannot write in this folder: \(POSIXFile.describe(errno: errno))")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                defer { close(descriptor) }
                if [ENOSYS, ENOLCK, EOPNOTSUPP, EINVAL].contains(code) {
                    unlink(path)
                    return StudyLock(
                        directory: directory, path: path, descriptor: -1,
                        warning:
                            "\(directory): its file system cannot lock files (\(POSIXFile.describe(errno: code))), so nothing stops a second command from writing it at the same time"
                    )
                }
                guard code == EWOULDBLOCK || code == EAGAIN else {
                    throw EMLabError(.io, "\(path): cannot be locked: \(POSIXFile.describe(errno: code))")
                }
                throw EMLabError(
                    .io,
                    "\(directory): another emlab is writing this study folder (\(holder(descriptor))); "
                        + "wait for it to finish, or use another folder")
            }
            // The previous holder may have removed the file between our open
            // and our flock: then we hold a lock nobody else can see. Retry.
            var locked = stat(), current = stat()
            guard fstat(descriptor, &locked) == 0, stat(path, &current) == 0,
                locked.st_dev == current.st_dev, locked.st_ino == current.st_ino
            else {
                close(descriptor)
                continue
            }
            let text = "pid \(getpid())\nhost \(hostName())\nsince \(Manifest.now())\ncommand \(command)\n"
            // Best effort: on a full disk the lock still holds, unnamed.
            _ = ftruncate(descriptor, 0)
            _ = POSIXFile.writeAll(descriptor, Data(text.utf8))
            return StudyLock(directory: directory, path: path, descriptor: descriptor)
        }
        throw EMLabError(.io, "\(path): cannot be locked: it keeps being replaced")
    }

    /// Removes the lock file and releases the lock (exiting releases it too).
    public func release() {
        mutex.lock()
        defer { mutex.unlock() }
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    /// This machine's name.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Who holds the lock, from the lock file's text: "PID 123 on host h: emlab run x.toml, since …".
    /// The holder writes it just after locking, so an empty file is read again for a moment.
    static func holder(_ descriptor: Int32) -> String {
        var fields: [String: String] = [:]
        for attempt in 0..<40 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                for line in String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n") {
                    let parts = line.split(separator: " ", maxSplits: 1)
                    if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
                }
            }
            if fields["pid"] != nil && fields["command"] != nil || attempt == 39 { break }
            usleep(5_000)
        }
        guard let pid = fields["pid"] else { return "its PID and host are unknown: the lock file names no holder" }
        var text = "PID \(pid) on host \(fields["host"] ?? "unknown")"
        if let command = fields["command"] { text += ": \(command)" }
        if let since = fields["since"] { text += ", since \(since)" }
        return text
    }
}
