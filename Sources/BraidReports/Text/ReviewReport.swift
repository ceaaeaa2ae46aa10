import BraidPolicy
import BraidScenario

/// The plan's review as tables — objective, priority of service, targets, outcomes and served
/// rates by group — shared by the terminal, Markdown and HTML reports.
enum ReviewReport {
    /// A titled table: a header row, rows, and the columns to align right.
    struct Table {
        let title: String
        let note: String?
        let rows: [[String]]
        let rightAligned: Set<Int>
    }

    static func objectiveLine(_ plan: Plan) -> String {
        let value =
            plan.measure == .earnings
            ? formatMoney(Int64((plan.objectiveValue * 100).rounded())) : number(plan.objectiveValue)
        let weighted = plan.measure == .people && plan.objectiveValue != Double(plan.served.count) ? " (weighted)" : ""
        return "Objective: maximise \(plan.measure.rawValue) — \(value)\(weighted)"
    }

    static func tables(_ plan: Plan) -> [Table] {
        var tables: [Table] = []
        for p in plan.review.priority { tables.append(priority(p, measure: plan.measure)) }
        if !plan.review.targets.isEmpty { tables.append(targets(plan)) }
        if let outcomes = plan.review.outcomes { tables.append(self.outcomes(outcomes)) }
        if !plan.review.groups.isEmpty { tables.append(groups(plan.review.groups)) }
        tables += sharedCostTables(plan.review.sharedCosts)
        if !plan.review.ledger.streams.isEmpty { tables += ledgerTables(plan.review.ledger) }
        if let years = plan.review.years { tables += yearTables(years) }
        return tables
    }

    static func priority(_ p: PriorityResult, measure: ObjectiveMeasure) -> Table {
        var rows = [["tier", "who", "applicants", "could serve", "served", "paid by \(p.stream)", "amount"]]
        for t in p.tiers {
            rows.append([
                "\(t.tier)", t.id, "\(t.applicants)", "\(t.servable)", "\(t.served)", "\(t.paid)", formatMoney(t.cents),
            ])
        }
        var note =
            p.mode == "share"
            ? "State alternative: at least \(NumberText.percent(p.requiredShare ?? 0)) of those it pays for in a priority group; achieved \(NumberText.percent(p.achievedShare ?? 0)). "
            : "While someone of a higher tier it could serve waits, a lower tier gets only money that could not serve them. "
        note += "Price of the order: " + price(p.price, unit: measure) + ". (\(p.citation))"
        return Table(title: "Priority of service: \(p.stream)", note: note, rows: rows, rightAligned: [2, 3, 4, 5, 6])
    }

    static func targets(_ plan: Plan) -> Table {
        var rows = [["target", "requirement", "group", "served", "achieved", "met", "price"]]
        for t in plan.review.targets {
            rows.append([
                t.label, t.requirement, "\(t.group)", "\(t.served)", achieved(t), metText(t),
                price(t.price, unit: plan.measure),
            ])
        }
        return Table(
            title: "Targets", note: "A price is what the objective would gain without that target alone.", rows: rows,
            rightAligned: [2, 3, 4])
    }

    static func outcomes(_ o: OutcomeSummary) -> Table {
        var rows = [
            [
                "", "people", "dollars", "completions", "placements", "earnings", "per person", "per completion",
                "per placement",
            ]
        ]
        for line in [o.overall] + o.byStream where line.id == "all" || line.cents > 0 {
            rows.append([
                line.id == "all" ? "all streams" : line.id, "\(line.participants)", formatMoney(line.cents),
                NumberText.fixed(line.completions, 1), NumberText.fixed(line.placements, 1),
                dollars(line.earnings), line.costPerParticipant.map(dollars) ?? "-",
                line.costPerCompletion.map(dollars) ?? "-", line.costPerPlacement.map(dollars) ?? "-",
            ])
        }
        return Table(
            title: "Expected outcomes and their cost",
            note:
                "By stream, each participant's outcomes count in proportion to the stream's share of their cost; dollars include program costs.",
            rows: rows, rightAligned: Set(1...8))
    }

    static func groups(_ groups: [GroupRate]) -> Table {
        var rows = [["group", "applicants", "served", "rate"]]
        for g in groups where g.applicants > 0 || g.kind == "all" {
            rows.append([g.label, "\(g.applicants)", "\(g.served)", NumberText.fixed(g.rate * 100, 1) + "%"])
        }
        return Table(title: "Served rate by group", note: nil, rows: rows, rightAligned: [1, 2, 3])
    }

    /// "yes", "NO", or why a target that counts no one holds trivially.
    static func metText(_ t: TargetResult) -> String {
        if let why = t.countsNoOne { return "trivially (\(why))" }
        return t.met ? "yes" : "NO"
    }

    static func achieved(_ t: TargetResult) -> String {
        if t.countsNoOne != nil { return "-" }
        return t.requirement.hasPrefix("at least ") && t.requirement.hasSuffix(" served")
            && !t.requirement.contains("%")
            ? number(t.achieved)
            : t.requirement.contains("×") ? NumberText.fixed(t.achieved, 2) + "×" : NumberText.percent(t.achieved)
    }

    static func price(_ p: Price?, unit: ObjectiveMeasure) -> String {
        guard let p else { return "not computed (run with --prices always)" }
        let within = p.gap > 0 ? " (within a gap of \(NumberText.fixed(p.gap * 100, 2))%)" : ""
        return (p.value == 0 ? "nothing" : quantity(p.value, unit)) + within
    }

    /// "1 person", "2 people", "3.5 completions", "$24,000.00 of earnings".
    static func quantity(_ x: Double, _ measure: ObjectiveMeasure) -> String {
        switch measure {
        case .people: return "\(number(x)) \(abs(x - 1) < 1e-9 ? "person" : "people")"
        case .earnings: return dollars(x) + " of expected earnings"
        case .completions, .placements: return "\(number(x)) expected \(measure.rawValue)"
        }
    }

    static func number(_ x: Double) -> String {
        abs(x - x.rounded()) < 1e-9 ? formatNumber(x.rounded()) : NumberText.fixed(x, 2)
    }

    static func dollars(_ x: Double) -> String { formatMoney(Int64((x * 100).rounded())) }
}
