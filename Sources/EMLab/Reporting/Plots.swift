import Foundation

/// Plots of a study, drawn as SVG by gnuplot into `<study>/plots/`.
///
/// - `error-vs-n.svg`: the RMSE of the component means (the average over a
///   condition's components of summary.csv's `mean<k>_rmse`) against n on
///   log–log axes, one line per sampler × estimator × init, small multiples
///   with one panel per truth, each with a key below it naming every curve;
///   bars are ±1 Monte Carlo SE and a dashed n^-1/2 guide shows the
///   parametric rate.
/// - `iterations.svg`: box plots of the iteration counts of the selected fits
///   (runs.csv), one box per condition; log y once the counts span more than
///   two decades. Conditions that run a fixed number of iterations are named
///   in the title, not drawn: their count is the design, not a result.
/// - `failure-rates.svg`: a heat map, conditions × failure modes, of the
///   stop-reason rates (iteration cap, non-finite, degenerate, no start), every
///   `rate_<flag>` column of summary.csv, and 1 − rate_reachedBest
///   ("spurious/not best"), the percentage printed in each cell; modes that are
///   0 everywhere and conditions without any failure are counted, not drawn.
/// - `traces.svg`: |ℓ(final) − ℓ(t)| against iteration t on a log scale, for
///   replicate 1, start 1 of the first 12 traced conditions, so the speed of
///   convergence (linear, sublinear, stalled) is visible as a slope.
/// - `rates.svg`, `iterations-vs-rate.svg` and (when the experiment pairs an
///   accelerated estimator with its plain twin) `esteps.svg`: see ``PlotConvergence``.
/// - `coverage.svg` and `selection.svg`, when the study has `intervals` or
///   `select_k` estimators: see ``PlotInference``.
/// - `data-profiles.svg` (when runs.csv has the reference maximum) and
///   `esteps-vs-em.svg` (when an accelerated estimator has a plain twin): see
///   ``PlotScripts/dataProfiles(runsPath:)`` and ``PlotScripts/eStepsVersusEM(runsPath:pairs:)``.
/// - `landscape-<condition>.svg`, for up to four traced K = 2 conditions: the
///   traced paths across the basins of the (μ1, μ2) plane; see ``StudyLandscape``.
///
/// Beside each SVG are the data (`<name>.dat`, commented) and the script
/// (`<name>.gp`): `cd plots && gnuplot <name>.gp` re-draws a plot after editing.
public enum Plots {
    /// How many conditions' traces `traces.svg` draws; more lines are unreadable.
    static let traceLimit = 12

    /// Writes the data and scripts of the plots into `<directory>/plots/`,
    /// then runs gnuplot on each.
    ///
    /// The scripts are written even when gnuplot is missing, so installing it
    /// later and running them is enough. Every plot is attempted before a
    /// failure is reported.
    ///
    /// - Throws: ``EMLabError`` `.io` if gnuplot is not installed, a plot fails
    ///   (naming the plot and gnuplot's first error line) or a file cannot be
    ///   read or written; `.invalidData` if a table lacks a column the plots need.
    public static func draw(directory: String) throws {
        try draw(directory: directory, experiment: StudyOutput.recordedExperiment(directory: directory))
    }

    /// Draws every plot of the study in `directory`, as ``draw(directory:)``,
    /// for the experiment it ran (already parsed by the caller).
    public static func draw(directory: String, experiment: Experiment?) throws {
        let study = URL(fileURLWithPath: directory)
        let folder = study.appendingPathComponent("plots")
        let summary = try PlotSummary.read(path: study.appendingPathComponent("summary.csv").path)
        let runs = try PlotData.digestRuns(path: study.appendingPathComponent("runs.csv").path)
        let (traces, tracedConditions) = try PlotData.firstTraces(
            tracesPath: study.appendingPathComponent("traces.csv").path,
            limit: traceLimit)
        // summary.csv names every condition; runs.csv fills in any it lacks.
        var conditions = runs.conditions
        for condition in summary.conditions { conditions[condition.number] = condition }
        let labels = PlotConditionLabels(Array(conditions.values))

        var plots = [
            PlotScripts.errorVersusN(summary: summary),
            PlotScripts.iterations(histograms: runs.histograms, fixedIterations: runs.fixedIterations, labels: labels, conditions: conditions),
            PlotScripts.failureRates(summary: summary, labels: labels),
            PlotScripts.traces(
                traces, tracedConditions: tracedConditions, stopReasons: runs.firstFitStopReasons,
                labels: labels, conditions: conditions),
            PlotConvergence.rates(summary: summary),
            PlotConvergence.iterationsVersusRate(summary: summary)
        ]
        plots += [PlotInference.coverage(summary: summary), PlotInference.selection(summary: summary)].compactMap { $0 }
        if let eSteps = PlotConvergence.eSteps(summary: summary, pairs: PlotConvergence.acceleratedPairs(experiment: experiment)) {
            plots.append(eSteps)
        }
        let runsPath = study.appendingPathComponent("runs.csv").path
        if let profiles = try PlotScripts.dataProfiles(runsPath: runsPath) { plots.append(profiles) }
        if let scatter = try PlotScripts.eStepsVersusEM(runsPath: runsPath, pairs: PlotConvergence.acceleratedPairs(experiment: experiment)) {
            plots.append(scatter)
        }
        plots += try StudyLandscape.plots(directory: directory, experiment: experiment, jobs: ProcessInfo.processInfo.activeProcessorCount)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw EMLabError(.io, "\(folder.path): cannot be created (\(error.localizedDescription))")
        }
        for plot in plots {
            for file in plot.dataFiles { try AtomicFile.write(file.contents, to: folder.appendingPathComponent(file.fileName).path) }
            try AtomicFile.write(plot.script, to: folder.appendingPathComponent("\(plot.name).gp").path)
        }

        let gnuplot = try Gnuplot.executable()
        var failures: [String] = []
        for plot in plots {
            do { try Gnuplot.render(name: plot.name, in: folder, gnuplot: gnuplot) } catch let error as EMLabError {
                failures.append(error.message)
            }
        }
        if !failures.isEmpty { throw EMLabError(.io, failures.joined(separator: "; ")) }
    }
}
