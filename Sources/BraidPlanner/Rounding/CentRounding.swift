import BraidPolicy
import BraidScenario
import BraidSolver
import Foundation
import Logging

/// Turns the LP's dollar amounts into cents so that every served participant's needs and every
/// running program's costs add up exactly, and no cap, budget, share or match is exceeded by a
/// cent. Rounding never changes who is served: it only moves cents between streams that may pay.
struct CentRounding {
    let f: Formulation
    let served: [Bool]
    let runs: [Bool]
    /// Cells that must pay nothing (a closed priority gate's tier; a stream whose indicator is off).
    let closed: Set<Int>
    let scenario: Scenario
    /// Where a rounding failure's details go.
    let log: Logger
    let tuning: Tuning
    /// Cents per participant cell and per program cell.
    var cents: [Int64]
    var programCents: [Int64]
    private var fraction: [Double]
    private var programFraction: [Double]
    /// Cap rows containing each cell.
    private var rowsOfCell: [CellRef: [Int]] = [:]
    private var rowUse: [Int64]
    /// Matching rows paid by each cell key, and the rows each cell key adds to the base of.
    private var matchPaid: [CellRef: [Int]] = [:]
    private var matchBase: [CellRef: [Int]] = [:]
    private var paidTotal: [Int64]
    private var baseTotal: [Int64]
    private var requiredFirst: Set<CellRef> = []

    init(
        formulation f: Formulation, values: [Double], served: [Bool], runs: [Bool], closed: Set<Int> = [],
        scenario: Scenario,
        tuning: Tuning = Tuning(),
        log: Logger
    ) {
        self.tuning = tuning
        self.f = f
        self.log = log
        self.served = served
        self.runs = runs
        self.closed = closed
        self.scenario = scenario
        func split(_ value: Double, _ upper: Int64, _ on: Bool) -> (Int64, Double) {
            guard on else { return (0, 0) }
            let scaled = max(0, value * 100)
            let whole = min(upper, Int64((scaled + Tolerance.cent).rounded(.down)))
            return (whole, scaled - Double(whole))
        }
        var c: [Int64] = [], fr: [Double] = []
        for (k, cell) in f.cells.enumerated() {
            let (w, r) = split(values[cell.variable.index], closed.contains(k) ? 0 : cell.upper, served[cell.owner])
            c.append(w)
            fr.append(r)
        }
        var pc: [Int64] = [], pfr: [Double] = []
        for cell in f.programCells {
            let (w, r) = split(values[cell.variable.index], cell.upper, f.costIncurred(cell.owner, runs, scenario))
            pc.append(w)
            pfr.append(r)
        }
        cents = c
        fraction = fr
        programCents = pc
        programFraction = pfr
        rowUse = Array(repeating: 0, count: f.capRows.count)
        paidTotal = Array(repeating: 0, count: f.matching.count)
        baseTotal = Array(repeating: 0, count: f.matching.count)
        for (r, row) in f.capRows.enumerated() {
            for key in CellRef.all(row.cells, row.programCells) { rowsOfCell[key, default: []].append(r) }
        }
        for (j, m) in f.matching.enumerated() {
            for key in CellRef.all(m.paid, m.programPaid) { matchPaid[key, default: []].append(j) }
            for key in m.base { matchBase[.participant(key), default: []].append(j) }
        }
        for row in f.orderingRows { requiredFirst.formUnion(row.cells.map(CellRef.participant)) }
        recount()
    }

    private func amount(_ key: CellRef) -> Int64 {
        switch key {
        case .participant(let k): return cents[k]
        case .program(let k): return programCents[k]
        }
    }

    private func cell(_ key: CellRef) -> Cell {
        switch key {
        case .participant(let k): return f.cells[k]
        case .program(let k): return f.programCells[k]
        }
    }

    private func upper(_ key: CellRef) -> Int64 {
        if case .participant(let k) = key, closed.contains(k) { return 0 }
        return cell(key).upper
    }

