import BraidPolicy
import BraidScenario

/// The allocation lines as CSV, then one row per target and per group with its served rate
/// (`kind` target or group; docs/CONTRACTS.md).
public enum ResultCSV {
    public static func encode(_ plan: Plan) -> String {
        var out = "kind,owner,stream,category,amount,applicants,served,rate\n"
        for a in plan.allocations {
            out += "participant,\(field(a.owner)),\(a.stream),\(a.category),\(plainMoney(a.cents)),,,\n"
        }
        for a in plan.programAllocations {
            out += "program,\(field(a.owner)),\(a.stream),\(a.category),\(plainMoney(a.cents)),,,\n"
        }
        for t in plan.review.targets {
            out +=
                "target,\(field(t.label)),,\(t.met ? "met" : "not met"),,\(t.group),\(t.served),\(ResultJSON.number(t.achieved))\n"
        }
        for g in plan.review.groups {
            out +=
                "group,\(field(g.label)),,\(field(g.kind)),,\(g.applicants),\(g.served),\(ResultJSON.number(g.rate))\n"
        }
        return out
    }

    static func field(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n")
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
