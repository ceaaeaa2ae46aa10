import BraidPolicy
import BraidScenario

/// The allocation lines as CSV, then one row per target and per group with its served rate
/// (`kind` target or group; docs/CONTRACTS.md).
public enum ResultCSV {
    public static func encode(_ plan: Plan) -> String {
        var out = "kind,owner,stream,category,amount,applicants,served,rate,price\n"
        for a in plan.allocations {
            out += "participant,\(field(a.owner)),\(field(a.stream)),\(a.category),\(plainMoney(a.cents)),,,,\n"
        }
        for a in plan.programAllocations {
            out += "program,\(field(a.owner)),\(field(a.stream)),\(a.category),\(plainMoney(a.cents)),,,,\n"
        }
        for a in plan.sharedAllocations {
            out += "shared,\(field(a.owner)),\(field(a.stream)),\(a.category),\(plainMoney(a.cents)),,,,\n"
        }
        for t in plan.review.targets {
            out +=
                "target,\(field(t.label)),,\(t.countsNoOne != nil ? "met trivially" : t.met ? "met" : "not met"),,\(t.group),\(t.served),\(ResultJSON.number(t.achieved)),\(price(t.price))\n"
        }
        for p in plan.review.priority {
            let served = p.tiers.reduce(0) { $0 + $1.served }, applicants = p.tiers.reduce(0) { $0 + $1.applicants }
            out +=
                "priority,\(field(p.stream)),\(field(p.stream)),\(p.mode),,\(applicants),\(served),,\(price(p.price))\n"
        }
        for g in plan.review.groups {
            out +=
                "group,\(field(g.label)),,\(field(g.kind)),,\(g.applicants),\(g.served),\(ResultJSON.number(g.rate)),\n"
        }
        appendLedger(plan.review.ledger, to: &out)
        return out
    }

    /// The partnership ledger: a `ledger` row per stream and kind of cost, an `in_kind` row per
    /// contribution (stream = the streams whose match it is claimed for, `;`-separated), and a
    /// `leverage` row for the plan and each partner (rate = the ratio).
    static func appendLedger(_ l: PlanLedger, to out: inout String) {
        for s in l.streams {
            let owner = field(s.partner ?? "")
            out += "ledger,\(owner),\(field(s.stream)),participant_costs,\(plainMoney(s.participantCosts)),,,,\n"
            out += "ledger,\(owner),\(field(s.stream)),program_costs,\(plainMoney(s.programCosts)),,,,\n"
            out += "ledger,\(owner),\(field(s.stream)),shared_costs,\(plainMoney(s.sharedCosts)),,,,\n"
            out += "ledger,\(owner),\(field(s.stream)),indirect,\(plainMoney(s.indirect)),,,,\n"
        }
        for c in l.inKind {
            out +=
                "in_kind,\(field(c.partner)),\(field(c.countsAsMatchFor.joined(separator: ";"))),\(field(c.description)),\(plainMoney(c.value)),,,,\n"
        }
        out += "leverage,plan,,,,,,\(l.leverage.map(ResultJSON.number) ?? ""),\n"
        for p in l.partners {
            out += "leverage,\(field(p.partner.id)),,,,,,\(p.leverage.map(ResultJSON.number) ?? ""),\n"
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
