import Foundation
import ArgumentParser
import EMLab

/// The options of a command that draws a fit (`emlab fit`): a gnuplot
/// picture (--plot), an animation page (--animate) and the histogram's bins.
///
/// An untitled group, so its options are listed among the command's own.
/// Its checks are ``check()``, not `validate()`: the command calls them
/// where its own checks begin, so which of several errors is reported first
/// stays the command's choice.
struct PictureOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Draw the fit with gnuplot as SVG, PNG or PDF, by the file's extension: histogram, each weighted component density, the mixture, the truth when known, and the log-likelihood trace.",
            valueName: "file.svg|png|pdf"))
    var plot: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Write a self-contained page that plays EM iteration by iteration (slider and play button); with K = 2 the fit's path crosses the basins of the (μ1, μ2) plane.",
            valueName: "file.html"))
    var animate: String?

    @Option(parsing: .unconditional, help: "The histogram's number of bins for --plot/--animate (default: a Freedman–Diaconis bin width).")
    var bins: Int?

    @Option(parsing: .unconditional, help: "The histogram's bin width for --plot/--animate (default: Freedman–Diaconis).")
    var binWidth: Double?

    /// Whether any picture is asked for.
    var wanted: Bool { plot != nil || animate != nil }

    /// Checks --plot, --animate, --bins and --bin-width before any work, so a
    /// bad path fails at once and nothing is written.
    func check() throws {
        if bins != nil || binWidth != nil {
            guard wanted else { throw ValidationError("--bins and --bin-width go with --plot or --animate.") }
            guard bins == nil || binWidth == nil else { throw ValidationError("--bins and --bin-width contradict each other: please give one.") }
        }
        if let bins, bins < 1 || bins > HistogramBins.maximumBins {
            throw ValidationError("Please give --bins between 1 and \(HistogramBins.maximumBins); got \(bins).")
        }
        if let binWidth, !(binWidth > 0 && binWidth.isFinite) { throw ValidationError("Please give a positive, finite --bin-width.") }
        if let plot { try validatePlotPath(plot) }
        if let animate {
            guard animate.lowercased().hasSuffix(".html") else {
                throw ValidationError("--animate writes a .html file; please give a name ending in .html, e.g. fit.html.")
            }
            try validateOutputFolder(animate, option: "--animate")
        }
    }

    /// Draws what --plot and --animate ask for.
    ///
    /// - Parameters:
    ///   - data: the values fitted.
    ///   - fits: the fits, labelled.
    ///   - truth: the truth, when known.
    ///   - subtitle: where the data came from.
    ///   - basinsModel: for K = 2, the model whose basins the animation draws
    ///     behind the fits' paths (``Landscape/behindAnimation(data:configuration:fixedWeights:jobs:)``).
    func draw(
        data: [Double], fits: [FitPicture.Fit], truth: GaussianMixture?, subtitle: String,
        basinsModel: EMConfiguration? = nil
    ) throws {
        guard wanted else { return }
        var picture = FitPicture(data: data, fits: fits, truth: truth, binWidth: binWidth, binCount: bins, subtitle: subtitle)
        if animate != nil, let basinsModel, !fits.isEmpty, fits.allSatisfy({ $0.result.mixture.componentCount == 2 }) {
            picture.landscape = try Landscape.behindAnimation(
                data: data, configuration: basinsModel, fixedWeights: fits[0].result.mixture.weights,
                jobs: ProcessInfo.processInfo.activeProcessorCount)
        }
        if let plot { try FitPlot.write(picture, to: plot) }
        if let animate { try EMAnimationPage.write(picture, to: animate) }
    }
}
