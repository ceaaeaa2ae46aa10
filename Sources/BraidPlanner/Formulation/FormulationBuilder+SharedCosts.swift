import BraidPolicy
import BraidScenario
import BraidSolver

/// Where a shared cost's basis total may lie in one solve of the rate search, in whole units
/// (participants, hundredths of an hour, cents): docs/DESIGN.md, "Shared costs".
public struct BasisBox: Sendable, Equatable {
    public var lo: Int64
    public var hi: Int64
    /// The basis total a held stream's share is measured against in this solve: `lo` relaxes
    /// the rule over the box (nil when `lo` is 0: no limit), `hi` restricts it (every plan in
    /// the box keeps the rule; 0: held streams pay nothing); at a point both are exact.
    public var shareAt: Int64?

    /// The relaxation over lo ≤ X ≤ hi.
    public static func relaxing(_ lo: Int64, _ hi: Int64) -> BasisBox {
        BasisBox(lo: lo, hi: hi, shareAt: lo > 0 ? lo : hi == 0 ? 0 : nil)
    }

    /// The restriction over lo ≤ X ≤ hi.
    public static func restricting(_ lo: Int64, _ hi: Int64) -> BasisBox { BasisBox(lo: lo, hi: hi, shareAt: hi) }

    public var isPoint: Bool { lo == hi }
}

/// A served participant's or a running program's units in a shared cost's basis.
public struct BasisTerm: Sendable {
    /// A participant (index into the roster's analyses) or a program (index into the scenario's).
    public let owner: Int
    public let units: Int64
}

/// A shared cost in the model: its cells (program cells owned by `programs.count + pool`), the
/// streams held to their share, and the terms of its basis total.
public struct SharedCostRows: Sendable {
    public let pool: Int
    /// Indices into ``Formulation/programCells``.
    public let cells: [Int]
    /// Streams (indices) that pay at most their share of the benefit.
    public let held: [Int]
    public let served: [BasisTerm]
    public let programs: [BasisTerm]
    /// The basis total when everyone who can be served is.
    public var maxUnits: Int64 { served.reduce(0) { $0 + $1.units } + programs.reduce(0) { $0 + $1.units } }

    /// The basis total of a solution (binaries read at 0.5).
    public func units(_ values: [Double], _ f: Formulation) -> Int64 {
        served.reduce(Int64(0)) { $0 + (values[f.served[$1.owner].index] > 0.5 ? $1.units : 0) }
            + programs.reduce(Int64(0)) { $0 + (values[f.runs[$1.owner].index] > 0.5 ? $1.units : 0) }
    }
}

extension FormulationBuilder {
    /// Each shared cost: a cell per stream that may pay it, the row that pays it in full when
    /// its scope runs, its basis total kept in `boxes[pool]`, and for every stream held to its
    /// share: cells ≤ (amount / lo) × the stream's benefit (the relaxation over the box; exact
    /// at a point box).
    /// - Throws: ``InfeasibleError`` when no stream may pay a partnership-wide cost.
    mutating func addSharedCosts(_ boxes: [BasisBox]) throws(InfeasibleError) {
        for (p, cost) in scenario.sharedCosts.enumerated() {
            let payers = scenario.sharedPayers(cost)
            let g = cost.program.flatMap { programIndex[$0] }
            guard !payers.isEmpty else {
                guard let g else {
                    throw InfeasibleError(
                        "shared cost '\(cost.id)' (\(formatMoney(cost.amount)) of \(cost.category)) has no stream that may pay \(cost.category)"
                    )
                }
                model.setBounds(runs[g], lower: 0, upper: 0)
                sharedCosts.append(SharedCostRows(pool: p, cells: [], held: [], served: [], programs: []))
                continue
            }
            var mine: [Int] = []
            for payer in payers {
                let v = model.addVariable(
                    "v[\(cost.id),\(scenario.streams[payer.stream].id),\(cost.category)]",
                    upper: Double(cost.amount) / 100)
                programCells.append(
                    Cell(
                        owner: scenario.programs.count + p, stream: payer.stream, category: cost.category,
                        variable: v, upper: cost.amount))
                mine.append(programCells.count - 1)
            }
            let amount = Double(cost.amount) / 100
            var paid = mine.map { (programCells[$0].variable, 1.0) }
            if let g { paid.append((runs[g], -amount)) }
            linkingRows.append(model.addConstraint("shared[\(cost.id)]", paid, .equal(g == nil ? amount : 0)))
            let served = analyses.indices.compactMap { i -> BasisTerm? in
                let w = scenario.basisUnits(cost, analyses[i].person)
                return w > 0 && !cellsByParticipant[i].isEmpty ? BasisTerm(owner: i, units: w) : nil
            }
            let programTerms = scenario.programs.indices.compactMap { q -> BasisTerm? in
                let w = scenario.basisUnits(cost, scenario.programs[q])
                return w > 0 ? BasisTerm(owner: q, units: w) : nil
            }
            let rows = SharedCostRows(
                pool: p, cells: mine, held: payers.filter(\.heldToShare).map(\.stream), served: served,
                programs: programTerms)
            addBasisBox(cost, rows, boxes[p], run: g)
            if let at = boxes[p].shareAt, at > 0 {
                for s in rows.held { addShareRow(cost, rows, stream: s, denominator: at) }
            } else if boxes[p].shareAt == 0 {
                // (No benefit at all: a held stream's share is nothing.)
                for k in mine where rows.held.contains(programCells[k].stream) {
                    model.setBounds(programCells[k].variable, lower: 0, upper: 0)
                }
            }
            sharedCosts.append(rows)
        }
    }

