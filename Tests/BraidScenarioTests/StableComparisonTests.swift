import BraidPolicy
import BraidSolver
import BraidTestSupport
import Foundation
import Logging
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Stable comparisons (docs/DESIGN.md, "Stable comparisons"): a what-if planned close to its
/// baseline keeps the baseline's people where an equally good plan can, on rosters planned by the
/// decomposition and on the monolithic model, in `compare` and in the workbench.
@Suite struct StableComparisonTests {
    /// A what-if file of `text` in a scratch folder, loaded: its baseline and the what-if.
    static func loadWhatIf(_ text: String) throws -> (baseline: Scenario, whatIf: Scenario) {
        let folder = try Scratch.newFolder("braid-whatif-text")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try WhatIf.load(scenario: nil, whatIf: path, policies: policies, overrides: [])
    }

    /// A fund too small to serve anyone more: the what-if keeps every baseline person (the
    /// planner alone returns another plan of the same value for two of these, 3/3 and 8/8 people
    /// swapped before stable comparisons), stays optimal, moves no more dollars than the plan
    /// found without the baseline, and changes no stream's spending by more than the fund.
    @Test(arguments: ["oregon-maritime-welding", "indiana-advanced-manufacturing", "atlanta-healthcare"])
    func aWhatIfThatCannotHelpChangesNobody(_ base: String) throws {
        let (baseline, changed) = try Self.loadWhatIf(
            "base: \(scenariosPath)/\(base)\n"
                + "streams: {small-fund: {kind: nonfederal, budget: 300, allowable: [transportation]}}\n")
        let (before, after) = try Planner.compare(baseline, changed)
        let alone = try Planner.plan(changed)
        #expect(after.status == .optimal && alone.status == .optimal)
        #expect(abs(after.weightedServed - alone.weightedServed) < 1e-9)
        #expect(Verifier.violations(of: after, scenario: changed).isEmpty)
        let c = Comparison(baseline: before, whatIf: after, baselineScenario: baseline, whatIfScenario: changed)
        #expect(c.gained.isEmpty && c.lost.isEmpty, "\(base): +\(c.gained.map(\.id)) −\(c.lost.map(\.id))")
        func moved(_ plan: Plan) -> Int64 {
            var cents: [String: Int64] = [:]
            for a in before.allocations + before.programAllocations {
                cents["\(a.owner)|\(a.stream)|\(a.category)", default: 0] -= a.cents
            }
            for a in plan.allocations + plan.programAllocations {
                cents["\(a.owner)|\(a.stream)|\(a.category)", default: 0] += a.cents
            }
            return cents.values.reduce(0) { $0 + abs($1) }
        }
        #expect(moved(after) <= moved(alone), "\(base): \(moved(after)) cents moved against \(moved(alone))")
        // Each stream spends at most the fund's $300 more or less. (Single lines may move more:
        // where an ordering rule puts WIOA after TANF and SNAP E&T, money the fund frees from
        // them goes first to needs WIOA would otherwise pay — Oregon moves $2,399 in 13 lines.)
        for use in after.streams {
            let was = before.streams.first { $0.id == use.id }?.used ?? 0
            #expect(abs(use.used - was) <= 30_000, "\(base): \(use.id) moves \(use.used - was) cents")
        }
    }

