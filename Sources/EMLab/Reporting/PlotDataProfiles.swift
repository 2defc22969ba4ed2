import Foundation

/// `data-profiles.svg`: Moré & Wild's data profiles of the estimators, one
/// panel per condition group.
///
/// A condition group is the set of conditions that differ only by estimator
/// (same truth, sampler, n and init). In each panel, an estimator's curve is
/// the fraction of its selected fits that are *solved* within t E-step passes,
/// against t on a log axis (Moré & Wild 2009, "Benchmarking derivative-free
/// optimization algorithms", SIAM J Optim 20:172–191, eq. 2.9, with E-steps as
/// the budget and one data set as one problem). A fit is solved at its
/// `eSteps` when it has none of turboEM's failures: `failError`,
/// `failNotConverged` and `failWorse` all 0. Failures are never solved, so a
/// curve ends below 1 by the share of failures.
///
/// The profiles need the reference maximum (runs.csv's
/// `logLikelihoodReference`, written for experiments with a `[reference]`
/// table); a runs.csv without it gets no profile. When `failWorse` itself is
/// absent, the verdict is computed with the one ε the study uses:
/// ℓ_ref − ℓ > 1e-6·max(1, |ℓ_ref|) is worse.
extension PlotScripts {
    /// At most this many panels; more groups are counted in the title, not drawn.
    static let dataProfileGroupLimit = 12

    /// One selected fit, as the profiles see it.
    struct ProfileFit: Sendable {
        /// truth, sampler, n, init: the condition group.
        var group: [String]
        var estimator: String
        /// E-step passes, or nil when runs.csv has none (no start).
        var eSteps: Double?
        var solved: Bool
    }

    /// The solve threshold of Moré & Wild's convergence test, on the
    /// log-likelihood scale: 1e-6·max(1, |ℓ_ref|).
    static func solveTolerance(reference: Double) -> Double { 1e-6 * max(1, abs(reference)) }

    /// The selected fits of runs.csv with their solved verdicts, or nil when
    /// runs.csv has no `logLikelihoodReference` column.
    ///
    /// - Throws: ``EMLabError`` `.io` if the file cannot be read,
    ///   `.invalidData` if it lacks a column every runs.csv has.
    static func profileFits(runsPath: String) throws -> [ProfileFit]? {
        let table = try PlotTable(path: runsPath)
        guard let referenceColumn = table.header.firstIndex(of: "logLikelihoodReference") else { return nil }
        let groupColumns = try ["truth", "sampler", "n", "init"].map { try table.column($0) }
        let estimatorColumn = try table.column("estimator"), selectedColumn = try table.column("selected")
        let eStepsColumn = try table.column("eSteps"), logLikelihoodColumn = try table.column("logLikelihood")
        let flagColumns = ["failError", "failNotConverged", "failWorse"].map { table.header.firstIndex(of: $0) }
        var fits: [ProfileFit] = []
        while let row = try table.nextRow() {
            func cell(_ index: Int) -> String { index < row.count ? row[index] : "" }
            guard cell(selectedColumn) == "1" else { continue }
            let eSteps = parseNumber(cell(eStepsColumn)).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
            var solved = eSteps != nil
            for case let column? in flagColumns where cell(column) != "0" { solved = false }
            if flagColumns[2] == nil {
                // No failWorse verdict in the file: judge against the reference with the study's ε.
                let logLikelihood = parseNumber(cell(logLikelihoodColumn)), reference = parseNumber(cell(referenceColumn))
                if let logLikelihood, let reference, logLikelihood.isFinite, reference.isFinite {
                    if reference - logLikelihood > solveTolerance(reference: reference) { solved = false }
                } else {
                    solved = false
                }
            }
            fits.append(
                ProfileFit(group: groupColumns.map(cell), estimator: cell(estimatorColumn), eSteps: eSteps, solved: solved))
        }
        return fits
    }

    /// The data profiles of the study whose runs.csv is `runsPath`, or nil
    /// when runs.csv has no reference maximum or no selected fit.
    ///
    /// - Complexity: O(F log F) for F selected fits.
    /// - Throws: as ``profileFits(runsPath:)``.
    static func dataProfiles(runsPath: String) throws -> PlotFiles? {
        guard let fits = try profileFits(runsPath: runsPath), !fits.isEmpty else { return nil }
        return dataProfiles(fits: fits)
    }

