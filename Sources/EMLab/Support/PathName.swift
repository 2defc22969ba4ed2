/// The folder and last component of a path, as POSIX `dirname` and
/// `basename` (IEEE Std 1003.1, "dirname", "basename") read a path's text,
/// without touching the file system.
///
/// Why not Foundation's `NSString.deletingLastPathComponent`: on Linux
/// (swift-corelibs-foundation, Swift 6.3) it traps on a one-character
/// relative path such as `x` or `x/`, a name a user may well type for
/// `--save`; these never trap.
public enum PathName {
    /// The folder that holds `path`'s last component: "" for a bare name
    /// (the working folder), "/" for a component of the root; trailing
    /// slashes are not a component ("a/b/" is in "a").
    ///
    /// - Complexity: O(length of `path`).
    public static func folder(of path: String) -> String {
        let (bytes, end) = withoutTrailingSlashes(path)
        guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) else { return "" }
        var folderEnd = slash
        while folderEnd > 0 && bytes[folderEnd - 1] == UInt8(ascii: "/") { folderEnd -= 1 }
        if folderEnd == 0 { return "/" }
        return String(decoding: bytes[..<folderEnd], as: UTF8.self)
    }

    /// The last component of `path`, trailing slashes dropped ("a/b/" → "b"; "/" → "/").
    ///
    /// - Complexity: O(length of `path`).
    public static func lastComponent(of path: String) -> String {
        let (bytes, end) = withoutTrailingSlashes(path)
        let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        if start >= end { return end > 0 ? "/" : "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `path`'s bytes and where they end once trailing slashes are dropped (a lone "/" kept).
    private static func withoutTrailingSlashes(_ path: String) -> (bytes: [UInt8], end: Int) {
        let bytes = Array(path.utf8)
        var end = bytes.count
        while end > 1 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        return (bytes, end)
    }
}
