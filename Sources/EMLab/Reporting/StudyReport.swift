/// The plots (``Plots``) and the report page (``StudyReportPage``) of a
/// study, handed to the runner, merge and report as their
/// ``StudyReporting``.
public struct StudyReport: StudyReporting {
    public init() {}

    public var pageFileName: String { StudyReportPage.fileName }

    public func drawPlots(directory: String, experiment: Experiment?) throws {
        try Plots.draw(directory: directory, experiment: experiment)
    }

    public func writePage(directory: String, experiment: Experiment?) throws {
        try StudyReportPage.write(directory: directory, experiment: experiment)
    }
}
