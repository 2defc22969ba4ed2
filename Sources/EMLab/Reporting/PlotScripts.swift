import Foundation

/// The four standard plots of a study (error-vs-n, iterations, failure-rates,
/// traces): their data files and gnuplot scripts, built from the study's tables.
enum PlotScripts {
    // Each plot is in its own file: PlotErrorVersusN, PlotIterations,
    // PlotFailureRates and PlotTraces.
}