    /// Whether each indicator that is on still has at least a cent of its stream.
    func paysEveryIndicator(_ paid: [PaidIndicator]) -> Bool {
        paid.allSatisfy { indicator in indicator.cells.contains { cents[$0] > 0 } }
    }

    private func fractionOf(_ key: CellRef) -> Double {
        switch key {
        case .participant(let k): return fraction[k]
        case .program(let k): return programFraction[k]
        }
    }

    private mutating func recount() {
        for (r, row) in f.capRows.enumerated() {
            rowUse[r] = row.cells.reduce(0) { $0 + cents[$1] } + row.programCells.reduce(0) { $0 + programCents[$1] }
        }
        for (j, m) in f.matching.enumerated() {
            paidTotal[j] = m.paid.reduce(0) { $0 + cents[$1] } + m.programPaid.reduce(0) { $0 + programCents[$1] }
            baseTotal[j] = m.base.reduce(0) { $0 + cents[$1] }
        }
    }

    /// How many cents may be added to a cell without breaking a row.
    private func slack(_ key: CellRef) -> Int64 {
        var s = upper(key) - amount(key)
        for r in rowsOfCell[key] ?? [] { s = min(s, f.capRows[r].limit - rowUse[r]) }
        for j in matchPaid[key] ?? [] {
            let allowance = Int64((f.matching[j].rate * Double(baseTotal[j]) + Tolerance.cent).rounded(.down))
            s = min(s, allowance - paidTotal[j])
        }
        return max(0, s)
    }

    private mutating func add(_ key: CellRef, _ delta: Int64) {
        switch key {
        case .participant(let k): cents[k] += delta
        case .program(let k): programCents[k] += delta
        }
        for r in rowsOfCell[key] ?? [] { rowUse[r] += delta }
        for j in matchPaid[key] ?? [] { paidTotal[j] += delta }
        for j in matchBase[key] ?? [] { baseTotal[j] += delta }
    }

    mutating func run() throws {
        // Coverage groups: the cells of one participant's (or program's) category.
        var groups: [[CellRef]] = []
        var need: [Int64] = []
        var index: [String: Int] = [:]
        for (k, cell) in f.cells.enumerated() where served[cell.owner] {
            let key = "p\(cell.owner)|\(cell.category)|\(cell.segment)"
            if index[key] == nil {
                index[key] = groups.count
                groups.append([])
                need.append(f.analyses[cell.owner].need(cell.category, segment: cell.segment))
            }
            groups[index[key]!].append(.participant(k))
        }
        for (k, cell) in f.programCells.enumerated() where f.costIncurred(cell.owner, runs, scenario) {
            let key = "g\(cell.owner)|\(cell.category)|\(cell.segment)"
            if index[key] == nil {
                index[key] = groups.count
                groups.append([])
                need.append(f.costAmount(cell.owner, cell.category, segment: cell.segment, scenario))
            }
            groups[index[key]!].append(.program(k))
        }
        // Two passes: first cents go to payers that no match limits (raising the non-federal
        // spending a match is computed on), then to any payer with room.
        var deficits = [Int64](repeating: 0, count: groups.count)
        for (g, group) in groups.enumerated() {
            var deficit = need[g] - group.reduce(0) { $0 + amount($1) }
            while deficit < 0, let k = group.max(by: { amount($0) < amount($1) }) {  // never expected: LP noise
                let d = min(-deficit, amount(k))
                add(k, -d)
                deficit += d
            }
            deficits[g] = deficit
        }
        for pass in 0..<2 {
            for (g, group) in groups.enumerated() where deficits[g] > 0 {
                let ordered = group.filter { pass == 1 || matchPaid[$0] == nil }.sorted { a, b in
                    let (ra, rb) = (requiredFirst.contains(a), requiredFirst.contains(b))
                    if ra != rb { return ra }
                    let (fa, fb) = (fractionOf(a), fractionOf(b))
                    if abs(fa - fb) > Tolerance.row { return fa > fb }
                    return a < b
                }
                for k in ordered where deficits[g] > 0 {
                    let d = min(deficits[g], slack(k))
                    if d > 0 {
                        add(k, d)
                        deficits[g] -= d
                    }
                }
            }
        }
        // Where a need still lacks cents, free room along a one-step path: another need moves a
        // cent from a full stream to a payer with room, and the full stream pays here instead.
        for g in groups.indices where deficits[g] > 0 {
            while deficits[g] > 0, augment(groups[g], groups) { deficits[g] -= 1 }
        }
        if let g = deficits.firstIndex(where: { $0 > 0 }) {
            if log.logLevel <= .debug {
                for k in groups[g] {
                    let name = f.model.variableNames[cell(k).variable.index]
                    log.debug(
                        "  \(name): \(amount(k)) of upper \(upper(k)), slack \(slack(k)), rows \((rowsOfCell[k] ?? []).map { "\(f.capRows[$0].label) \(rowUse[$0])/\(f.capRows[$0].limit)" }), match \(matchPaid[k] ?? [])"
                    )
                }
                for j in f.matching.indices { log.debug("  match \(j): paid \(paidTotal[j]) base \(baseTotal[j])") }
            }
            throw PlanningError.roundingFailed("\(deficits[g]) cent(s) of a need have no payer with room")
        }
        try repairMatching(groups)
    }

