import BraidPolicy
import BraidScenario
import Foundation

/// The result JSON (docs/CONTRACTS.md), written by hand so that key order and number formatting are
/// fixed: the same plan gives the same bytes.
public enum ResultJSON {
    public static func encode(_ plan: Plan) -> String {
        // Appended piece by piece into one string (at 100,000 applicants, building a string per
        // line and joining them took 1 s).
        var out = "{\n"
        out.reserveCapacity(64 * (plan.served.count + plan.notServed.count) + 120 * plan.allocations.count + 4096)
        out += "  \"scenario\": "
        appendString(plan.scenario, to: &out)
        out += ",\n  \"status\": "
        appendString(plan.status.rawValue, to: &out)
        out += ",\n  \"gap\": \(number(plan.gap)),\n  \"served\": ["
        appendStrings(plan.served, to: &out)
        out += "],\n  \"not_served\": ["
        list(plan.notServed, &out) { n, out in
            out += "{\"id\": "
            appendString(n.id, to: &out)
            out += ", \"reason\": "
            appendString(n.reason, to: &out)
            out += "}"
        }
        out += "],\n  \"allocations\": ["
        list(plan.allocations, &out) { a, out in allocation("participant", a, &out) }
        out += "],\n  \"program_allocations\": ["
        list(plan.programAllocations, &out) { a, out in allocation("program", a, &out) }
        out += "],\n  \"shared_allocations\": ["
        list(plan.sharedAllocations, &out) { a, out in allocation("shared_cost", a, &out) }
        out += "],\n  \"programs_run\": ["
        appendStrings(plan.programsRun, to: &out)
        out += "],\n  \"streams\": ["
        list(plan.streams, &out) { s, out in
            out +=
                "{\"id\": \(string(s.id)), \"budget\": \(s.budget.map(plainMoney) ?? "null"), \"used\": \(plainMoney(s.used)), \"marginal_value\": \(number(s.marginalValue)), \"marginal_range\": \(s.marginalRange.map(number) ?? "null"), \"marginal_average\": \(s.marginalAverage.map(number) ?? "null"), \"marginal_text\": \(string(MarginalText.describe(s, measure: plan.measure, weighted: plan.isWeighted)))}"
        }
        out += "],\n"
        appendReview(plan, to: &out)
        out += "}\n"
        return out
    }

    /// The objective, targets, priority of service, outcomes and groups (docs/CONTRACTS.md).
    private static func appendReview(_ plan: Plan, to out: inout String) {
        let review = plan.review
        out +=
            "  \"objective\": {\"maximize\": \(string(plan.measure.rawValue)), \"value\": \(number(plan.objectiveValue)), \"weighted_served\": \(number(plan.weightedServed))},\n"
        out += "  \"targets\": ["
        list(review.targets, &out) { t, out in
            out +=
                "{\"label\": \(string(t.label)), \"requirement\": \(string(t.requirement)), \"group\": \(t.group), \"served\": \(t.served), \"required\": \(number(t.required)), \"achieved\": \(number(t.achieved)), \"met\": \(t.met), \"counts_no_one\": \(t.countsNoOne.map(string) ?? "null"), \"price\": \(price(t.price))}"
        }
        out += "],\n  \"priority_of_service\": ["
        list(review.priority, &out) { p, out in
            out +=
                "{\"stream\": \(string(p.stream)), \"mode\": \(string(p.mode)), \"citation\": \(string(p.citation)), \"required_share\": \(p.requiredShare.map(number) ?? "null"), \"achieved_share\": \(p.achievedShare.map(number) ?? "null"), \"price\": \(price(p.price)), \"tiers\": ["
            out += p.tiers.map { t in
                "{\"tier\": \(t.tier), \"id\": \(string(t.id)), \"applicants\": \(t.applicants), \"servable\": \(t.servable), \"served\": \(t.served), \"paid\": \(t.paid), \"amount\": \(plainMoney(t.cents))}"
            }.joined(separator: ", ")
            out += "]}"
        }
        out += "],\n  \"outcomes\": "
        if let o = review.outcomes {
            out += "{\n    \"overall\": \(outcomeLine(o.overall)),\n    \"by_stream\": ["
            out += o.byStream.map { "\n      " + outcomeLine($0) }.joined(separator: ",")
            out += "\n    ]\n  }"
        } else {
            out += "null"
        }
        out += ",\n  \"groups\": ["
        list(review.groups, &out) { g, out in
            out +=
                "{\"kind\": \(string(g.kind)), \"label\": \(string(g.label)), \"applicants\": \(g.applicants), \"served\": \(g.served), \"rate\": \(number(g.rate))}"
        }
        out += "],\n  \"shared_costs\": ["
        list(review.sharedCosts, &out) { c, out in
            out +=
                "{\"id\": \(string(c.id)), \"category\": \(string(c.category.rawValue)), \"amount\": \(plainMoney(c.amount)), \"scope\": \(string(c.scope)), \"basis\": \(string(c.basis.rawValue)), \"incurred\": \(c.incurred), \"basis_total\": \(number(c.basisTotal)), \"streams\": ["
            out += c.streams.map { x in
                "{\"stream\": \(string(x.stream)), \"held_to_share\": \(x.held), \"benefit\": \(number(x.benefit)), \"share\": \(plainMoney(x.share)), \"paid\": \(plainMoney(x.paid))}"
            }.joined(separator: ", ")
            out += "]}"
        }
        out += "],\n"
        appendLedger(review.ledger, to: &out)
        if let years = review.years { appendYears(years, to: &out) }
    }

