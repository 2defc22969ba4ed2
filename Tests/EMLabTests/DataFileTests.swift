import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Data as people have it (issue 19 §7): missing values, blank lines, tab- and
/// semicolon-separated files, read by ``DataSet``.
@Suite struct DataFileTests {
    func read(_ text: String, _ options: DataSet.Options = DataSet.Options()) throws -> DataSet.Contents {
        try DataSet.parse(text: text, name: "f", options: options)
    }

    func message(_ text: String, _ options: DataSet.Options = DataSet.Options()) -> String {
        do {
            _ = try read(text, options)
            return "no error"
        } catch {
            return (error as? EMLabError)?.message ?? "\(error)"
        }
    }

    /// Every marker of pandas' read_csv defaults (R's NA among them) is
    /// missing, one value per line or in a column.
    @Test(arguments: DataSet.missingMarkers)
    func everyMissingMarkerIsMissing(marker: String) throws {
        #expect(message("1\n\(marker)\n2\n") == "f:2: '\(marker)' is a missing value; give --missing skip to leave missing values out")
        let lines = try read("1\n\(marker)\n2\n", DataSet.Options(missing: .skip))
        #expect(lines.values == [1, 2] && lines.missingLines == [2])
        #expect(message("value,w\n1,1\n\(marker),2\n") == "f:3: '\(marker)' is a missing value; give --missing skip to leave missing values out")
        let csv = try read("value,w\n1,1\n \(marker) ,2\n3,3\n", DataSet.Options(missing: .skip))
        #expect(csv.values == [1, 3] && csv.missingLines == [3])
    }

    @Test func emptyFieldsAreMissingAndSkippedOnlyWhenAsked() throws {
        let text = "x,value\n1,1.5\n2,\n3,2.5\n4,NA\n5,null\n"
        #expect(message(text) == "f:3: column 'value' is empty; give --missing skip to leave missing values out")
        let contents = try read(text, DataSet.Options(missing: .skip))
        #expect(contents.values == [1.5, 2.5] && contents.missingLines == [3, 5, 6])
        #expect(contents.notes(name: "f") == ["f: 3 missing values skipped (lines 3, 5, 6)"])
        // Only the column read counts.
        #expect(try read(text, DataSet.Options(column: "x")).values == [1, 2, 3, 4, 5])
        // Infinite values are wrong, not missing.
        #expect(message("1\ninf\n", DataSet.Options(missing: .skip)) == "f:2: 'inf' is not a finite number; remove infinite values first")
        #expect(message("value\n1e999\n", DataSet.Options(missing: .skip)).hasPrefix("f:2: '1e999' is not a finite number"))
        // Nothing left.
        #expect(message("value\nNA\n\n", DataSet.Options(missing: .skip)) == "f: holds no values (1 missing value was skipped)")
    }

    @Test func blankLinesAreCountedNotDropped() throws {
        let lines = try read("\n  \nvalue\n1\n\n2\n\t\n3\n\n")
        #expect(lines.values == [1, 2, 3] && lines.blankLines == [1, 2, 5, 7, 9])
        #expect(lines.notes(name: "f") == ["f: 5 blank lines ignored (lines 1, 2, 5, 7, 9)"])
        let csv = try read("\nvalue;w\n1;1\n\n2;2\n   \n")
        #expect(csv.values == [1, 2] && csv.blankLines == [1, 4, 6] && csv.delimiter == .semicolon)
        // A file without any has nothing to say.
        #expect(try read("1\n2\n").notes(name: "f").isEmpty)
        let one = try read("1\n\n2\n")
        #expect(one.notes(name: "f") == ["f: 1 blank line ignored (line 2)"])
        #expect(DataSet.lineList(Array(1...8)) == "lines 1, 2, 3, 4, 5 and 3 more")
    }

