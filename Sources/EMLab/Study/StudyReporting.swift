/// What runs after a study's rows and summary are on disk: its plots and its
/// report page.
///
/// Study/ names only this protocol; Reporting/ implements it
/// (`StudyReport`), and whoever runs a study (`emlab run`, `merge`,
/// `report`) passes that in. So the runner, which must call it inside the
/// folder's lock and before the manifest says `complete`, never depends on
/// the renderers, and the library's folders depend one way.
public protocol StudyReporting: Sendable {
    /// The report page's file name in the study folder (for warnings).
    var pageFileName: String { get }
    /// Draws the study's plots into `directory/plots`.
    func drawPlots(directory: String) throws
    /// Writes the study's report page into `directory`.
    func writePage(directory: String) throws
}