    /// The plan across program years, when money is given by year (docs/CONTRACTS.md).
    private static func appendYears(_ y: YearLedger, to out: inout String) {
        out.removeLast()
        out += ",\n  \"years\": {\n    \"periods\": ["
        out += y.periods.map { p in
            let spent = y.streams.indices.map { "\(string(y.streams[$0])): \(plainMoney(p.byStream[$0]))" }
            return
                "\n      {\"from\": \(string(p.from.description)), \"to\": \(string(p.to.description)), \"participants\": \(p.participants), \"spent\": {\(spent.joined(separator: ", "))}}"
        }.joined(separator: ",")
        out += "\n    ],\n    \"allotments\": ["
        out += y.allotments.map { a in
            "\n      {\"stream\": \(string(a.stream)), \"year\": \(string(a.label)), \"from\": \(a.from.map { string($0.description) } ?? "null"), \"until\": \(a.until.map { string($0.description) } ?? "null"), \"budget\": \(plainMoney(a.budget)), \"spent\": \(plainMoney(a.spent)), \"carried_over\": \(plainMoney(a.carriedOver)), \"expiring\": \(plainMoney(a.expiring)), \"after_plan\": \(plainMoney(a.afterPlan))}"
        }.joined(separator: ",")
        out += "\n    ],\n    \"warnings\": [\(y.warnings.map(string).joined(separator: ", "))]\n  }\n"
    }