    /// The first line that is not blank decides: a tab, else a semicolon, else a comma.
    @Test(arguments: [
        ("value\tw\n1.5\t1\n2.5\t2\n", DataSet.Delimiter.tab),
        ("value;w\n1.5;1\n2.5;2\n", .semicolon),
        ("value,w\n1.5,1\n2.5,2\n", .comma),
        ("\"value\"\n1.5\n2.5\n", .comma),
        ("w;value,unit\n1;1.5\n2;2.5\n", .semicolon),
        ("\"a,b\"\tvalue\n1\t1.5\n2\t2.5\n", .tab)
    ])
    func theSeparatorIsDetected(text: String, delimiter: DataSet.Delimiter) throws {
        let contents = try read(text, DataSet.Options(column: text.hasPrefix("w;") ? "value,unit" : nil))
        #expect(contents.values == [1.5, 2.5] && contents.delimiter == delimiter)
        if text.hasPrefix("w;") {
            #expect(message(text) == "f: a semicolon-separated file with columns w, value,unit; choose one with --column NAME")
        }
    }

    @Test func oneValuePerLineStaysSoAndTheDelimiterCanBeGiven() throws {
        // Spaces and tabs around a single value are not separators.
        let plain = try read("value\t\n1.5 \n\t2.5\n")
        #expect(plain.values == [1.5, 2.5] && plain.delimiter == nil)
        // --delimiter: the file is read with it, a single column too.
        let given = try read("a;value\n1;2\n", DataSet.Options(delimiter: .semicolon))
        #expect(given.values == [2] && given.delimiter == .semicolon)
        #expect(try read("1\n2\n", DataSet.Options(delimiter: .tab)).values == [1, 2])
        #expect(message("a,value\n1,2\n", DataSet.Options(delimiter: .tab)) == "f:2: '1,2' is not a number")
        // A header of numbers is no header.
        #expect(
            message("1\t2\n3\t4\n") == "f:1: the first line '1 2' holds numbers, not column names: a tab-separated file needs a header row naming its columns")
        // CRLF line ends.
        #expect(try read("value;w\r\n1;2\r\n\r\n3;4\r\n").values == [1, 3])
    }

    @Test func delimiterNames() {
        for (name, delimiter) in [
            (",", DataSet.Delimiter.comma), ("comma", .comma), ("tab", .tab), ("\\t", .tab), ("\t", .tab),
            (";", .semicolon), ("semicolon", .semicolon), ("TAB", .tab)
        ] {
            #expect(DataSet.Delimiter(name: name) == delimiter, "\(name)")
        }
        #expect(DataSet.Delimiter(name: "|") == nil && DataSet.Delimiter(name: "space") == nil)
    }
}

/// `emlab fit` and `emlab select` read data files alike, and say what they skipped.
@Suite struct DataCommandTests {
    static let table = """
        id\tvalue\tnote
        1\t1.1\ta

        2\tNA\tb
        3\t1.4\t
        4\t\tc
        5\t9.8\td
        6\t10.2\te
        7\t10.1\tf
        8\t1.2\tg
        \t

        """

    @Test(arguments: [["fit", "-k", "2"], ["select", "--components", "1,2", "--starts", "2"]])
    func fitAndSelectShareTheDataOptions(command: [String]) throws {
        let dir = try Tool.scratchDirectory()
        try Self.table.write(to: dir.appendingPathComponent("table.tsv"), atomically: true, encoding: .utf8)
        try Self.table.replacingOccurrences(of: "\t", with: ";").write(to: dir.appendingPathComponent("table.txt"), atomically: true, encoding: .utf8)
        let arguments = [command[0], "table.tsv"] + command.dropFirst()
        // The default: the first missing value is an error naming file, line and text.
        let strict = try Tool.run(arguments, in: dir)
        Corpus.expectOneClearLine(strict, ["table.tsv:4: 'NA' is a missing value; give --missing skip to leave missing values out"])
        #expect(strict.stdout.isEmpty)
        // Skipped: counted on standard error, with the blank lines.
        let skipped = try Tool.run(arguments + ["--missing", "skip"], in: dir)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(
            skipped.stderr == "note: table.tsv: 2 missing values skipped (lines 4, 6)\nnote: table.tsv: 2 blank lines ignored (lines 3, 11)\n",
            "\(skipped.stderr)")
        #expect(skipped.stdout.contains("6 values"))
        // The same from a semicolon-separated copy (detected, or given), from standard input, and by column.
        for extra in [[], ["--delimiter", ";"], ["--delimiter", "semicolon"]] {
            let semicolons = try Tool.run([command[0], "table.txt"] + command.dropFirst() + ["--missing", "skip"] + extra, in: dir)
            #expect(semicolons.stdout == skipped.stdout, "\(semicolons.stderr)")
        }
        let piped = try Tool.run(
            [command[0], "-"] + command.dropFirst() + ["--missing", "skip", "--delimiter", "tab", "--column", "value"],
            stdin: Self.table, in: dir)
        #expect(piped.stdout == skipped.stdout)
        #expect(piped.stderr.hasPrefix("note: <stdin>: 2 missing values skipped"))
        let ids = try Tool.run(arguments + ["--column", "id"], in: dir)
        #expect(ids.status == 0 && ids.stdout.contains("8 values") && ids.stderr == "note: table.tsv: 2 blank lines ignored (lines 3, 11)\n", "\(ids.stderr)")
        // --help documents the rule and the markers.
        let help = try Tool.run([command[0], "--help"]).stdout.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        for words in ["a tab in it makes the", "--missing skip", "#N/A", "NA", "null", "--delimiter <,|tab|;>", "--missing <error|skip>"] {
            #expect(help.contains(words), "\(words) not in the help of \(command[0])")
        }
    }