    /// lo · runs ≤ the basis total ≤ hi · runs (runs: the scope's program, or 1).
    private mutating func addBasisBox(_ cost: SharedCost, _ rows: SharedCostRows, _ box: BasisBox, run g: Int?) {
        let total =
            rows.served.map { (served[$0.owner], Double($0.units)) }
            + rows.programs.map { (runs[$0.owner], Double($0.units)) }
        // (The scope's program may also count in the basis, direct costs: one term a variable.)
        func merged(_ bound: Int64) -> [(Variable, Double)] {
            guard let g else { return total }
            let own = total.filter { $0.0 == runs[g] }.reduce(0.0) { $0 + $1.1 }
            return total.filter { $0.0 != runs[g] } + [(runs[g], own - Double(bound))]
        }
        if box.lo > 0 {
            linkingRows.append(
                model.addConstraint("basis-lo[\(cost.id)]", merged(box.lo), .atLeast(g == nil ? Double(box.lo) : 0)))
        }
        if box.hi < rows.maxUnits {
            linkingRows.append(
                model.addConstraint("basis-hi[\(cost.id)]", merged(box.hi), .atMost(g == nil ? Double(box.hi) : 0)))
        }
    }

    /// A held stream's cells ≤ (amount / denominator) × its benefit: Σ over the participants in
    /// scope of their units × (the stream's dollars for them) / (their needs), plus, for the
    /// direct-cost basis, the programs' costs it pays in scope.
    private mutating func addShareRow(_ cost: SharedCost, _ rows: SharedCostRows, stream s: Int, denominator: Int64) {
        let rate = Double(cost.amount) / Double(denominator)  // cents of the cost per unit of basis
        var terms = rows.cells.filter { programCells[$0].stream == s }.map { (programCells[$0].variable, 1.0) }
        for term in rows.served {
            let need = analyses[term.owner].person.totalNeed
            guard need > 0 else { continue }
            let coefficient = rate * Double(term.units) / Double(need)
            for k in cellsByParticipant[term.owner] where cells[k].stream == s {
                terms.append((cells[k].variable, -coefficient))
            }
        }
        for term in rows.programs {
            for k in programCells.indices where programCells[k].owner == term.owner && programCells[k].stream == s {
                terms.append((programCells[k].variable, -rate))
            }
        }
        linkingRows.append(
            model.addConstraint("share[\(cost.id),\(scenario.streams[s].id)]", terms, .atMost(0)))
    }
}

extension Formulation {
    /// Whether the cost a program cell belongs to is incurred: its program runs, or, for a
    /// shared cost (owner `programs.count + pool`), its scope's program runs or it is the
    /// partnership's.
    func costIncurred(_ owner: Int, _ runs: [Bool], _ scenario: Scenario) -> Bool {
        guard owner >= runs.count else { return runs[owner] }
        let cost = scenario.sharedCosts[owner - runs.count]
        guard let id = cost.program, let g = scenario.programs.firstIndex(where: { $0.info.id == id }) else {
            return true
        }
        return runs[g]
    }

    /// The cents a program cell's cost group must add up to: the program's cost of the category,
    /// or the shared cost's amount.
    func costAmount(_ owner: Int, _ category: CostCategory, segment: Int = 0, _ scenario: Scenario) -> Int64 {
        guard owner >= scenario.programs.count else {
            let program = scenario.programs[owner]
            let cost = program.costs.first { $0.0 == category }?.1 ?? 0
            return scenario.programCostParts(program, category, cost).first { $0.segment == segment }?.cents ?? 0
        }
        return scenario.sharedCosts[owner - scenario.programs.count].amount
    }
}
