import BraidPolicy
import BraidScenario

/// Eligibility matrices and per-participant explanations.
public enum ExplainReport {
    /// The participant × stream matrix: `yes`, or the id of the first failing rule.
    public static func matrix(_ scenario: Scenario, analyses: [ParticipantAnalysis], format: String) -> String {
        let ids = scenario.streams.map(\.id)
        func cell(_ a: ParticipantAnalysis, _ s: Int) -> String {
            if a.eligible[s] { return "yes" }
            return "no:" + (reasonRule(a, s, scenario) ?? "when")
        }
        switch format {
        case "json":
            let rows = analyses.map { a in
                "{\"participant\": \(ResultJSON.string(a.person.id)), \"streams\": {"
                    + scenario.streams.indices.map { s in
                        let failed = a.eligible[s] ? nil : reasonRule(a, s, scenario)
                        return
                            "\(ResultJSON.string(ids[s])): {\"eligible\": \(a.eligible[s]), \"rule\": \(failed.map { ResultJSON.string($0) } ?? "null")}"
                    }.joined(separator: ", ") + "}}"
            }
            return "[\n  " + rows.joined(separator: ",\n  ") + "\n]\n"
        case "csv":
            return (["participant"] + ids).map(ResultCSV.field).joined(separator: ",") + "\n"
                + analyses.map { a in
                    ([a.person.id] + scenario.streams.indices.map { cell(a, $0) }).map(ResultCSV.field).joined(
                        separator: ",")
                }.joined(separator: "\n") + "\n"
        default:
            var rows = [["participant"] + ids]
            for a in analyses { rows.append([a.person.id] + scenario.streams.indices.map { cell(a, $0) }) }
            return SummaryReport.render(rows, rightAligned: [])
        }
    }

    /// The rule that decides why stream `s` may not pay a participant: its id (as ``matrix``
    /// shows it) and, to show beside it, its key, text and citation with its status.
    public static func decidingRule(_ a: ParticipantAnalysis, _ s: Int, _ scenario: Scenario)
        -> (id: String, rule: (key: String, text: String, citation: String)?)
    {
        let stream = scenario.streams[s].id
        if let failed = a.eligibility[s]?.failed {
            return (
                failed.id,
                ("\(stream).\(failed.id)", failed.text, "\(failed.citation.text) (\(failed.citation.status.rawValue))")
            )
        }
        if !scenario.streams[s].pays(program: a.person.program) {
            return (
                "programs", ("\(stream).programs", "The scenario ties this stream to other programs.", "the scenario")
            )
        }
        let id = reasonRule(a, s, scenario) ?? "when"
        return (id, ("\(stream).\(id)", "The scenario's condition for this stream does not hold.", "the scenario"))
    }

    /// Why stream `s` may not pay a participant, as a rule id: the policy's first failing rule,
    /// `programs` when the scenario binds the stream to other programs, `when` when a scenario
    /// stream's condition fails (nil when none applies).
    static func reasonRule(_ a: ParticipantAnalysis, _ s: Int, _ scenario: Scenario) -> String? {
        if let failed = a.eligibility[s]?.failed { return failed.id }
        if !scenario.streams[s].pays(program: a.person.program) { return "programs" }
        return scenario.streams[s].condition == nil ? nil : "when"
    }

    /// For each program, the streams whose program-level rules hold (e.g. Pell: regular or
    /// Workforce Pell by clock hours, weeks and period; Perkins: a CTE program), with the
    /// first failing rule otherwise, and who may pay its program costs.
    public static func programs(_ scenario: Scenario) -> String {
        var out = ""
        for program in scenario.programs {
            let info = program.info
            out +=
                "Program \(info.id): \(formatNumber(info.clockHours)) clock hours, \(formatNumber(info.weeks)) weeks"
                + (info.cte ? ", CTE" : "") + (info.h1bOccupation ? ", H-1B occupation" : "") + "\n"
            let context = EvaluationContext.withoutParticipant(program: info, environment: scenario.environment)
            for stream in scenario.streams {
                guard let policy = stream.policy else { continue }
                let programRules = policy.rules.filter { !$0.expression.readsParticipant }
                guard !programRules.isEmpty else { continue }
                if let failed = programRules.first(where: { $0.expression.evaluate(context).bool != true }) {
                    out += "  \(stream.id): does not apply — [\(failed.id)] \(failed.text) (\(failed.citation.text))\n"
                } else {
                    out +=
                        "  \(stream.id): applies — " + programRules.map { "[\($0.id)]" }.joined(separator: " ") + "\n"
                }
            }
            for (category, cost) in program.costs {
                let payers = scenario.programPayers(program, category).map { scenario.streams[$0].id }
                out +=
                    "  \(category) \(formatMoney(cost)): "
                    + (payers.isEmpty ? "no stream may pay" : "payable by " + payers.joined(separator: ", ")) + "\n"
            }
        }
        return out
    }

    /// Every stream's decision for one participant, each rule with its citation.
    /// Every field value the rules read for a person; a value a blank cell took from
    /// `roster_defaults:` is marked "(default: blank in the roster)".
    static func valuesUsed(_ person: Person) -> String {
        var items: [String] = []
        for (i, field) in PersonField.all.enumerated() {
            let value = person.values[i]
            let defaulted = person.defaulted.contains(i)
            if value == .missing && !defaulted { continue }
            items.append(
                "\(field.name) \(value == .missing ? "blank" : value.description)\(defaulted ? " (default: blank in the roster)" : "")"
            )
        }
        var out = "Values used:"
        var width = out.count
        for item in items {
            if width + item.count + 2 > 100 {
                out += "\n "
                width = 1
            }
            out += " " + item + ";"
            width += item.count + 2
        }
        return out + "\n"
    }

