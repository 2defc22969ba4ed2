import Foundation

extension EMTrace {
    /// The column names a trace may use, after lower-casing and dropping
    /// `_`, `-`, `.`, spaces and brackets (`log_likelihood`, `mu[1]`, `pi_1`):
    /// EMLab's `--trace` schema and the names course code writes.
    enum ColumnKind: Equatable {
        case iteration, logLikelihood
        case weight(Int)
        case mean(Int)
        case sd(Int)
        case variance(Int)

        static let iterationNames: Set<String> = ["iteration", "iter", "it", "step", "t", "iterations"]
        static let logLikelihoodNames: Set<String> = ["loglikelihood", "loglik", "ll", "logl", "llh", "loglike"]
        static let weightNames: Set<String> = ["weight", "weights", "pi", "p", "w", "prior", "mix", "mixing"]
        static let meanNames: Set<String> = ["mean", "means", "mu", "m"]
        static let sdNames: Set<String> = ["sd", "sds", "sigma", "std", "stdev", "stddev", "s"]
        static let varianceNames: Set<String> = ["var", "variance", "variances", "vars", "sigmasq", "sigmasquared"]

        /// The accepted spellings, for the message about an unknown column.
        static let spellings =
            "iteration (iter, step), logLikelihood (loglik, ll), weight1..K (pi, p, w), mean1..K (mu), sd1..K (sigma, std) or var1..K (variance)"

        init?(header: String) {
            let name = String(header.lowercased().filter { !"_-. []()".contains($0) })
            if Self.iterationNames.contains(name) {
                self = .iteration
                return
            }
            if Self.logLikelihoodNames.contains(name) {
                self = .logLikelihood
                return
            }
            let stem = String(name.reversed().drop(while: \.isNumber).reversed())
            guard stem.count < name.count, let index = Int(name.dropFirst(stem.count)) else { return nil }
            if Self.weightNames.contains(stem) {
                self = .weight(index)
            } else if Self.meanNames.contains(stem) {
                self = .mean(index)
            } else if Self.sdNames.contains(stem) {
                self = .sd(index)
            } else if Self.varianceNames.contains(stem) {
                self = .variance(index)
            } else {
                return nil
            }
        }
    }