    /// A budget cut on a roster the decomposition plans (Indiana, 400): planned close to the
    /// baseline, the what-if serves as many as planned alone, keeps more baseline
    /// people (the closest plan over the decomposition's patterns), starts its gate search from
    /// the baseline's gates (every gate named in the plan), and verifies.
    @Test func aCutOnADecomposedRosterKeepsTheBaselinesPeople() throws {
        let (baseline, changed) = try Self.loadWhatIf(
            "base: \(scenariosPath)/indiana-advanced-manufacturing\nset: {h1b-ready-to-work.budget: 327750}\n")
        #expect(baseline.participants.count >= Tuning().decomposeFrom)
        let (before, after) = try Planner.compare(baseline, changed)
        #expect(
            before.priorityGates == [
                "h1b-ready-to-work/2": "open", "wioa-adult/2": "open", "wioa-adult/3": "closed",
                "wioa-adult/4": "closed", "wioa-dislocated-worker/2": "open",
            ])
        #expect(Set(after.priorityGates.keys) == Set(before.priorityGates.keys))
        let alone = try Planner.plan(changed)
        #expect(after.status == .optimal && alone.status == .optimal)
        #expect(after.served.count == alone.served.count && after.served.count < before.served.count)
        let was = Set(before.served)
        let kept = (after: after.served.filter(was.contains).count, alone: alone.served.filter(was.contains).count)
        // (Planned alone it keeps 212 of the 248; close to the baseline, 214.)
        #expect(kept.after > kept.alone, "kept \(kept.after) against \(kept.alone) alone")
        #expect(Verifier.violations(of: after, scenario: changed).isEmpty)
    }

    /// More money where the baseline's people still fit, on a roster planned on the monolithic
    /// model (Oregon, 120): the what-if serves as many as planned alone and keeps every baseline
    /// person (the monolithic search dives from the reference's people first).
    @Test(arguments: ["pcc-general-fund.budget: 83200", "wioa-adult.budget: 78000"])
    func moreMoneyOnAMonolithicRosterKeepsEveryone(_ change: String) throws {
        let (baseline, changed) = try Self.loadWhatIf(
            "base: \(scenariosPath)/oregon-maritime-welding\nset: {\(change)}\n")
        #expect(baseline.participants.count < Tuning().decomposeFrom)
        let (before, after) = try Planner.compare(baseline, changed)
        let alone = try Planner.plan(changed)
        #expect(after.status == .optimal && after.served.count == alone.served.count)
        #expect(Set(before.served).isSubset(of: Set(after.served)), "\(change)")
        #expect(Verifier.violations(of: after, scenario: changed).isEmpty)
    }

    /// The workbench's closest plan over the monolithic model keeps served the baseline people
    /// phase 1 already serves and searches the rest: on Oregon's SNAP cap cut to $33,200 it keeps
    /// as many baseline people as the search over everyone (74 of 75), serving as many.
    @Test func theWorkbenchsClosestPlanKeepsAsManyOnOregon() throws {
        let (baseline, changed) = try Self.loadWhatIf(
            "base: \(scenariosPath)/oregon-maritime-welding\nset: {snap-et-50-50.cap: 33200}\n")
        var interactive = PlanOptions()
        interactive.tuning.closestPlanNodes = interactive.tuning.closestPlanNodesInteractive
        interactive.tuning.closestPlanKeepsWhomBothServe = true
        let full = try Planner.compare(baseline, changed)
        let fast = try Planner.compare(baseline, changed, options: interactive)
        let was = Set(full.baseline.served)
        #expect(fast.whatIf.served.count == full.whatIf.served.count)
        #expect(fast.whatIf.served.filter(was.contains).count == 74)
        #expect(full.whatIf.served.filter(was.contains).count == 74)
        #expect(Verifier.violations(of: fast.whatIf, scenario: changed).isEmpty)
    }

    /// The workbench's class search before the longer dives (``Tuning/classSearchBeforeDives``)
    /// on Oregon's SNAP cap cuts, where neither the baseline's people nor the LP's decisions fit:
    /// at $33,200 the class MIP finds 75 from one step below the LP's rounded bound (76) and
    /// proves it; at $36,000 nothing reaches 76 (the bound is 77) and 75 is found from the next
    /// step down, proven by the first search. Each plan serves as many as `compare`'s (the dives),
    /// is optimal and verifies.
    @Test(arguments: [
        (33_200, ["class search from 75: 75, proven"]),
        (36_000, ["class search from 76: none, none reaches it", "class search from 75: 75, proven"]),
    ])
    func theWorkbenchsClassSearchServesAsManyOnOregonsCuts(_ cap: Int, _ expected: [String]) throws {
        let (baseline, changed) = try Self.loadWhatIf(
            "base: \(scenariosPath)/oregon-maritime-welding\nset: {snap-et-50-50.cap: \(cap)}\n")
        let lines = LogLines()
        var interactive = PlanOptions()
        interactive.tuning.classSearchBeforeDives = true
        interactive.logger = .capturing(into: lines)
        let dives = try Planner.compare(baseline, changed)
        let search = try Planner.compare(baseline, changed, options: interactive)
        let said = lines.all.filter { $0.hasPrefix("class search") }
        #expect(said.suffix(expected.count) == expected[...], "\(said)")
        #expect(search.whatIf.status == .optimal && dives.whatIf.status == .optimal)
        #expect(search.whatIf.served.count == dives.whatIf.served.count)
        #expect(abs(search.whatIf.weightedServed - dives.whatIf.weightedServed) < 1e-9)
        #expect(Verifier.violations(of: search.whatIf, scenario: changed).isEmpty)
    }

    /// A what-if that leaves baseline people unservable (their only payer of a need removed),
    /// planned close to the baseline on the monolithic model: the dive from the baseline's people
    /// fixes only those who can still be served, so no blocked person is served and the plan
    /// verifies.
    @Test(arguments: [("houston-women-construction", "tanf"), ("oregon-maritime-welding", "tanf")])
    func aWhatIfThatBlocksBaselinePeopleServesNoneOfThem(_ base: String, _ removed: String) throws {
        let (baseline, changed) = try Self.loadWhatIf(
            "base: \(scenariosPath)/\(base)\nremove_streams: [\(removed)]\n")
        #expect(changed.participants.count < Tuning().decomposeFrom)
        let (before, after) = try Planner.compare(baseline, changed)
        let blocked = Set(changed.analyze().filter { $0.blocker != nil }.map(\.person.id))
        #expect(!blocked.isDisjoint(with: before.served), "\(base): the change blocks no one the baseline served")
        #expect(blocked.isDisjoint(with: after.served), "\(base): \(blocked.intersection(after.served))")
        #expect(Verifier.violations(of: after, scenario: changed).isEmpty)
        #expect(after.served.count == (try Planner.plan(changed)).served.count)
    }

    /// A workbench edit of money alone starts from the baseline's last master
    /// (``PlanHint/forAnEdit``): on Indiana with the H-1B grant cut to $285,000 and to $500,000 it
    /// serves as many as the plan solved cold, both proven optimal, and the plan verifies.
    @Test(arguments: [285_000, 500_000])
    func anEditFromTheBaselinesMasterServesAsManyAsOneSolvedCold(_ budget: Int) throws {
        let (baseline, changed) = try Self.loadWhatIf(
            "base: \(scenariosPath)/indiana-advanced-manufacturing\nstreams: {h1b-ready-to-work: {budget: \(budget)}}\n"
        )
        let analyses = try Planner.analyses(baseline, options: PlanOptions())
        let (_, hint) = try Planner.plan(baseline, analyses: analyses, options: PlanOptions(), hint: nil)
        let edit = hint.forAnEdit
        #expect(edit.master?.primal == true && edit.binaries.isEmpty && edit.patterns.isEmpty)
        let after = try Planner.analyses(changed, options: PlanOptions())
        let warm = try Planner.plan(changed, analyses: after, options: PlanOptions(), hint: edit).plan
        let cold = try Planner.plan(changed, analyses: after, options: PlanOptions(), hint: nil).plan
        #expect(warm.status == .optimal && cold.status == .optimal)
        #expect(warm.weightedServed == cold.weightedServed)
        #expect(warm.gap == 0 && cold.gap == 0)
        #expect(Verifier.violations(of: warm, scenario: changed).isEmpty)
    }
}