    public static func eligibility(_ a: ParticipantAnalysis, _ scenario: Scenario) -> String {
        var out = "Participant \(a.person.id) (program \(a.person.program))"
        if let label = a.weightLabel { out += ", weight \(NumberText.fixed(a.weight, 2)) (\(label))" }
        out += "\n" + valuesUsed(a.person)
        let context = scenario.program(a.person.program).map {
            EvaluationContext(person: a.person, program: $0.info, environment: scenario.environment)
        }
        // Blank or uncertain inputs that kept an expression from being true.
        func blanks(_ e: CompiledExpression) -> String {
            guard let context else { return "" }
            let names = context.blankInputs(of: e)
            return names.isEmpty ? "" : "      undecided because: " + names.joined(separator: "; ") + "\n"
        }
        for (s, stream) in scenario.streams.enumerated() {
            if let d = a.eligibility[s] {
                out += "\n\(stream.id): " + (d.eligible ? "ELIGIBLE" : "NOT ELIGIBLE") + "\n"
                for rule in d.passed { out += "  ✓ [\(rule.id)] \(rule.text) — \(PolicyReport.cite(rule.citation))\n" }
                if let failed = d.failed {
                    out +=
                        "  ✗ [\(failed.id)] \(failed.text) — \(PolicyReport.cite(failed.citation))\n      when: \(failed.expression.source)\n"
                    out += blanks(failed.expression)
                }
                if let order = scenario.priorityOrders.first(where: { $0.stream == s }), a.eligible[s], a.tiers[s] > 0 {
                    let n = a.tiers[s]
                    let tier = n <= order.tiers.count ? " [\(order.tiers[n - 1].id)] \(order.tiers[n - 1].text)" : ""
                    out += "  priority of service: tier \(n) of \(order.tiers.count)\(tier)\n"
                }
                if d.eligible, let programs = stream.programs, !a.eligible[s] {
                    out +=
                        "  pays only for \(programs.joined(separator: ", ")) (the scenario binds it); not for \(a.person.program)\n"
                } else if d.eligible {
                    let allowed = d.categories.filter { $0.allowed && $0.category.isParticipantLevel }.map { c in
                        c.share.map { "\(c.category) (≤ \(NumberText.fixed($0 * 100, 0))%)" } ?? c.category.rawValue
                    }
                    out += "  may pay: \(allowed.isEmpty ? "no participant costs" : allowed.joined(separator: ", "))\n"
                    for c in d.categories where !c.allowed {
                        out += "  may not pay \(c.category): needs \(c.line.condition?.source ?? "")\n"
                        if let condition = c.line.condition { out += blanks(condition) }
                    }
                    for cap in d.caps {
                        out +=
                            "  cap [\(cap.rule.id)] \(formatMoney(cap.cents)) on \(cap.rule.categories.map(\.rawValue).joined(separator: ", "))\n"
                    }
                }
            } else {
                let why =
                    !stream.pays(program: a.person.program)
                    ? "does not pay: it pays only for \(stream.programs!.joined(separator: ", "))"
                    : "does not pay: it pays only when \(stream.condition?.source ?? "")"
                out +=
                    "\n\(stream.id) (scenario \(stream.kind.rawValue) stream): "
                    + (a.eligible[s]
                        ? "may pay \(stream.allowable.map(\.rawValue).joined(separator: ", "))" : why) + "\n"
            }
        }
        return out
    }

    /// Eligibility, allocation lines with why each stream pays, and for someone not served the reason.
    public static func explain(_ id: String, _ scenario: Scenario, _ plan: Plan, analyses: [ParticipantAnalysis])
        -> String
    {
        guard let a = analyses.first(where: { $0.person.id == id }) else { return "" }
        var out = eligibility(a, scenario)
        out +=
            "\nNeeds: " + a.payers.map { "\($0.category) \(formatMoney($0.need))" }.joined(separator: ", ")
            + " — total \(formatMoney(a.person.totalNeed))\n"
        if let reason = plan.notServed.first(where: { $0.id == id })?.reason {
            out += "\nNOT SERVED: \(reason)\n"
            return out
        }
        out += "\nSERVED. Allocation:\n"
        let lines = plan.allocations.filter { $0.owner == id }
        for line in lines {
            guard let s = scenario.streams.firstIndex(where: { $0.id == line.stream }) else { continue }
            out += "  \(line.stream) pays \(formatMoney(line.cents)) of \(line.category)"
            var why: [String] = []
            if let position = scenario.useOrder.firstIndex(of: line.stream) { why.append("use order #\(position + 1)") }
            if let d = a.eligibility[s] {
                if d.stream.entitlement { why.append("entitlement: pays all it can first") }
                if let share = d.categories.first(where: { $0.category == line.category })?.share, share < 1 {
                    why.append(
                        "share ≤ \(NumberText.fixed(share * 100, 0))% (\(d.stream.costLine(line.category)!.citation.text))"
                    )
                }
                for cap in d.caps where cap.rule.categories.contains(line.category) {
                    let used = lines.filter { $0.stream == line.stream && cap.rule.categories.contains($0.category) }
                        .reduce(Int64(0)) { $0 + $1.cents }
                    if used == cap.cents {
                        why.append(
                            "cap \(cap.rule.id) of \(formatMoney(cap.cents)) reached (\(cap.rule.citation.text))")
                    }
                }
                for rule in d.stream.ordering where rule.categories.contains(line.category) {
                    why.append("only after \(rule.after.joined(separator: ", ")) (\(rule.id), \(rule.citation.text))")
                }
            }
            out += why.isEmpty ? "\n" : " — " + why.joined(separator: "; ") + "\n"
        }
        return out
    }
}