    /// `emlab fit` reports AIC, BIC and ICL exactly as `emlab select` computes
    /// them for the same K and variance model (issue 19 §7).
    @Test func fitReportsTheCriteriaSelectComputes() throws {
        let dir = try Tool.scratchDirectory()
        _ = try Tool.run(["sample", "--weights", ".4,.6", "--means", "0,4", "--sds", "1,1", "-n", "500", "--seed", "5", "--output", "data.csv"], in: dir)
        for variance in ["per-component", "shared"] {
            let fit = try Tool.run(["fit", "data.csv", "-k", "2", "--variance", variance, "--format", "json"], in: dir)
            let select = try Tool.run(["select", "data.csv", "--components", "2", "--variance", variance, "--starts", "1", "--format", "json"], in: dir)
            #expect(fit.status == 0 && select.status == 0, "\(fit.stderr)\(select.stderr)")
            let f = try #require(try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])
            let s = try #require(try JSONSerialization.jsonObject(with: Data(select.stdout.utf8)) as? [String: Any])
            let model = try #require((s["models"] as? [[String: Any]])?.first)
            for key in ["aic", "bic", "icl"] {
                let (a, b) = (try #require(f[key] as? Double), try #require(model[key] as? Double))
                #expect(abs(a - b) <= 1e-9 * abs(b), "\(variance) \(key): fit \(a), select \(b)")
            }
            // The JSON has the three keys in a row; the text has one line with all three.
            #expect(fit.stdout.contains("\"aic\": ") && fit.stdout.contains(", \"bic\": ") && fit.stdout.contains(", \"icl\": "))
            let text = try Tool.run(["fit", "data.csv", "-k", "2", "--variance", variance], in: dir)
            let line = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("Information criteria") })
            let p = variance == "shared" ? 4 : 5
            #expect(
                line.hasPrefix("Information criteria (lower is better, as emlab select): AIC ") && line.contains(", BIC ")
                    && line.contains(", ICL ") && line.hasSuffix("; p = \(p) free parameters, n = 500"), "\(line)")
            #expect(line.contains("AIC \(SelectionReport.number(model["aic"] as! Double)),"), "\(line)")
        }
        // Fixed weights and a known variance are not counted.
        let known = try Tool.run(["fit", "data.csv", "-k", "2", "--weights", "fixed", "--variance", "known=1"], in: dir)
        #expect(known.stdout.contains("; p = 2 free parameters, n = 500"), "\(known.stdout)")
    }

    @Test func aCollapsedFitHasNoCriteria() throws {
        let mixture = try GaussianMixture(weights: [0.5, 0.5], means: [0, 1], standardDeviations: [1, 1])
        var result = FitResult(mixture: mixture, logLikelihood: -3, iterations: 3, stopReason: .converged, largestRelativeDecrease: 0)
        #expect(InformationCriteria(fit: result, data: [0, 1, 1], configuration: EMConfiguration()) != nil)
        result.stopReason = .degenerate
        #expect(InformationCriteria(fit: result, data: [0, 1, 1], configuration: EMConfiguration()) == nil)
        #expect(FitCriteria.text(nil).hasPrefix("Information criteria: none — the fit collapsed"))
        #expect(FitCriteria.jsonPairs(nil).map { "\($0.0)=\($0.1)" } == ["aic=null", "bic=null", "icl=null"])
    }
}

