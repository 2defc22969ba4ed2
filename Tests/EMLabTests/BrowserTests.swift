import Foundation
import Testing
import EMLabTestSupport
@testable import EMLab

/// Headless Chromium, run as a subprocess: the pages EMLab writes are opened
/// the way a person opens them, from disk, with no network.
enum Browser {
    /// The browser on PATH (Debian's `chromium`; `make test` installs it).
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in path.split(separator: ":") {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    /// Flags for a browser that runs as root, with no display, no GPU, a small
    /// /dev/shm (containers) and a profile of its own in `folder`, so parallel
    /// runs never share one. `--allow-file-access-from-files` lets the test
    /// harness read the pages it frames, which are files too.
    static func flags(profile folder: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
            "--mute-audio", "--hide-scrollbars", "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)"
        ]
    }

    /// Runs the browser with `arguments` in `folder`; coreutils' `timeout`
    /// ends it after `seconds` so a hung browser fails the test instead of
    /// stalling the suite. Its stderr goes to a file (a full pipe would block
    /// it) and comes back as the output's stderr.
    static func run(_ arguments: [String], in folder: URL, seconds: Int = 60) throws -> Tool.Output {
        let log = folder.appendingPathComponent("browser-\(UUID().uuidString).log")
        var output = try Tool.runShell(
            "exec timeout \(seconds) \"$@\" 2>\"$LOG\"".replacingOccurrences(of: "$LOG", with: log.path),
            ["browser", try #require(executable).path] + arguments, in: folder)
        output.stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return output
    }

    /// The console messages a page wrote (Chromium logs each, errors and
    /// uncaught exceptions included, as an `INFO:CONSOLE` line on stderr).
    static func consoleMessages(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    }

    /// The width and height in a PNG's header.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func big(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (big(16), big(20))
    }
}

/// The report page and the EM animation, opened in headless Chromium
/// (issue 14): no console errors, every plot shown at its size and not blank,
/// and the slider changes the frame.
/// Skipped where chromium or gnuplot is missing — except under `make test`,
/// which installs both and sets EMLAB_REQUIRE_BROWSER=1, so a missing browser
/// fails there instead of skipping silently.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["EMLAB_REQUIRE_BROWSER"] == "1"
            || (Browser.executable != nil && (try? Gnuplot.executable()) != nil),
        "needs chromium and gnuplot (make test installs both)"))
