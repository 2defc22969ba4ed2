import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The user's own data sets, named by a truth of an experiment
/// (`[truths.NAME] data = "FILE"`): each is one replicate of the truth's
/// conditions, fitted as it is (`sampler = "fixed"`) or resampled
/// (`"bootstrap"`), and runs.csv names it in its `dataSet` column. SimDesign's
/// shape with the *Generate* stage replaced by the user's files.
///
/// Two layouts, as people have them:
/// - **One long CSV** (pandas' `df.to_csv(index=False)` of a long data
///   frame): a header row, a data-set column (default `dataset`) and a value
///   column (default `value`); one row per value, each data set's rows
///   together, in the order they first appear.
/// - **A glob** (`*`, `?` or `[` in the path): one data set per file, in
///   the byte order of their paths (the same on every machine), each read as
///   `emlab fit` reads a data file (``DataSet``); its id is the file name
///   without its extension.
///
/// Each file is read once, streaming (``CSVFileReader``: 1 MiB at a time),
/// into one array of values; its SHA-256 is kept, so a study that is resumed,
/// merged or reported can tell that its data changed.
public struct DataSetCollection: Sendable, Equatable {
    /// A file the data sets were read from, as resolved, and its SHA-256.
    public struct File: Sendable, Equatable {
        public var path: String
        public var sha256: String
    }

    /// The data sets' ids, in order: replicate r is data set r − 1.
    public private(set) var ids: [String] = []
    /// Data set i is `values[offsets[i]..<offsets[i + 1]]`.
    private var offsets: [Int] = [0]
    private var values: [Double] = []
    /// The files read, in order.
    public private(set) var files: [File] = []

    /// How many data sets there are.
    public var count: Int { ids.count }

    /// The values of data set `index` (0-based).
    public func values(at index: Int) -> [Double] { Array(values[offsets[index]..<offsets[index + 1]]) }

    /// The number of values in data set `index`.
    public func size(at index: Int) -> Int { offsets[index + 1] - offsets[index] }

    /// One SHA-256 over the files' paths and SHA-256s, in order: what a
    /// study's manifest records (``Experiment/dataSHA256``).
    public static func combinedSHA256(_ files: [File]) -> String {
        SHA256.hex(Array(files.map { "\($0.path)\t\($0.sha256)\n" }.joined().utf8))
    }

    /// Reads the data sets a truth names.
    ///
    /// - Parameters:
    ///   - pattern: the file, or a glob of files; relative to `directory`.
    ///   - directory: the experiment file's folder.
    ///   - dataSetColumn: the long CSV's data-set column.
    ///   - valueColumn: the long CSV's value column; for a glob's files, the
    ///     column to read (nil: as ``DataSet`` reads a file by default).
    /// - Throws: ``EMLabError`` `.io` for a file that cannot be read or a glob
    ///   that matches nothing, `.invalidData` naming the file, line and text
    ///   of a bad value, a missing column, a data set split in two, or an id
    ///   given twice.
    /// - Complexity: O(total values), one pass over each file.
    public static func read(pattern: String, relativeTo directory: String, dataSetColumn: String, valueColumn: String?) throws
        -> DataSetCollection
    {
        let resolved = pattern.hasPrefix("/") || directory.isEmpty ? pattern : "\(directory)/\(pattern)"
        var collection = DataSetCollection()
        if pattern.contains(where: { "*?[".contains($0) }) {
            let paths = try glob(resolved)
            guard !paths.isEmpty else { throw EMLabError(.io, "\(resolved): matches no file") }
            var seen: [String: String] = [:]
            for path in paths {
                let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
                let id = name.lastIndex(of: ".").map { $0 == name.startIndex ? name : String(name[..<$0]) } ?? name
                if let other = seen[id] { throw EMLabError(.invalidData, "\(path) and \(other) both give data set '\(id)'") }
                seen[id] = path
                let data = try DataSet.read(path: path, column: valueColumn)
                guard !data.isEmpty else { throw EMLabError(.invalidData, "\(path): holds no values") }
                collection.append(id: id, values: data)
                collection.files.append(File(path: path, sha256: try SHA256.hexOfFile(atPath: path)))
            }
        } else {
            // The values and the file's hash side by side, on two workers: both read the whole file.
            enum Part: Sendable {
                case sets(DataSetCollection)
                case hash(String)
                case failure(EMLabError)
            }
            let parts = parallelMap(2) { index -> Part in
                do {
                    if index == 1 { return .hash(try SHA256.hexOfFile(atPath: resolved)) }
                    var sets = DataSetCollection()
                    try sets.readLong(path: resolved, dataSetColumn: dataSetColumn, valueColumn: valueColumn ?? "value")
                    return .sets(sets)
                } catch let error as EMLabError {
                    return .failure(error)
                } catch {
                    return .failure(EMLabError(.io, "\(resolved): \(error)"))
                }
            }
            for part in parts { if case .failure(let error) = part { throw error } }
            guard case .sets(let sets) = parts[0], case .hash(let hash) = parts[1] else { return collection }
            collection = sets
            collection.files.append(File(path: resolved, sha256: hash))
        }
        return collection
    }

