import BraidPolicy
import BraidScenario

/// A baseline plan and a what-if plan on the same roster, with what changed.
public struct Comparison: Sendable {
    public let baseline: Plan
    public let whatIf: Plan
    public let baselineScenario: Scenario
    public let whatIfScenario: Scenario
    /// Participants served in the what-if but not the baseline, with the baseline's reason.
    public let gained: [NotServed]
    /// Participants served in the baseline but not the what-if, with the what-if's reason.
    public let lost: [NotServed]
    /// Applicants eligible for each stream (either side's streams, baseline order first; nil on
    /// the side without the stream): a rule change shows here even when money decides who is
    /// served.
    public let eligible: [(id: String, baseline: Int?, whatIf: Int?)]
    /// The what-if's eligibility decisions (for what limits its plan).
    let whatIfAnalyses: [ParticipantAnalysis]

    /// - Parameter analyses: both scenarios' eligibility decisions when known (the workbench
    ///   keeps them); nil decides them again.
    public init(
        baseline: Plan, whatIf: Plan, baselineScenario: Scenario, whatIfScenario: Scenario,
        analyses known: (baseline: [ParticipantAnalysis], whatIf: [ParticipantAnalysis])? = nil
    ) {
        self.baseline = baseline
        self.whatIf = whatIf
        self.baselineScenario = baselineScenario
        self.whatIfScenario = whatIfScenario
        let before = Set(baseline.served), after = Set(whatIf.served)
        gained = baseline.notServed.filter { after.contains($0.id) }
        lost = whatIf.notServed.filter { before.contains($0.id) }
        let analyses = known ?? (baselineScenario.analyze(), whatIfScenario.analyze())
        whatIfAnalyses = analyses.1
        let (a, b) = (baselineScenario.eligibleCounts(analyses.0), whatIfScenario.eligibleCounts(analyses.1))
        var ids = baselineScenario.streams.map(\.id)
        for stream in whatIfScenario.streams where !ids.contains(stream.id) { ids.append(stream.id) }
        eligible = ids.map { ($0, a[$0], b[$0]) }
    }

    /// What changed and what bound it, in one sentence (``Headline``).
    public var headline: String { Headline.compare(self) }

    /// One yardstick for every what-if: the new money (budget added, over all streams), and
    /// what it costs per extra person served and per extra expected placement (nil when the
    /// what-if serves or places no more, or adds no money; placements need programs' outcomes).
    public var yardstick: (newCents: Int64, perPerson: Int64?, perPlacement: Int64?) {
        var added: Int64 = 0
        for id in streamIDs {
            added += (whatIfScenario.stream(id)?.limit ?? 0) - (baselineScenario.stream(id)?.limit ?? 0)
        }
        let people = whatIf.served.count - baseline.served.count
        let placements =
            (whatIf.review.outcomes?.overall.placements ?? 0) - (baseline.review.outcomes?.overall.placements ?? 0)
        guard added > 0 else { return (added, nil, nil) }
        return (
            added, people > 0 ? added / Int64(people) : nil,
            placements > 1e-9 && whatIf.review.outcomes != nil ? Int64((Double(added) / placements).rounded()) : nil
        )
    }

    /// "New money $95,000: $5,000 per extra person served, $6,588 per extra expected placement."
    public var yardstickLine: String {
        let y = yardstick
        guard y.newCents > 0 else { return "Yardstick: no new money." }
        return "Yardstick: \(formatDollars(y.newCents)) of new money; "
            + (y.perPerson.map { "\(formatDollars($0)) per extra person served" } ?? "no extra person served") + "; "
            + (y.perPlacement.map { "\(formatDollars($0)) per extra expected placement" }
                ?? (whatIf.review.outcomes == nil
                    ? "placements not known (the programs give no outcomes)" : "no extra expected placement"))
            + "."
    }

    /// Stream ids of either side, baseline order first.
    var streamIDs: [String] {
        var ids = baseline.streams.map(\.id)
        for s in whatIf.streams where !ids.contains(s.id) { ids.append(s.id) }
        return ids
    }

    func byCategory(_ plan: Plan) -> [CostCategory: Int64] {
        var totals: [CostCategory: Int64] = [:]
        for a in plan.allocations + plan.programAllocations { totals[a.category, default: 0] += a.cents }
        return totals
    }

