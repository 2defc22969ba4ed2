import Plot

/// The look shared by EMLab's HTML pages (the study report and the EM
/// animation): one small inline style sheet, so a page opens from disk with
/// nothing else to fetch.
enum HTMLPageStyle {
    /// The style sheet, written into each page's `<head>`.
    static let css = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 0; background: #fafafa; }
        main { max-width: 1180px; margin: 0 auto; padding: 1.2em 1.5em 3em; background: #fff; }
        h1 { font-size: 1.6em; margin: 0.2em 0 0.3em; }
        h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
        h3 { font-size: 1.05em; }
        p.lead { font-size: 1.08em; color: #333; }
        table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.88em; }
        th, td { border: 1px solid #ddd; padding: 0.25em 0.55em; text-align: left; vertical-align: top; }
        th { background: #f0f3f7; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #f8f9fb; }
        .scroll { overflow-x: auto; max-height: 32em; overflow-y: auto; }
        figure { margin: 1.2em 0 2em; }
        figure img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
        figcaption { font-size: 0.9em; color: #444; margin-top: 0.3em; }
        code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
        pre { background: #f4f4f4; padding: 0.6em; overflow-x: auto; }
        nav a { margin-right: 1em; }
        .note { color: #555; font-size: 0.9em; }
        .readme { border-left: 3px solid #c8d3e0; padding-left: 1em; }
        """

    /// The `<head>` of a page: character set, viewport, title and the style
    /// sheet (plus `extraCSS`, for styles only one page needs).
    ///
    /// - Parameters:
    ///   - title: the page's title.
    ///   - extraCSS: more rules, appended after the shared ones.
    /// - Returns: the head node.
    static func head(title: String, extraCSS: String = "") -> Node<HTML.DocumentContext> {
        .head(
            .encoding(.utf8),
            .viewport(.accordingToDevice),
            .title(title),
            .style(css + (extraCSS.isEmpty ? "" : "\n" + extraCSS))
        )
    }

    /// A table with a header row and body rows of text cells; cells that read
    /// as numbers are right-aligned.
    ///
    /// - Parameters:
    ///   - header: the column titles.
    ///   - rows: the cells, one array per row.
    /// - Returns: the `<table>` node.
    static func table(header: [String], rows: [[String]]) -> Node<HTML.BodyContext> {
        .table(
            .thead(.tr(.forEach(header) { .th(.text($0)) })),
            .tbody(
                .forEach(rows) { row in
                    .tr(
                        .forEach(row) { cell in
                            parseNumber(cell) != nil ? .td(.class("number"), .text(cell)) : .td(.text(cell))
                        })
                })
        )
    }
}