struct BrowserTests {
    /// A page that frames the report and the animation and writes what it
    /// finds as JSON into `#result`, which `--dump-dom` prints. For every
    /// image: its declared and laid-out size, and the share of non-white
    /// pixels when drawn at its declared size. For the animation: a panel's
    /// SVG before and after the slider moves to the last iteration.
    static let harness = #"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>harness</title></head><body>
        <pre id="result">pending</pre>
        <iframe id="report" src="study/index.html" width="1280" height="900"></iframe>
        <iframe id="animation" src="animation.html" width="1280" height="900"></iframe>
        <script>
        "use strict";
        const out = { images: [], problems: [] };
        function inspectImages(doc) {
          for (const img of doc.querySelectorAll("main img")) {
            const width = Number(img.getAttribute("width")), height = Number(img.getAttribute("height"));
            const entry = { src: img.getAttribute("src"), complete: img.complete, width, height,
                            shownWidth: img.clientWidth, shownHeight: img.clientHeight, ink: -1 };
            try {
              const canvas = document.createElement("canvas");
              canvas.width = width; canvas.height = height;
              const context = canvas.getContext("2d");
              context.fillStyle = "#fff"; context.fillRect(0, 0, width, height);
              context.drawImage(img, 0, 0, width, height);
              const pixels = context.getImageData(0, 0, width, height).data;
              let inked = 0;
              for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235) inked++;
              entry.ink = inked / (width * height);
            } catch (error) { out.problems.push(entry.src + ": " + error); }
            out.images.push(entry);
          }
          out.sections = Array.from(doc.querySelectorAll("main section")).map(s => s.id);
        }
        function inspectAnimation(doc, win) {
          const slider = doc.getElementById("slider"), panel = doc.getElementById("panel-0");
          const before = panel.outerHTML, positionBefore = doc.getElementById("position").textContent;
          slider.value = slider.max;
          slider.dispatchEvent(new win.Event("input", { bubbles: true }));
          out.animation = { max: Number(slider.max), panels: doc.querySelectorAll("svg[id^=panel-]").length,
                            frameChanged: panel.outerHTML !== before, positionBefore,
                            positionAfter: doc.getElementById("position").textContent,
                            rugLines: panel.querySelectorAll("g.frame line").length,
                            basinCells: doc.querySelectorAll("#landscape-map rect.cell").length,
                            basinPaths: doc.querySelectorAll("#landscape-map g.paths path").length };
        }
        let loaded = 0;
        function finish() {
          try { inspectImages(document.getElementById("report").contentDocument); } catch (error) { out.problems.push("report: " + error); }
          try {
            const frame = document.getElementById("animation");
            inspectAnimation(frame.contentDocument, frame.contentWindow);
          } catch (error) { out.problems.push("animation: " + error); }
          document.getElementById("result").textContent = JSON.stringify(out);
        }
        for (const id of ["report", "animation"]) {
          document.getElementById(id).addEventListener("load", () => { if (++loaded === 2) finish(); });
        }
        </script></body></html>
        """#

    /// What the harness found.
    struct Findings: Decodable {
        struct Image: Decodable {
            var src: String
            var complete: Bool
            var width: Int
            var height: Int
            var shownWidth: Int
            var shownHeight: Int
            var ink: Double
        }
        struct Animation: Decodable {
            var max: Int
            var panels: Int
            var frameChanged: Bool
            var positionBefore: String
            var positionAfter: String
            var rugLines: Int
            var basinCells: Int
            var basinPaths: Int
        }
        var images: [Image]
        var problems: [String]
        var sections: [String]?
        var animation: Animation?
    }

    /// A small study with notes and a README, and doc000's animation, in a scratch folder.
    static func makePages() throws -> URL {
        let folder = try Tool.scratchDirectory()
        // With SQUAREM beside plain EM ("free"), so the page has esteps.svg and esteps-vs-em.svg.
        let experiment = goodExperiment.replacingOccurrences(
            of: "traces = 1\n", with: "traces = 1\nnotes = \"\"\"\nA **tiny** study for the browser test.\n\"\"\"\n"
        )
        .replacingOccurrences(
            of: "[estimators.fixed]\n", with: "[estimators.fast]\nvariance = \"per-component\"\naccelerate = \"squarem\"\n\n[estimators.fixed]\n"
        )
        .replacingOccurrences(of: "estimator = [\"free\", \"fixed\"]", with: "estimator = [\"free\", \"fixed\", \"fast\"]")
        try experiment.write(to: folder.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        let run = try Tool.run(["run", "study.toml", "--output", "study", "--quiet"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("study/index.html").path), "emlab run wrote no index.html")
        try "# tiny\n\nWhat the *numbers* show.\n".write(to: folder.appendingPathComponent("study/README.md"), atomically: true, encoding: .utf8)
        let report = try Tool.run(["report", "study"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        // The study has no reference maximum, so no data profiles: draw them from
        // Tests/Fixtures/profiles into its plots/ and re-write the page, so the
        // browser shows the multi-panel plot as the page holds it.
        let plots = folder.appendingPathComponent("study/plots")
        if let profiles = try PlotScripts.dataProfiles(runsPath: DataProfilePlotTests.fixture) {
            for file in profiles.dataFiles { try AtomicFile.write(file.contents, to: plots.appendingPathComponent(file.fileName).path) }
            try AtomicFile.write(profiles.script, to: plots.appendingPathComponent("\(profiles.name).gp").path)
            try Gnuplot.render(name: profiles.name, in: plots, gnuplot: try Gnuplot.executable())
            try StudyReportPage.write(directory: folder.appendingPathComponent("study").path)
        }
        let fit = try Tool.run(["fit", "--preset", "doc000", "--animate", "animation.html"], in: folder)
        #expect(fit.status == 0, "\(fit.stderr)")
        try harness.write(to: folder.appendingPathComponent("harness.html"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func reportAndAnimationRenderWithoutErrors() throws {
        let folder = try Self.makePages()
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = Date()
        let output = try Browser.run(
            Browser.flags(profile: folder)
                + ["--virtual-time-budget=10000", "--dump-dom", folder.appendingPathComponent("harness.html").absoluteString], in: folder)
        #expect(output.status == 0, "\(output.stderr.suffix(2000))")
        #expect(Browser.consoleMessages(output.stderr).isEmpty, "console: \(Browser.consoleMessages(output.stderr))")
        let dom = output.stdout
        let start = try #require(dom.range(of: "<pre id=\"result\">"), "no result in the dumped page")
        let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
        let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        let findings = try JSONDecoder().decode(Findings.self, from: Data(json.utf8))
        #expect(findings.problems.isEmpty, "\(findings.problems)")

        // Every SVG of plots/ is on the page, at the size the file declares, and shows something.
        let plots = folder.appendingPathComponent("study/plots")
        let svgs = try FileManager.default.contentsOfDirectory(atPath: plots.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(svgs.count >= 4)
        // The new plots (issue 22 item 4): the scatter from the study's own fits, the profiles from the fixture.
        for plot in ["esteps.svg", "esteps-vs-em.svg", "data-profiles.svg"] { #expect(svgs.contains(plot), "no \(plot)") }
        // Truth `a` has K = 2 and traces: its conditions' landscapes, at most four.
        let landscapes = svgs.filter { $0.hasPrefix("landscape-") }
        #expect((1...StudyLandscape.conditionLimit).contains(landscapes.count), "\(landscapes)")
        #expect(findings.images.map { String($0.src.dropFirst("plots/".count)) }.sorted() == svgs)
        for image in findings.images {
            let declared = try #require(StudyReportPage.svgSize(path: folder.appendingPathComponent("study/\(image.src)").path))
            #expect(image.complete, "\(image.src) did not load")
            #expect(image.width == declared.width && image.height == declared.height, "\(image.src): \(image.width)×\(image.height)")
            #expect(image.shownWidth > 300, "\(image.src) is laid out \(image.shownWidth) px wide")
            // Laid out at the file's aspect ratio (scaled down to the column, never stretched).
            let ratio = Double(image.shownWidth) / Double(image.shownHeight), declaredRatio = Double(declared.width) / Double(declared.height)
            #expect(abs(ratio / declaredRatio - 1) < 0.03, "\(image.src): shown \(image.shownWidth)×\(image.shownHeight)")
            #expect(image.ink > 0.01 && image.ink < 0.9, "\(image.src): \(image.ink) of its pixels are not white")
        }
        #expect(findings.sections == ["notes", "design", "summary", "plots", "readme", "files"])

        let animation = try #require(findings.animation)
        #expect(animation.panels == 2)  // as written and corrected
        #expect(animation.max > 1)
        #expect(animation.frameChanged)
        #expect(animation.positionBefore == "iteration 0 of \(animation.max)")
        #expect(animation.positionAfter == "iteration \(animation.max) of \(animation.max)")
        #expect(animation.rugLines >= 800)  // the whole rug (doc000 draws 1000 values, thinned to 800)
        // K = 2: the basins of corrected EM behind both fits' (μ1, μ2) paths.
        #expect(animation.basinCells == 41 * 41)
        #expect(animation.basinPaths == 2)
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func screenshotsOfBothPages() throws {
        let folder = try Self.makePages()
        defer { try? FileManager.default.removeItem(at: folder) }
        for page in ["study/index.html", "animation.html"] {
            let shot = folder.appendingPathComponent(page.replacingOccurrences(of: "/", with: "-") + ".png")
            let output = try Browser.run(
                Browser.flags(profile: folder)
                    + [
                        "--window-size=1280,1600", "--virtual-time-budget=5000", "--screenshot=\(shot.path)",
                        folder.appendingPathComponent(page).absoluteString
                    ], in: folder)
            #expect(output.status == 0, "\(output.stderr.suffix(2000))")
            #expect(Browser.consoleMessages(output.stderr).isEmpty, "\(page): \(Browser.consoleMessages(output.stderr))")
            let png = try Data(contentsOf: shot)
            let size = try #require(Browser.pngSize(png), "\(page): the screenshot is not a PNG")
            #expect(size.width == 1280 && size.height == 1600)
            #expect(png.count > 20_000, "\(page): a \(png.count)-byte screenshot is too plain to hold the page")
        }
    }
}
