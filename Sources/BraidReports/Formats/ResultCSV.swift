import BraidPolicy
import BraidScenario

/// The allocation lines as CSV, then one row per target and per group with its served rate
/// (`kind` target or group; docs/CONTRACTS.md).
public enum ResultCSV {
    public static func encode(_ plan: Plan) -> String {
        // (With money by year, a last column says when each cost falls; other rows leave it empty.)
        let timed = plan.review.years != nil
        let end = timed ? ",\n" : "\n"
        var out = "kind,owner,stream,category,amount,applicants,served,rate,price" + (timed ? ",period\n" : "\n")
        for (kind, lines) in [("participant", plan.allocations), ("program", plan.programAllocations)] {
            for a in lines {
                out +=
                    "\(kind),\(field(a.owner)),\(field(a.stream)),\(a.category),\(plainMoney(a.cents)),,,,\(timed ? "," + (a.period ?? "") : "")\n"
            }
        }
        for a in plan.sharedAllocations {
            out += "shared,\(field(a.owner)),\(field(a.stream)),\(a.category),\(plainMoney(a.cents)),,,,\(end)"
        }
        for t in plan.review.targets {
            out +=
                "target,\(field(t.label)),,\(t.countsNoOne != nil ? "met trivially" : t.met ? "met" : "not met"),,\(t.group),\(t.served),\(ResultJSON.number(t.achieved)),\(price(t.price))\(end)"
        }
        for p in plan.review.priority {
            let served = p.tiers.reduce(0) { $0 + $1.served }, applicants = p.tiers.reduce(0) { $0 + $1.applicants }
            out +=
                "priority,\(field(p.stream)),\(field(p.stream)),\(p.mode),,\(applicants),\(served),,\(price(p.price))\(end)"
        }
        for g in plan.review.groups {
            out +=
                "group,\(field(g.label)),,\(field(g.kind)),,\(g.applicants),\(g.served),\(ResultJSON.number(g.rate)),\(end)"
        }
        appendLedger(plan.review.ledger, end: end, to: &out)
        if let years = plan.review.years { appendYears(years, to: &out) }
        return out
    }

    /// The plan across program years: an `allotment` row per stream, year and figure (category
    /// budget, spent, carried_over, expiring, after_plan; owner = the year) and a `period` row
    /// per segment and stream (category spent; served = participants funded then; period = the
    /// segment).
    static func appendYears(_ y: YearLedger, to out: inout String) {
        for a in y.allotments {
            for (what, cents) in [
                ("budget", a.budget), ("spent", a.spent), ("carried_over", a.carriedOver), ("expiring", a.expiring),
                ("after_plan", a.afterPlan),
            ] {
                out += "allotment,\(field(a.label)),\(field(a.stream)),\(what),\(plainMoney(cents)),,,,,\n"
            }
        }
        for p in y.periods {
            for (s, id) in y.streams.enumerated() {
                out +=
                    "period,\(p.from)/\(p.to),\(field(id)),spent,\(plainMoney(p.byStream[s])),,\(p.participants),,,\(p.from)/\(p.to)\n"
            }
        }
    }

    /// The partnership ledger: a `ledger` row per stream and kind of cost, an `in_kind` row per
    /// contribution (stream = the streams whose match it is claimed for, `;`-separated), and a
    /// `leverage` row for the plan and each partner (rate = the ratio).
    static func appendLedger(_ l: PlanLedger, end: String = "\n", to out: inout String) {
        for s in l.streams {
            let owner = field(s.partner ?? "")
            out += "ledger,\(owner),\(field(s.stream)),participant_costs,\(plainMoney(s.participantCosts)),,,,\(end)"
            out += "ledger,\(owner),\(field(s.stream)),program_costs,\(plainMoney(s.programCosts)),,,,\(end)"
            out += "ledger,\(owner),\(field(s.stream)),shared_costs,\(plainMoney(s.sharedCosts)),,,,\(end)"
            out += "ledger,\(owner),\(field(s.stream)),indirect,\(plainMoney(s.indirect)),,,,\(end)"
        }
        for c in l.inKind {
            out +=
                "in_kind,\(field(c.partner)),\(field(c.countsAsMatchFor.joined(separator: ";"))),\(field(c.description)),\(plainMoney(c.value)),,,,\(end)"
        }
        out += "leverage,plan,,,,,,\(l.leverage.map(ResultJSON.number) ?? ""),\(end)"
        for p in l.partners {
            out += "leverage,\(field(p.partner.id)),,,,,,\(p.leverage.map(ResultJSON.number) ?? ""),\(end)"
        }
    }

    /// A price in objective units (blank when not computed).
    static func price(_ price: Price?) -> String { price.map { ResultJSON.number($0.value) } ?? "" }

    /// A cell of text as CSV: quoted when it holds a comma, quote or line break, and safe to
    /// open in a spreadsheet (OWASP CSV injection): text that begins with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return, and is not a number, gets a leading apostrophe, which
    /// spreadsheets show as text and never run as a formula.
    public static func field(_ text: String) -> String {
        var s = text
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(s) == nil {
            s = "'" + s
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