    private mutating func append(id: String, values new: [Double]) {
        ids.append(id)
        values.append(contentsOf: new)
        offsets.append(values.count)
    }

    /// One long CSV: its data-set and value columns, row by row.
    private mutating func readLong(path: String, dataSetColumn: String, valueColumn: String) throws {
        let reader = try CSVFileReader(path: path)
        let header = reader.header
        guard let idColumn = header.firstIndex(of: dataSetColumn) else {
            throw EMLabError(.invalidData, "\(path): no column '\(dataSetColumn)' (the data-set column; its header: \(header.joined(separator: ", ")))")
        }
        guard let valueIndex = header.firstIndex(of: valueColumn) else {
            throw EMLabError(.invalidData, "\(path): no column '\(valueColumn)' (the value column; its header: \(header.joined(separator: ", ")))")
        }
        var seen = Set<String>()
        var current: String?
        while let record = try reader.nextRecord() {
            let line = reader.lineNumber
            guard record.count == header.count else {
                throw EMLabError(.invalidData, "\(path):\(line): \(record.count) fields where the header has \(header.count)")
            }
            if current == nil || !record.field(idColumn, is: current!) {
                if let current {
                    offsets.append(values.count)
                    ids.append(current)
                }
                let id = record[idColumn]
                guard !id.isEmpty else { throw EMLabError(.invalidData, "\(path):\(line): empty data-set id") }
                guard seen.insert(id).inserted else {
                    throw EMLabError(
                        .invalidData,
                        "\(path):\(line): data set '\(id)' appears again after other data sets; keep each data set's rows together (sort by '\(dataSetColumn)')"
                    )
                }
                current = id
            }
            guard let value = record.number(valueIndex), value.isFinite else {
                throw EMLabError(.invalidData, "\(path):\(line): '\(record[valueIndex])' in column '\(valueColumn)' is not a finite number")
            }
            values.append(value)
        }
        guard let current else { throw EMLabError(.invalidData, "\(path): holds no data set (only a header)") }
        offsets.append(values.count)
        ids.append(current)
    }

    /// The folder part of a path ("" when it has none; "/" for a file at the root).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The paths a glob matches, in byte order.
    static func glob(_ pattern: String) throws -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        let status = Glibc.glob(pattern, 0, nil, &matches)
        if status == GLOB_NOMATCH { return [] }
        guard status == 0 else { throw EMLabError(.io, "\(pattern): the glob could not be read") }
        var paths: [String] = []
        for i in 0..<Int(matches.gl_pathc) {
            if let p = matches.gl_pathv[i] { paths.append(String(cString: p)) }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

}
