import BraidPolicy
import BraidScenario
import Foundation

/// One sentence a board member understands, on every compare and sweep: what changed, what it
/// bought, and what now limits the plan ("+$100,000 added (supports-fund), $7,685 of it used,
/// 0 more served: tuition money is the limit (wioa-adult, tanf, employers spent)").
public enum Headline {
    /// "h1b-ready-to-work available until 2030-12-31 (was 2029-12-31)": a stream whose money's
    /// days changed (an extension, a later start), or nil.
    static func availabilityChange(_ a: ScenarioStream, _ b: ScenarioStream) -> String? {
        let before = a.allotments.map { ($0.label, $0.from, $0.until) }
        let after = b.allotments.map { ($0.label, $0.from, $0.until) }
        guard before.count == after.count, !zip(before, after).allSatisfy({ $0 == $1 }) else {
            return before.count == after.count
                ? nil : "\(b.id) by year: \(b.allotments.map(\.label).joined(separator: ", "))"
        }
        let text = { (d: Day?) in d.map(\.description) ?? "no end" }
        if let x = zip(a.allotments, b.allotments).first(where: { $0.until != $1.until }) {
            return "\(b.id) \(x.1.label) available until \(text(x.1.until)) (was \(text(x.0.until)))"
        }
        let x = zip(a.allotments, b.allotments).first { $0.from != $1.from }!
        return "\(b.id) \(x.1.label) available from \(x.1.from) (was \(x.0.from))"
    }

    /// The headline of a comparison.
    public static func compare(_ c: Comparison) -> String {
        var changes: [String] = []
        let (before, after) = (c.baselineScenario, c.whatIfScenario)
        var deltas: [(id: String, cents: Int64)] = []
        for id in c.streamIDs {
            let a = before.stream(id), b = after.stream(id)
            let delta = (b?.limit ?? 0) - (a?.limit ?? 0)
            let name = a == nil ? "new \(id)" : b == nil ? "\(id) removed" : id
            if delta != 0 {
                deltas.append((name, delta))
            } else if a == nil || b == nil {
                changes.append(name)
            }
            if let a, let b, let moved = availabilityChange(a, b) { changes.append(moved) }
        }
        let added = deltas.reduce(Int64(0)) { $0 + $1.cents }
        if !deltas.isEmpty {
            let streams = deltas.count <= 3 ? deltas.map(\.id).joined(separator: ", ") : "\(deltas.count) streams"
            let money =
                added == 0 ? "money moved between streams" : signedDollars(added) + (added > 0 ? " added" : " less")
            changes.insert("\(money) (\(streams))", at: 0)
        }
        let rules = c.settingsChanged.filter { pair in
            let key = pair.prefix { $0 != "=" }
            return MoneyKey(String(key)) == nil
        }
        changes += rules.sorted()
        changes += goalChanges(before, after)
        if let roster = rosterChange(before, after) { changes.append(roster) }
        var effects: [String] = []
        if added > 0 {
            var used: Int64 = 0
            for (name, delta) in deltas where delta > 0 {
                let id = name.hasPrefix("new ") ? String(name.dropFirst(4)) : name
                let a = c.baseline.streams.first { $0.id == id }?.used ?? 0
                let b = c.whatIf.streams.first { $0.id == id }?.used ?? 0
                used += max(0, b - a)
            }
            effects.append("\(formatDollars(min(used, added))) of it used")
        }
        for pool in c.eligible where pool.baseline != nil && pool.whatIf != nil && pool.baseline != pool.whatIf {
            effects.append("\(pool.id)-eligible applicants \(pool.baseline!) → \(pool.whatIf!)")
        }
        effects.append(served(c.baseline, c.whatIf))
        let measure = after.measure != .people ? after.measure : before.measure
        if measure != .people, let a = c.baseline.review.outcomes?.overall, let b = c.whatIf.review.outcomes?.overall {
            func value(_ line: OutcomeSummary.Line) -> Double {
                measure == .completions ? line.completions : measure == .placements ? line.placements : line.earnings
            }
            effects.append("expected \(measure.unit) \(amount(value(a))) → \(amount(value(b)))")
        }
        let what = changes.isEmpty ? "no money, parameter or goal changed" : changes.joined(separator: ", ")
        return "\(what): \(effects.joined(separator: ", ")); \(limit(c.whatIf, after, c.whatIfAnalyses))."
    }