    /// Reads a trace file (see ``read(text:file:)``).
    ///
    /// - Throws: ``EMLabError`` `.io` when it cannot be read, `.invalidData` as ``read(text:file:)``.
    public static func read(path: String) throws -> EMTrace {
        guard let data = FileManager.default.contents(atPath: path) else { throw EMLabError(.io, "\(path): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw EMLabError(.invalidData, "\(path): is not UTF-8 text") }
        return try read(text: text, file: path)
    }

    /// Reads a trace: a header row, then one row per iteration, the start first.
    ///
    /// Fields are separated by commas (or tabs, or spaces when the header has
    /// neither, as `np.savetxt` writes by default, whose `# ` before the header
    /// is dropped). K is the number of mean columns; the weight columns may be
    /// left out (the audit then takes 1/K, for fixed weights) and so may the sd
    /// columns (for a known σ). Indices may count from 0 or from 1.
    ///
    /// - Throws: ``EMLabError`` `.invalidData` with one line naming the file,
    ///   the row and the column: an unknown column; blocks of different sizes
    ///   or with gaps (wrong K); a field that is not a number; a negative
    ///   weight or sd; a start whose weights do not sum to 1; iterations out of
    ///   order (each row must be the one after the last); fewer than two rows;
    ///   a start that is not finite.
    /// - Complexity: O(rows·K).
    public static func read(text: String, file: String) throws -> EMTrace {
        var lines: [(number: Int, text: Substring)] = []
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var body = line
            if body.hasSuffix("\r") { body = body.dropLast() }
            if body.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            lines.append((i + 1, body))
        }
        guard var header = lines.first else { throw EMLabError(.invalidData, "\(file): is empty; a trace needs a header row and a row per iteration") }
        if header.text.hasPrefix("#") { header.text = header.text.dropFirst().drop { $0 == " " } }
        let split: (Substring) -> [Substring]
        if header.text.contains(",") {
            split = { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces)[...] } }
        } else if header.text.contains("\t") {
            split = { $0.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces)[...] } }
        } else {
            split = { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
        }
        let names = split(header.text).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        let columns = try names.enumerated().map { (index, name) -> ColumnKind in
            guard let kind = ColumnKind(header: name) else {
                throw EMLabError(
                    .invalidData, "\(file):\(header.number): column \(index + 1) '\(name)' is not a trace column; the columns are \(ColumnKind.spellings)")
            }
            return kind
        }
        let layout = try Layout(columns: columns, names: names, file: file, line: header.number)
        var rows: [Row] = []
        var texts: [[Substring]] = []
        for line in lines.dropFirst() {
            let fields = split(line.text)
            guard fields.count == names.count else {
                throw EMLabError(.invalidData, "\(file):\(line.number): has \(fields.count) fields; the header has \(names.count)")
            }
            texts.append(fields)
        }
        guard texts.count >= 2 else {
            throw EMLabError(
                .invalidData,
                "\(file): has \(texts.count) row\(texts.count == 1 ? "" : "s") after the header; the audit needs at least two (the start and one step)")
        }
        // How each column was written, from all its values.
        let forms = names.indices.map { c in PrintedPrecision.form(of: texts.map { $0[c] }) }
        let k = layout.componentCount
        for (r, fields) in texts.enumerated() {
            let lineNumber = lines[r + 1].number
            var values = [Double](repeating: .nan, count: fields.count)
            var rounding = [Double](repeating: 0, count: fields.count)
            for (c, field) in fields.enumerated() {
                guard let value = parseNumber(field) else {
                    throw EMLabError(.invalidData, "\(file):\(lineNumber): column '\(names[c])' holds '\(field)', which is not a number")
                }
                values[c] = value
                rounding[c] = PrintedPrecision.halfUnit(field, value: value, form: forms[c])
            }
            let iteration: Int
            if let c = layout.iteration {
                guard values[c].isFinite, values[c] == values[c].rounded(), abs(values[c]) < 1e15 else {
                    throw EMLabError(.invalidData, "\(file):\(lineNumber): column '\(names[c])' holds '\(fields[c])', not an iteration number")
                }
                iteration = Int(values[c])
            } else {
                iteration = r
            }
            if let previous = rows.last, iteration != previous.iteration + 1 {
                throw EMLabError(
                    .invalidData,
                    "\(file):\(lineNumber): column '\(names[layout.iteration!])': iteration \(iteration) follows iteration \(previous.iteration); rows must be in order, one per iteration"
                )
            }
            let pick = { (cs: [Int]?) in cs.map { $0.map { values[$0] } } }
            let pickRounding = { (cs: [Int]?) in cs.map { $0.map { rounding[$0] } } }
            let weights = pick(layout.weights) ?? [Double](repeating: 1 / Double(k), count: k)
            let means = pick(layout.means)!
            var sds = pick(layout.sds) ?? [Double](repeating: .nan, count: k)
            var sdRounding = pickRounding(layout.sds) ?? [Double](repeating: 0, count: k)
            for j in 0..<k {
                if let w = layout.weights?[j], values[w] < 0 {
                    throw EMLabError(.invalidData, "\(file):\(lineNumber): column '\(names[w])' is \(fields[w]): a weight cannot be negative")
                }
                if let s = layout.sds?[j], values[s] < 0 {
                    let what = layout.givesVariances ? "a variance" : "a standard deviation"
                    throw EMLabError(.invalidData, "\(file):\(lineNumber): column '\(names[s])' is \(fields[s]): \(what) cannot be negative")
                }
                if layout.givesVariances {
                    // σ = √v; half a unit δ of v is δ/(2σ) of σ (to first order).
                    sds[j] = sds[j].squareRoot()
                    sdRounding[j] = sds[j] > 0 ? sdRounding[j] / (2 * sds[j]) : sdRounding[j].squareRoot()
                }
            }
            let row = Row(
                line: lineNumber, iteration: iteration, logLikelihood: layout.logLikelihood.map { values[$0] },
                weights: weights, means: means, sds: sds,
                weightRounding: pickRounding(layout.weights), meanRounding: pickRounding(layout.means), sdRounding: sdRounding,
                logLikelihoodRounding: layout.logLikelihood.map { rounding[$0] } ?? 0)
            if r == 0 {
                for (c, value) in zip(layout.parameterColumns, layout.parameterColumns.map { values[$0] }) where !value.isFinite {
                    throw EMLabError(.invalidData, "\(file):\(lineNumber): column '\(names[c])' of the start is \(fields[c]); the start must be finite")
                }
                if let w = layout.weights {
                    let total = weights.reduce(0, +)
                    let allowed = 1e-9 * Double(k) + w.map { rounding[$0] }.reduce(0, +)
                    guard abs(total - 1) <= allowed else {
                        let (first, last) = (names[w[0]], names[w[k - 1]])
                        throw EMLabError(
                            .invalidData,
                            "\(file):\(lineNumber): columns '\(first)'…'\(last)': the start's weights sum to \(formatNumber(total)), not 1, so it is not a mixture"
                        )
                    }
                }
            }
            rows.append(row)
        }
        return EMTrace(
            file: file, rows: rows, weightColumns: layout.weights.map { $0.map { names[$0] } },
            meanColumns: layout.means.map { names[$0] }, sdColumns: layout.sds.map { $0.map { names[$0] } },
            givesVariances: layout.givesVariances, hasWeights: layout.weights != nil, hasSDs: layout.sds != nil)
    }

    /// Where each parameter is in a row, from the header.
    struct Layout {
        var iteration: Int?
        var logLikelihood: Int?
        var weights: [Int]?
        var means: [Int]
        var sds: [Int]?
        var givesVariances = false
        var componentCount: Int { means.count }
        var parameterColumns: [Int] { (weights ?? []) + means + (sds ?? []) }

        init(columns: [ColumnKind], names: [String], file: String, line: Int) throws {
            var blocks: [String: [(index: Int, column: Int)]] = [:]
            for (c, kind) in columns.enumerated() {
                switch kind {
                case .iteration:
                    guard iteration == nil else {
                        throw EMLabError(.invalidData, "\(file):\(line): column \(c + 1) '\(names[c])' is a second iteration column")
                    }
                    iteration = c
                case .logLikelihood:
                    guard logLikelihood == nil else {
                        throw EMLabError(.invalidData, "\(file):\(line): column \(c + 1) '\(names[c])' is a second log-likelihood column")
                    }
                    logLikelihood = c
                case .weight(let i): blocks["weight", default: []].append((i, c))
                case .mean(let i): blocks["mean", default: []].append((i, c))
                case .sd(let i): blocks["sd", default: []].append((i, c))
                case .variance(let i): blocks["variance", default: []].append((i, c))
                }
            }
            if blocks["sd"] != nil, let v = blocks["variance"]?.first {
                throw EMLabError(
                    .invalidData, "\(file):\(line): column \(v.column + 1) '\(names[v.column])': the trace has both sd and variance columns; give one")
            }
            guard let meanBlock = blocks["mean"] else {
                throw EMLabError(.invalidData, "\(file):\(line): has no mean columns (mean1..K or mu1..K); K is read from them")
            }
            let k = meanBlock.count
            // Indices 0…K−1 or 1…K, each once, in every block: else K is wrong somewhere.
            func ordered(_ name: String) throws -> [Int]? {
                guard let block = blocks[name] else { return nil }
                let base = block.map(\.index).min()!
                var byIndex = [Int?](repeating: nil, count: k)
                for entry in block {
                    let slot = entry.index - base
                    guard base <= 1, block.count == k, slot < k, byIndex[slot] == nil else {
                        throw EMLabError(
                            .invalidData,
                            "\(file):\(line): column \(entry.column + 1) '\(names[entry.column])': the header has \(k) mean columns but \(block.count) \(name) columns numbered \(block.map(\.index).sorted().map(String.init).joined(separator: ",")); K is read from the header, and every block needs one column per component, numbered 1…K (or 0…K−1)"
                        )
                    }
                    byIndex[slot] = entry.column
                }
                return byIndex.map { $0! }
            }
            means = try ordered("mean")!
            weights = try ordered("weight")
            if let s = try ordered("sd") {
                sds = s
            } else if let v = try ordered("variance") {
                sds = v
                givesVariances = true
            }
        }
    }
}