    /// The partnership ledger (docs/CONTRACTS.md, "Result JSON").
    private static func appendLedger(_ l: PlanLedger, to out: inout String) {
        out +=
            "  \"ledger\": {\"federal\": \(plainMoney(l.federal)), \"nonfederal\": \(plainMoney(l.nonfederal)), \"in_kind\": \(plainMoney(l.inKindTotal)), \"leverage\": \(l.leverage.map(number) ?? "null"),\n    \"streams\": ["
        out += l.streams.map { s in
            "\n      {\"id\": \(string(s.stream)), \"kind\": \(string(s.kind.rawValue)), \"partner\": \(s.partner.map(string) ?? "null"), \"participant_costs\": \(plainMoney(s.participantCosts)), \"program_costs\": \(plainMoney(s.programCosts)), \"shared_costs\": \(plainMoney(s.sharedCosts)), \"indirect\": \(plainMoney(s.indirect)), \"total\": \(plainMoney(s.total)), \"in_kind_match\": \(plainMoney(s.inKindMatch))}"
        }.joined(separator: ",")
        out += l.streams.isEmpty ? "],\n    \"partners\": [" : "\n    ],\n    \"partners\": ["
        out += l.partners.map { p in
            "\n      {\"id\": \(string(p.partner.id)), \"name\": \(string(p.partner.name)), \"role\": \(p.partner.role.map(string) ?? "null"), \"federal\": \(plainMoney(p.federal)), \"nonfederal\": \(plainMoney(p.nonfederal)), \"in_kind\": \(plainMoney(p.inKind)), \"leverage\": \(p.leverage.map(number) ?? "null")}"
        }.joined(separator: ",")
        out +=
            l.partners.isEmpty ? "],\n    \"in_kind_contributions\": [" : "\n    ],\n    \"in_kind_contributions\": ["
        out += l.inKind.map { c in
            "\n      {\"partner\": \(string(c.partner)), \"description\": \(string(c.description)), \"value\": \(plainMoney(c.value)), \"valuation\": \(string(c.valuation)), \"source\": \(c.source.map(string) ?? "null"), \"counts_as_match_for\": [\(c.countsAsMatchFor.map(string).joined(separator: ", "))]}"
        }.joined(separator: ",")
        out += l.inKind.isEmpty ? "]\n  }\n" : "\n    ]\n  }\n"
    }

    private static func price(_ p: Price?) -> String {
        guard let p else { return "null" }
        return "{\"value\": \(number(p.value)), \"method\": \(string(p.method)), \"gap\": \(number(p.gap))}"
    }

    private static func outcomeLine(_ l: OutcomeSummary.Line) -> String {
        "{\"id\": \(string(l.id)), \"participants\": \(l.participants), \"amount\": \(plainMoney(l.cents)), \"completions\": \(number(l.completions)), \"placements\": \(number(l.placements)), \"earnings\": \(number(l.earnings)), \"cost_per_participant\": \(l.costPerParticipant.map(number) ?? "null"), \"cost_per_completion\": \(l.costPerCompletion.map(number) ?? "null"), \"cost_per_placement\": \(l.costPerPlacement.map(number) ?? "null")}"
    }

    /// One allocation line: `{"participant": …, "stream": …, "category": …, "amount": …}`.
    private static func allocation(_ ownerKey: String, _ a: Allocation, _ out: inout String) {
        out += "{\""
        out += ownerKey
        out += "\": "
        appendString(a.owner, to: &out)
        out += ", \"stream\": "
        appendString(a.stream, to: &out)
        out += ", \"category\": "
        appendString(a.category.rawValue, to: &out)
        out += ", \"amount\": "
        out += plainMoney(a.cents)
        if let period = a.period {
            out += ", \"period\": "
            appendString(period, to: &out)
        }
        out += "}"
    }

    /// Items one per line, indented, between a list's brackets (nothing when empty).
    private static func list<T>(_ items: [T], _ out: inout String, _ item: (T, inout String) -> Void) {
        guard !items.isEmpty else { return }
        for (k, x) in items.enumerated() {
            out += k == 0 ? "\n    " : ",\n    "
            item(x, &out)
        }
        out += "\n  "
    }

    /// String literals separated by ", " (one line).
    private static func appendStrings(_ items: [String], to out: inout String) {
        for (k, item) in items.enumerated() {
            if k > 0 { out += ", " }
            appendString(item, to: &out)
        }
    }

    /// Appends `s` as a JSON string literal; a string with nothing to escape is appended whole.
    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }

    /// A JSON string literal.
    public static func string(_ s: String) -> String {
        var out = ""
        appendString(s, to: &out)
        return out
    }

    /// A JSON number with up to 10 significant digits; always finite.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == 0 { return "0.0" }
        // Ten significant digits, in plain decimals (never 2.9e-05: a person reads these too).
        var text = String(format: "%.10g", x)
        if text.contains("e") {
            let magnitude = Int(floor(log10(abs(x))))
            text = String(format: "%.\(max(1, 9 - magnitude))f", x)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text += "0" }
        }
        if !text.contains(".") { text += ".0" }
        return text
    }
}
