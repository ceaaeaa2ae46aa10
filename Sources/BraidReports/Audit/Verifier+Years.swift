import BraidPolicy
import BraidScenario

/// Money by year: every cost in the period it falls in, paid by money available then, no
/// stream spending more in any run of periods than its money available in them, and the
/// result's year ledger as the lines give it.
extension Audit {
    mutating func checkYears() {
        let timeline = scenario.timeline
        let lines = plan.allocations.map { ($0, false) } + plan.programAllocations.map { ($0, true) }
        guard timeline.isTimed else {
            for (line, _) in lines where line.period != nil {
                issues.append(
                    "\(line.owner): a \(line.category) line has a period, but the scenario has no money by year")
            }
            if plan.review.years != nil {
                issues.append("the result has a years section, but the scenario has no money by year")
            }
            return
        }
        let index = Dictionary(uniqueKeysWithValues: timeline.segments.enumerated().map { ($1.label, $0) })
        // "owner|category|segment" → cents paid.
        var paid: [String: Int64] = [:]
        for (line, _) in lines {
            guard let period = line.period, let k = index[period] else {
                issues.append(
                    "\(line.owner): \(line.stream) pays \(line.category) in \(line.period.map { "'\($0)'" } ?? "no period"), not a period of the scenario (\(timeline.segments.map(\.label).joined(separator: ", ")))"
                )
                continue
            }
            if let s = streamIndex[line.stream], !timeline.available(s, k) {
                issues.append(
                    "\(line.owner): \(line.stream) pays \(line.category) from \(timeline.segments[k].from) to \(timeline.segments[k].to), when none of its money is available (\(scenario.streams[s].availabilityText))"
                )
            }
            paid["\(line.owner)|\(line.category)|\(k)", default: 0] += line.cents
        }
        // Each served participant's needs in each period, and each running program's costs.
        for id in plan.served {
            guard let a = analyses[id], let program = scenario.program(a.person.program) else { continue }
            for category in CostCategory.participant where a.person.need(category) > 0 {
                let parts = timeline.split(
                    a.person.need(category), start: program.start, months: program.months,
                    timing: scenario.timing(category))
                for (k, need) in parts where paid["\(id)|\(category)|\(k)", default: 0] != need {
                    issues.append(
                        "\(id): \(category) from \(timeline.segments[k].from) to \(timeline.segments[k].to) needs \(formatMoney(need)), paid \(formatMoney(paid["\(id)|\(category)|\(k)", default: 0]))"
                    )
                }
            }
        }
        for id in plan.programsRun {
            guard let program = scenario.program(id) else { continue }
            for (category, cost) in program.costs {
                for (k, part) in scenario.programCostParts(program, category, cost)
                where paid["\(id)|\(category)|\(k)", default: 0] != part {
                    issues.append(
                        "program \(id): \(category) from \(timeline.segments[k].from) to \(timeline.segments[k].to) costs \(formatMoney(part)), paid \(formatMoney(paid["\(id)|\(category)|\(k)", default: 0]))"
                    )
                }
            }
        }
        guard
            let ledger = YearLedger(
                allocations: plan.allocations, programAllocations: plan.programAllocations, scenario: scenario)
        else { return }
        issues += ledger.overdrafts
        if let stated = plan.review.years {
            if stated.allotments != ledger.allotments {
                issues.append(
                    "the result's money by year does not match its lines (re-derived: \(ledger.allotments.map { "\($0.stream) \($0.label) spent \(formatMoney($0.spent)), expiring \(formatMoney($0.expiring))" }.joined(separator: "; ")))"
                )
            }
            let byID = { (y: YearLedger) in
                y.periods.map { p in
                    Dictionary(uniqueKeysWithValues: y.streams.indices.map { (y.streams[$0], p.byStream[$0]) })
                }
            }
            if stated.periods.map(\.from) != ledger.periods.map(\.from) || byID(stated) != byID(ledger)
                || stated.periods.map(\.participants) != ledger.periods.map(\.participants)
            {
                issues.append("the result's spending by period does not match its lines")
            }
        } else if plan.statesLedger {
            issues.append("the scenario has money by year, but the result has no years section")
        }
    }
}
