import Foundation

/// The file a plot is written as, chosen by the output file's extension and
/// drawn by one of gnuplot's own terminals: `svg`, `pngcairo` or `pdfcairo`
/// (Debian's gnuplot-nox has all three).
///
/// Scripts lay a plot out in SVG pixels with fonts in SVG pixels. The cairo
/// terminals draw text and lines as at 96 dots per inch, so PNG fonts are
/// scaled by 0.75 to keep the SVG's proportions, and a PDF page is the SVG's
/// pixels at 96 per inch (a 900 × 600 plot is 9.375 × 6.25 in).
public enum PlotFormat: String, CaseIterable, Sendable {
    case svg, png, pdf

    /// The format `path`'s extension names (any letter case), or nil.
    public init?(path: String) {
        let name = PathName.lastComponent(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(rawValue: name[name.index(after: dot)...].lowercased())
    }

    /// "svg", "png", "pdf".
    public var fileExtension: String { rawValue }

    /// "SVG", "PNG", "PDF".
    public var title: String { rawValue.uppercased() }

    /// gnuplot's terminal for the format.
    public var terminalName: String {
        switch self {
        case .svg: return "svg"
        case .png: return "pngcairo"
        case .pdf: return "pdfcairo"
        }
    }

    /// "FILE.svg, FILE.png or FILE.pdf".
    public static var accepted: String {
        let names = allCases.map { "FILE.\($0.fileExtension)" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// The format of `path` for `option`.
    ///
    /// - Throws: ``EMLabError`` `.invalidOption`, one line naming the accepted
    ///   extensions, when the extension is none of them.
    public static func of(path: String, option: String) throws -> PlotFormat {
        guard let format = PlotFormat(path: path) else {
            throw EMLabError(.invalidOption, unsupportedMessage(path: path, option: option))
        }
        return format
    }

    /// The error for a path whose extension is not a plot format.
    public static func unsupportedMessage(path: String, option: String) -> String {
        "\(option) \(path): the plot is written as \(accepted), chosen by the extension; please name it so, e.g. plot.png"
    }

    /// The `set terminal` line for a canvas of `width` × `height` SVG pixels
    /// with the default font `fontSize` SVG pixels high.
    public func terminal(width: Int, height: Int, fontSize: Int) -> String {
        switch self {
        case .svg:
            return "set terminal svg size \(width),\(height) dynamic enhanced font \"sans,\(fontSize)\" background rgb \"white\""
        case .png:
            return "set terminal pngcairo size \(width),\(height) enhanced font \"sans,\(fontSize)\" fontscale 0.75 background rgb \"white\""
        case .pdf:
            let inches = { (pixels: Int) in Gnuplot.number((Double(pixels) / 96 * 1000).rounded() / 1000) }
            return "set terminal pdfcairo size \(inches(width))in,\(inches(height))in enhanced font \"sans,\(fontSize)\" background rgb \"white\""
        }
    }
}
