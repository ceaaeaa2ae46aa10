import BraidPolicy
import BraidScenario

/// Text listings of the encoded policies for `braid policies`.
public enum PolicyReport {
    /// One line per stream with its authority.
    public static func list(_ policies: PolicySet) -> String {
        var out = "Policies from \(policies.directory)\n\n"
        let width = policies.streams.map(\.id.count).max() ?? 10
        for stream in policies.streams {
            out += stream.id.padding(width) + "  " + stream.name + "\n" + String(repeating: " ", count: width + 2)
                + stream.authority + "\n"
        }
        out += "\n\(policies.streams.count) streams, \(policies.parameters.count) parameters, "
        out += "\(policies.streams.reduce(0) { $0 + $1.rules.count }) eligibility rules, \(policies.definitions.count) definitions\n"
        return out
    }

    /// Rules, parameters with the values in force, costs, caps and ordering of one stream.
    public static func stream(_ stream: StreamPolicy, policies: PolicySet, on day: Day) -> String {
        var out = "\(stream.id) — \(stream.name)\nAuthority: \(stream.authority)\nFile: \(stream.file)\n"
        if stream.entitlement { out += "Entitlement: no budget; capped per participant\n" }
        out += "\nEligibility rules (all must hold; the first that fails decides):\n"
        for rule in stream.rules {
            out += "  [\(rule.id)] \(rule.text)\n      when: \(rule.expression.source)\n      \(cite(rule.citation))\n"
        }
        out += "\nParameters (values in force on \(day)):\n"
        for p in stream.parameters {
            out += "  \(p.key) = \(show(p.value(on: day), p.unit))  [\(p.unit.rawValue)]  \(label(p.citation.status))\n"
            out += "      \(p.description)\n      \(cite(p.citation))\n"
            if p.values.count > 1 {
                out += "      dated values: " + p.values.map { "\($0.since): \(show($0.value, p.unit))" }.joined(separator: "; ") + "\n"
            }
        }
        out += "\nAllowable costs:\n"
        for line in stream.costs {
            var extra = ""
            if let share = line.share { extra += " share ≤ \(share.source)" }
            if let condition = line.condition { extra += " when \(condition.source)" }
            out += "  \(line.category)\(extra)  — \(cite(line.citation))\n"
        }
        if !stream.caps.isEmpty {
            out += "\nPer-participant caps:\n"
            for cap in stream.caps {
                out += "  [\(cap.id)] \(cap.categories.map(\.rawValue).joined(separator: ", ")) ≤ \(cap.amount.source)  — \(cite(cap.citation))\n"
            }
        }
        if !stream.streamCaps.isEmpty {
            out += "\nCaps on the stream's budget:\n"
            for cap in stream.streamCaps {
                out += "  [\(cap.id)] \(cap.categories.map(\.rawValue).joined(separator: ", ")) ≤ \(cap.share.source) of the budget  — \(cite(cap.citation))\n"
            }
        }
        if !stream.ordering.isEmpty {
            out += "\nPayer of last resort:\n"
            for rule in stream.ordering {
                out += "  [\(rule.id)] \(rule.categories.map(\.rawValue).joined(separator: ", ")) only after \(rule.after.joined(separator: ", "))  — \(cite(rule.citation))\n"
            }
        }
        if let matching = stream.matching {
            out += "\nMatching: \(matching.rate.source) federal dollar per non-federal dollar spent  — \(cite(matching.citation))\n"
        }
        let assumptions = stream.parameters.filter { $0.citation.status == .assumption || $0.citation.status == .default }
        if !assumptions.isEmpty {
            out += "\nDefaults and assumptions (override with --set or a scenario's set:):\n"
            for p in assumptions { out += "  \(p.key) (\(p.citation.status.rawValue))\n" }
        }
        return out
    }

    static func cite(_ c: Citation) -> String {
        let text = c.text.isEmpty ? "no citation" : c.text
        return c.status == .law ? "Citation: \(text)" : "Citation: \(text) (\(label(c.status)))"
    }

    static func label(_ status: FactStatus) -> String {
        switch status {
        case .law: return "law"
        case .partial: return "PARTIAL: secondary source"
        case .assumption: return "ASSUMPTION: unverified, overridable"
        case .default: return "DEFAULT: state or local choice"
        }
    }

    static func show(_ value: Value, _ unit: ParameterUnit) -> String {
        if unit == .usd, let n = value.number { return "$" + formatNumber(n) }
        return value.description
    }
}

