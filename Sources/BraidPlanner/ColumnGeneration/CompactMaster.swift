import BraidPolicy
import BraidScenario
import BraidSolver

/// The compact master of ``ColumnGeneration`` (served phase, from ``Tuning/compactMasterFrom``
/// applicants; see ``ColumnGeneration/compact``): its LP and layout, the bases mapped between
/// layouts, its solution told in the full master's layout, the patterns it drops, and the MIP over
/// the margin built from it.
extension ColumnGeneration {
    /// Whether the compact master pins run variable `e` (a program that may run runs).
    func pins(_ e: Int) -> Bool { e < d.f.runs.count && base.upperBounds[d.extras[e].index] >= 1 }

    /// The live columns in LP order and the participants with two or more of them.
    func compactLayout() -> CompactLayout {
        CompactLayout(
            columns: columns.indices.filter { live[$0] && !settled[$0] },
            rowed: active.filter { i in columnsOf[i].lazy.filter { live[$0] }.count >= 2 })
    }

    /// The compact master's LP for `layout` (see ``compact``): the extras (programs that may run
    /// pinned at 1), the artificials, the live columns (each at most 1; 0 when the program cannot
    /// run); the linking rows, then Σ patterns ≤ 1 for each participant in `layout.rowed`.
    /// `constants`: ``settledConstants()``, computed once per round.
    func compactMaster(_ layout: CompactLayout, _ constants: (shift: [Double], constant: Double)) -> LinearModel {
        let f = d.f
        var m = LinearModel(name: "master")
        var rowTerms = [[(Variable, Double)]](repeating: [], count: f.linkingRows.count)
        var at: [Double] = []
        for (e, v) in d.extras.enumerated() {
            let lower = pins(e) ? base.upperBounds[v.index] : base.lowerBounds[v.index]
            let x = m.addVariable("", lower: lower, upper: base.upperBounds[v.index])
            for entry in d.extraEntries[e] { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
            at.append(lower)
        }
        let (shift, constant) = constants
        addArtificials(&m, &rowTerms, extrasAt: at, allowed: true, constants: shift)
        var position = [Int?](repeating: nil, count: columns.count)
        for c in layout.columns {
            let i = columns[c].participant
            position[c] = m.variableCount
            let x = m.addVariable("", upper: base.upperBounds[d.extras[d.programOf[i]!].index] >= 1 ? 1 : 0)
            m.setObjectiveCoefficient(x, f.analyses[i].value)
            for entry in columns[c].entries { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
        }
        for j in 0..<f.linkingRows.count {
            m.addConstraint("", rowTerms[j], base.bound(of: f.linkingRows[j], less: shift[j]))
        }
        for i in layout.rowed {
            m.addConstraint(
                "", columnsOf[i].filter { live[$0] }.compactMap { c in position[c].map { (Variable(index: $0), 1.0) } },
                .atMost(1))
        }
        m.setObjective(
            .maximize,
            (0..<m.variableCount).map { (Variable(index: $0), m.objectiveCoefficients[$0]) }.filter { $0.1 != 0 },
            constant: constant)
        return m
    }

    /// What the settled patterns (each at 1) put in each linking row, and their weight.
    func settledConstants() -> (shift: [Double], constant: Double) {
        constants(of: columns.indices.filter { settled[$0] }) { d.f.analyses[$0.participant].value }
    }

    /// A settled pattern's reduced value at duals `pi` (of the linking rows).
    func settledReducedValue(_ c: Int, _ pi: ArraySlice<Double>) -> Double {
        reduced(d.f.analyses[columns[c].participant].value, by: c, at: pi)
    }

    /// Whether settled pattern `c`'s reduced value in `s` (told in the full layout) is negative
    /// beyond GLPK's tolerance.
    func settledBelowZero(_ c: Int, _ s: Solution) -> Bool {
        s.reducedCosts[firstColumn + c] < -Tolerance.reducedValue * (1 + d.f.analyses[columns[c].participant].value)
    }

    /// What settled patterns with a negative reduced value take from the master's dual bound:
    /// held at 1 as constants, each such pattern's (negative) reduced value is in the master's
    /// optimum, where the full master would hold it at a bound of 0 instead.
    func settledShortfall(_ s: Solution) -> Double {
        columns.indices.reduce(0.0) {
            settled[$1] && settledBelowZero($1, s) ? $0 - s.reducedCosts[firstColumn + $1] : $0
        }
    }

    /// Sends back into the LP, at 1, the settled pattern of each participant `receiving` a new one.
    mutating func returnSettled(of receiving: Set<Int>) {
        for i in receiving {
            for c in columnsOf[i] where settled[c] {
                settled[c] = false
                returning[c] = .atUpper
            }
        }
    }

    /// Sends back into the LP (at 0) every settled pattern whose reduced value in `s` is
    /// negative; its participant never settles again.
    /// - Returns: how many went back.
    mutating func unsettle(_ s: Solution) -> Int {
        var count = 0
        for c in columns.indices where settled[c] && settledBelowZero(c, s) {
            settled[c] = false
            returning[c] = .atLower
            unsettledOnce.insert(columns[c].participant)
            count += 1
        }
        return count
    }

    /// Settles (see ``settled``) each live pattern of the last solve held at its bound 1 with a
    /// reduced value above `margin` (relative to 1 + the weight), whose participant has no row, is
    /// not `receiving` a pattern and has never had a settled pattern go back.
    ///
    /// With `resting`, in the same pass, takes out of the LP each live pattern held at 0 with a
    /// reduced value below −``Tuning/settleMargin`` (relative), whose participant has no row, is not
    /// `receiving` a pattern and whose pattern was never dropped before. Pricing still covers
    /// them: an improving pattern brings theirs back (and it is never dropped again). Fewer live
    /// columns make each simplex iteration cheaper (docs/benchmark-history.md, sixth session).
    mutating func settle(receiving: Set<Int>, margin: Double? = nil, resting: Bool = false) {
        let margin = margin ?? d.tuning.settleMargin
        guard let s = solution, basis != nil || interior else { return }
        let rowed = Set(layout.rowed)
        for (k, c) in layout.columns.enumerated() where live[c] && !settled[c] {
            let i = columns[c].participant
            guard !rowed.contains(i), !receiving.contains(i) else { continue }
            let scale = 1 + d.f.analyses[i].value
            switch patternStatus(c, at: firstColumn + k) {
            case .atUpper where !unsettledOnce.contains(i) && s.reducedCosts[firstColumn + c] > margin * scale:
                settled[c] = true
                settlings += 1
            case .atLower
            where resting && !sticky[c] && s.reducedCosts[firstColumn + c] < -d.tuning.settleMargin * scale:
                live[c] = false
            default: break
            }
        }
    }

    /// The compact master's starting basis for `new`: the last basis where structure is shared
    /// (a new row's slack basic, a new column at 0; a participant losing their row keeps their
    /// one pattern, which was basic at 1, at its upper bound); without one, the chosen patterns
    /// at 1 with every row's slack basic. Nil when neither exists (or the mapping does not give a
    /// square basis, which GLPK would reject).
    func compactBasis(_ model: LinearModel, _ new: CompactLayout, start: [Int: Int]?) -> Basis? {
        let m = d.f.linkingRows.count
        guard let old = basis else {
            guard let start else { return nil }
            let chosen = Set(start.values)
            let rows = [BasisStatus](repeating: .basic, count: m + new.rowed.count)
            var cols = (0..<firstColumn).map { j -> BasisStatus in
                let (lower, upper) = (model.lowerBounds[j], model.upperBounds[j])
                return lower == upper ? .fixed : (j < d.f.runs.count ? .atUpper : .atLower)
            }
            for (k, c) in new.columns.enumerated() {
                cols.append(chosen.contains(c) && model.upperBounds[firstColumn + k] > 0 ? .atUpper : .atLower)
            }
            return Basis(rows: rows, columns: cols)
        }
        var oldColumn = [Int?](repeating: nil, count: columns.count)
        for (k, c) in layout.columns.enumerated() { oldColumn[c] = k }
        var oldRow: [Int: Int] = [:]
        for (k, i) in layout.rowed.enumerated() { oldRow[i] = k }
        var rows = (0..<m).map { old.status(ofRow: $0) }
        for i in new.rowed { rows.append(oldRow[i].map { old.status(ofRow: m + $0) } ?? .basic) }
        var cols = (0..<firstColumn).map { old.status(ofColumn: $0) }
        var newColumn = [Int?](repeating: nil, count: columns.count)
        for (k, c) in new.columns.enumerated() {
            newColumn[c] = k
            cols.append(
                oldColumn[c].map { old.status(ofColumn: firstColumn + $0) }
                    ?? returning[c] ?? (replacing.contains(columns[c].participant) ? .atUpper : .atLower))
        }
        let rowed = Set(new.rowed)
        for (k, i) in layout.rowed.enumerated() where !rowed.contains(i) && old.status(ofRow: m + k) != .basic {
            // The row's slack was at its limit (Σ = 1) with the one pattern left basic: that
            // pattern at its bound takes the slack's place.
            guard let c = columnsOf[i].first(where: { live[$0] }), let k = newColumn[c],
                cols[firstColumn + k] == .basic
            else { return nil }
            cols[firstColumn + k] = .atUpper
        }
        guard rows.count(where: { $0 == .basic }) + cols.count(where: { $0 == .basic }) == rows.count else {
            return nil
        }
        return Basis(rows: rows, columns: cols)
    }

    /// The compact master's solution in the full master's layout (every column, a convexity dual
    /// for every participant: their row's dual, if any, plus the largest positive reduced value
    /// of a pattern at its bound x ≤ 1, which is what that bound carries).
    func expanded(_ s: Solution, _ layout: CompactLayout, shift: [Double]) -> Solution {
        let m = d.f.linkingRows.count
        var values = Array(s.values[0..<firstColumn]) + [Double](repeating: 0, count: columns.count)
        var reduced = Array(s.reducedCosts[0..<firstColumn]) + [Double](repeating: 0, count: columns.count)
        for (k, c) in layout.columns.enumerated() {
            values[firstColumn + c] = s.values[firstColumn + k]
            reduced[firstColumn + c] = s.reducedCosts[firstColumn + k]
        }
        for c in columns.indices where settled[c] {
            values[firstColumn + c] = 1
            reduced[firstColumn + c] = settledReducedValue(c, s.duals[0..<m])
        }
        var rowDual = [Double](repeating: 0, count: d.f.analyses.count)
        for (k, i) in layout.rowed.enumerated() { rowDual[i] = s.duals[m + k] }
        var duals = Array(s.duals[0..<m])
        var activities = (0..<m).map { s.rowActivities[$0] + shift[$0] }
        duals.reserveCapacity(m + active.count)
        activities.reserveCapacity(m + active.count)
        for i in active {
            // A pattern held at its bound 1 with a positive reduced value: the full master, which has
            // no such bound, carries that value in the participant's convexity dual.
            var held = 0.0, activity = 0.0
            for c in columnsOf[i] where live[c] {
                held = max(held, reduced[firstColumn + c])
                activity += values[firstColumn + c]
            }
            duals.append(rowDual[i] + held)
            activities.append(activity)
        }
        return Solution(
            status: s.status, objectiveValue: s.objectiveValue, bestBound: s.bestBound, relativeGap: s.relativeGap,
            values: values, rowActivities: activities,
            duals: duals, reducedCosts: reduced, basis: nil, statistics: s.statistics)
    }

    /// Per pinned program that may also not run: how far its full reduced value (with every
    /// participant's convexity dual) is below zero, i.e. how much the pin could overstate the
    /// master's dual bound. All zero: the compact master's optimum is the full master's.
    func pinShortfall(_ s: Solution) -> Double {
        let f = d.f
        // Each program's participants' convexity duals, summed in one pass over the roster.
        var convexity = [Double](repeating: 0, count: f.runs.count)
        for (n, i) in active.enumerated() { convexity[d.programOf[i]!] += s.duals[f.linkingRows.count + n] }
        var total = 0.0
        for e in f.runs.indices
        where pins(e) && base.lowerBounds[d.extras[e].index] < base.upperBounds[d.extras[e].index] {
            var r = convexity[e]
            for entry in d.extraEntries[e] { r -= s.duals[Int(entry.row)] * entry.coefficient }
            total += max(0, -r)
        }
        return total
    }

    /// Drops, for participants with a row and those about to receive a pattern, every live
    /// pattern the last basis holds nonbasic at zero (at least one stays for each). (Dropping the
    /// degenerate basic ones too, with their row's slack taking their place, kept fewer rows but
    /// took 14 pricing rounds instead of 8 at 10,000 applicants, and longer.)
    mutating func prune(_ shape: CompactLayout, receiving: Set<Int>) {
        var lpIndex = [Int?](repeating: nil, count: columns.count)
        for (k, c) in shape.columns.enumerated() { lpIndex[c] = firstColumn + k }
        guard basis != nil || (interior && solution != nil) else { return }
        // (A settled pattern is held at 1.)
        func status(_ c: Int) -> BasisStatus {
            settled[c] ? .atUpper : lpIndex[c].map { patternStatus(c, at: $0) } ?? .atLower
        }
        for i in Set(shape.rowed).union(receiving).sorted() {
            let mine = columnsOf[i].filter { live[$0] && (lpIndex[$0] != nil || settled[$0]) }
            var kept = mine.count + (receiving.contains(i) ? 1 : 0)
            // (Not for the interior point: its solve starts from no basis, so the old pattern would
            // simply be lost; both stay, and the one at zero goes next round.)
            if !interior, receiving.contains(i), mine.count == 1, !sticky[mine[0]], status(mine[0]) == .atUpper,
                !shape.rowed.contains(i)
            {
                // Served by one pattern and priced a better one: the new one takes its place at 1
                // (no row needed); should the old one come back, both stay, with a row.
                live[mine[0]] = false
                settled[mine[0]] = false
                replacing.insert(i)
                continue
            }
            for c in mine where kept > 1 && !sticky[c] && status(c) == .atLower {
                live[c] = false
                kept -= 1
            }
        }
    }

    /// The MIP over the margin (`binaries` free, `fixed` served, `exclude`d patterns at 0). With
    /// the compact master the model holds only what it decides: excluded patterns are left out, a
    /// fixed participant's one open pattern is a constant (its entries moved into the row limits,
    /// its weight into the objective's constant), and only free participants and fixed ones with
    /// two open patterns have a row. ``MarginModel/positions`` tells where each pattern is;
    /// ``expandedMargin(_:_:)`` tells a solution in the full layout. (At 100,000 applicants: a few
    /// hundred variables instead of 190,000.) `reduced` builds it so over the full master too (the
    /// four-year Indiana's workbench edits: 320 variables instead of 2,550, the MIP 40 → ~10 ms);
    /// exact runs keep the full master's model, whose plans the shipped outputs record.
    func marginModel(fixed: Set<Int>, binaries: [Int], exclude: Set<Int>, reduced: Bool = false) -> MarginModel {
        guard compact || reduced, phase == .served, !binaries.isEmpty else {
            return MarginModel(model: master(fixed: fixed, binaries: binaries, exclude: exclude), positions: nil)
        }
        let f = d.f
        var m = LinearModel(name: "margin")
        var rowTerms = [[(Variable, Double)]](repeating: [], count: f.linkingRows.count)
        let running = Set(fixed.compactMap { d.programOf[$0] })
        for (e, v) in d.extras.enumerated() {
            let lower = running.contains(e) ? max(1, base.lowerBounds[v.index]) : base.lowerBounds[v.index]
            let x = m.addVariable("", kind: base.variableKinds[v.index], lower: lower, upper: base.upperBounds[v.index])
            for entry in d.extraEntries[e] { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
        }
        addArtificials(&m, &rowTerms, extrasAt: d.extras.map { base.lowerBounds[$0.index] }, allowed: false)
        var position = [MarginPosition](repeating: .omitted, count: columns.count)
        for i in fixed {
            let open = columnsOf[i].filter { !exclude.contains($0) }
            if open.count == 1 { position[open[0]] = .constant }
        }
        var shift = [Double](repeating: 0, count: f.linkingRows.count)
        var constant = 0.0
        for (c, column) in columns.enumerated() where !exclude.contains(c) {
            let weight = f.analyses[column.participant].value
            if position[c] == .constant {
                constant += weight
                for entry in column.entries { shift[Int(entry.row)] += entry.coefficient }
                continue
            }
            position[c] = .variable(m.variableCount)
            let x = m.addVariable("")
            m.setObjectiveCoefficient(x, weight)
            for entry in column.entries { rowTerms[Int(entry.row)].append((x, entry.coefficient)) }
        }
        var ys: [Int: Variable] = [:]
        for i in binaries { ys[i] = m.addVariable("", kind: .binary) }
        for j in 0..<f.linkingRows.count {
            m.addConstraint("", rowTerms[j], base.bound(of: f.linkingRows[j], less: shift[j]))
        }
        for i in active {
            let open: [Variable] = columnsOf[i].compactMap {
                if case .variable(let index) = position[$0] { return Variable(index: index) }
                return nil
            }
            guard ys[i] != nil || !open.isEmpty else { continue }
            addServedRow(&m, i, open.map { ($0, 1.0) }, binary: ys[i], fixed: fixed.contains(i))
        }
        m.setObjective(
            .maximize,
            (0..<m.variableCount).map { (Variable(index: $0), m.objectiveCoefficients[$0]) }.filter { $0.1 != 0 },
            constant: constant)
        return MarginModel(model: m, positions: position)
    }

    /// A solution of ``marginModel(fixed:binaries:exclude:)`` in the full master's layout.
    func expandedMargin(_ s: Solution, _ positions: [MarginPosition]) -> Solution {
        var values = Array(s.values.prefix(firstColumn)) + [Double](repeating: 0, count: columns.count)
        if s.values.count >= firstColumn {
            for (c, p) in positions.enumerated() {
                switch p {
                case .omitted: break
                case .constant: values[firstColumn + c] = 1
                case .variable(let index): values[firstColumn + c] = s.values[index]
                }
            }
        }
        return Solution(
            status: s.status, objectiveValue: s.objectiveValue, bestBound: s.bestBound, relativeGap: s.relativeGap,
            values: values, rowActivities: [], duals: [],
            reducedCosts: [], basis: nil, statistics: s.statistics)
    }
}

/// What the compact master's LP holds: the live columns in LP order, and the participants with a
/// convexity row (two or more live patterns).
struct CompactLayout: Equatable {
    var columns: [Int]
    var rowed: [Int]
}

/// Where a pattern sits in the margin MIP (``ColumnGeneration/marginModel(fixed:binaries:exclude:)``).
enum MarginPosition: Equatable {
    /// Left out (excluded, or its participant is not in the MIP).
    case omitted
    /// A fixed participant's one open pattern, held at 1 as a constant.
    case constant
    /// The MIP's variable at this index.
    case variable(Int)
}

/// The margin MIP and, for the compact master's version, where each pattern sits in it.
struct MarginModel {
    var model: LinearModel
    /// Per pattern; nil when the model is the full master's (patterns at their own columns).
    let positions: [MarginPosition]?
}
