import BraidPolicy
import BraidScenario

/// The allocation lines as CSV.
public enum ResultCSV {
    public static func encode(_ plan: Plan) -> String {
        var out = "kind,owner,stream,category,amount\n"
        for a in plan.allocations {
            out += "participant,\(field(a.owner)),\(a.stream),\(a.category),\(plainMoney(a.cents))\n"
        }
        for a in plan.programAllocations {
            out += "program,\(field(a.owner)),\(a.stream),\(a.category),\(plainMoney(a.cents))\n"
        }
        return out
    }

    static func field(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n")
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
