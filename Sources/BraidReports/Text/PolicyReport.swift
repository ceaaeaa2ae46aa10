import BraidPolicy
import BraidScenario

/// Text listings of the encoded policies for `braid policies`.
public enum PolicyReport {
    /// One line per stream with its authority.
    public static func list(_ policies: PolicySet) -> String {
        var out = "Policies from \(policies.directory)\n\n"
        let width = policies.streams.map(\.id.count).max() ?? 10
        for stream in policies.streams {
            out +=
                stream.id.padding(width) + "  " + stream.name + "\n" + String(repeating: " ", count: width + 2)
                + stream.authority + "\n"
        }
        out += "\n\(policies.streams.count) streams, \(policies.parameters.count) parameters, "
        out +=
            "\(policies.streams.reduce(0) { $0 + $1.rules.count }) eligibility rules, \(policies.definitions.count) definitions\n"
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
            out +=
                "  \(p.key) = \(show(p.value(on: day), p.unit))  [\(p.unit.rawValue)\(range(p))]  \(label(p.citation.status))\n"
            out += "      \(p.description)\n      \(cite(p.citation))\n"
            if p.values.count > 1 {
                out +=
                    "      dated values: "
                    + p.values.map { "\($0.since): \(show($0.value, p.unit))" }.joined(separator: "; ") + "\n"
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
                out +=
                    "  [\(cap.id)] \(cap.categories.map(\.rawValue).joined(separator: ", ")) ≤ \(cap.amount.source)  — \(cite(cap.citation))\n"
            }
        }
        if !stream.streamCaps.isEmpty {
            out += "\nCaps on the stream's budget:\n"
            for cap in stream.streamCaps {
                out +=
                    "  [\(cap.id)] \(cap.categories.map(\.rawValue).joined(separator: ", ")) ≤ \(cap.share.source) of the budget  — \(cite(cap.citation))\n"
            }
        }
        if !stream.ordering.isEmpty {
            out += "\nPayer of last resort:\n"
            for rule in stream.ordering {
                out +=
                    "  [\(rule.id)] \(rule.categories.map(\.rawValue).joined(separator: ", ")) only after \(rule.after.joined(separator: ", "))  — \(cite(rule.citation))\n"
            }
        }
        if let matching = stream.matching {
            out +=
                "\nMatching: \(matching.rate.source) federal dollar per non-federal dollar spent  — \(cite(matching.citation))\n"
        }
        if let priority = stream.priority {
            out +=
                "\nPriority of service (first tier first; a constraint on every plan, not an eligibility test)  — \(cite(priority.citation))\n"
            for (i, tier) in priority.tiers.enumerated() {
                out += "  \(i + 1). [\(tier.id)] \(tier.text)\n      when: \(tier.condition.source)\n"
            }
            if let alternative = priority.alternative {
                out +=
                    "  State alternative, when \(alternative.share.source) has a value: that share of the participants it pays for from \(alternative.shareOf.joined(separator: ", ")), and the order \(alternative.tiers.map(\.id).joined(separator: " > "))  — \(cite(alternative.citation))\n"
            }
        }
        let choices = stream.parameters.filter {
            $0.citation.status == .assumption || $0.citation.status == .stateOption
        }
        if !choices.isEmpty {
            out +=
                "\nState options and assumptions (override with --set or a scenario's set:; all of them: braid policies --assumptions):\n"
            for p in choices { out += "  \(p.key) (\(p.citation.status.rawValue)\(range(p)))\n" }
        }
        return out
    }

    /// Every value in force that is not law or regulation, for a state analyst to confirm
    /// locally: state options first (with their ranges), then guidance, then assumptions;
    /// each parameter with its value on `environment`'s period (after the scenario's and the
    /// command line's overrides), each rule, cost line, cap, ordering and definition with its
    /// citation. `streams` limits it to a scenario's streams.
    public static func assumptions(
        _ policies: PolicySet, streams: [String], environment: PolicyEnvironment, overrides: [String] = []
    ) -> String {
        var groups: [FactStatus: [String]] = [:]
        func add(_ c: Citation, _ line: String) {
            guard c.status != .law && c.status != .regulation else { return }
            var text = "  \(line)\n      \(c.text.isEmpty ? "no citation" : c.text)"
            if let note = c.note { text += "\n      " + firstSentence(note) }
            groups[c.status, default: []].append(text + "\n")
        }
        let set = Set(overrides.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) })
        for p in policies.parameters where p.stream == nil || streams.contains(p.stream!) {
            let value = environment.parameterValues[p.slot]
            let shown = value == .missing ? "not set" : show(value, p.unit)
            add(
                p.citation,
                "\(p.key) = \(shown)  [\(p.unit.rawValue)\(range(p))]"
                    + (set.contains(p.key) ? "  (set by the scenario or --set)" : ""))
        }
        for d in policies.definitions { add(d.citation, "definition \(d.name): \(d.text)") }
        for stream in policies.streams where streams.contains(stream.id) {
            for rule in stream.rules { add(rule.citation, "rule \(stream.id).\(rule.id): \(rule.text)") }
            for line in stream.costs {
                add(
                    line.citation,
                    "cost \(stream.id).\(line.category)" + (line.condition.map { " when \($0.source)" } ?? ""))
            }
            for cap in stream.caps { add(cap.citation, "cap \(stream.id).\(cap.id) ≤ \(cap.amount.source)") }
            for cap in stream.streamCaps {
                add(cap.citation, "budget cap \(stream.id).\(cap.id) ≤ \(cap.share.source)")
            }
            for rule in stream.ordering {
                add(rule.citation, "ordering \(stream.id).\(rule.id): after \(rule.after.joined(separator: ", "))")
            }
            if let m = stream.matching { add(m.citation, "matching \(stream.id): \(m.rate.source)") }
            if let p = stream.priority {
                add(p.citation, "priority of service \(stream.id): \(p.tiers.map(\.id).joined(separator: " > "))")
            }
        }
        var out =
            "Values in force on \(environment.period.start) that are not law or regulation (\(environment.state); streams: \(streams.joined(separator: ", ")))\n"
        for (status, title) in [
            (
                FactStatus.stateOption,
                "State options — a state, local board or grant choice: confirm or set locally (--set KEY=VALUE or a scenario's set:)"
            ),
            (
                .guidance,
                "Guidance — federal agency guidance or a grant announcement: confirm it is current and applies"
            ),
            (.assumption, "Assumptions — the model's reading or an unverified fact: confirm or override"),
        ] {
            let lines = groups[status] ?? []
            out += "\n\(title) (\(lines.count)):\n" + lines.joined()
        }
        return out
    }

    static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    /// ", range 0…1000000" or ", allowed: a, b".
    static func range(_ p: Parameter) -> String {
        if !p.allowed.isEmpty { return ", allowed: " + p.allowed.map(\.description).joined(separator: ", ") }
        if p.unit == .bool { return ", allowed: true, false" }
        guard p.minimum != nil || p.maximum != nil else { return "" }
        return ", range \(p.minimum.map(formatNumber) ?? "-∞")…\(p.maximum.map(formatNumber) ?? "∞")"
    }

    static func cite(_ c: Citation) -> String {
        let text = c.text.isEmpty ? "no citation" : c.text
        return c.status == .law || c.status == .regulation
            ? "Citation: \(text) (\(c.status.rawValue))" : "Citation: \(text) (\(label(c.status)))"
    }

    static func label(_ status: FactStatus) -> String {
        switch status {
        case .law: return "law"
        case .regulation: return "regulation"
        case .guidance: return "GUIDANCE: agency guidance or grant terms"
        case .stateOption: return "STATE OPTION: a state or local choice, set it"
        case .assumption: return "ASSUMPTION: unverified, overridable"
        }
    }

    static func show(_ value: Value, _ unit: ParameterUnit) -> String {
        if unit == .usd, let n = value.number { return "$" + formatNumber(n) }
        return value.description
    }
}