    /// Whether one cent may be taken from a cell without breaking an ordering or a match.
    private func mayTake(_ key: CellRef) -> Bool {
        guard amount(key) > 0, !requiredFirst.contains(key) else { return false }
        for j in matchBase[key] ?? []
        where Double(paidTotal[j]) > f.matching[j].rate * Double(baseTotal[j] - 1) + Tolerance.row { return false }
        return true
    }

    /// Adds one cent to a cell of `group` by moving one cent elsewhere; false when no path exists.
    private mutating func augment(_ group: [CellRef], _ groups: [[CellRef]]) -> Bool {
        for k in group where upper(k) > amount(k) {
            let stream = cell(k).stream
            for other in groups where other != group {
                guard let from = other.first(where: { cell($0).stream == stream && mayTake($0) }) else { continue }
                add(from, -1)
                if let to = other.first(where: { $0 != from && cell($0).stream != stream && slack($0) > 0 }),
                    slack(k) > 0
                {
                    add(to, 1)
                    add(k, 1)
                    return true
                }
                add(from, 1)
            }
        }
        return false
    }

    /// Moves cents from a matching stream to other payers until it spends at most rate × base.
    private mutating func repairMatching(_ groups: [[CellRef]]) throws {
        for j in f.matching.indices {
            var guardCount = 0
            while Double(paidTotal[j]) > f.matching[j].rate * Double(baseTotal[j]) + Tolerance.row {
                guardCount += 1
                if guardCount > tuning.matchRepairMoves { break }
                var moved = false
                for group in groups {
                    guard let from = group.first(where: { (matchPaid[$0] ?? []).contains(j) && amount($0) > 0 }) else {
                        continue
                    }
                    guard
                        let to = group.first(where: {
                            $0 != from && !(matchPaid[$0] ?? []).contains(j) && slack($0) > 0
                        })
                    else { continue }
                    add(from, -1)
                    add(to, 1)
                    moved = true
                    break
                }
                if !moved {
                    throw PlanningError.roundingFailed(
                        "the match of \(scenario.streams[f.matching[j].stream].id) would break")
                }
            }
        }
    }
}

/// A cell of the model in rounding: a participant's (index into ``Formulation/cells``) or a
/// program's (into ``Formulation/programCells``).
enum CellRef: Hashable, Comparable {
    case program(Int)
    case participant(Int)

    /// Participant cells, then program cells.
    static func all(_ cells: [Int], _ programCells: [Int]) -> [CellRef] {
        cells.map(CellRef.participant) + programCells.map(CellRef.program)
    }
}
