import Foundation
import Testing
import EMLabTestSupport

/// The library's folders depend one way, in the order the architecture
/// article (`Sources/EMLab/EMLab.docc/Architecture.md`) writes down: a type
/// declared in one folder may be named only in that folder and the folders
/// after it. The rule is `../shared/tools/folder-deps`' (a type declared in
/// folder A and named in a file of folder B is an arrow B → A), so the
/// two agree.
@Suite struct ArchitectureTests {
    /// The pipeline order; `Sources/EMLab` has no other top-level folder.
    static let order = ["Support", "Random", "Mixture", "Fitting", "Inference", "Landscape", "Documents", "Audit", "Study", "Reporting"]

    static let library = Tool.packageRoot.appendingPathComponent("Sources/EMLab")

    /// Every Swift file of the library with its top-level folder.
    static func files() throws -> [(folder: String, text: String, path: String)] {
        var found: [(String, String, String)] = []
        let enumerator = FileManager.default.enumerator(at: library, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(library.path.count + 1))
            let folder = relative.contains("/") ? String(relative.split(separator: "/")[0]) : "."
            found.append((folder, try String(contentsOf: url, encoding: .utf8), relative))
        }
        return found
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func theArticleWritesTheOrderTheTestKeeps() throws {
        let article = try String(contentsOf: Self.library.appendingPathComponent("EMLab.docc/Architecture.md"), encoding: .utf8)
        let rows = Self.matches(#"^\| [0-9]+ \| `([A-Za-z]+)/` \|"#, in: article)
        #expect(rows == Self.order)
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.library.path)
            .filter { !$0.hasSuffix(".docc") && !$0.hasPrefix(".") }.sorted()
        #expect(folders == Self.order.sorted())
    }

    @Test func foldersNameOnlyTypesOfEarlierFolders() throws {
        let files = try Self.files()
        let declaration =
            #"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public |internal |package |private |fileprivate |open )?(?:final |indirect )?(?:struct|enum|class|protocol|actor|typealias)\s+([A-Z]\w*)"#
        var owners: [String: Set<String>] = [:]
        for file in files {
            for name in Self.matches(declaration, in: file.text) { owners[name, default: []].insert(file.folder) }
        }
        let stripped = try NSRegularExpression(pattern: #"//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*""#, options: [.dotMatchesLineSeparators])
        var backward: [String] = []
        for file in files {
            let code = stripped.stringByReplacingMatches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text), withTemplate: " ")
            let position = try #require(Self.order.firstIndex(of: file.folder), "\(file.path) is outside the pipeline's folders")
            for word in Set(Self.matches(#"\b([A-Z]\w*)\b"#, in: code)) {
                guard let owner = owners[word], owner.count == 1, let folder = owner.first, folder != file.folder,
                    let ownerPosition = Self.order.firstIndex(of: folder)
                else { continue }
                if ownerPosition > position { backward.append("\(file.path) names \(word) of \(folder)/") }
            }
        }
        #expect(backward.isEmpty, "folders named against the pipeline order:\n\(backward.sorted().joined(separator: "\n"))")
    }
}
