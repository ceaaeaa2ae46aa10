import BraidPolicy
import Foundation

/// The result JSON of PRODUCT.md, written by hand so that key order and number formatting are
/// fixed: the same plan gives the same bytes.
public enum ResultJSON {
    public static func encode(_ plan: Plan) -> String {
        var out = "{\n"
        out += "  \"scenario\": \(string(plan.scenario)),\n"
        out += "  \"status\": \(string(plan.status)),\n"
        out += "  \"gap\": \(number(plan.gap)),\n"
        out += "  \"served\": [" + plan.served.map(string).joined(separator: ", ") + "],\n"
        out += "  \"not_served\": [" + list(plan.notServed.map { "{\"id\": \(string($0.id)), \"reason\": \(string($0.reason))}" }) + "],\n"
        out += "  \"allocations\": [" + list(plan.allocations.map {
            "{\"participant\": \(string($0.owner)), \"stream\": \(string($0.stream)), \"category\": \(string($0.category.rawValue)), \"amount\": \(plainMoney($0.cents))}"
        }) + "],\n"
        out += "  \"program_allocations\": [" + list(plan.programAllocations.map {
            "{\"program\": \(string($0.owner)), \"stream\": \(string($0.stream)), \"category\": \(string($0.category.rawValue)), \"amount\": \(plainMoney($0.cents))}"
        }) + "],\n"
        out += "  \"programs_run\": [" + plan.programsRun.map(string).joined(separator: ", ") + "],\n"
        out += "  \"streams\": [" + list(plan.streams.map {
            "{\"id\": \(string($0.id)), \"budget\": \($0.budget.map(plainMoney) ?? "null"), \"used\": \(plainMoney($0.used)), \"marginal_value\": \(number($0.marginalValue))}"
        }) + "]\n"
        out += "}\n"
        return out
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "" : "\n    " + items.joined(separator: ",\n    ") + "\n  "
    }

    /// A JSON string literal.
    public static func string(_ s: String) -> String {
        var out = "\""
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
        return out + "\""
    }

    /// A JSON number with up to 10 significant digits; always finite.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == 0 { return "0.0" }
        var text = String(format: "%.10g", x)
        if !text.contains(".") && !text.contains("e") { text += ".0" }
        return text
    }
}

/// The allocation lines as CSV.
public enum ResultCSV {
    public static func encode(_ plan: Plan) -> String {
        var out = "kind,owner,stream,category,amount\n"
        for a in plan.allocations { out += "participant,\(field(a.owner)),\(a.stream),\(a.category),\(plainMoney(a.cents))\n" }
        for a in plan.programAllocations { out += "program,\(field(a.owner)),\(a.stream),\(a.category),\(plainMoney(a.cents))\n" }
        return out
    }

    static func field(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
