import ArgumentParser
import EMLab
import Foundation

/// Checks a `--plot` path before any work, the same for every command that
/// draws one: an extension gnuplot can write (``PlotFormat``) and a folder
/// that exists. A bad path fails at once, and nothing is written.
func validatePlotPath(_ path: String, option: String = "--plot") throws {
    guard PlotFormat(path: path) != nil else { throw ValidationError(PlotFormat.unsupportedMessage(path: path, option: option)) }
    try validateOutputFolder(path, option: option)
}

/// Checks that the folder an output file goes to exists.
func validateOutputFolder(_ path: String, option: String) throws {
    let folder = PathName.folder(of: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("\(option) \(path): the folder \(folder) does not exist.")
    }
}
