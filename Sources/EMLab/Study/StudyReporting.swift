/// What runs after a study's rows and summary are on disk: its plots and its
/// report page.
///
/// Study/ names only this protocol; Reporting/ implements it
/// (`StudyReport`), and whoever runs a study (`emlab run`, `merge`,
/// `report`) passes that in. So the runner, which must call it inside the
/// folder's lock and before the manifest says `complete`, never depends on
/// the renderers, and the library's folders depend one way.
///
/// The experiment comes with each call, parsed once by whoever ran the
/// study (from its file for `emlab run`, from the manifest's copy for
/// `merge` and `report`); nil when this version cannot read the manifest's
/// copy, and then the renderers leave out what only it says.
public protocol StudyReporting: Sendable {
    /// The report page's file name in the study folder (for warnings).
    var pageFileName: String { get }
    /// Draws the study's plots into `directory/plots`.
    func drawPlots(directory: String, experiment: Experiment?) throws
    /// Writes the study's report page into `directory`.
    func writePage(directory: String, experiment: Experiment?) throws
}
