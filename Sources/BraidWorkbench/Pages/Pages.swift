import BraidPolicy
import BraidReports
import BraidScenario
import Foundation

/// What each page shows, as the templates' contexts: the workbench formats what the planner and
/// the reports computed, and computes nothing of its own.
enum Pages {
    static func page(_ title: String, csrf: String, scenario: WorkFolder.Entry?, name: String? = nil, _ content: String)
        -> String
    {
        var context: [String: Any] = ["title": title, "csrf": csrf, "content": content]
        if let scenario { context["scenario"] = ["id": scenario.id, "name": name ?? scenario.id] }
        return Templates.render("layout", context)
    }

    static func index(_ folder: WorkFolder, csrf: String) -> String {
        let content = Templates.render(
            "index", ["folder": folder.root, "entries": folder.entries.map { ["id": $0.id] }])
        return page("Scenarios", csrf: csrf, scenario: nil, content)
    }

    static func problem(_ title: String, _ message: String, csrf: String) -> String {
        page(title, csrf: csrf, scenario: nil, Templates.render("problem", ["title": title, "message": message]))
    }

    /// The plan page: the edit form (filled with `draft`) and the result.
    static func scenario(_ baseline: Desk.Baseline, draft: Draft, result: String, csrf: String) -> String {
        let id = baseline.entry.id
        let changed = Dictionary(draft.settings.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        func setting(_ n: Int, _ s: Setting) -> [String: Any] {
            [
                "n": n, "key": s.key, "label": s.label, "valueText": s.valueText,
                "current": changed[s.key] ?? s.valueText,
                "minimum": formatNumber(s.minimum), "maximum": formatNumber(s.maximum), "step": formatNumber(s.step),
                "unit": s.unit, "citation": s.citation ?? "",
            ]
        }
        let numbered = Array(baseline.settings.enumerated())
        let money = numbered.filter { $0.element.kind == .money }.map { setting($0.offset, $0.element) }
        let parameters = numbered.filter { $0.element.kind == .parameter }.map { setting($0.offset, $0.element) }
        let rules = baseline.rules.enumerated().map { n, r -> [String: Any] in
            ["n": n, "key": r.key, "text": r.text, "citation": r.citation, "off": draft.rulesOff.contains(r.key)]
        }
        let own = (baseline.scenario.rosterFile as NSString).lastPathComponent
        let rosters =
            [
                [
                    "value": "",
                    "label": "the scenario's own (\(own), \(baseline.scenario.participants.count) applicants)",
                    "on": draft.roster == nil,
                ] as [String: Any]
            ]
            + baseline.entry.rosters.map {
                ["value": $0, "label": "\(WorkFolder.rosterFolderName)/\($0)", "on": draft.roster == $0]
            }
        let funded = Set(draft.fund?.allowable ?? [])
        let categories = (CostCategory.participant + CostCategory.program).map { c -> [String: Any] in
            ["value": c.rawValue, "label": c.label, "on": funded.contains(c)]
        }
        let context: [String: Any] = [
            "id": id, "name": baseline.scenario.name, "csrf": csrf, "money": money, "parameters": parameters,
            "parametersChanged": draft.settings.contains { s in
                baseline.settings.first { $0.key == s.key }?.kind == .parameter
            },
            "rules": rules, "rulesChanged": !draft.rulesOff.isEmpty, "fundOpen": draft.fund != nil,
            "fundID": draft.fund?.id ?? "", "fundBudget": draft.fund.map { formatNumber($0.dollars) } ?? "",
            "categories": categories, "sweepable": money + parameters, "result": result,
            "rosters": rosters, "rosterChanged": draft.roster != nil,
        ]
        return page(
            baseline.scenario.name, csrf: csrf, scenario: baseline.entry, name: baseline.scenario.name,
            Templates.render("scenario", context))
    }

    /// The result panel: the baseline's report, or the comparison of a what-if with it.
    static func result(_ baseline: Desk.Baseline, _ outcome: Desk.Outcome?, problem: String? = nil) -> String {
        let id = baseline.entry.id
        let link: (String) -> String = { "/s/\(percent(id))/participants/\(percent($0))" }
        let report: String
        let timing: String
        if let outcome, !outcome.draft.isEmpty {
            // (Another roster's participants are not the baseline's, whose reasons `explain` shows.)
            report =
                HTMLReport.compareBody(outcome.comparison) + "<h2>The what-if's plan</h2>\n"
                + HTMLReport.body(
                    outcome.plan, outcome.scenario, participantLink: outcome.draft.roster == nil ? link : nil,
                    rows: tableRows)
            timing = "What-if planned in \(seconds(outcome.seconds)) (\(status(outcome.plan)))."
        } else {
            report = HTMLReport.body(baseline.plan, baseline.scenario, participantLink: link, rows: tableRows)
            timing = "Baseline planned in \(seconds(baseline.seconds)) (\(status(baseline.plan)))."
        }
        var context: [String: Any] = ["timing": timing, "report": problem == nil ? report : ""]
        if let problem { context["problem"] = problem }
        return Templates.render("result", context)
    }

    /// Participants listed in a page's served and not-served tables (the downloads list everyone):
    /// a 10,000-applicant plan's full tables are megabytes the browser takes a second to lay out.
    static let tableRows = 500

    /// A plan's status as the page says it: "optimal", or with its proven gap.
    static func status(_ plan: Plan) -> String {
        plan.gap > 1e-9
            ? "\(plan.status), within \(String(format: "%.2f", plan.gap * 100))% of the best" : "\(plan.status)"
    }

    static func seconds(_ s: Double) -> String { String(format: "%.2f s", s) }

    /// A URL path segment.
    static func percent(_ s: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    static func explain(_ baseline: Desk.Baseline, participant: String, text: String, csrf: String) -> String {
        page(
            participant, csrf: csrf, scenario: baseline.entry, name: baseline.scenario.name,
            Templates.render("explain", ["id": baseline.entry.id, "participant": participant, "text": text]))
    }

    /// The eligibility matrix, `perPage` participants a page, each cell with its deciding rule.
    static func eligibility(_ baseline: Desk.Baseline, page number: Int, csrf: String, perPage: Int = 200)
        -> String
    {
        let scenario = baseline.scenario
        let analyses = baseline.analyses
        let pages = max(1, (analyses.count + perPage - 1) / perPage)
        let p = min(max(1, number), pages)
        let slice = analyses[min(analyses.count, (p - 1) * perPage)..<min(analyses.count, p * perPage)]
        var rules: [String: [String: Any]] = [:]
        let rows = slice.map { a -> [String: Any] in
            let cells = scenario.streams.indices.map { s -> [String: Any] in
                if a.eligible[s] {
                    return ["css": "yes", "mark": "yes", "rule": "", "title": "eligible: every rule holds"]
                }
                let decided = ExplainReport.decidingRule(a, s, scenario)
                if let rule = decided.rule {
                    rules[rule.key] = ["key": rule.key, "text": rule.text, "citation": rule.citation]
                }
                return [
                    "css": "no", "mark": "no", "rule": decided.id,
                    "title": decided.rule.map { "\($0.text) — \($0.citation)" } ?? decided.id,
                ]
            }
            return ["id": baseline.entry.id, "participant": a.person.id, "cells": cells]
        }
        let context: [String: Any] = [
            "streams": scenario.streams.map(\.id), "rows": rows, "rules": rules.keys.sorted().map { rules[$0]! },
            "first": slice.isEmpty ? 0 : slice.startIndex + 1, "last": slice.endIndex, "count": analyses.count,
            "pages": pages > 1
                ? ["previous": p > 1 ? p - 1 : 0, "next": p < pages ? p + 1 : 0] as [String: Any] : false,
        ]
        return page(
            "Eligibility", csrf: csrf, scenario: baseline.entry, name: scenario.name,
            Templates.render("eligibility", context))
    }

    /// A roster check's messages.
    static func messages(file: String, errors: InputErrors?, participants: Int, kept: String? = nil, id: String = "")
        -> String
    {
        guard let errors, !errors.errors.isEmpty else {
            var context: [String: Any] = ["ok": "\(file): \(participants) participants, no problems found."]
            if let kept {
                context["kept"] = [
                    "name": kept, "path": "\(WorkFolder.rosterFolderName)/\(kept)",
                    "url":
                        "/s/\(percent(id))?roster=\(kept.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? kept)",
                ]
            }
            return Templates.render("messages", context)
        }
        let total = errors.errors.count + errors.more
        let shown = errors.errors.prefix(InputErrors.shown).map(\.description)
        return Templates.render(
            "messages",
            [
                "file": file, "count": total, "plural": total == 1 ? "" : "s", "errors": Array(shown),
                "more": total - shown.count > 0 ? total - shown.count : 0,
            ])
    }

    static func history(_ baseline: Desk.Baseline, runs: [RunHistory.Run], csrf: String) -> String {
        let rows = runs.map { r -> [String: Any] in
            [
                "id": baseline.entry.id, "run": r.id, "at": r.at, "changes": r.changes, "served": r.served,
                "applicants": r.applicants, "spent": formatMoney(r.spentCents), "status": r.status,
                "seconds": String(format: "%.2f", r.seconds),
            ]
        }
        return page(
            "History", csrf: csrf, scenario: baseline.entry, name: baseline.scenario.name,
            Templates.render("history", ["runs": rows, "any": !rows.isEmpty]))
    }
}
