import Foundation
import Plot

/// `emlab fit --animate FILE.html`: EM step by step, for teaching. One
/// self-contained page (no network): a slider and a play button step through
/// the iterations; each step shows the histogram with the current component
/// densities, every value's responsibilities as a coloured rug, the
/// log-likelihood so far, and the parameter table. With several fits (a
/// document's estimator as written beside the corrected one) they share the
/// slider, so the two paths can be compared iteration by iteration.
///
/// The page's skeleton is built with Plot; the data travel as JSON in a
/// `<script type="application/json">` element and a small hand-written script
/// (``EMAnimationScript``) draws SVG from them.
public enum EMAnimationPage {
    /// The most values the rug shows; a larger data set is thinned to evenly
    /// spaced order statistics, so the page stays small and the rug keeps the
    /// data's shape.
    public static let rugLimit = 800
    /// Every iteration is a frame up to this many; beyond, the first half of
    /// this many and then evenly spaced ones (the last always kept), so a fit
    /// at a 5000-iteration cap still gives a page of a few hundred kilobytes.
    public static let frameLimit = 400

    /// Writes the page to `path` atomically.
    ///
    /// - Parameters:
    ///   - picture: the data and the fits; fits without a trace are left out.
    ///   - path: the HTML file's path.
    /// - Throws: ``EMLabError`` `.invalidData` if no fit has a trace, `.io` if the file cannot be written.
    public static func write(_ picture: FitPicture, to path: String) throws {
        try AtomicFile.write(try html(picture), to: path)
    }

    /// The page's HTML.
    ///
    /// - Parameter picture: the data and the fits.
    /// - Returns: the whole document.
    /// - Throws: ``EMLabError`` `.invalidData` if no fit recorded a trace.
    public static func html(_ picture: FitPicture) throws -> String {
        let animated = picture.fits.filter { $0.result.trace != nil }
        guard !animated.isEmpty else { throw EMLabError(.invalidData, "no fit recorded a trace to animate") }
        let title = "EM step by step: " + animated.map(\.label).joined(separator: " vs ")
        // `</` inside a script element would end it early.
        let json = dataJSON(picture, fits: animated).replacingOccurrences(of: "</", with: "<\\/")
        // A string of its own: concatenated inside the page's expression, it took
        // the type checker over 4 s.
        let rugNote: String = picture.data.count > rugLimit ? ", \(rugLimit) of the \(picture.data.count) values shown" : ""
        let note: String =
            "Bars: the data (density scale). Coloured curves: each component's weighted density "
            + "w·φ(x; μ, σ) at this iteration; black: the mixture; dashed: the truth, where known. The rug under each panel "
            + "is the data coloured by their responsibilities at this iteration (a blend of the component colours)"
            + rugNote + "."
        let page = HTML(
            .lang(.english),
            HTMLPageStyle.head(title: title, extraCSS: EMAnimationScript.css),
            .body(
                .main(
                    .h1(.text("EM step by step")),
                    .p(.class("lead"), .text(picture.subtitle)),
                    .div(
                        .id("controls"),
                        .button(.id("play"), .type(.button), .text("▶ play")),
                        .input(
                            .id("slider"), .type(.range), .attribute(named: "min", value: "0"), .attribute(named: "max", value: "0"),
                            .value("0"), .attribute(named: "aria-label", value: "iteration")),
                        .span(.id("position"), .text("iteration 0"))),
                    .p(.class("note"), .text(note)),
                    .div(.id("panels")),
                    .div(.id("landscape")),
                    .h2("Log-likelihood so far"),
                    .div(.id("loglik")),
                    .h2("Parameters at this iteration"),
                    .div(.id("tables")),
                    .element(named: "script", nodes: [.attribute(named: "type", value: "application/json"), .id("em-data"), .raw(json)]),
                    .element(named: "script", nodes: [.raw(EMAnimationScript.javaScript)])
                ))
        )
        return page.render() + "\n"
    }