    /// The data profiles of `fits` (see ``dataProfiles(runsPath:)``).
    static func dataProfiles(fits: [ProfileFit]) -> PlotFiles {
        let name = "data-profiles"
        let description =
            "data profiles (Moré & Wild 2009): fraction of each estimator's fits solved — no failError, failNotConverged "
            + "or failWorse (within 1e-6·max(1, |ℓ_ref|) of the reference maximum) — against E-steps, per condition group"
        var script = Gnuplot.preamble(name: name, description: description)
        var groups: [[String]] = []
        var byGroup: [[String]: [ProfileFit]] = [:]
        for fit in fits {
            if byGroup[fit.group] == nil { groups.append(fit.group) }
            byGroup[fit.group, default: []].append(fit)
        }
        let estimators = Array(Set(fits.map(\.estimator))).sorted()
        let drawnGroups = Array(groups.prefix(dataProfileGroupLimit))
        // A panel is titled by the group factors that vary among the groups.
        let factorNames = ["truth", "sampler", "n", "init"]
        let varying = factorNames.indices.filter { index in Set(groups.map { $0[index] }).count > 1 }
        func groupTitle(_ group: [String]) -> String {
            // With a single group nothing varies: name every factor.
            let shown = varying.isEmpty ? Array(factorNames.indices) : varying
            return shown.map { PlotConditionLabels.factorText(factorNames[$0], group[$0]) }.joined(separator: " ")
        }
        var data =
            "# \(name).dat — written by emlab from runs.csv (selected fits)\n"
            + "# One block per condition group × estimator: eSteps fractionSolved (a step function from (1, 0) to the group's largest eSteps).\n"
        var blocks: [(group: Int, estimator: Int, index: Int)] = []
        for (groupIndex, group) in drawnGroups.enumerated() {
            let members = byGroup[group]!
            let right = max(2, members.compactMap(\.eSteps).max() ?? 2)
            for (estimatorIndex, estimator) in estimators.enumerated() {
                let own = members.filter { $0.estimator == estimator }
                guard !own.isEmpty else { continue }
                let solved = own.filter(\.solved).compactMap(\.eSteps).sorted()
                var rows = "1 0\n"
                for (rank, eSteps) in solved.enumerated() {
                    rows += "\(Gnuplot.number(eSteps)) \(Gnuplot.number(Double(rank + 1) / Double(own.count)))\n"
                }
                rows += "\(Gnuplot.number(right)) \(Gnuplot.number(Double(solved.count) / Double(own.count)))\n"
                data +=
                    (blocks.isEmpty ? "\n" : "\n\n")
                    + "# index \(blocks.count): \(groupTitle(group)) — \(estimator): \(solved.count) of \(own.count) solved\n" + rows
                blocks.append((groupIndex, estimatorIndex, blocks.count))
            }
        }
        let columns = min(3, drawnGroups.count), rows = (drawnGroups.count + columns - 1) / columns
        let width = 900, height = 90 + 300 * rows
        var title = "Data profiles: fraction of fits solved within t E-steps (failures never solved)"
        if groups.count > drawnGroups.count { title += " — first \(drawnGroups.count) of \(groups.count) condition groups drawn" }
        script += "set terminal svg size \(width),\(height) dynamic enhanced font \"sans,11\" background rgb \"white\"\n"
        script += "set output OUTPUT\n"
        script += Gnuplot.lineStyles(estimators.count)
        script += """
            set multiplot layout \(rows),\(columns) title \(Gnuplot.literal(title)) font ",13"
            set logscale x
            set format x "10^{%L}"
            set yrange [0:1.05]
            set ytics 0, 0.25, 1
            set grid lc rgb "#dddddd"
            set xlabel 'E-steps t' offset 0,0.5
            set ylabel 'fraction solved' offset 1,0
            set key bottom right font ",8" samplen 1.5 spacing 0.9

            """
        for (groupIndex, group) in drawnGroups.enumerated() {
            let own = blocks.filter { $0.group == groupIndex }
            script += "set title \(Gnuplot.literal(groupTitle(group))) font \",10\"\n"
            script +=
                "plot "
                + own.map { block in
                    "'\(name).dat' index \(block.index) using 1:2 with steps ls \(block.estimator + 1) title \(Gnuplot.literal(estimators[block.estimator]))"
                }.joined(separator: ", \\\n     ") + "\n"
        }
        script += "unset multiplot\n"
        return PlotFiles(name: name, dataFiles: [("\(name).dat", data)], script: script)
    }
}