    /// People served per weight label (priority group) in a plan.
    func groups(_ plan: Plan, _ scenario: Scenario) -> [(String, Int)] {
        let served = Set(plan.served)
        var counts: [String: Int] = [:]
        var order: [String] = []
        for person in scenario.participants where served.contains(person.id) {
            let label = scenario.weight(of: person).1 ?? "other"
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        return order.sorted().map { ($0, counts[$0]!) }
    }

    /// The what-if's settings (`set:` and `--set`, `KEY=VALUE`) that differ from the baseline's:
    /// a key whose last value on the what-if side is not its last value on the baseline side (the
    /// base's own `set:`, inherited unchanged, is no change).
    public var settingsChanged: [String] {
        Self.settingsChanged(from: baselineScenario.overrides, to: whatIfScenario.overrides)
    }

    static func settingsChanged(from before: [String], to after: [String]) -> [String] {
        func last(_ pairs: [String]) -> [(key: Substring, pair: String)] {
            var seen: [Substring: Int] = [:]
            var out: [(key: Substring, pair: String)] = []
            for pair in pairs {
                let key = pair.prefix { $0 != "=" }
                if let at = seen[key] {
                    out[at].pair = pair
                } else {
                    seen[key] = out.count
                    out.append((key, pair))
                }
            }
            return out
        }
        let was = Dictionary(uniqueKeysWithValues: last(before).map { ($0.key, $0.pair) })
        return last(after).filter { was[$0.key] != $0.pair }.map(\.pair)
    }

    /// The side-by-side table.
    public func table() -> String {
        var out = "Baseline: \(baseline.scenario)\nWhat-if:  \(whatIf.scenario)"
        if !settingsChanged.isEmpty {
            out += "\n          \(settingsChanged.joined(separator: ", "))"
        }
        out += "\n\n" + headline + "\n" + yardstickLine + "\n\n"
        let delta = whatIf.served.count - baseline.served.count
        var rows = [["", "baseline", "what-if", "change"]]
        rows.append(["people served", "\(baseline.served.count)", "\(whatIf.served.count)", signed(delta)])
        rows.append(["status", baseline.status.rawValue, whatIf.status.rawValue, ""])
        let groupsBefore = Dictionary(uniqueKeysWithValues: groups(baseline, baselineScenario))
        let groupsAfter = Dictionary(uniqueKeysWithValues: groups(whatIf, whatIfScenario))
        for label in Set(groupsBefore.keys).union(groupsAfter.keys).sorted()
        where !(groupsBefore.count <= 1 && groupsAfter.count <= 1) {
            let (a, b) = (groupsBefore[label] ?? 0, groupsAfter[label] ?? 0)
            rows.append(["  served: \(label)", "\(a)", "\(b)", signed(b - a)])
        }
        out += SummaryReport.render(rows, rightAligned: [1, 2, 3])
        out += "\nApplicants eligible by stream\n"
        var poolRows = [["stream", "baseline", "what-if", "change"]]
        for pool in eligible {
            let change = (pool.whatIf ?? 0) - (pool.baseline ?? 0)
            poolRows.append([
                pool.id, pool.baseline.map(String.init) ?? "—", pool.whatIf.map(String.init) ?? "—",
                change == 0 ? "0" : signed(change),
            ])
        }
        out += SummaryReport.render(poolRows, rightAligned: [1, 2, 3])
        out += "\nDollars by stream (used / budget)\n"
        var streamRows = [["stream", "baseline", "what-if", "change"]]
        for id in streamIDs {
            let a = baseline.streams.first { $0.id == id }, b = whatIf.streams.first { $0.id == id }
            streamRows.append([id, a.map(use) ?? "—", b.map(use) ?? "—", moneyDelta((b?.used ?? 0) - (a?.used ?? 0))])
        }
        out += SummaryReport.render(streamRows, rightAligned: [1, 2, 3])
        out += "\nDollars by category\n"
        let (ca, cb) = (byCategory(baseline), byCategory(whatIf))
        var categoryRows = [["category", "baseline", "what-if", "change"]]
        for c in CostCategory.allCases where ca[c] != nil || cb[c] != nil {
            categoryRows.append([
                c.rawValue, formatMoney(ca[c] ?? 0), formatMoney(cb[c] ?? 0), moneyDelta((cb[c] ?? 0) - (ca[c] ?? 0)),
            ])
        }
        out += SummaryReport.render(categoryRows, rightAligned: [1, 2, 3])
        out += yearTable()
        if !gained.isEmpty {
            out += "\nGain service (\(gained.count)) — why they were not served before\n"
            for g in gained { out += "  + \(g.id): \(g.reason)\n" }
        }
        if !lost.isEmpty {
            out += "\nLose service (\(lost.count)) — why\n"
            for l in lost { out += "  - \(l.id): \(l.reason)\n" }
        }
        return out
    }

    /// `{"baseline": RESULT, "whatif": RESULT, "changes": …}`.
    public func json() -> String {
        func indent(_ s: String) -> String { s.trimmingTrailingNewline.replacingOccurrences(of: "\n", with: "\n  ") }
        var changes = "{\n    \"headline\": \(ResultJSON.string(headline)),\n"
        let y = yardstick
        changes +=
            "    \"yardstick\": {\"new_dollars\": \(plainMoney(y.newCents)), \"per_extra_person\": \(y.perPerson.map(plainMoney) ?? "null"), \"per_extra_placement\": \(y.perPlacement.map(plainMoney) ?? "null")},\n"
        changes += "    \"served\": \(whatIf.served.count - baseline.served.count),\n"
        changes +=
            "    \"streams\": ["
            + streamIDs.map { id in
                let a = baseline.streams.first { $0.id == id }?.used ?? 0,
                    b = whatIf.streams.first { $0.id == id }?.used ?? 0
                return "{\"id\": \(ResultJSON.string(id)), \"used_change\": \(plainMoney(b - a))}"
            }.joined(separator: ", ") + "],\n"
        changes +=
            "    \"eligible\": {"
            + eligible.map { pool in
                "\(ResultJSON.string(pool.id)): {\"baseline\": \(pool.baseline.map(String.init) ?? "null"), \"whatif\": \(pool.whatIf.map(String.init) ?? "null")}"
            }.joined(separator: ", ") + "},\n"
        if baseline.review.years != nil || whatIf.review.years != nil {
            changes += "    \"years\": \(yearJSON()),\n"
        }
        changes +=
            "    \"gained\": ["
            + gained.map {
                "{\"id\": \(ResultJSON.string($0.id)), \"baseline_reason\": \(ResultJSON.string($0.reason))}"
            }.joined(separator: ", ") + "],\n"
        changes +=
            "    \"lost\": ["
            + lost.map { "{\"id\": \(ResultJSON.string($0.id)), \"reason\": \(ResultJSON.string($0.reason))}" }.joined(
                separator: ", ") + "]\n  }"
        return
            "{\n  \"baseline\": \(indent(ResultJSON.encode(baseline))),\n  \"whatif\": \(indent(ResultJSON.encode(whatIf))),\n  \"changes\": \(changes)\n}\n"
    }

    /// One row per stream and per changed participant.
    public func csv() -> String {
        var out = "kind,id,baseline,whatif,change\n"
        out += "headline,,,,\(ResultCSV.field(headline))\n"
        out +=
            "served,people,\(baseline.served.count),\(whatIf.served.count),\(whatIf.served.count - baseline.served.count)\n"
        for id in streamIDs {
            let a = baseline.streams.first { $0.id == id }?.used ?? 0,
                b = whatIf.streams.first { $0.id == id }?.used ?? 0
            out += "stream,\(ResultCSV.field(id)),\(plainMoney(a)),\(plainMoney(b)),\(plainMoney(b - a))\n"
        }
        for pool in eligible {
            let (a, b) = (pool.baseline ?? 0, pool.whatIf ?? 0)
            out +=
                "eligible,\(ResultCSV.field(pool.id)),\(pool.baseline.map(String.init) ?? ""),\(pool.whatIf.map(String.init) ?? ""),\(b - a)\n"
        }
        out += yearCSV()
        for g in gained { out += "participant,\(ResultCSV.field(g.id)),not served,served,gained\n" }
        for l in lost { out += "participant,\(ResultCSV.field(l.id)),served,not served,lost\n" }
        return out
    }

    /// A Markdown report.
    /// The table goes in a code fence longer than any run of backticks it holds (CommonMark), so
    /// no id or label can close it early.
    public func markdown() -> String {
        let table = table()
        var longest = 0
        var run = 0
        for c in table {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "# Compare\n\n**\(SummaryReport.md(headline))**\n\n\(fence)\n" + table + "\(fence)\n"
    }

    private func use(_ s: StreamUse) -> String {
        formatMoney(s.used) + (s.budget.map { " / " + formatMoney($0) } ?? "")
    }
    private func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }
    private func moneyDelta(_ c: Int64) -> String { c == 0 ? "0" : (c > 0 ? "+" : "") + formatMoney(c) }
}