    /// "roster spring.csv (7 applicants, was 12)" when the what-if plans other applicants, or
    /// "roster spring.csv (the same 12 applicants)" when another file holds the same ids.
    static func rosterChange(_ before: Scenario, _ after: Scenario) -> String? {
        let name = (after.rosterFile as NSString).lastPathComponent
        if before.participants.map(\.id) != after.participants.map(\.id) {
            return "roster \(name) (\(after.participants.count) applicants, was \(before.participants.count))"
        }
        guard name != (before.rosterFile as NSString).lastPathComponent else { return nil }
        return "roster \(name) (the same \(after.participants.count) applicants)"
    }

    /// What a what-if changed in the plan's goals: the objective and the targets (by label).
    static func goalChanges(_ before: Scenario, _ after: Scenario) -> [String] {
        var changes: [String] = []
        if before.measure != after.measure {
            changes.append("objective \(before.measure.rawValue) → \(after.measure.rawValue)")
        }
        let was = before.targets.map(\.label), now = after.targets.map(\.label)
        changes += now.filter { !was.contains($0) }.map { "target '\($0)' added" }
        changes += was.filter { !now.contains($0) }.map { "target '\($0)' removed" }
        for target in after.targets where was.contains(target.label) {
            guard let old = before.targets.first(where: { $0.label == target.label }) else { continue }
            if "\(old.requirement)" != "\(target.requirement)" || old.condition.source != target.condition.source {
                changes.append("target '\(target.label)' changed")
            }
        }
        return changes
    }

    /// "+3 served (7 → 10)", "0 more served (47)", with the weighted score when it differs.
    static func served(_ a: Plan, _ b: Plan) -> String {
        let delta = b.served.count - a.served.count
        var text =
            delta == 0
            ? "0 more served (\(a.served.count))"
            : "\(delta > 0 ? "+" : "−")\(abs(delta)) served (\(a.served.count) → \(b.served.count))"
        if (a.isWeighted || b.isWeighted) && abs(a.weightedServed - b.weightedServed) > 1e-9 {
            text += ", weighted score \(amount(a.weightedServed)) → \(amount(b.weightedServed))"
        }
        return text
    }

    /// What limits a plan: the cost category whose payers have the least room for those not
    /// served (who could be: eligible and not blocked), with the streams that pay it.
    public static func limit(_ plan: Plan, _ scenario: Scenario, _ analyses: [ParticipantAnalysis]) -> String {
        let notServed = Set(plan.notServed.map(\.id))
        guard !notServed.isEmpty else { return "everyone is served" }
        let left: [Int64?] = scenario.streams.map { stream in
            guard let limit = stream.limit else { return nil }
            return max(0, limit - (plan.streams.first { $0.id == stream.id }?.used ?? 0))
        }
        // Per category, the dollars its payers lack for those who could be served.
        var short: [CostCategory: Int64] = [:]
        var payers: [CostCategory: Set<Int>] = [:]
        var servable = 0
        for a in analyses where notServed.contains(a.person.id) && a.blocker == nil {
            servable += 1
            for p in a.payers {
                let room = p.streams.reduce(Int64(0)) { $0 + (left[$1] ?? a.upper($1, p.category, need: p.need)) }
                if room < p.need {
                    short[p.category, default: 0] += p.need - room
                    payers[p.category, default: []].formUnion(p.streams)
                }
            }
        }
        guard servable > 0 else { return "everyone who may be served is served (the rest are not eligible)" }
        guard let (category, _) = short.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else {
            return "money is not the limit: priority of service, seats, targets or matching rules decide"
        }
        let streams = (payers[category] ?? []).sorted()
        let spent = streams.filter { (left[$0] ?? .max) < 100 }.map { scenario.streams[$0].id }
        let low = streams.filter { (left[$0] ?? .max) >= 100 && left[$0] != nil }.prefix(2).map {
            "\(scenario.streams[$0].id) has only \(formatDollars(left[$0]!)) left"
        }
        let capped = streams.filter { left[$0] == nil }.map { scenario.streams[$0].id }
        var who: [String] = []
        if !spent.isEmpty { who.append(list(spent) + " spent") }
        who += low
        if !capped.isEmpty { who.append(list(capped) + " at \(capped.count == 1 ? "its" : "their") cap") }
        return "\(phrase(category)) money is the limit"
            + (who.isEmpty ? "" : " (\(who.joined(separator: "; ")))")
    }