    /// The numbers the script draws from, as one JSON object.
    static func dataJSON(_ picture: FitPicture, fits: [FitPicture.Fit]) -> String {
        let (low, high) = picture.xRange(includingTraces: true)
        let sorted = picture.data.sorted()
        let rug: [Double] =
            sorted.count <= rugLimit
            ? sorted
            : (0..<rugLimit).map { (i: Int) -> Double in sorted[Int((Double(i) + 0.5) * Double(sorted.count) / Double(rugLimit))] }
        var pairs: [(String, String)] = [
            (
                "bins",
                JSONText.object([
                    ("start", compact(picture.bins.start)), ("width", compact(picture.bins.width)),
                    ("densities", compactArray(picture.bins.densities))
                ])
            ),
            ("x", compactArray([low, high])),
            ("yMax", compact(picture.densityCeiling(grid: picture.grid()))),
            ("rug", compactArray(rug)),
            ("truth", picture.truth.map(mixtureJSON) ?? "null")
        ]
        // Each run's object built by a closure of declared type: the one nested
        // expression took the type checker about 2 s.
        let runs = fits.map { (fit: FitPicture.Fit) -> String in
            let trace = fit.result.trace!
            let frames: [String] = frameIndices(count: trace.iterations.count).map { (index: Int) -> String in
                "[\(trace.iterations[index]),\(mixtureJSON(trace.mixtures[index]))]"
            }
            let iterations: [String] = trace.iterations.map(String.init)
            return JSONText.object([
                ("label", JSONText.string(fit.label)), ("stop", JSONText.string(fit.result.stopReason.rawValue)),
                ("iterations", "[" + iterations.joined(separator: ",") + "]"),
                ("loglik", compactArray(trace.logLikelihoods)),
                ("frames", "[" + frames.joined(separator: ",") + "]")
            ])
        }
        pairs.append(("runs", "[" + runs.joined(separator: ",") + "]"))
        if let landscape = picture.landscape { pairs.append(("landscape", landscapeJSON(landscape))) }
        return JSONText.object(pairs)
    }

    /// The basins behind the animation: the grid, each start's limit (row-major,
    /// as ``LandscapePlane/point(_:)``), and each limit's kind, share and means.
    static func landscapeJSON(_ landscape: Landscape) -> String {
        let plane = landscape.plane
        let limits = landscape.limits.map { limit -> String in
            JSONText.object([
                ("name", JSONText.string(limit.name)), ("kind", JSONText.string(limit.kind.rawValue)), ("share", compact(limit.share)),
                ("means", limit.mixture.map { compactArray($0.means) } ?? "null")
            ])
        }
        return JSONText.object([
            ("n", String(plane.gridSize)),
            ("x", compactArray([plane.horizontalRange.from, plane.horizontalRange.to])),
            ("y", compactArray([plane.verticalRange.from, plane.verticalRange.to])),
            ("cells", "[" + landscape.ends.map { String($0.limit) }.joined(separator: ",") + "]"),
            ("limits", "[" + limits.joined(separator: ",") + "]")
        ])
    }

    /// Which trace entries become frames (see ``frameLimit``).
    ///
    /// - Parameter count: the trace's length.
    /// - Returns: ascending indices, the first and last included.
    static func frameIndices(count: Int) -> [Int] {
        guard count > frameLimit else { return Array(0..<count) }
        let head = frameLimit / 2
        let rest = count - head
        let tail = (0..<(frameLimit - head)).map { (i: Int) -> Int in
            head + Int(Double(i) * Double(rest - 1) / Double(frameLimit - head - 1))
        }
        return Array(0..<head) + tail
    }

    static func mixtureJSON(_ mixture: GaussianMixture) -> String {
        "{\"w\":\(compactArray(mixture.weights)),\"m\":\(compactArray(mixture.means)),\"s\":\(compactArray(mixture.standardDeviations))}"
    }

    /// Seven significant digits: plenty for a picture, and a third of the shortest round-trip form's size.
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return formatNumber(Double(String(format: "%.7g", value))!)
    }

    static func compactArray(_ values: [Double]) -> String { "[" + values.map(compact).joined(separator: ",") + "]" }
}
