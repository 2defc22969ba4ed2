import Foundation

/// `emlab landscape --plot FILE.svg` (or `.png`, `.pdf`): one column per
/// ``Landscape`` (the sample's, then the population's), drawn by gnuplot.
///
/// Top: the plane's basins, each start coloured by the limit it reached
/// (maxima in light colours, a shade darker where the fit ended with its
/// labels swapped, saddles grey, collapse black, the cap light red); contours of ℓ at the starts — a slice, every other parameter set
/// by the start rule, as the caption says; each maximum (all its label
/// copies that fall on the plane) as a dot, each saddle as a cross; the EM
/// paths as black lines, the accelerated ones dashed orange. Bottom: the
/// iterations each start needed, on a log colour scale. The data travel in
/// the script as datablocks, so the plot is the only file written.
public enum LandscapePlot {
    /// Light colours for the basins of maxima 1, 2, … (Tableau 20's light half), cycled.
    static let basinColors = ["#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5"]
    /// The same hues, dark, for the maxima's dots.
    static let maximumColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf"]

    /// The basins of maxima ended with swapped labels: the light colours a shade darker.
    static let swappedColors = ["#8fb0d9", "#f5a55a", "#79c96b", "#ad95c4", "#ad8177", "#eb98bf", "#c7c76e", "#7ec8d6"]

    /// The colour of a limit's basin (`swapped`: for the ends with their labels swapped).
    static func basinColor(_ limit: LandscapeLimit, swapped: Bool = false) -> String {
        switch limit.kind {
        case .maximum: return (swapped ? swappedColors : basinColors)[((limit.label ?? 1) - 1) % basinColors.count]
        case .saddle: return "#7f7f7f"
        case .collapse: return "#000000"
        case .cap: return "#ff9896"
        }
    }

