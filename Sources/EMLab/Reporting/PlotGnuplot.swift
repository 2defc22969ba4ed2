import Foundation

/// One plot's files: its data file(s) and the gnuplot script that draws
/// `<name>.svg` from them, all in the plots folder.
struct PlotFiles: Sendable {
    /// The SVG's name without extension, e.g. "error-vs-n".
    var name: String
    /// File name → contents, for each data file the script reads.
    var dataFiles: [(fileName: String, contents: String)]
    /// The gnuplot script, written as `<name>.gp`.
    var script: String
}

/// Writing gnuplot scripts: quoting, escaping, numbers, shared settings.
enum Gnuplot {
    /// Distinct colours for up to 12 lines (Tableau 10 plus two dark ones), cycled beyond.
    static let colors = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"
    ]
    /// Point types that differ in shape and fill, so lines stay apart in grey print too.
    static let pointTypes = [7, 5, 9, 11, 13, 6, 4, 8, 10, 12, 14, 1]

    /// `text` escaped so enhanced mode shows it as is: `_ ^ @ & ~ { } \` would
    /// otherwise mean subscript, superscript, phantom box and so on.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "\n" || character == "\r" {
                result.append(" ")
                continue
            }
            if "\\^_@&~{}".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// A gnuplot single-quoted string: no backslash processing, `'` doubled.
    /// Use for markup EMLab writes itself; pass data through ``literal(_:)``.
    static func quoted(_ markup: String) -> String {
        "'" + markup.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A string that enhanced mode shows exactly as `text` reads.
    static func literal(_ text: String) -> String { quoted(escaped(text)) }

    /// A number for a data file or script; gnuplot reads the shortest round-trip form.
    static func number(_ value: Double) -> String { formatNumber(value) }

    /// The first lines of every script: what it draws, how to re-draw it, the
    /// terminal, and the output.
    ///
    /// The output is `OUTPUT` if the caller defined it, else `<name>.svg`
    /// (`.png`, `.pdf` in those formats): emlab runs
    /// `gnuplot -e 'OUTPUT=".<name>.svg.tmp"' <name>.gp` and renames the file
    /// into place only after gnuplot succeeds, so a failed run never leaves a
    /// half-written plot; by hand, `gnuplot <name>.gp` writes `<name>.svg`.
    static func preamble(name: String, description: String, format: PlotFormat = .svg) -> String {
        let file = "\(name).\(format.fileExtension)"
        return """
            # \(name).gp — \(description)
            # Written by emlab. Edit it and re-draw with:  cd plots && gnuplot \(name).gp
            set encoding utf8
            \(format.terminal(width: 900, height: 600, fontSize: 12))
            # emlab sets OUTPUT to a temporary file and renames it to \(file) once gnuplot succeeds.
            if (!exists("OUTPUT")) OUTPUT = "\(file)"
            set output OUTPUT

            """
    }

    /// `set style line` for styles 1…`count`: colour, point type and (past the
    /// first 12) a dash pattern, so every line is told apart.
    static func lineStyles(_ count: Int) -> String {
        (0..<count).map { index in
            let dash = index < colors.count ? 1 : 2 + (index / colors.count - 1) % 4
            return "set style line \(index + 1) lc rgb \"\(colors[index % colors.count])\" lw 1.5 "
                + "pt \(pointTypes[index % pointTypes.count]) ps 0.8 dt \(dash)"
        }.joined(separator: "\n") + "\n"
    }

    /// Tic positions for a log axis from `low` to `high`: 1-2-5 steps, or every
    /// mantissa 1…9 when the range is too narrow for three of those. gnuplot
    /// labels only whole decades, which leaves a range inside one decade bare.
    /// Nil when the range is wide enough for gnuplot's decades.
    static func logTics(low: Double, high: Double) -> [Double]? {
        guard low > 0, high > low, high / low < 1e4 else { return nil }
        func tics(_ mantissas: [Double]) -> [Double] {
            let firstDecade = Int(log10(low).rounded(.down)), lastDecade = Int(log10(high).rounded(.up))
            return (firstDecade...lastDecade).flatMap { decade in
                // Built from the decimal text, so 0.3 is 0.3 and not 0.30000000000000004.
                mantissas.map { Double("\(formatNumber($0))e\(decade)")! }
            }.filter { $0 >= low && $0 <= high }
        }
        let coarse = tics([1, 2, 5])
        return coarse.count >= 3 ? coarse : tics([1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

    /// A per-condition x axis: one upright label under each position, and the
    /// axis title. Margins are set by hand, and the axis title is a label at
    /// the bottom of the canvas, because gnuplot overestimates the height of
    /// rotated labels in SVG: its own margin leaves a wide empty band and puts
    /// the `xlabel` off the canvas.
    static func conditionAxis(_ ticks: [(label: String, position: Int)], title: String) -> String {
        let longest = ticks.map(\.label.count).max() ?? 0
        // About 5.2 px per character at font size 9, 18 px per margin line of the
        // 12-point font, 40 px for the tic marks' gap and the axis title.
        let bottomLines = Int(((Double(longest) * 5.2 + 40) / 18).rounded(.up))
        return """
            set lmargin 10
            set rmargin 3
            set bmargin \(bottomLines)
            set xtics rotate by 90 right font ",9" nomirror (\(ticks.map { "\(literal($0.label)) \($0.position)" }.joined(separator: ", ")))
            unset xlabel
            set label 99 \(literal(title)) at screen 0.5, screen 0.025 center

            """
    }

    /// The title (`titleMarkup`, a string expression of `titleLines` lines) with
    /// a horizontal key of `keyRows` rows between it and the plot. gnuplot puts
    /// the title just above the plot and `set key outside top` above the title,
    /// so the key is anchored to the plot's top edge and the title lifted over it.
    static func titleAndKey(_ titleMarkup: String, titleLines: Int, keyRows: Int) -> String {
        // A key row at font size 10 is about 0.85 of a 12-point line.
        let lift = Double(keyRows) * 0.85 + 0.35
        return """
            set title \(titleMarkup) offset 0,\(number(lift))
            set tmargin \(number(Double(titleLines + keyRows) + 1.5))
            set key at graph 0.5, graph 1 center bottom horizontal maxrows \(keyRows) font ",10" samplen 1.5

            """
    }

    /// A placeholder for a plot without data: an empty frame with `message` in the middle.
    static func emptyPlot(_ message: String) -> String {
        """
        set xrange [0:1]
        set yrange [0:1]
        unset xtics
        unset ytics
        unset key
        set label 1 \(literal(message)) at graph 0.5, graph 0.5 center
        plot -1 notitle

        """
    }

    /// The `gnuplot` executable on PATH.
    ///
    /// - Throws: ``EMLabError`` `.io` if there is none.
    static func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw EMLabError(.io, "gnuplot is not installed (apt-get install gnuplot-nox); the CSV files are complete")
    }

    /// Runs `<name>.gp` in `folder` and moves the plot it wrote
    /// (`<name>.svg`, or `.png`/`.pdf` in those formats) into place.
    ///
    /// On failure the temporary file and any plot left from an earlier run are
    /// removed: the data files were just rewritten, so an old plot would no
    /// longer show them.
    ///
    /// - Throws: ``EMLabError`` `.io` with the plot name and gnuplot's first
    ///   error line, or, when this gnuplot lacks the format's terminal, what to install.
    static func render(name: String, in folder: URL, gnuplot: URL, format: PlotFormat = .svg) throws {
        let temporaryName = ".\(name).\(format.fileExtension).tmp"
        let temporary = folder.appendingPathComponent(temporaryName)
        let final = folder.appendingPathComponent("\(name).\(format.fileExtension)")
        let process = Process()
        process.executableURL = gnuplot
        process.arguments = ["-e", "OUTPUT=\(quoted(temporaryName))", "\(name).gp"]
        process.currentDirectoryURL = folder
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        func fail(_ reason: String) -> EMLabError {
            try? FileManager.default.removeItem(at: temporary)
            try? FileManager.default.removeItem(at: final)
            return EMLabError(.io, "plot \(name): \(reason)")
        }
        do { try process.run() } catch { throw fail("gnuplot could not be started (\(error.localizedDescription))") }
        // Read before waiting: a full pipe would block gnuplot forever.
        let errorText = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            if errorText.contains("unknown or ambiguous terminal type") {
                throw fail(
                    "this gnuplot cannot write \(format.title) (it has no '\(format.terminalName)' terminal); "
                        + "install one that has (Debian: apt-get install gnuplot-nox), or write FILE.svg")
            }
            throw fail("gnuplot failed: \(firstErrorLine(errorText) ?? "exit status \(process.terminationStatus)")")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: temporary.path)[.size] as? Int) ?? nil
        guard let size, size > 0 else { throw fail("gnuplot wrote no \(format.title)") }
        guard rename(temporary.path, final.path) == 0 else {
            throw fail("\(final.path) cannot be written (\(String(cString: strerror(errno))))")
        }
    }

    /// The line of gnuplot's stderr that says what went wrong: the first
    /// `"file" line N: …` line (gnuplot echoes the bad command and a caret
    /// above it), else the first non-blank line.
    static func firstErrorLine(_ stderr: String) -> String? {
        let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return lines.first { $0.contains("\" line ") } ?? lines.first
    }
}
