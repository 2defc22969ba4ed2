import Foundation

/// The two partial files a running study appends its rows to (runs and
/// traces), a whole batch of units at a time, and cuts back to the last
/// whole unit when a write fails, so what is on disk is always whole units.
///
/// The traces are written before the runs: a unit is on disk once its runs
/// rows are, and `--resume` counts units by the runs file.
final class StudyRowWriter {
    /// A write that failed: the file and the errno.
    struct Failure {
        var path: String
        var code: Int32
    }

    let runsPath: String
    let tracesPath: String
    private let runsFile: Int32
    private let tracesFile: Int32
    /// Where each file's last whole unit ends, to cut a failed write back to.
    private var runsLength: off_t
    private var tracesLength: off_t
    private var isOpen = true

    /// Opens both partial files (already holding their headers) for appending.
    ///
    /// - Throws: ``EMLabError`` `.io` naming the folder when either cannot be opened.
    init(runsPath: String, tracesPath: String, directory: String) throws {
        let runsFile = open(runsPath, O_WRONLY | O_APPEND | O_CLOEXEC)
        let tracesFile = open(tracesPath, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard runsFile >= 0, tracesFile >= 0 else {
            let code = errno
            if runsFile >= 0 { Foundation.close(runsFile) }
            if tracesFile >= 0 { Foundation.close(tracesFile) }
            throw EMLabError(.io, "\(directory): cannot open the partial files for writing: \(POSIXFile.describe(errno: code))")
        }
        (self.runsPath, self.tracesPath, self.runsFile, self.tracesFile) = (runsPath, tracesPath, runsFile, tracesFile)
        runsLength = lseek(runsFile, 0, SEEK_END)
        tracesLength = lseek(tracesFile, 0, SEEK_END)
    }

    deinit { close() }

    /// Appends one batch's rows, traces first.
    ///
    /// - Returns: nil, or the ``Failure`` naming the file whose write failed
    ///   (the files are not cut back here: ``cutBack()`` does that).
    func append(runs: String, traces: String) -> Failure? {
        var traces = traces, runs = runs
        if let code = traces.withUTF8({ POSIXFile.writeAll(tracesFile, UnsafeRawBufferPointer($0)) }) {
            return Failure(path: tracesPath, code: code)
        }
        if let code = runs.withUTF8({ POSIXFile.writeAll(runsFile, UnsafeRawBufferPointer($0)) }) {
            return Failure(path: runsPath, code: code)
        }
        runsLength += off_t(runs.utf8.count)
        tracesLength += off_t(traces.utf8.count)
        return nil
    }

    /// Cuts both files back to the end of the last batch written whole.
    func cutBack() {
        _ = ftruncate(runsFile, runsLength)
        _ = ftruncate(tracesFile, tracesLength)
    }

    /// Whether both files are still in the folder: writes to a deleted file
    /// succeed, silently, into nothing.
    var stillThere: Bool {
        var runsStatus = stat(), tracesStatus = stat()
        return fstat(runsFile, &runsStatus) == 0 && runsStatus.st_nlink > 0 && fstat(tracesFile, &tracesStatus) == 0
            && tracesStatus.st_nlink > 0
    }

    /// Puts the whole units on disk, not only in the page cache (EINVAL: a
    /// file system without fsync).
    ///
    /// - Returns: nil, or the ``Failure`` naming the file that could not be synced.
    func sync() -> Failure? {
        for (file, path) in [(runsFile, runsPath), (tracesFile, tracesPath)] {
            guard fsync(file) == 0 || errno == EINVAL else { return Failure(path: path, code: errno) }
        }
        return nil
    }

    /// Closes both files (once).
    func close() {
        guard isOpen else { return }
        Foundation.close(runsFile)
        Foundation.close(tracesFile)
        isOpen = false
    }
}
