import ArgumentParser
import EMLab
import Foundation

/// The options of every command that reads a data file (`fit`, `select`):
/// the column, the separator and what to do with missing values.
struct DataOptions: ParsableArguments {
    /// How a data file is read, for the commands' discussions.
    static let discussion = """
        FILE holds one value per line (a header line first if you like), or is a file with \
        columns and a header row, read from the column named by --column (default `value`); \
        `-` reads standard input. The first line that is not blank decides: a tab in it makes the \
        file tab-separated, else a semicolon semicolon-separated, else a comma (or a double quote) \
        comma-separated; --delimiter sets it instead. A missing value is an empty field or one of \
        \(DataSet.missingMarkers.joined(separator: ", ")) (pandas' read_csv defaults, R's NA among \
        them); by default it is an error naming its line, and with --missing skip it is left out \
        and counted. Blank lines (nothing but spaces or tabs) are ignored and counted. Either count \
        is said on standard error.
        """

    @Option(parsing: .unconditional, help: ArgumentHelp("The column of a file with columns to read (default: value).", valueName: "name"))
    var column: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "What a missing value (an empty field, NA, NaN, null, …) does: error stops at it, naming its line; skip leaves it out and counts it.",
            valueName: "error|skip"))
    var missing: DataSet.MissingValues = .error

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The field separator of a file with columns: `,`, tab or `;` (default: detected from the first line that is not blank).", valueName: ",|tab|;"))
    var delimiter: DataSet.Delimiter?

    var options: DataSet.Options { DataSet.Options(column: column, missing: missing, delimiter: delimiter) }

    /// Reads `path` (`-`: standard input) and says on standard error how many
    /// missing values were skipped and blank lines ignored.
    func read(_ path: String) throws -> [Double] {
        let contents = try DataSet.read(path: path, options: options)
        for note in contents.notes(name: path == "-" ? "<stdin>" : path) {
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
        }
        return contents.values
    }
}

extension DataSet.MissingValues: ExpressibleByArgument {}

extension DataSet.Delimiter: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { [",", "tab", ";"] }
    public var defaultValueDescription: String { rawValue }
}