    /// Writes the plot to `path` atomically, in the format its extension names.
    ///
    /// - Throws: ``EMLabError`` `.invalidOption` for another extension; `.io`
    ///   if gnuplot is missing or fails, or the file cannot be written.
    public static func write(_ landscapes: [Landscape], to path: String) throws {
        let format = try PlotFormat.of(path: path, option: "--plot")
        let gnuplot = try Gnuplot.executable()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emlab-landscape-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw EMLabError(.io, "\(folder.path): cannot be created (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.write(script(landscapes, format: format), to: folder.appendingPathComponent("landscape.gp").path)
        try Gnuplot.render(name: "landscape", in: folder, gnuplot: gnuplot, format: format)
        guard let drawn = FileManager.default.contents(atPath: folder.appendingPathComponent("landscape.\(format.fileExtension)").path) else {
            throw EMLabError(.io, "plot landscape: gnuplot wrote no \(format.title)")
        }
        try AtomicFile.write(drawn, to: path)
    }

    /// The relabellings of `mixture` (K ≤ 5; beyond, its own labels) that
    /// best agree with the parameters the starts held fixed — all of them
    /// when none was — as plane points inside the plane's ranges.
    static func planePoints(of mixture: GaussianMixture, plane: LandscapePlane, fixed: [LandscapeParameter: Double]) -> [(Double, Double)] {
        let k = mixture.componentCount
        func permutations(_ items: [Int]) -> [[Int]] {
            items.count <= 1
                ? [items] : items.indices.flatMap { i in permutations(items.enumerated().filter { $0.offset != i }.map(\.element)).map { [items[i]] + $0 } }
        }
        let relabellings = (k <= 5 ? permutations(Array(0..<k)) : [Array(0..<k)]).map { order in
            GaussianMixture(
                unchecked: order.map { mixture.weights[$0] }, means: order.map { mixture.means[$0] },
                standardDeviations: order.map { mixture.standardDeviations[$0] })
        }
        // How far a relabelling's fixed parameters are from the values the starts held, relatively.
        let mismatch = relabellings.map { m in fixed.map { abs($0.key.value(in: m) - $0.value) / max(1, abs($0.value)) }.reduce(0, +) }
        let best = mismatch.min() ?? 0
        var found: [(Double, Double)] = []
        for (m, distance) in zip(relabellings, mismatch) where distance <= best * (1 + 1e-9) + 1e-12 {
            let x = plane.horizontal.value(in: m), y = plane.vertical.value(in: m)
            let inside =
                x >= plane.horizontalRange.from && x <= plane.horizontalRange.to && y >= plane.verticalRange.from && y <= plane.verticalRange.to
            if inside && !found.contains(where: { $0 == (x, y) }) { found.append((x, y)) }
        }
        return found
    }

    /// The ℓ levels of the contours: 12 from the 5th percentile of the finite start ℓ's to their largest.
    static func contourLevels(_ values: [Double]) -> [Double] {
        let finite = values.filter(\.isFinite).sorted()
        guard let high = finite.last else { return [] }
        let low = finite[finite.count / 20]
        guard high > low else { return [] }
        let span: Double = high - low
        return (0..<12).map { (i: Int) -> Double in low + (Double(i) + 0.5) * span / 12 }
    }

    /// A gnuplot double-quoted string, so `\n` in it breaks the line.
    static func doubleQuoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    /// The gnuplot script, data included.
    static func script(_ landscapes: [Landscape], format: PlotFormat = .svg) -> String {
        let columns = max(landscapes.count, 1)
        let width = max(560 * columns, 820), height = 1000
        var s = """
            # landscape.gp — where EM goes from every start of a plane. Written by emlab.
            set encoding utf8
            \(format.terminal(width: width, height: height, fontSize: 12))
            if (!exists("OUTPUT")) OUTPUT = "landscape.\(format.fileExtension)"
            set output OUTPUT

            """
        for (c, landscape) in landscapes.enumerated() {
            let plane = landscape.plane, scale = landscape.logLikelihoodScale
            let n = plane.gridSize
            var basins = "$basins\(c) << EOD\n", slice = "$slice\(c) << EOD\n", iterations = "$iterations\(c) << EOD\n"
            for j in 0..<n {
                for i in 0..<n {
                    let end = landscape.ends[j * n + i]
                    let (x, y) = (Gnuplot.number(plane.horizontalValue(i)), Gnuplot.number(plane.verticalValue(j)))
                    basins += "\(x) \(y) \(2 * end.limit + (end.relabelled ? 1 : 0))\n"
                    slice += "\(x) \(y) \(end.startLogLikelihood.isFinite ? Gnuplot.number(end.startLogLikelihood * scale) : "NaN")\n"
                    iterations += "\(x) \(y) \(max(end.iterations, 1))\n"
                }
                basins += "\n"
                slice += "\n"
                iterations += "\n"
            }
            s += basins + "EOD\n" + slice + "EOD\n" + iterations + "EOD\n"
            var marks = "$maxima\(c) << EOD\n", crosses = "$saddles\(c) << EOD\n"
            for limit in landscape.limits {
                guard let mixture = limit.mixture else { continue }
                for (x, y) in planePoints(of: mixture, plane: plane, fixed: landscape.options.rule.fixed) {
                    let line = "\(Gnuplot.number(x)) \(Gnuplot.number(y)) \(((limit.label ?? 1) - 1) % maximumColors.count)\n"
                    if limit.kind == .maximum { marks += line } else { crosses += line }
                }
            }
            s += marks + "EOD\n" + crosses + "EOD\n"
            var emPaths = "$em\(c) << EOD\n", fastPaths = "$fast\(c) << EOD\n"
            for path in landscape.paths {
                for point in path.em { emPaths += "\(Gnuplot.number(point.x)) \(Gnuplot.number(point.y))\n" }
                emPaths += "\n\n"
                for point in path.accelerated { fastPaths += "\(Gnuplot.number(point.x)) \(Gnuplot.number(point.y))\n" }
                fastPaths += "\n\n"
            }
            s += emPaths + "EOD\n" + fastPaths + "EOD\n"
            let levels = contourLevels(landscape.ends.map { $0.startLogLikelihood * scale })
            if !levels.isEmpty {
                s += """
                    set contour base
                    unset surface
                    set view map
                    set cntrparam levels discrete \(levels.map(Gnuplot.number).joined(separator: ","))
                    set table $contours\(c)
                    splot $slice\(c) using 1:2:3 with lines notitle
                    unset table
                    unset contour
                    set surface

                    """
            } else {
                s += "$contours\(c) << EOD\nEOD\n"
            }
        }
        s += "set multiplot layout 2,\(columns) columnsfirst\n"
        for (c, landscape) in landscapes.enumerated() {
            let plane = landscape.plane
            let maxima = landscape.limits.filter { $0.kind == .maximum }.count
            let what =
                landscape.options.title ?? (landscape.isPopulation ? "population (cell means, ℓ per observation)" : "sample of \(landscape.data.count) values")
            // Two palette entries a limit: its own labelling, then the swapped one.
            let palette = landscape.limits.enumerated().map {
                "\(2 * $0.offset) \"\(basinColor($0.element))\", \(2 * $0.offset + 1) \"\(basinColor($0.element, swapped: true))\""
            }.joined(separator: ", ")
            let keys = landscape.limits.map { limit in
                "keyentry with boxes fs solid 1.0 noborder fc rgb \"\(basinColor(limit))\" title \(Gnuplot.literal("\(limit.name) \(FitReport.short((limit.share * 1000).rounded() / 10))%"))"
            }
            let top =
                [
                    "$basins\(c) using 1:2:3 with image pixels notitle",
                    "$contours\(c) using 1:2 with lines lc rgb \"#505050\" lw 0.6 notitle",
                    "$em\(c) using 1:2 with linespoints lc rgb \"black\" lw 1.2 pt 7 ps 0.25 title \"EM paths\"",
                    landscape.paths.contains { !$0.accelerated.isEmpty }
                        ? "$fast\(c) using 1:2 with linespoints lc rgb \"#d95f02\" dt 2 lw 1.5 pt 5 ps 0.35 title \"SQUAREM paths\"" : nil,
                    maxima > 0 ? "$maxima\(c) using 1:2 with points pt 7 ps 1.4 lc rgb \"black\" title \"maxima\"" : nil,
                    landscape.saddles.isEmpty ? nil : "$saddles\(c) using 1:2 with points pt 2 ps 1.8 lw 2.5 lc rgb \"#d62728\" title \"saddles\""
                ].compactMap { $0 } + keys
            s += """
                unset logscale cb
                set title \(Gnuplot.literal("Basins: \(what)")) noenhanced
                set xlabel \(Gnuplot.literal(plane.horizontal.symbol)) noenhanced
                set ylabel \(Gnuplot.literal(plane.vertical.symbol)) noenhanced
                set xrange [\(Gnuplot.number(plane.horizontalRange.from)):\(Gnuplot.number(plane.horizontalRange.to))]
                set yrange [\(Gnuplot.number(plane.verticalRange.from)):\(Gnuplot.number(plane.verticalRange.to))]
                set palette defined (\(palette))
                set cbrange [-0.5:\(Gnuplot.number(2 * Double(max(landscape.limits.count, 1)) - 0.5))]
                set palette maxcolors \(2 * max(landscape.limits.count, 1))
                unset colorbox
                set key outside bottom center horizontal maxrows 3 font ",9" samplen 1.5
                plot \(top.joined(separator: ", \\\n     "))

                """
            let ceiling = max(landscape.ends.map(\.iterations).max() ?? 1, 2)
            s += """
                set title \(Gnuplot.literal("\(LandscapeReport.iterationWord(landscape) == "iterations" ? "Iterations" : "SQUAREM cycles") from each start (median \(FitReport.short(landscape.medianIterations)); slow, > 10× median: \(FitReport.short((landscape.slowFraction * 1000).rounded() / 10))%)")) noenhanced
                set palette rgbformulae 30,31,32
                set palette maxcolors 0
                set logscale cb
                set cbrange [1:\(ceiling)]
                set colorbox
                set cblabel \(Gnuplot.literal(LandscapeReport.iterationWord(landscape)))
                unset key
                plot $iterations\(c) using 1:2:3 with image pixels notitle\(landscape.paths.isEmpty ? "" : ", $em\(c) using 1:2 with lines lc rgb \"white\" lw 1 notitle")
                unset cblabel

                """
        }
        if let first = landscapes.first {
            let caption =
                "Contours: ℓ at each start, a slice through the parameters off the plane:\n\(LandscapeReport.ruleWords(first)).\n"
                + "Dots: maxima (each labelling on the plane; a darker basin: labels swapped); crosses: saddles."
            s += "unset multiplot\n"
            s = s.replacingOccurrences(
                of: "set multiplot layout 2,\(columns) columnsfirst\n",
                with: "set multiplot layout 2,\(columns) columnsfirst title \(doubleQuoted(caption)) font \",9\" noenhanced\n")
        }
        return s
    }
}
