import BraidPolicy
import BraidScenario

/// The result's summary against its lines: what a reader of the JSON sees first (served ids,
/// stream totals and budgets, programs running, status and gap) must be what the lines say.
extension Audit {
    mutating func checkSummary() {
        var seen: [String: Int] = [:]
        for id in plan.served { seen[id, default: 0] += 1 }
        for (id, count) in seen.sorted(by: { $0.key < $1.key }) where count > 1 {
            issues.append("participant \(id) is listed as served \(count) times")
        }
        if !plan.scenario.isEmpty && plan.scenario != scenario.name {
            issues.append("the result is for scenario '\(plan.scenario)', not '\(scenario.name)'")
        }
        if !(plan.gap >= 0) || !plan.gap.isFinite {
            issues.append("gap \(plan.gap) is not possible (a gap is a finite number of 0 or more)")
        }
        checkStreamTotals()
        let running = Set(
            scenario.programs.filter { program in
                plan.served.contains { analyses[$0]?.person.program == program.info.id }
                    || plan.programAllocations.contains { $0.owner == program.info.id }
            }.map(\.info.id))
        if Set(plan.programsRun) != running {
            issues.append(
                "programs_run lists \(plan.programsRun.sorted().joined(separator: ", ")), but the lines run "
                    + running.sorted().joined(separator: ", "))
        }
    }

    /// Each stream's `used` is the sum of its lines and its `budget` the scenario's.
    private mutating func checkStreamTotals() {
        guard !plan.streams.isEmpty else { return }
        for use in plan.streams {
            guard let s = streamIndex[use.id] else {
                issues.append("streams lists \(use.id), which is not in the scenario")
                continue
            }
            if use.used != byStream[s] {
                issues.append(
                    "\(use.id) reports \(formatMoney(use.used)) used, but its lines add up to \(formatMoney(byStream[s]))"
                )
            }
            let limit = scenario.streams[s].limit
            if use.budget != limit {
                issues.append(
                    "\(use.id) reports a budget of \(use.budget.map(formatMoney) ?? "none"), but the scenario's is "
                        + (limit.map(formatMoney) ?? "none (an entitlement)"))
            }
        }
        for stream in scenario.streams where !plan.streams.contains(where: { $0.id == stream.id }) {
            issues.append("streams does not list \(stream.id)")
        }
    }
}