    /// The headline of a sweep: the range, what it served, and where more stopped helping.
    public static func sweep(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        guard let first = points.first, let last = points.last else { return "no points" }
        if axes.count == 2 {
            let best = points.max {
                ($0.plan.weightedServed, -$0.values[0] - $0.values[1]) < (
                    $1.plan.weightedServed, -$1.values[0] - $1.values[1]
                )
            }!
            let least = points.min { $0.plan.served.count < $1.plan.served.count }!
            return
                "\(axes[0].key) × \(axes[1].key): served from \(least.plan.served.count) (\(at(axes, least))) to \(best.plan.served.count) (\(at(axes, best)))."
        }
        let axis = axes[0]
        var text =
            "\(axis.key) from \(value(axis, first.values[0])) to \(value(axis, last.values[0])): "
            + served(first.plan, last.plan)
        for id in SweepReport.movingPools(points) {
            text += ", \(id)-eligible applicants \(first.eligible[id] ?? 0) → \(last.eligible[id] ?? 0)"
        }
        // The first point that serves as many as the last: beyond it more serves no one more.
        if first.plan.served.count != last.plan.served.count,
            let plateau = points.first(where: { $0.plan.served.count >= last.plan.served.count }),
            plateau.values[0] != last.values[0]
        {
            text += "; no more served past \(value(axis, plateau.values[0]))"
        }
        if axis.isMoney, last.values[0] > first.values[0], last.plan.served.count > first.plan.served.count {
            let perDollar =
                Double(last.plan.served.count - first.plan.served.count) / (last.values[0] - first.values[0])
            let step = MarginalText.step(perDollar)
            text +=
                " (about \(MarginalText.amount(perDollar * Double(step))) more per \(formatDollars(step * 100)) over the range)"
        }
        return text + "."
    }

    /// A category inside a sentence: "tuition", "OJT wages".
    static func phrase(_ category: CostCategory) -> String {
        let label = category.label
        guard let second = label.dropFirst().first, second.isLowercase else { return label }
        return label.prefix(1).lowercased() + label.dropFirst()
    }

    static func at(_ axes: [SweepAxis], _ p: SweepPoint) -> String {
        zip(axes, p.values).map { "\($0.key) \(value($0, $1))" }.joined(separator: ", ")
    }

    static func value(_ axis: SweepAxis, _ v: Double) -> String {
        axis.isMoney ? formatDollars(Int64((v * 100).rounded())) : formatNumber(v)
    }

    static func signedDollars(_ cents: Int64) -> String { (cents > 0 ? "+" : "−") + formatDollars(abs(cents)) }

    static func amount(_ x: Double) -> String {
        x == x.rounded() ? NumberText.fixed(x, 0) : NumberText.fixed(x, 2)
    }

    static func list(_ ids: [String]) -> String {
        ids.count <= 1 ? ids.joined() : ids.dropLast().joined(separator: ", ") + " and " + ids.last!
    }
}