/// `--plot` writes SVG, PNG or PDF by the file's extension, through
/// gnuplot's svg, pngcairo and pdfcairo terminals (issue 19 §7).
@Suite struct PlotFormatTests {
    /// gnuplot is installed and has the cairo terminals (Debian's gnuplot-nox; `make deps` installs it).
    static let cairoTerminals: Bool = {
        guard let gnuplot = try? Gnuplot.executable() else { return false }
        let process = Process()
        process.executableURL = gnuplot
        process.arguments = ["-e", "set terminal pngcairo; set terminal pdfcairo"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let magic: [PlotFormat: [UInt8]] = [
        .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .pdf: Array("%PDF-".utf8), .svg: Array("<?xml".utf8)
    ]

    @Test func theFormatIsTheExtension() throws {
        #expect(PlotFormat(path: "a/b/fit.svg") == .svg && PlotFormat(path: "fit.PNG") == .png && PlotFormat(path: "x.y.pdf") == .pdf)
        for bad in ["fit", "fit.gif", ".png", "dir.png/fit", "fit.svgz"] { #expect(PlotFormat(path: bad) == nil, "\(bad)") }
        let error = #expect(throws: EMLabError.self) { try PlotFormat.of(path: "fit.jpg", option: "--plot") }
        #expect(
            error?.message == "--plot fit.jpg: the plot is written as FILE.svg, FILE.png or FILE.pdf, chosen by the extension; please name it so, e.g. plot.png"
        )
        #expect(PlotFormat.png.terminal(width: 820, height: 660, fontSize: 10).hasPrefix("set terminal pngcairo size 820,660 "))
        #expect(PlotFormat.pdf.terminal(width: 960, height: 480, fontSize: 10).hasPrefix("set terminal pdfcairo size 10in,5in "))
    }

    /// A real render of each format by each command that draws one, checked by its first bytes.
    @Test(.enabled(if: cairoTerminals, "needs gnuplot with the pngcairo and pdfcairo terminals (make deps)"))
    func fitAndSelectDrawEveryFormat() throws {
        let dir = try Tool.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Tool.run(["sample", "--weights", ".4,.6", "--means", "0,4", "--sds", "1,1", "-n", "300", "--seed", "5", "--output", "data.csv"], in: dir)
        for format in PlotFormat.allCases {
            let fit = try Tool.run(["fit", "data.csv", "-k", "2", "--plot", "fit.\(format.fileExtension)"], in: dir)
            let select = try Tool.run(["select", "data.csv", "--components", "1...3", "--starts", "2", "--plot", "criteria.\(format.fileExtension)"], in: dir)
            #expect(fit.status == 0 && select.status == 0, "\(fit.stderr)\(select.stderr)")
            for name in ["fit", "criteria"] {
                let bytes = try Data(contentsOf: dir.appendingPathComponent("\(name).\(format.fileExtension)"))
                #expect(bytes.starts(with: Self.magic[format]!), "\(name).\(format.fileExtension) is not \(format.title)")
                #expect(bytes.count > 2000)
            }
            // select's script beside the plot says the format, and re-draws it by hand.
            let script = try String(contentsOf: dir.appendingPathComponent("criteria.gp"), encoding: .utf8)
            #expect(script.contains("set terminal \(format.terminalName) ") && script.contains("OUTPUT = \"criteria.\(format.fileExtension)\""))
        }
        // The upper-case extension is the same format; nothing is left behind in the folder.
        let upper = try Tool.run(["fit", "data.csv", "-k", "2", "--plot", "FIT.PDF"], in: dir)
        #expect(upper.status == 0)
        let upperBytes = try Data(contentsOf: dir.appendingPathComponent("FIT.PDF"))
        #expect(upperBytes.starts(with: Self.magic[.pdf]!))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp") }.isEmpty)
    }
}
